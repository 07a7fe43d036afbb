// Content scripts can't be ES modules: this classic script imports the content script's wasm
// glue and starts it. Where the page's CSP forbids compiling wasm in content scripts (see
// docs/TOOLCHAIN.md, "The page-CSP trap"), the import fails and `fallback.js` takes over.
//
// It runs at `document_start`, while the page still downloads and parses: the worker is asked
// for this page's adapter (which wakes it if it sleeps) and the wasm is fetched while the glue
// loads, so that when the cards are parsed everything is ready to read them and the first check
// goes at once.
(async () => {
  const adapter = chrome.runtime.sendMessage({ kind: 'page_adapter', path: location.pathname });
  const wasm = fetch(chrome.runtime.getURL('pkg/content_bg.wasm'));
  // Whoever awaits them sees their failure; unawaited, a failure is not an unhandled rejection.
  adapter.catch(() => {});
  wasm.catch(() => {});
  try {
    const content = await import(chrome.runtime.getURL('pkg/content.js'));
    await content.default({ module_or_path: wasm });
    content.start_content(adapter);
  } catch (error) {
    document.documentElement.dataset.provenbaseLever = 'fallback';
    console.info('ProvenBase → Lever: this page blocks wasm; using the fallback content script.', error);
    pblFallback();
  }
})();
