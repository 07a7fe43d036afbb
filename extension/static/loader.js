// Content scripts can't be ES modules: this classic script imports the content script's wasm
// glue and starts it. Where the page's CSP forbids compiling wasm in content scripts (see
// docs/TOOLCHAIN.md, "The page-CSP trap"), the import fails and `fallback.js` takes over.
(async () => {
  // Wake the background worker now, while the content script's wasm compiles: its first
  // answer is then not also waiting for the worker to start.
  chrome.runtime.sendMessage({ kind: 'ping' }).catch(() => {});
  try {
    const content = await import(chrome.runtime.getURL('pkg/content.js'));
    await content.default({ module_or_path: chrome.runtime.getURL('pkg/content_bg.wasm') });
    content.start_content();
  } catch (error) {
    document.documentElement.dataset.provenbaseLever = 'fallback';
    console.info('ProvenBase → Lever: this page blocks wasm; using the fallback content script.', error);
    pblFallback();
  }
})();
