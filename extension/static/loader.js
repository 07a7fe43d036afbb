// Starts the content script's wasm (its glue, `pkg/content.js`, and its bytes, `pkg/content_wasm.js`,
// are the content scripts loaded just before this one). Where the page's CSP forbids compiling
// wasm in content scripts (see docs/TOOLCHAIN.md, "The page-CSP trap"), starting fails and
// `fallback.js` takes over.
//
// It runs at `document_start`, while the page still downloads and parses: the worker is asked
// for this page's adapter (which wakes it if it sleeps) while the wasm compiles (off the main
// thread, from bytes that came with the script: no fetch), so that when the cards are parsed
// everything is ready to read them and the first check goes at once.
(async () => {
  const adapter = chrome.runtime.sendMessage({ kind: 'page_adapter', path: location.pathname });
  // Whoever awaits it sees its failure; unawaited, a failure is not an unhandled rejection.
  adapter.catch(() => {});
  try {
    const encoded = globalThis.pblContentWasm;
    delete globalThis.pblContentWasm;
    const bytes = Uint8Array.fromBase64
      ? Uint8Array.fromBase64(encoded)
      : Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
    await wasm_bindgen({ module_or_path: await WebAssembly.compile(bytes) });
    wasm_bindgen.start_content(adapter);
  } catch (error) {
    document.documentElement.dataset.provenbaseLever = 'fallback';
    console.info('ProvenBase → Lever: this page blocks wasm; using the fallback content script.', error);
    pblFallback();
  }
})();
