// The background service worker. Listeners must be registered synchronously at start-up (a
// worker woken by an event would miss it otherwise), so this file only wires events; the wasm
// does the work once it has loaded.
import init, { badge_stream, handle_message, handle_tab_updated, storage_changed } from './pkg/worker.js';

// The session token lives in chrome.storage.local, which content scripts (inside pages we don't
// trust) could otherwise read and write: only the extension's own contexts may.
const locked = chrome.storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' })
  .catch((error) => console.error('ProvenBase → Lever: cannot restrict storage to the extension', error));
// The wasm loads meanwhile (a woken worker answers sooner); nothing is handled before both.
const ready = Promise.all([locked, init({ module_or_path: new URL('./pkg/worker_bg.wasm', import.meta.url) })]);

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  ready
    .then(() => handle_message(message, sender))
    .then(sendResponse, (error) => sendResponse({ kind: 'failed', message: String(error) }));
  return true; // the answer comes asynchronously
});

// The worker keeps the backend's URL and the session between messages: it reads them again
// when they change (a policy pushed, a sign-out in another context).
chrome.storage.onChanged.addListener((changes, area) => ready.then(() => storage_changed(area, Object.keys(changes))));

// The connect flow: Lever's tab ends on the backend's done page.
chrome.tabs.onUpdated.addListener((tabId, changeInfo) => {
  if (changeInfo.url) ready.then(() => handle_tab_updated(tabId, changeInfo.url));
});

// Live: one event stream per browser (the backend's `/api/v1/events`), held here while anyone
// listens, and fanned out: ProvenBase tabs listen on `pbl-live` ports and get `index_changed` (each
// then checks its cards once); the extension's own pages (task popover, task manager) listen on
// `pbl-tasks` ports and get the task list at each change. Nobody polls. Task lists go only to the
// extension's pages, never to a content script (its page may be hostile).
const live = { tabs: new Set(), pages: new Set() };
let lastTasks = null; // the stream's last task list (JSON text), for a page that starts listening
let liveStream = null; // the AbortController of the stream being read, if any
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const listening = () => live.tabs.size + live.pages.size;

chrome.runtime.onConnect.addListener((port) => {
  const sender = port.sender;
  if (!sender || sender.id !== chrome.runtime.id) return;
  const fromPage = String(sender.url || '').startsWith('chrome-extension://');
  let listeners;
  if (port.name === 'pbl-live' && sender.tab) listeners = live.tabs;
  else if (port.name === 'pbl-tasks' && fromPage) listeners = live.pages;
  else return;
  listeners.add(port);
  port.onDisconnect.addListener(() => {
    listeners.delete(port);
    if (listening() === 0 && liveStream) { liveStream.abort(); liveStream = null; lastTasks = null; }
  });
  if (listeners === live.pages && lastTasks !== null) port.postMessage({ kind: 'tasks', data: lastTasks });
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
              if (/^event: changed$/m.test(event)) for (const port of live.tabs) port.postMessage({ kind: 'index_changed' });
              if (/^event: tasks$/m.test(event)) {
                const data = /^data: (.*)$/m.exec(event);
                if (data) {
                  lastTasks = data[1];
                  for (const port of live.pages) port.postMessage({ kind: 'tasks', data: lastTasks });
                }
              }
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

// An extension API call keeps the worker (and so the stream) alive while anyone listens.
setInterval(() => { if (listening() > 0) chrome.runtime.getPlatformInfo(() => {}); }, 20000);
