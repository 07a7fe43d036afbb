// Reads ProvenBase's pages with a page adapter: the one reader of both content scripts (the wasm
// one calls it through wasm-bindgen, `src/content/reader.rs`; the strict-CSP fallback directly).
// It only ever reads text and attributes. It is JS because reading is thousands of DOM calls:
// here each is a native call, while from wasm each also copied its selector and its result across
// the boundary (1,000 cards took ~120 ms that way; here ~15 ms). What it read goes to the
// content-script brain (`shared::content`) as `PageRead` JSON.
'use strict';

globalThis.pblReader = (() => {
  const BADGE_TAG = 'provenbase-lever-badge';
  const parsed = new Map();
  const adapterOf = (json) => {
    if (!parsed.has(json)) parsed.set(json, JSON.parse(json));
    return parsed.get(json);
  };
  const all = (root, selector) => {
    try {
      return [...root.querySelectorAll(selector)];
    } catch (_) {
      return []; // a bad selector finds nothing
    }
  };
  // The document, then the open shadow roots and same-origin frame documents of the elements the
  // adapter's `within` selectors match (and theirs, three levels deep).
  const roots = (adapter) => {
    const within = adapter.within || [];
    const found = [document];
    let level = [document];
    for (let depth = 0; depth < 3 && within.length && level.length; depth += 1) {
      level = level
        .flatMap((root) => within.flatMap((selector) => all(root, selector)))
        .map((el) => (el.localName === 'iframe' ? el.contentDocument : el.shadowRoot))
        .filter(Boolean);
      found.push(...level);
    }
    return found;
  };
  // The trimmed text (or attribute) of `el`, empty when it has none.
  const valueOf = (el, field) => ((field.attr ? el.getAttribute(field.attr) : el.textContent) || '').trim();
  // The non-empty values of the elements matching `field` in `card` (a plain loop: a 1,000-card
  // page calls this 5,000 times).
  const values = (card, field) => {
    const found = [];
    if (!field) return found;
    let list;
    try {
      list = card.querySelectorAll(field.selector);
    } catch (_) {
      return found; // a bad selector finds nothing
    }
    for (let i = 0; i < list.length; i += 1) {
      const v = valueOf(list[i], field);
      if (v) found.push(v);
    }
    return found;
  };
  const one = (root, selector) => {
    try {
      return root.querySelector(selector);
    } catch (_) {
      return null;
    }
  };
  // The first non-empty value (most cards have one element per field: one lookup, no list; none
  // at all: no second lookup).
  const first = (card, field) => {
    if (!field) return null;
    const el = one(card, field.selector);
    if (!el) return null;
    return valueOf(el, field) || values(card, field)[0] || null;
  };
  // The card's link to its profile page: absolute, and only on this site (a page can't send the
  // recruiter's session elsewhere through us).
  const profileLink = (card, field) => {
    const link = field && one(card, field.selector);
    return link && typeof link.href === 'string' && link.href.startsWith(`${location.origin}/`) ? link.href : null;
  };
  // Who the card's person is: what their id and a check need. A scan reads only this (a
  // 1,000-card page in about half the time of reading every field).
  const identity = (card, f) => ({
    name: first(card, f.name) ?? '',
    company: first(card, f.company),
    emails: values(card, f.emails),
    phones: values(card, f.phones),
    linkedin: first(card, f.linkedin),
    locked: !!f.locked && (matches(card, f.locked) || one(card, f.locked) !== null),
  });
  // Every field an export takes.
  const whole = (card, f) => ({
    ...identity(card, f),
    title: first(card, f.title),
    location: first(card, f.location),
    skills: values(card, f.skills),
    summary: first(card, f.summary),
    experience: values(card, f.experience),
    education: values(card, f.education),
    profile_url: profileLink(card, f.profile),
  });
  const cardOf = (card, fields) => {
    const box = fields.select && one(card, fields.select);
    return { candidate: identity(card, fields), badged: one(card, BADGE_TAG) !== null, selected: !!(box && box.checked) };
  };
  const elementsOf = (adapter) => (adapter.candidate ? roots(adapter).flatMap((root) => all(root, adapter.candidate)) : []);
  const answer = (adapter, elements, cards, barAttached) => {
    const context = adapter.context ? one(document, adapter.context) : null;
    const read = { cards, bar_attached: barAttached, context: context ? context.textContent : null };
    return [elements, JSON.stringify(read)];
  };
  // Lets the page's input and rendering in between two slices of our work.
  const yieldToPage = () =>
    globalThis.scheduler && scheduler.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
  const matches = (el, selector) => {
    try {
      return el.matches(selector);
    } catch (_) {
      return false;
    }
  };
  return {
    BADGE_TAG,
    yieldToPage,
    /** The roots `read` reads cards in (the document first). */
    roots: (adapterJson) => roots(adapterOf(adapterJson)),
    /** `[cards, PageRead as JSON]`: every card element in page order, and who it holds. */
    read(adapterJson, barAttached) {
      const adapter = adapterOf(adapterJson);
      const fields = adapter.fields || {};
      const elements = elementsOf(adapter);
      return answer(adapter, elements, elements.map((card) => cardOf(card, fields)), barAttached);
    },
    /**
     * `read`, in tasks of at most about `sliceMs` each (the first: `firstMs`; a promise): a page
     * that loads with 1,000 cards takes 30–50 ms to read, one long task if read at once. The
     * first slice may run in a task of the page's (its `DOMContentLoaded`). The cards are those found
     * when it started; a card the page removed meanwhile is read all the same (what draws
     * skips cards no longer in the page).
     */
    async readInSlices(adapterJson, barAttached, firstMs, sliceMs) {
      const adapter = adapterOf(adapterJson);
      const fields = adapter.fields || {};
      const elements = elementsOf(adapter);
      const cards = [];
      let sliceStart = performance.now();
      let budget = firstMs;
      for (const card of elements) {
        if (performance.now() - sliceStart > budget) {
          await yieldToPage();
          sliceStart = performance.now();
          budget = sliceMs;
        }
        cards.push(cardOf(card, fields));
      }
      return answer(adapter, elements, cards, barAttached);
    },
    /**
     * The candidates of `cards` (elements of a read) at `indices`, every field an export takes,
     * as a JSON array (a card no longer there is left out).
     */
    readCards(adapterJson, cards, indices) {
      const fields = adapterOf(adapterJson).fields || {};
      return JSON.stringify([...indices].map((i) => cards[i]).filter(Boolean).map((card) => whole(card, fields)));
    },
    /** Where a card's badge goes: inside the element holding the name, or the card itself. */
    anchor(adapterJson, card) {
      const name = (adapterOf(adapterJson).fields || {}).name;
      return (name && one(card, name.selector)) || card;
    },
  };
})();
