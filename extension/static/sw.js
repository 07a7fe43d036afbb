// The background service worker. Listeners must be registered synchronously at start-up (a
// worker woken by an event would miss it otherwise), so this file only wires events; the wasm
// does the work once it has loaded.
import init, { badge_stream, handle_message, handle_tab_updated } from './pkg/worker.js';

// The session token lives in chrome.storage.local, which content scripts (inside pages we don't
// trust) could otherwise read and write: only the extension's own contexts may.
const locked = chrome.storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' })
  .catch((error) => console.error('ProvenBase → Lever: cannot restrict storage to the extension', error));
const ready = locked.then(() => init({ module_or_path: new URL('./pkg/worker_bg.wasm', import.meta.url) }));

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

// Live badges: one event stream per browser (the backend's `check/events`), held here while any
// ProvenBase tab listens on a `pbl-live` port, and fanned out to those tabs; each then checks its
// cards once. No tab polls the check route.
const liveTabs = new Set();
let liveStream = null; // the AbortController of the stream being read, if any
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== 'pbl-live' || !port.sender || !port.sender.tab || port.sender.id !== chrome.runtime.id) return;
  liveTabs.add(port);
  port.onDisconnect.addListener(() => {
    liveTabs.delete(port);
    if (liveTabs.size === 0 && liveStream) { liveStream.abort(); liveStream = null; }
  });
  if (!liveStream) readLiveStream();
});

async function readLiveStream() {
  const stream = new AbortController();
  liveStream = stream;
  let delay = 1000;
  while (liveStream === stream) {
    try {
      const target = await ready.then(() => badge_stream());
      if (target) {
        const res = await fetch(target.url, {
          headers: { Authorization: `Bearer ${target.token}`, Accept: 'text/event-stream' },
          signal: stream.signal,
        });
        if (res.ok && res.body) {
          delay = 1000;
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const event = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              if (/^event: changed$/m.test(event)) for (const port of liveTabs) port.postMessage({ kind: 'index_changed' });
            }
          }
        }
      }
    } catch (_) {
      if (liveStream !== stream) return; // closed on purpose: the last tab went away
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 30000);
  }
}

// An extension API call keeps the worker (and so the stream) alive while tabs listen.
setInterval(() => { if (liveTabs.size > 0) chrome.runtime.getPlatformInfo(() => {}); }, 20000);
