// The background service worker. Listeners must be registered synchronously at start-up (a
// worker woken by an event would miss it otherwise), so this file only wires events; the wasm
// does the work once it has loaded.
import init, { handle_message, handle_tab_updated } from './pkg/extension.js';

const ready = init({ module_or_path: new URL('./pkg/extension_bg.wasm', import.meta.url) });

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  ready
    .then(() => handle_message(message, sender))
    .then(sendResponse, (error) => sendResponse({ kind: 'failed', message: String(error) }));
  return true; // the answer comes asynchronously
});

// The connect flow: Lever's tab ends on the backend's done page.
chrome.tabs.onUpdated.addListener((tabId, changeInfo) => {
  if (changeInfo.url) ready.then(() => handle_tab_updated(tabId, changeInfo.url));
});
