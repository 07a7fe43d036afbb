// Boots the wasm for an extension page and starts the entry point named on <body data-start>.
import init, * as extension from './pkg/extension.js';

await init({ module_or_path: new URL('./pkg/extension_bg.wasm', import.meta.url) });
extension[document.body.dataset.start]();
