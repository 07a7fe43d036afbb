// Content scripts can't be ES modules: this classic script imports the wasm glue and starts the
// content script. A page whose CSP forbids compiling wasm in content scripts (see TOOLCHAIN.md,
// "The page-CSP trap") makes this fail; we mark the page so the fallback can take over.
(async () => {
  try {
    const extension = await import(chrome.runtime.getURL('pkg/content.js'));
    await extension.default({ module_or_path: chrome.runtime.getURL('pkg/content_bg.wasm') });
    extension.start_content();
  } catch (error) {
    document.documentElement.dataset.provenbaseLever = 'wasm-blocked';
    console.warn('ProvenBase → Lever could not start on this page:', error);
  }
})();
