// @ts-check
// The marks beside flagged controls: an outline around the control and its label, a badge
// with the category (its tooltip says what the shopper would agree to) and the button that
// takes the consent back. Placement reads layout for every mark first, then writes, so many
// marks cost one layout.

import { el } from './ui-dom.js';

/** New marks drawn per call of `show` (one task); the rest follow in later tasks. */
const MAX_NEW_MARKS = 60;

export const MARKS_STYLE = `
.layer { position: absolute; left: 0; top: 0; width: 0; height: 0; z-index: 2147483646; contain: size layout style; }
.mark { position: absolute; pointer-events: none; }
.mark.fixed { position: fixed; }
.box { position: absolute; border: 3px solid #b0124f; border-radius: 4px; box-shadow: 0 0 0 2px #fff; }
.mark.done .box { border-color: #1b7a3d; border-style: dashed; }
.flash .box { animation: flash .5s ease-in-out 3; }
@keyframes flash { 50% { box-shadow: 0 0 0 6px #ffd54f; } }
.tag { position: absolute; pointer-events: auto; display: flex; gap: 4px; align-items: flex-start; width: max-content; white-space: nowrap;
  font: 600 12px/1.3 system-ui, sans-serif; }
.badge { background: #b0124f; color: #fff; border: 2px solid #fff; max-width: 40vw;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.undo { background: #fff; color: #7a0c37; border: 2px solid #b0124f; }
.mark.done .badge { background: #1b7a3d; }
.tip { display: none; position: absolute; top: 100%; left: 0; margin-top: 4px; width: 300px;
  font: 400 13px/1.45 system-ui, sans-serif; color: #1b1b1b; background: #fff;
  border: 2px solid #b0124f; border-radius: 6px; padding: 8px 10px; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
.tag:hover .tip, .tag:focus-within .tip { display: block; }
`;

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
 * The marks of one frame, drawn into `layer` (inside our shadow root). `actionText(item)`:
 * the text of an item's take-back button; `actions.untick(item)`.
 */
export function createMarks(doc, layer, { actionText, actions }) {
  const marks = new Map(); // item -> {mark, box, tag, badge, undo, fixed, placed}

  /** Removes the marks of items that `gone(item)` says have left. */
  function drop(gone) {
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
    const m = { mark, box, tag, badge, undo, fixed: undefined, placed: undefined };
    marks.set(item, m);
    return m;
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

  /** Places every mark: all reads first, then all writes. */
  function layout() {
    drop((item) => !item.element.isConnected);
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
    /** Draws (or refreshes) the marks of `items`; `true` when some are still to be drawn. */
    show(items) {
      drop((item) => !items.includes(item));
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
      return more;
    },
    layout,
    /** Flashes an item's mark and moves focus to its badge (after the page scrolled there). */
    flash(item) {
      const m = marks.get(item);
      if (!m) return;
      layout();
      m.mark.classList.remove('flash');
      void m.mark.offsetWidth;
      m.mark.classList.add('flash');
      m.badge.focus({ preventScroll: true });
    },
    clear() {
      marks.clear();
    },
  };
}
