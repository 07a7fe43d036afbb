// The content script's fallback, used only where the page's Content-Security-Policy stops
// content scripts from compiling wasm (a long-standing Chromium bug: content scripts share the
// page's CSP for WebAssembly). It decides nothing. It reads the page with `reader.js`, sends what
// it read to the background worker, where the content-script brain (`shared::content`, the Rust
// module the wasm content script runs itself) decides, and draws the steps it gets back with
// `draw.js` (its frames too), as the wasm one does. Page text is only ever set as text.
'use strict';

// eslint-disable-next-line no-unused-vars
async function pblFallback() {
  const send = (message) => chrome.runtime.sendMessage(message);
  const event = (e) => send({ kind: 'content', event: e });
  let started = await event({ event: 'start', path: location.pathname });
  if (!started || started.kind !== 'content_started' || !started.adapter) return;
  // The scripts run at `document_start`: the cards the server rendered are there once it is
  // parsed. In that task (a task of our own would wait for the page's first frame); the first
  // read is sliced.
  if (document.readyState === 'loading') {
    await new Promise((parsed) => document.addEventListener('DOMContentLoaded', parsed, { once: true }));
  }
  const adapter = started.adapter;
  const within = adapter.within || [];

  // Reading the page: `reader.js`, the reader of the wasm content script too.
  const adapterJson = JSON.stringify(adapter);
  const readPage = () => {
    const [elements, json] = pblReader.read(adapterJson, host.isConnected);
    return [elements, JSON.parse(json)];
  };

  // Our UI, in a closed shadow root (what it says about Lever is not the page's to read), drawn
  // by `draw.js`, the drawer of the wasm content script too.
  const element = (tag, className) => {
    const el = document.createElement(tag);
    el.className = className;
    return el;
  };
  const host = document.createElement('provenbase-lever');
  host.dataset.mode = 'fallback';
  const hostRoot = host.attachShadow({ mode: 'closed' });
  document.body.append(host);
  // Our row in ProvenBase's list of ATS integrations (the first step frames our page in it).
  let row = null;
  const integrations = adapter.integrations && document.querySelector(adapter.integrations);
  if (integrations) {
    const item = element('li', 'integration');
    item.setAttribute('data-ats', 'lever');
    const rowHost = document.createElement('provenbase-lever-row');
    item.append(rowHost);
    integrations.append(item);
    row = rowHost.attachShadow({ mode: 'closed' });
  }

  let trigger = null;
  const ui = pblDraw.mount({
    host,
    root: hostRoot,
    row,
    barStyle: started.bar_style,
    badgeStyle: started.badge_style,
    adapter: adapterJson,
    // Frames: extension pages, each loaded under a one-time ticket from the worker.
    loadFrame: async (frame, purpose, page, query) => {
      const ticket = await send({ kind: 'frame_ticket', purpose });
      if (ticket && ticket.kind === 'frame_ticket') frame.src = `${chrome.runtime.getURL(page)}${query}#${ticket.ticket}`;
      else frame.remove();
    },
    onExport: (_id, button) => {
      trigger = button;
      const card = cards.findIndex((c) => c.contains(button.getRootNode().host));
      act(() => ({ event: 'export', card }));
    },
    onExportSelected: () => act(() => ({ event: 'export_selected' })),
    onTasks: () => act(() => ({ event: 'toggle_tasks' })),
    onToggleBar: () => act(() => ({ event: 'toggle_bar' })),
    onMoveBar: () => act(() => ({ event: 'move_bar' })),
  });

  // Steps from the brain.
  let cards = [];
  let observer = null;
  let waking = false;
  const drawPlan = (plan) => {
    ui.plan(cards, plan);
    if (observer) observer.takeRecords();
    if (plan.wake_in_ms !== undefined && !waking) {
      waking = true;
      setTimeout(() => { waking = false; scan(); }, plan.wake_in_ms);
    }
  };
  const run = (step) => {
    if (!step) return;
    if (step.plan) drawPlan(step.plan);
    if (step.frames && step.frames.length) ui.frames(step.frames, trigger);
    if (step.read_cards) {
      const whole = JSON.parse(pblReader.readCards(adapterJson, cards, step.read_cards));
      act(() => ({ event: 'export_read', cards: whole }));
    }
    if (step.report_empty) host.setAttribute('data-empty-reported', 'true'); // the worker sent it
  };
  // `make` makes the event when it is sent. The worker may have been stopped since the last one
  // (its brains with it): then it starts again, reads the page, and makes the event again.
  const act = async (make, again = false) => {
    const reply = await event(make());
    if (reply && reply.kind === 'failed' && reply.message === 'restart' && !again) {
      await event({ event: 'start', path: location.pathname });
      if (make !== scanEvent) await act(scanEvent, true);
      return act(make, true);
    }
    if (reply && reply.kind === 'content') run(reply.step);
  };
  let reads = 0;
  const scanEvent = () => {
    const [elements, read] = readPage();
    reads += 1;
    cards = elements;
    if (within.length) observeRoots();
    return { event: 'scan', read };
  };
  const scan = () => act(scanEvent);
  // The first read, in slices (a page that loads with 1,000 cards would be one long task); a
  // change read meanwhile is newer and whole, and is what goes instead.
  const firstScan = async () => {
    const before = reads;
    const [elements, json] = await pblReader.readInSlices(adapterJson, host.isConnected, 4, 15);
    await act(() => {
      if (reads !== before) return scanEvent();
      reads += 1;
      cards = elements;
      if (within.length) observeRoots();
      return { event: 'scan', read: JSON.parse(json) };
    });
  };

  run(started.step);
  // A box checked or unchecked: read the page again (no DOM mutation tells us).
  document.addEventListener('change', () => scan());
  // What our frames tell the page, from the extension's origin only (its per-session dynamic
  // id, or its own id; a page can't forge either).
  const extensionOrigins = [chrome.runtime.getURL('').replace(/\/$/, ''), `chrome-extension://${chrome.runtime.id}`];
  window.addEventListener('message', (e) => {
    if (!extensionOrigins.includes(e.origin) || !e.data || typeof e.data.type !== 'string') return;
    act(() => ({ event: 'frame', message: { type: e.data.type, detail: e.data.detail ?? null } }));
  });
  // Read at once (a microtask after the change, before the page renders it); our own drawing
  // is not a change (`drawPlan` takes its records).
  const onChange = () => scan();
  observer = new MutationObserver(onChange);
  observer.observe(document.body, { childList: true, subtree: true });
  // The shadow roots and frames the adapter reads cards in, observed once each; a frame's load
  // (load events don't bubble; they are seen on the way down).
  const observed = new Set();
  const observeRoots = () => {
    for (const root of pblReader.roots(adapterJson).slice(1)) {
      if (!observed.has(root)) { observed.add(root); observer.observe(root, { childList: true, subtree: true }); }
    }
  };
  if (within.length) document.addEventListener('load', onChange, true);
  firstScan();
  setTimeout(() => act(() => ({ event: 'empty_check' })), started.empty_grace_ms);
  // Live badges: news from the worker's one stream; the brain checks every card again.
  const listenLive = () => {
    const port = chrome.runtime.connect({ name: 'pbl-live' });
    port.onMessage.addListener((m) => { if (m && m.kind === 'index_changed') act(() => ({ event: 'refresh' })); });
    port.onDisconnect.addListener(() => setTimeout(listenLive, 1000));
  };
  listenLive();

  // What the worker asks of this page: draw a step (a check answered), or read profile pages for
  // the export dialog (this site only, the recruiter's own session, four at a time; parsed, never run).
  chrome.runtime.onMessage.addListener((message, sender, respond) => {
    if (sender.id !== chrome.runtime.id || sender.tab || !message) return false;
    if (message.kind === 'draw') { run(message.step); respond({ kind: 'done' }); return false; }
    if (message.kind !== 'read_profiles') return false;
    readProfiles(message.urls || []).then((profiles) => respond({ kind: 'profiles', profiles }));
    return true;
  });
  const readProfiles = async (urls) => {
    const selectors = started.profile_page;
    const list = (page, field) => (field ? [...page.querySelectorAll(field.selector)].map((e) => e.textContent.trim()).filter(Boolean) : []);
    const read = async (url) => {
      if (!selectors) return { url, failed: 'no way to read profile pages is configured' };
      if (!url.startsWith(`${location.origin}/`)) return { url, failed: 'not a page of this site' };
      try {
        const res = await fetch(url);
        if (!res.ok) return { url, failed: `the page answered ${res.status}` };
        const page = new DOMParser().parseFromString(await res.text(), 'text/html');
        return { url, summary: list(page, selectors.summary)[0] || null, experience: list(page, selectors.experience), education: list(page, selectors.education) };
      } catch (_) {
        return { url, failed: 'no answer' };
      }
    };
    const out = [];
    for (let i = 0; i < urls.length; i += 4) out.push(...(await Promise.all(urls.slice(i, i + 4).map(read))));
    return out;
  };
}
