// The content script's fallback, used only where the page's Content-Security-Policy stops
// content scripts from compiling wasm (a long-standing Chromium bug; see TOOLCHAIN.md, "The
// page-CSP trap"). It reads candidates with the same page adapter and draws the same badges;
// what each badge says is decided by the background worker (Rust, `shared::badge`). Page text is
// only ever set as text. Memory stays bounded: one entry per distinct person, at most MAX_KNOWN.
'use strict';

// eslint-disable-next-line no-unused-vars
async function pblFallback() {
  const MAX_KNOWN = 5000;
  const RESCAN_DELAY_MS = 16;
  const CHUNK = 1000;
  const PAGE_NAMES = { projects: 'Projects', sourcing_lab: 'SourcingLab', candidate_lake: 'CandidateLake', profile_settings: 'ProfileSettings' };
  const send = (message) => chrome.runtime.sendMessage(message);

  const answer = await send({ kind: 'page_adapter', path: location.pathname });
  const adapter = answer && answer.adapter;
  if (!adapter) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(answer.badge_style);

  const host = document.createElement('provenbase-lever');
  host.dataset.page = PAGE_NAMES[adapter.page] || adapter.page;
  host.dataset.mode = 'fallback';
  const hostRoot = host.attachShadow({ mode: 'open' });
  document.body.append(host);

  // Export: the dialog is an extension page in a frame, as in the wasm content script.
  const people = new Map();
  const exportPerson = async (id) => {
    const c = people.get(id);
    const view = views.get(id);
    if (!c || c.locked) return;
    const candidate = { ref_id: id, name: c.name, title: c.title, company: c.company, emails: c.emails, phones: c.phones,
      linkedin: c.linkedin, location: c.location, skills: c.skills, experience: [], education: [], locked: false };
    const staged = await send({ kind: 'stage_export', candidates: [{ candidate, in_lever: !!view && view.kind === 'exact' }] });
    if (!staged || staged.kind !== 'staged') return;
    const frame = document.createElement('iframe');
    frame.className = 'pbl-export-frame';
    frame.title = 'Export to Lever';
    frame.src = chrome.runtime.getURL(`export.html?stage=${staged.id}`);
    frame.style.cssText = 'position:fixed;inset:0;width:100vw;height:100vh;border:0;z-index:2147483646;background:transparent;';
    hostRoot.append(frame);
  };
  const extensionOrigin = chrome.runtime.getURL('').replace(/\/$/, '');
  window.addEventListener('message', (event) => {
    if (event.origin !== extensionOrigin || !event.data || event.data.type !== 'pbl-export-closed') return;
    for (const frame of hostRoot.querySelectorAll('.pbl-export-frame')) frame.remove();
    if (event.data.detail) host.dataset.exportStarted = event.data.detail;
  });

  const values = (card, field) => {
    if (!field) return [];
    return [...card.querySelectorAll(field.selector)]
      .map((el) => (field.attr ? el.getAttribute(field.attr) : el.textContent) || '')
      .map((v) => v.trim())
      .filter(Boolean);
  };
  const read = (card) => {
    const f = adapter.fields || {};
    const first = (field) => values(card, field)[0] || null;
    return {
      name: first(f.name) || '',
      title: first(f.title),
      company: first(f.company),
      emails: values(card, f.emails),
      phones: values(card, f.phones),
      linkedin: first(f.linkedin),
      location: first(f.location),
      skills: values(card, f.skills),
      locked: !!f.locked && (card.matches(f.locked) || !!card.querySelector(f.locked)),
    };
  };

  const ids = new Map();
  const views = new Map();
  const inFlight = new Set();
  const idOf = (c) => {
    const key = JSON.stringify([c.name, c.company, c.emails, c.phones, c.linkedin]);
    if (!ids.has(key)) {
      if (ids.size >= MAX_KNOWN) { ids.clear(); views.clear(); people.clear(); }
      ids.set(key, String(ids.size));
    }
    return ids.get(key);
  };

  const draw = (card, view, locked, id) => {
    const anchor = (adapter.fields && adapter.fields.name && card.querySelector(adapter.fields.name.selector)) || card;
    const badgeHost = document.createElement('provenbase-lever-badge');
    badgeHost.dataset.ref = id;
    const shadow = badgeHost.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [sheet];
    badgeHost.dataset.match = view.kind;
    badgeHost.dataset.archived = String(view.archived);
    if (view.stage) badgeHost.dataset.stage = view.stage;
    const badge = document.createElement(view.href ? 'a' : 'span');
    if (view.href) { badge.href = view.href; badge.target = '_blank'; badge.rel = 'noopener noreferrer'; }
    badge.className = `badge ${view.kind}${view.archived ? ' archived' : ''}`;
    badge.textContent = view.label;
    badge.title = view.title;
    badge.setAttribute('aria-label', `${view.label}. ${view.title}`);
    shadow.append(badge);
    if (locked) {
      badgeHost.dataset.locked = 'true';
      const lock = document.createElement('span');
      lock.className = 'badge locked';
      lock.textContent = 'Locked · unlock to export';
      shadow.append(lock);
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'badge export';
    button.textContent = 'Export to Lever';
    if (locked) button.disabled = true;
    else button.addEventListener('click', () => exportPerson(id));
    shadow.append(button);
    anchor.append(badgeHost);
  };

  let scheduled = false;
  const scan = () => {
    scheduled = false;
    if (!adapter.candidate) { host.dataset.candidates = '0'; return; }
    const cards = [...document.querySelectorAll(adapter.candidate)].map((card) => [card, read(card)]);
    host.dataset.candidates = String(cards.length);
    host.dataset.locked = String(cards.filter(([, c]) => c.locked).length);
    const unknown = [];
    for (const [card, c] of cards) {
      if (card.querySelector('provenbase-lever-badge')) continue;
      const id = idOf(c);
      people.set(id, c);
      if (views.has(id)) draw(card, views.get(id), c.locked, id);
      else if (!inFlight.has(id)) { inFlight.add(id); unknown.push({ ref_id: id, name: c.name, company: c.company, emails: c.emails, phones: c.phones, linkedin: c.linkedin }); }
    }
    for (let i = 0; i < unknown.length; i += CHUNK) check(unknown.slice(i, i + CHUNK));
  };
  const check = async (candidates) => {
    const reply = await send({ kind: 'check_cards', candidates });
    for (const c of candidates) inFlight.delete(c.ref_id);
    if (reply && reply.kind === 'badges') {
      for (const b of reply.badges) views.set(b.ref_id, b);
      scan();
    } else {
      host.dataset.note = (reply && reply.message) || 'Lever badges unavailable';
    }
  };
  new MutationObserver(() => {
    if (!scheduled) { scheduled = true; setTimeout(scan, RESCAN_DELAY_MS); }
  }).observe(document.body, { childList: true, subtree: true });
  scan();
}
