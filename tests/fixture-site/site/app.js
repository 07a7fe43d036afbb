// The fixture ProvenBase app: just enough client-side behaviour to look like the real one
// (lists loaded after the page, infinite scroll, client-side filtering). Everything read from
// data is inserted with textContent, never as HTML.
'use strict';

const el = (tag, props = {}, children = []) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
};

const loadCandidates = () => fetch('/data/candidates.json').then((r) => r.json());

// Projects: cards, the first ones rendered by the server, more on "Load more".
function projectCard(c) {
  const contacts = c.locked ? [el('p', { class: 'cand-lock', text: 'Locked · unlock to see contact details' })] : [
    el('ul', { class: 'cand-contacts' }, [
      ...c.emails.map((e) => el('li', {}, [el('a', { class: 'cand-email', href: `mailto:${e}`, text: e })])),
      ...c.phones.map((p) => el('li', { class: 'cand-phone', text: p })),
    ]),
    c.linkedin ? el('a', { class: 'cand-linkedin', href: c.linkedin, text: 'LinkedIn' }) : null,
  ];
  return el('article', { class: `cand-card${c.locked ? ' is-locked' : ''}`, 'data-candidate-id': c.id, 'data-fixture-candidate': '', 'data-fixture-id': c.id }, [
    el('label', { class: 'cand-check' }, [el('input', { type: 'checkbox', class: 'cand-select', 'aria-label': `Select ${c.name}` })]),
    el('h3', { class: 'cand-name', text: c.name }),
    el('a', { class: 'cand-profile', href: `/app/candidates/${c.id}`, text: 'View profile' }),
    el('p', { class: 'cand-headline' }, [el('span', { class: 'cand-title', text: c.title }), document.createTextNode(' at '), el('span', { class: 'cand-company', text: c.company })]),
    el('p', { class: 'cand-location', text: c.location }),
    ...contacts,
    el('ul', { class: 'cand-skills' }, c.skills.map((s) => el('li', { text: s }))),
  ]);
}

// Benchmarks: insert the waiting cards at once and note when every one has a badge (the
// extension's badges are elements named provenbase-lever-badge).
function benchCards(grid) {
  const template = document.getElementById('bench-cards');
  if (!template) return;
  document.getElementById('insert-cards').addEventListener('click', () => {
    const cards = template.content.querySelectorAll('[data-candidate-id]').length;
    new MutationObserver((_, observer) => {
      if (window.__badgedAt === undefined && grid.querySelectorAll('provenbase-lever-badge').length >= cards) {
        window.__badgedAt = performance.now();
        observer.disconnect();
      }
    }).observe(grid, { childList: true, subtree: true });
    window.__insertedAt = performance.now();
    grid.append(template.content.cloneNode(true));
  });
}

// Pages nobody here wrote, for the benchmarks and the real-page tests:
// `?defer=1&stream=50` streams the waiting cards in, one every 50 ms (`window.__streamed` when done);
// `?hostile=1` removes everything the extension injects the moment it appears, counting in
// `window.__injected` how often it came back.
function realPages(grid) {
  const params = new URLSearchParams(location.search);
  const every = Number(params.get('stream'));
  const template = document.getElementById('bench-cards');
  if (every > 0 && template) {
    const waiting = [...template.content.querySelectorAll('[data-candidate-id]')];
    const timer = setInterval(() => {
      const next = waiting.shift();
      if (next) grid.append(next);
      else { clearInterval(timer); window.__streamed = performance.now(); }
    }, every);
  }
  if (params.get('hostile') === '1') {
    window.__injected = 0;
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.nodeType !== 1) continue;
          const ours = node.matches('provenbase-lever, provenbase-lever-badge') ? [node] : [...node.querySelectorAll('provenbase-lever, provenbase-lever-badge')];
          for (const el of ours) { window.__injected += 1; el.remove(); }
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  }
}

// Benchmarks of a page as it loads: `window.__badgedAt` is when every card rendered with the page
// has its badge (ms since navigation started), and `window.__longestTask` the longest task on the
// page's main thread so far (the Long Tasks API; the extension's work runs on the same thread).
function loadTimings(grid) {
  const cards = grid.querySelectorAll('[data-candidate-id]').length;
  const badged = () => {
    if (window.__badgedAt === undefined && grid.querySelectorAll('provenbase-lever-badge').length >= cards) {
      window.__badgedAt = performance.now();
    }
    return window.__badgedAt !== undefined;
  };
  if (cards > 0 && !badged()) {
    new MutationObserver((_, observer) => { if (badged()) observer.disconnect(); }).observe(grid, { childList: true, subtree: true });
  }
  window.__longestTask = 0;
  new PerformanceObserver((list) => {
    for (const task of list.getEntries()) window.__longestTask = Math.max(window.__longestTask, task.duration);
  }).observe({ type: 'longtask', buffered: true });
}

function projects() {
  const grid = document.getElementById('cand-grid');
  loadTimings(grid);
  benchCards(grid);
  realPages(grid);
  const more = document.getElementById('load-more');
  more.addEventListener('click', async () => {
    const shown = grid.querySelectorAll('[data-candidate-id]').length;
    const all = await loadCandidates();
    for (const c of all.slice(shown)) grid.append(projectCard(c));
    more.hidden = true;
  });
  document.querySelector('.select-all').addEventListener('change', (e) => {
    for (const box of grid.querySelectorAll('.cand-select')) box.checked = e.target.checked;
  });
}

// Sourcing Lab: table rows, fetched after load and appended in batches as the user scrolls.
// `?variant=redesign` renders the same rows with other class names, as a ProvenBase redesign would.
const redesign = new URLSearchParams(location.search).get('variant') === 'redesign';
function sourcingRow(c) {
  if (redesign) {
    return el('tr', { class: 'result-row', 'data-fixture-candidate': '', 'data-fixture-id': c.id }, [
      el('td', { class: 'result-name', text: c.name }),
      el('td', { class: 'result-role', text: c.title }),
      el('td', { class: 'result-org', text: c.company }),
      el('td', {}, c.locked ? [el('em', { class: 'result-locked', text: 'Locked' })] : c.emails.map((e) => el('span', { class: 'result-mail', text: e }))),
    ]);
  }
  const contact = c.locked ? [el('span', { class: 'sl-locked', text: '🔒 Locked' })] : [
    ...c.emails.map((e) => el('a', { class: 'sl-mail', href: `mailto:${e}`, text: e })),
    ...c.phones.map((p) => el('span', { class: 'sl-tel', text: p })),
    c.linkedin ? el('a', { class: 'sl-li', href: c.linkedin, text: 'in' }) : null,
  ];
  return el('tr', { class: `sl-row${c.locked ? ' is-locked' : ''}`, 'data-row-id': c.id, 'data-fixture-candidate': '', 'data-fixture-id': c.id }, [
    el('td', {}, [el('input', { type: 'checkbox', class: 'sl-pick', 'aria-label': `Select ${c.name}` })]),
    el('td', { class: 'sl-name', text: c.name }),
    el('td', { class: 'sl-position', text: c.title }),
    el('td', { class: 'sl-employer', text: c.company }),
    el('td', { class: 'sl-contact' }, contact),
    el('td', { class: 'sl-loc', text: c.location }),
  ]);
}

async function sourcingLab() {
  const body = document.getElementById('sl-body');
  const sentinel = document.getElementById('sl-sentinel');
  const all = await loadCandidates();
  const batch = 6;
  let shown = 0;
  const inView = () => sentinel.getBoundingClientRect().top < window.innerHeight;
  const more = () => {
    for (const c of all.slice(shown, shown + batch)) body.append(sourcingRow(c));
    shown = Math.min(all.length, shown + batch);
    if (shown >= all.length) { observer.disconnect(); sentinel.textContent = 'No more results'; return; }
    // Still at the bottom after this batch (a tall window): keep loading, as real infinite scroll does.
    requestAnimationFrame(() => { if (inView()) setTimeout(more, 150); });
  };
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) setTimeout(more, 150);
  });
  more();
  observer.observe(sentinel);
}

// Candidate Lake: a list the page re-renders from scratch whenever the filter changes.
function lakeItem(c) {
  return el('li', { class: 'lake-item', 'data-fixture-candidate': '', 'data-fixture-id': c.id }, [
    el('div', { class: 'lake-person' }, [
      el('b', { class: 'lake-fullname', text: c.name }),
      c.locked ? el('span', { class: 'lake-badge-locked', text: 'Locked' }) : null,
    ]),
    el('div', { class: 'lake-role' }, [el('span', { class: 'lake-role-title', text: c.title }), document.createTextNode(' · '), el('span', { class: 'lake-role-org', text: c.company })]),
    el('div', { class: 'lake-where', text: c.location }),
    c.locked ? null : el('div', { class: 'lake-contact' }, [
      ...c.emails.map((e) => el('span', { class: 'lake-email', text: e })),
      ...c.phones.map((p) => el('span', { class: 'lake-phone', text: p })),
      c.linkedin ? el('a', { class: 'lake-linkedin', href: c.linkedin, text: 'LinkedIn profile' }) : null,
    ]),
  ]);
}

// `?embed=shadow` renders the results inside a web component's open shadow root, `?embed=frame`
// inside a same-origin frame: pages an adapter reaches only by descending (`within`).
async function embeddedList(list) {
  const embed = new URLSearchParams(location.search).get('embed');
  if (embed === 'shadow') {
    const host = document.createElement('pb-lake-results');
    list.replaceWith(host);
    const inner = el('ol', { class: 'lake-list' });
    host.attachShadow({ mode: 'open' }).append(inner);
    return inner;
  }
  if (embed === 'frame') {
    const frame = el('iframe', { 'data-pb-embed': '', title: 'Results', style: 'width:100%;height:70vh;border:0' });
    frame.srcdoc = '<!doctype html><meta charset="utf-8"><ol class="lake-list"></ol>';
    const loaded = new Promise((done) => frame.addEventListener('load', done, { once: true }));
    list.replaceWith(frame);
    await loaded;
    return frame.contentDocument.querySelector('ol');
  }
  return list;
}

async function candidateLake() {
  const list = await embeddedList(document.getElementById('lake-list'));
  const filter = document.getElementById('lake-filter');
  const all = await loadCandidates();
  const render = () => {
    const q = filter.value.trim().toLowerCase();
    const hits = all.filter((c) => !q || [c.name, c.title, c.company].some((f) => f.toLowerCase().includes(q)));
    list.replaceChildren(...hits.map(lakeItem));
  };
  filter.addEventListener('input', render);
  render();
}

const pages = { projects, 'sourcing-lab': sourcingLab, 'candidate-lake': candidateLake };
const start = pages[document.body.dataset.page];
if (start) start();
