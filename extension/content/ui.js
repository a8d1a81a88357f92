// @ts-check
// What the shopper sees in the page: a marker beside each flagged control (outline, a badge
// with the explanation, an "Untick" button), a small collapsible panel listing every finding
// ("Untick all"; an entry scrolls to its control and flashes it), and the before-submit
// summary. All of it lives in one shadow root (closed in the extension) on one host element,
// so the shop's CSS and scripts cannot restyle or read it; text is set with textContent only.

const HOST_TAG = 'haken-ui';
/** New marks drawn per call of `show` (one task); the rest follow in later tasks. */
const MAX_NEW_MARKS = 60;

const STYLE = `
:host { all: initial; }
* { box-sizing: border-box; }
.layer { position: absolute; left: 0; top: 0; width: 0; height: 0; z-index: 2147483646; contain: size layout style; }
.mark { position: absolute; pointer-events: none; }
.mark.fixed { position: fixed; }
.box { position: absolute; border: 3px solid #b0124f; border-radius: 4px; box-shadow: 0 0 0 2px #fff; }
.mark.done .box { border-color: #1b7a3d; border-style: dashed; }
.flash .box { animation: flash .5s ease-in-out 3; }
@keyframes flash { 50% { box-shadow: 0 0 0 6px #ffd54f; } }
.tag { position: absolute; pointer-events: auto; display: flex; gap: 4px; align-items: flex-start; width: max-content; white-space: nowrap;
  font: 600 12px/1.3 system-ui, sans-serif; }
button { font: inherit; cursor: pointer; border-radius: 12px; padding: 3px 9px; }
button:focus-visible { outline: 3px solid #0b3d91; outline-offset: 2px; }
.badge { background: #b0124f; color: #fff; border: 2px solid #fff; max-width: 40vw;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.undo { background: #fff; color: #7a0c37; border: 2px solid #b0124f; }
.mark.done .badge { background: #1b7a3d; }
.tip { display: none; position: absolute; top: 100%; left: 0; margin-top: 4px; width: 300px;
  font: 400 13px/1.45 system-ui, sans-serif; color: #1b1b1b; background: #fff;
  border: 2px solid #b0124f; border-radius: 6px; padding: 8px 10px; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
.tag:hover .tip, .tag:focus-within .tip { display: block; }
.panel { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; max-width: min(420px, calc(100vw - 32px));
  font: 14px/1.4 system-ui, sans-serif; color: #1b1b1b; }
.toggle { background: #b0124f; color: #fff; border: 2px solid #fff; border-radius: 20px; padding: 8px 14px;
  box-shadow: 0 2px 10px rgba(0,0,0,.3); font-weight: 600; }
.toggle.calm { background: #1b7a3d; }
.sheet { margin-bottom: 8px; background: #fff; border: 2px solid #b0124f; border-radius: 8px; padding: 10px;
  box-shadow: 0 4px 18px rgba(0,0,0,.3); max-height: 60vh; overflow: auto; }
.sheet[hidden] { display: none; }
.sheet h2 { font-size: 15px; margin: 0 0 8px; }
ul { list-style: none; margin: 0 0 8px; padding: 0; }
li { border-top: 1px solid #ddd; padding: 6px 0; }
li .what { display: block; width: 100%; text-align: left; background: none; border: 0; border-radius: 4px;
  padding: 2px 4px; color: #1b1b1b; }
li .cat { font-weight: 700; color: #7a0c37; }
li.done .cat { color: #1b7a3d; }
li .note { color: #4a4a4a; font-size: 12px; }
.actions { display: flex; gap: 8px; flex-wrap: wrap; }
.primary { background: #b0124f; color: #fff; border: 2px solid #b0124f; }
.secondary { background: #fff; color: #1b1b1b; border: 2px solid #555; }
.summary { position: fixed; left: 50%; bottom: 24px; transform: translateX(-50%); z-index: 2147483647;
  width: min(480px, calc(100vw - 24px)); background: #fff; color: #1b1b1b; border: 3px solid #b0124f;
  border-radius: 10px; padding: 14px 16px; box-shadow: 0 8px 30px rgba(0,0,0,.35); font: 14px/1.45 system-ui, sans-serif; }
.summary h2 { font-size: 16px; margin: 0 0 6px; }
.summary ul { margin: 6px 0 10px; }
.summary li { border: 0; padding: 2px 0; }
.policy section { border-top: 2px solid #b0124f; margin-top: 8px; padding-top: 8px; }
.policy .cat { font-weight: 700; color: #7a0c37; }
.policy .quote { display: block; font-style: italic; font-size: 12px; color: #333; }
.policy p { margin: 2px 0; font-size: 13px; }
.policy .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; border: 1px solid #888; }
.policy a { color: #0b3d91; }
.notice { position: fixed; right: 16px; top: 16px; z-index: 2147483647; width: min(400px, calc(100vw - 32px));
  background: #fff; color: #1b1b1b; border: 3px solid #b0124f; border-radius: 10px; padding: 12px 14px;
  box-shadow: 0 8px 30px rgba(0,0,0,.35); font: 14px/1.45 system-ui, sans-serif; }
.notice[hidden] { display: none; }
.notice h2 { font-size: 15px; margin: 0 0 6px; }
.notice ul { margin: 0 0 8px; }
.notice li { border: 0; padding: 3px 0; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/** A `tag` element of `doc` with `props` (text, class, on<event>, attributes) and children. */
export function el(doc, tag, props = {}, children = []) {
  const node = doc.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function union(rects) {
  const r = rects.filter((x) => x.width > 0 && x.height > 0);
  if (!r.length) return null;
  return {
    left: Math.min(...r.map((x) => x.left)), top: Math.min(...r.map((x) => x.top)),
    right: Math.max(...r.map((x) => x.right)), bottom: Math.max(...r.map((x) => x.bottom)),
  };
}

function isFixed(node) {
  for (let e = node; e && e.nodeType === 1; e = e.parentElement) {
    const pos = getComputedStyle(e).position;
    if (pos === 'fixed' || pos === 'sticky') return pos === 'fixed';
  }
  return false;
}

/**
 * Creates the in-page UI in `doc`. `t(key, ...subs)`: UI strings. `actions`: `untick(item)`,
 * `reveal(item)` (for items of other frames), `untickAll()`. `mode`: shadow-root mode
 * ('closed' in the extension; tests of our markup use 'open'). `withPanel`: false in
 * embedded frames, whose findings the top frame's panel lists.
 */
export function createUi(doc, { t, actions, mode = 'closed', withPanel = true }) {
  const host = doc.createElement(HOST_TAG);
  host.setAttribute('data-haken-ui', '');
  // Out of the page's flow (and beside <body>), so adding it never re-lays out the page.
  host.style.cssText = 'position:absolute !important; left:0 !important; top:0 !important; '
    + 'width:0 !important; height:0 !important; display:block !important; '
    + 'visibility:visible !important; z-index:2147483646 !important; '
    // Size containment keeps the host out of the page's layout; layout containment sits on
    // the marks' layer (STYLE), not here: on the host it would make the host the containing
    // block of the panel, the notice and the summary (position: fixed) and push them off-screen.
    + 'contain:size style !important;';
  const root = host.attachShadow({ mode });
  root.append(el(doc, 'style', { text: STYLE }));
  const layer = el(doc, 'div', { class: 'layer' });
  const status = el(doc, 'div', { class: 'sr', role: 'status', 'aria-live': 'polite' });
  const list = el(doc, 'ul');
  const sheetTitle = el(doc, 'h2', { id: 'haken-sheet-title' });
  const untickAll = el(doc, 'button', { class: 'primary', type: 'button', text: t('untickAll'), onclick: () => actions.untickAll() });
  const policySlot = el(doc, 'div', { class: 'policy' });
  const sheet = el(doc, 'section', { class: 'sheet', id: 'haken-sheet', hidden: '', 'aria-labelledby': 'haken-sheet-title' },
    [sheetTitle, list, el(doc, 'div', { class: 'actions' }, [untickAll]), policySlot]);
  const toggle = el(doc, 'button', {
    class: 'toggle', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'haken-sheet',
    onclick: () => setOpen(sheet.hidden),
  });
  const panel = el(doc, 'aside', { class: 'panel', 'aria-label': 'haken' }, [sheet, toggle]);
  // Permission requests of the page: shown beside the browser's own prompt, at the top.
  const noticeList = el(doc, 'ul');
  const notice = el(doc, 'section', { class: 'notice', role: 'alert', hidden: '', 'aria-labelledby': 'haken-notice-title' }, [
    el(doc, 'h2', { id: 'haken-notice-title', text: t('promptTitle') }),
    noticeList,
    el(doc, 'button', { class: 'secondary', type: 'button', text: t('promptDismiss'), onclick: () => { notice.hidden = true; } }),
  ]);
  root.append(layer, panel, notice, status);

  const marks = new Map(); // item -> {mark, box, tag, fixed}
  let items = [];
  let remote = [];
  let prompts = [];
  let announced = -1;

  function setOpen(open) {
    sheet.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  }

  let attached = false;
  function attach() {
    if (!host.isConnected) doc.documentElement.append(host);
    attached = true;
  }

  /** Removes the marks of items that `gone(item)` says have left. */
  function dropMarks(gone) {
    for (const [item, m] of marks) {
      if (gone(item)) {
        m.mark.remove();
        marks.delete(item);
      }
    }
  }

  function markFor(item) {
    const badge = el(doc, 'button', {
      class: 'badge', type: 'button', 'aria-describedby': `haken-tip-${item.index}`,
      text: `⚠ ${item.label}`,
    });
    const tip = el(doc, 'span', { class: 'tip', role: 'tooltip', id: `haken-tip-${item.index}`, text: item.finding.message });
    const undo = el(doc, 'button', { class: 'undo', type: 'button', onclick: () => actions.untick(item) });
    const tag = el(doc, 'span', { class: 'tag' }, [badge, undo, tip]);
    const box = el(doc, 'div', { class: 'box' });
    const mark = el(doc, 'div', { class: 'mark' }, [box, tag]);
    layer.append(mark);
    const m = { mark, box, tag, badge, undo, fixed: undefined };
    marks.set(item, m);
    return m;
  }

  function actionText(item) {
    if (item.state === 'done') return t(item.auto ? 'autoDone' : 'done');
    if (item.radio) return t('refuse');
    return t(item.optOut ? 'tick' : 'untick');
  }

  /** The box of a label's text (a block label spans the whole row). */
  function textRect(node) {
    const range = doc.createRange();
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    return r.width > 0 ? r : node.getBoundingClientRect();
  }
  /** Where a mark goes (reads layout only; `null` when there is nothing to outline). */
  function measure(item, m) {
    if (!item.element.isConnected) return null;
    m.fixed ??= isFixed(item.element);
    const labels = item.labels.filter((n) => n && n.isConnected);
    const box = union([item.element.getBoundingClientRect(), ...labels.map(textRect)]);
    if (!box) return null;
    const sx = m.fixed ? 0 : doc.defaultView.scrollX;
    const sy = m.fixed ? 0 : doc.defaultView.scrollY;
    // Beside the box when there is room, else on its top edge at the right end.
    const width = m.tag.offsetWidth || 240;
    const room = doc.documentElement.clientWidth - box.right - 12;
    const left = room > width ? box.right + 10 : Math.max(4, box.right - width);
    const top = room > width ? box.top - 3 : box.top - 16;
    return {
      box: { left: `${box.left + sx - 4}px`, top: `${box.top + sy - 4}px`,
        width: `${box.right - box.left + 8}px`, height: `${box.bottom - box.top + 8}px` },
      tag: { left: `${left + sx}px`, top: `${Math.max(0, top + sy)}px` },
    };
  }

  /** Writes a measured position (no layout reads, so many marks cost one layout). */
  function apply(m, at) {
    // Unchanged marks are not touched: a write would make the browser lay out again.
    const key = at ? `${at.box.left},${at.box.top},${at.box.width},${at.box.height},${at.tag.left},${at.tag.top},${m.fixed}` : '';
    if (key === m.placed) return;
    m.placed = key;
    m.mark.hidden = !at;
    if (!at) return;
    m.mark.classList.toggle('fixed', m.fixed);
    Object.assign(m.box.style, at.box);
    Object.assign(m.tag.style, at.tag);
  }

  function renderList() {
    list.textContent = '';
    const all = [...prompts, ...items, ...remote];
    for (const item of all) {
      const notes = [item.hidden ? t('hiddenNote') : '', item.remote ? t('inFrame') : ''].filter(Boolean).join(' · ');
      const what = el(doc, 'button', {
        class: 'what', type: 'button', onclick: () => (item.remote ? actions.reveal(item) : reveal(item)),
      }, [el(doc, 'span', { class: 'cat', text: `${item.state === 'done' ? '✓' : '⚠'} ${item.label}` }),
        el(doc, 'span', { class: 'sr', text: ': ' }),
        el(doc, 'span', { text: ` ${item.finding?.message ?? item.message}` }),
        ...(notes ? [el(doc, 'span', { class: 'note', text: ` (${notes})` })] : [])]);
      const li = el(doc, 'li', { class: item.state === 'done' ? 'done' : '' }, [what]);
      if (item.state !== 'done' && (item.undoable ?? true)) {
        li.append(el(doc, 'button', { class: 'secondary', type: 'button', text: actionText(item), onclick: () => actions.untick(item) }));
      }
      list.append(li);
    }
    const open = all.filter((i) => i.state !== 'done').length;
    sheetTitle.textContent = t('panelTitle', open);
    toggle.textContent = `${open ? '⚠' : '✓'} ${t('panelTitle', open)}`;
    toggle.classList.toggle('calm', open === 0);
    untickAll.hidden = !all.some((i) => i.state !== 'done' && (i.undoable ?? true));
    panel.hidden = !withPanel || (all.length === 0 && !policySlot.firstChild);
    if (open !== announced && open > 0) status.textContent = t('panelAnnounce', open);
    announced = open;
  }

  function reveal(item) {
    if (item.prompt) {
      notice.hidden = false;
      notice.querySelector('button').focus({ preventScroll: true });
      return;
    }
    const target = [item.element, ...item.labels].find((n) => n && n.isConnected && n.getClientRects().length);
    (target ?? item.element)?.scrollIntoView?.({ block: 'center', behavior: 'instant' });
    const m = marks.get(item);
    if (m) {
      layout();
      m.mark.classList.remove('flash');
      void m.mark.offsetWidth;
      m.mark.classList.add('flash');
      m.badge.focus({ preventScroll: true });
    }
  }

  /** Places every mark: all reads first, then all writes. */
  function layout() {
    dropMarks((item) => !item.element.isConnected);
    const placed = [...marks].map(([item, m]) => [m, measure(item, m)]);
    for (const [m, at] of placed) apply(m, at);
  }

  function update(item) {
    const m = marks.get(item) ?? markFor(item);
    m.mark.classList.toggle('done', item.state === 'done');
    m.undo.textContent = actionText(item);
    m.undo.disabled = item.state === 'done' || !item.undoable;
    m.undo.hidden = !item.undoable && item.state !== 'done';
    m.badge.setAttribute('aria-label', `${item.label}: ${item.finding.message}`);
  }

  return {
    host,
    /** Shows (or refreshes) this frame's items; `true` when some are still to be drawn. */
    show(next) {
      items = next;
      attach();
      dropMarks((item) => !items.includes(item));
      // Many findings are drawn over several tasks: at most MAX_NEW_MARKS new marks per call.
      let created = 0;
      let more = false;
      for (const item of items) {
        if (!marks.has(item) && created++ >= MAX_NEW_MARKS) {
          more = true;
          continue;
        }
        update(item);
      }
      renderList();
      layout();
      return more;
    },
    /** Items found in other frames of the tab (top frame only). */
    showRemote(next) {
      remote = next.map((i) => ({ ...i, remote: true }));
      if (items.length || remote.length) attach();
      renderList();
    },
    reveal,
    layout,
    /** The page's permission requests: listed in the panel, and (`open`) shown in the notice. */
    showPrompts(next, open) {
      prompts = next;
      attach();
      noticeList.replaceChildren(...next.map((p) => el(doc, 'li', {}, [
        el(doc, 'strong', { text: `⚠ ${p.label}: ` }), el(doc, 'span', { text: p.finding.message }),
      ])));
      if (open && next.length) notice.hidden = false;
      renderList();
    },
    /** The summary of the shop's privacy policy, below the consent list. */
    showPolicy(section) {
      policySlot.replaceChildren(section);
      attach();
      renderList();
    },
    /** The before-submit summary; resolves to 'untick', 'continue' or 'back'. */
    ask(open) {
      attach();
      setOpen(false); // the summary takes the panel's place at the bottom of the screen
      root.querySelector('.summary')?.remove();
      return new Promise((resolve) => {
        const done = (choice) => () => { box.remove(); resolve(choice); };
        const title = el(doc, 'h2', { id: 'haken-summary-title', text: t('summaryTitle') });
        const names = [...new Set(open.map((i) => i.label))];
        const box = el(doc, 'section', { class: 'summary', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'haken-summary-title', 'aria-describedby': 'haken-summary-body' }, [
          title,
          el(doc, 'ul', {}, names.map((n) => el(doc, 'li', { text: `⚠ ${n}` }))),
          el(doc, 'p', { id: 'haken-summary-body', text: t('summaryBody') }),
          el(doc, 'div', { class: 'actions' }, [
            el(doc, 'button', { class: 'primary', type: 'button', 'data-choice': 'untick', text: t('summaryUntick'), onclick: done('untick') }),
            el(doc, 'button', { class: 'secondary', type: 'button', 'data-choice': 'continue', text: t('summaryContinue'), onclick: done('continue') }),
            el(doc, 'button', { class: 'secondary', type: 'button', 'data-choice': 'back', text: t('summaryClose'), onclick: done('back') }),
          ]),
        ]);
        box.addEventListener('keydown', (e) => { if (e.key === 'Escape') done('back')(); });
        root.append(box);
        box.querySelector('button').focus();
      });
    },
    /** Whether our host is still in the page. */
    alive: () => host.isConnected,
    /** Whether our host was ever put into the page (so a missing host was removed by it). */
    wasShown: () => attached,
    remove() {
      host.remove();
      marks.clear();
    },
  };
}
