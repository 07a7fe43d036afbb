// Draws the content-script brain's plans (`shared::content::Plan`, as JSON) in a ProvenBase page:
// the bar in our closed shadow root, badges in closed shadow roots inside the cards. The one
// drawer of both content scripts (the wasm one calls it through wasm-bindgen,
// `src/content/draw.rs`; the strict-CSP fallback directly), so the two can't draw differently.
// It decides nothing, and every string goes in as text. JS because drawing 1,000 badges is tens
// of thousands of DOM calls, each a native call here.
'use strict';

globalThis.pblDraw = (() => {
  const BADGE_TAG = 'provenbase-lever-badge';
  const parse = (value) => (typeof value === 'string' ? JSON.parse(value) : value);
  const make = (doc, tag, className, attrs = {}) => {
    const el = doc.createElement(tag);
    if (className) el.className = className;
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    return el;
  };
  // Each write is a mutation the page may observe: only what changed.
  const setAttr = (el, name, value) => { if (el.getAttribute(name) !== value) el.setAttribute(name, value); };
  const show = (el, text) => {
    text = text || '';
    if (el.textContent !== text) el.textContent = text;
    if (!text && !el.hasAttribute('hidden')) el.setAttribute('hidden', '');
    if (text && el.hasAttribute('hidden')) el.removeAttribute('hidden');
  };

  /**
   * Our UI in `root` (the closed shadow root of `host`): the bar now, plans and frames later;
   * `row` is the closed shadow root of our row in ProvenBase's list of ATS integrations, if the
   * page has one. `onExport(id, button)` gets a card's *Export to Lever*; the page `adapter`
   * (JSON) says where a badge goes (`pblReader.anchor`); `loadFrame(frame, purpose, page, query)`
   * gives a frame its extension page under a one-time ticket (or removes it).
   */
  function mount({ host, root, row, barStyle, badgeStyle, adapter, loadFrame, onExport, onExportSelected, onTasks, onToggleBar, onMoveBar }) {
    const style = make(document, 'style');
    style.textContent = barStyle;
    const bar = make(document, 'aside', 'pbl-bar');
    const logo = make(document, 'span', 'pbl-logo', { 'aria-hidden': 'true' });
    logo.textContent = 'L';
    const summary = make(document, 'span', 'pbl-summary', { role: 'status', 'aria-live': 'polite' });
    const matches = make(document, 'span', 'pbl-matches');
    const note = make(document, 'span', 'pbl-note');
    const selected = make(document, 'button', 'pbl-action', { type: 'button', 'data-testid': 'export-selected' });
    selected.addEventListener('click', () => onExportSelected());
    const tasks = make(document, 'button', 'pbl-icon', { type: 'button', 'data-testid': 'task-manager' });
    tasks.addEventListener('click', () => onTasks());
    const toast = make(document, 'span', 'pbl-toast-inline', { role: 'status', 'data-testid': 'export-toast' });
    const move = make(document, 'button', 'pbl-icon', { type: 'button', 'data-testid': 'bar-move' });
    move.textContent = '⇆';
    move.addEventListener('click', () => onMoveBar());
    const fold = make(document, 'button', 'pbl-icon pbl-fold', { type: 'button', 'data-testid': 'bar-toggle' });
    fold.addEventListener('click', () => onToggleBar());
    bar.append(logo, summary, matches, note, selected, tasks, toast, move, fold);
    root.append(style, bar);
    // The page can scroll past the bar: a spacer as tall as the bar ends the page's body
    // (resized as the bar is, without reading layout while drawing).
    const spacer = make(document, 'provenbase-lever-spacer', '', { 'aria-hidden': 'true' });
    spacer.style.display = 'block';
    new ResizeObserver(([entry]) => {
      const height = `${Math.ceil(entry.borderBoxSize[0].blockSize) + 32}px`;
      if (spacer.style.height !== height) spacer.style.height = height;
    }).observe(bar);
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(badgeStyle);
    // Each badge's *Export to Lever* (its shadow root is closed, even to us).
    const exportButtons = new WeakMap();

    // The language of our words (the browser's), which may not be the page's.
    let lang = '';
    const drawBar = (view) => {
      lang = view.lang || '';
      setAttr(host, 'lang', lang);
      if (row) setAttr(row.host, 'lang', lang);
      setAttr(bar, 'aria-label', view.label);
      show(summary, view.summary);
      show(matches, view.matches);
      show(note, view.note);
      show(selected, view.export_selected);
      show(toast, view.toast);
      show(tasks, view.tasks_text);
      setAttr(tasks, 'aria-label', view.tasks_label);
      setAttr(tasks, 'aria-expanded', view.tasks_open ? 'true' : 'false');
      setAttr(bar, 'class', `pbl-bar${view.collapsed ? ' pbl-collapsed' : ''}${view.corner === 'bottom_left' ? ' pbl-left' : ''}`);
      show(fold, view.toggle_text);
      setAttr(fold, 'aria-label', view.toggle_label);
      setAttr(fold, 'title', view.toggle_label);
      setAttr(fold, 'aria-expanded', view.collapsed ? 'false' : 'true');
      setAttr(move, 'aria-label', view.move_label);
      setAttr(move, 'title', view.move_label);
      if (!spacer.isConnected) document.body.append(spacer);
    };

    const drawCard = (card, d) => {
      const where = pblReader.anchor(adapter, card);
      // A card in a same-origin frame belongs to the frame's document: our elements too, and a
      // stylesheet constructed in the page can't be shared with it (a <style> there instead).
      const doc = where.ownerDocument;
      const badgeHost = make(doc, BADGE_TAG, '', { 'data-ref': String(d.id), lang });
      // Closed, and nothing about Lever on the host: the page can't test who is in Lever.
      const shadow = badgeHost.attachShadow({ mode: 'closed' });
      if (doc === document) {
        shadow.adoptedStyleSheets = [sheet];
      } else {
        const own = make(doc, 'style');
        own.textContent = badgeStyle;
        shadow.append(own);
      }
      const view = d.badge;
      const link = view.href ? { href: view.href, target: '_blank', rel: 'noopener noreferrer' } : {};
      const badge = make(doc, view.href ? 'a' : 'span', `badge ${view.kind}${view.archived ? ' archived' : ''}`, link);
      badge.textContent = view.label;
      badge.setAttribute('title', view.title);
      badge.setAttribute('aria-label', `${view.label}. ${view.title}`);
      if (view.stage) badge.setAttribute('data-stage', view.stage);
      shadow.append(badge);
      if (d.locked) {
        const lock = make(doc, 'span', 'badge locked', { title: d.locked.title });
        lock.textContent = d.locked.text;
        shadow.append(lock);
      }
      const button = make(doc, 'button', 'badge export', { type: 'button' });
      button.textContent = d.export.label;
      if (d.export.title) button.setAttribute('title', d.export.title);
      if (d.export.disabled) button.setAttribute('disabled', '');
      else button.addEventListener('click', () => onExport(d.id, button));
      shadow.append(button);
      exportButtons.set(badgeHost, button);
      where.append(badgeHost);
    };

    // Frames: a slot is its frame's class; the row's frame lives in the row.
    const place = (slot) => (slot === 'pbl-row-frame' ? row : root);
    const find = (slot) => { const parent = place(slot); return parent && parent.querySelector(`.${slot}`); };

    const ui = {
      /**
       * Carries out the brain's frame actions (`shared::content::FrameAction`, as JSON);
       * `trigger` is the button that opened the export dialog, if one did.
       */
      frames(actions, trigger) {
        for (const a of parse(actions) || []) {
          if (a.do === 'open') {
            const parent = place(a.slot);
            if (!parent) continue;
            const old = find(a.slot);
            if (old) old.remove();
            const frame = make(document, 'iframe', a.slot, { title: a.title, style: a.style });
            parent.append(frame);
            loadFrame(frame, a.purpose, a.page, a.query);
            if (a.slot === 'pbl-export-frame' && frame.contentWindow) frame.contentWindow.focus();
          } else if (a.do === 'restyle') {
            const frame = find(a.slot);
            if (frame) frame.setAttribute('style', a.style);
          } else if (a.do === 'close') {
            for (let frame = find(a.slot); frame; frame = find(a.slot)) frame.remove();
          } else if (a.do === 'reload') {
            const frame = find(a.slot);
            if (frame) loadFrame(frame, a.purpose, a.page, '');
          } else if (a.do === 'focus_trigger' && trigger) {
            ui.focusExport(trigger);
          }
        }
      },
      /**
       * Gives the focus back to `button` (a card's *Export to Lever*), or, when that badge was
       * drawn again meanwhile, to the same person's new one.
       */
      focusExport(button) {
        if (button.isConnected) { button.focus(); return; }
        const ref = button.getRootNode().host?.getAttribute('data-ref');
        const again = ref && [...document.querySelectorAll(BADGE_TAG)].find((h) => h.getAttribute('data-ref') === ref);
        if (again) exportButtons.get(again)?.focus();
      },
      /** Draws `plan` over `cards` (the read it was made from, in the same order). */
      plan(cards, plan) {
        plan = parse(plan);
        if (plan.attach_bar) document.body.append(host);
        drawBar(plan.bar);
        setAttr(host, 'data-page', plan.bar.page);
        setAttr(host, 'data-candidates', String(plan.candidates));
        setAttr(host, 'data-locked', String(plan.locked));
        // A badge redrawn while its button has the focus keeps it (a keyboard user stays put).
        let focused = null;
        if (plan.undraw && plan.undraw.length) {
          const ids = new Set(plan.undraw.map(String));
          for (const card of cards) {
            const badge = card.querySelector(BADGE_TAG);
            if (badge && ids.has(badge.getAttribute('data-ref'))) {
              if (badge.ownerDocument.activeElement === badge) focused = card;
              badge.remove();
            }
          }
        }
        for (const d of plan.draws || []) {
          const card = cards[d.card];
          // The page may have re-rendered meanwhile; its next change reads it again.
          if (card && card.isConnected && !card.querySelector(BADGE_TAG)) drawCard(card, d);
        }
        const again = focused && focused.querySelector(BADGE_TAG);
        if (again) exportButtons.get(again)?.focus();
      },
    };
    return ui;
  }

  return { BADGE_TAG, mount };
})();
