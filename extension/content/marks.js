// @ts-check
// The marks beside flagged controls: an outline around the control and its label, a badge
// with the category (its tooltip says what the shopper would agree to) and the button that
// takes the consent back. A mark never covers page text: where it can, a thin line of our own
// (an empty `haken-ui` element, `data-haken-line`) is inserted in the page's flow above the
// control's row and the badge sits in it; where the page's layout has no such place (a grid,
// a row of flex items), the badge goes into free space beside the control, measured against
// the text around it, as an icon ("⚠") that opens on hover or keyboard focus when the whole
// badge does not fit; where nothing fits, only the outline is drawn and the panel lists it.
// Placement reads layout for every mark first, then writes, so many marks cost one layout.

import { el, HOST_TAG } from './ui-dom.js';
import { placeInFreeSpace, coversText, LayoutCache, OUT_OF_TIME } from './placement.js';
import { Budget } from './slices.js';

/** New marks drawn per call of `show` (one task); the rest follow in later tasks. */
const MAX_NEW_MARKS = 30;
/** Height of one line of badges (a badge is about 24 px) and the gap between badges. */
const LINE_PX = 28;
const GAP_PX = 6;
/** How far (px) a label may be from its control and still be outlined with it. */
const NEAR_PX = 80;
/** A row may be this much taller than the box it holds (else it is a whole form, not a row). */
const ROW_SLACK_PX = 48;

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
.tag[hidden] { display: none; }
.badge { background: #b0124f; color: #fff; border: 2px solid #fff; max-width: 40vw;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.undo { background: #fff; color: #7a0c37; border: 2px solid #b0124f; }
.mark.done .badge { background: #1b7a3d; }
.icon .name, .icon .undo { display: none; }
.icon:hover .name, .icon:focus-within .name { display: inline; }
.icon:hover .undo, .icon:focus-within .undo { display: inline-block; }
.icon:hover, .icon:focus-within { z-index: 1; }
.icon .badge { padding: 3px 6px; }
.tip { display: none; position: absolute; top: 100%; left: 0; margin-top: 4px; width: 300px;
  font: 400 13px/1.45 system-ui, sans-serif; color: #1b1b1b; background: #fff;
  border: 2px solid #b0124f; border-radius: 6px; padding: 8px 10px; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
.rtl .tip { left: auto; right: 0; }
.tag:hover .tip, .tag:focus-within .tip { display: block; }
`;

function union(rects) {
  const r = rects.filter((x) => x && x.width > 0 && x.height > 0);
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

/** The nearest element holding every node of `nodes`. */
function commonAncestor(nodes) {
  let a = nodes[0];
  for (const n of nodes.slice(1)) while (a && !a.contains(n)) a = a.parentElement;
  return a?.nodeType === 1 ? a : a?.parentElement ?? null;
}

/** Whether `parent` lays its children out in block flow (so a block we insert gets a line of its own). */
function flowsInLines(parent) {
  const s = getComputedStyle(parent);
  if (/^(block|flow-root|list-item|table-cell|table-caption)$/.test(s.display)) return true;
  return /flex$/.test(s.display) && s.flexDirection.startsWith('column');
}

/**
 * The element our line goes before: the row holding the control and its labels, climbed up
 * while the layout around it has no room for a line of its own (flex rows, grids), as long
 * as it stays a row (not a whole form); null when there is none.
 */
function rowOf(nodes, box, doc) {
  let row = commonAncestor(nodes);
  while (row && getComputedStyle(row).display.startsWith('inline')) row = row.parentElement;
  const height = box.bottom - box.top;
  for (; row && row !== doc.body && row !== doc.documentElement; row = row.parentElement) {
    if (row.getBoundingClientRect().height > height + ROW_SLACK_PX) return null;
    const parent = row.parentElement;
    if (!parent || parent.localName === 'html') return null;
    if (parent.localName === HOST_TAG) return null;
    if (flowsInLines(parent)) return row;
  }
  return null;
}

/**
 * The marks of one frame, drawn into `layer` (inside our shadow root). `actionText(item)`:
 * the text of an item's take-back button; `actions.untick(item)`.
 */
export function createMarks(doc, layer, { actionText, actions }) {
  const marks = new Map(); // item -> {mark, box, tag, badge, undo, fixed, placed, row, line}
  /** Our lines in the page, by the row they stand before: {node, marks: Set}. */
  const lines = new Map();
  const view = doc.defaultView;
  let frame = 0;
  /** Lays out again at the next frame when the page's layout changed (fonts, zoom, content). */
  const soon = () => {
    if (!frame) frame = view.requestAnimationFrame(() => { frame = 0; layout(); });
  };
  const resized = typeof ResizeObserver === 'function' ? new ResizeObserver(soon) : null;
  /**
   * Counts our writes to the page or our UI between the reads of a pass (new marks, changed
   * badges, the panel): the browser lays them out at its next frame, unless a read comes first.
   */
  let writes = 0;

  function releaseLine(m) {
    const line = m.line && lines.get(m.row);
    m.line = null;
    if (!line) return;
    line.marks.delete(m);
    if (!line.marks.size) {
      line.node.remove();
      lines.delete(m.row);
    }
  }

  /** Removes the marks of items that `gone(item)` says have left. */
  function drop(gone) {
    for (const [item, m] of marks) {
      if (gone(item)) {
        writes += 1;
        m.mark.remove();
        releaseLine(m);
        marks.delete(item);
      }
    }
  }

  function markFor(item) {
    const badge = el(doc, 'button', {
      class: 'badge', type: 'button', 'aria-describedby': `haken-tip-${item.index}`,
    }, ['⚠', el(doc, 'span', { class: 'name', text: ` ${item.label}` })]);
    const tip = el(doc, 'span', { class: 'tip', role: 'tooltip', id: `haken-tip-${item.index}`, text: item.finding.message });
    const undo = el(doc, 'button', { class: 'undo', type: 'button', onclick: () => actions.untick(item) });
    const tag = el(doc, 'span', { class: 'tag' }, [badge, undo, tip]);
    const box = el(doc, 'div', { class: 'box' });
    const mark = el(doc, 'div', { class: 'mark' }, [box, tag]);
    layer.append(mark);
    const m = { mark, box, tag, badge, undo, fixed: undefined, placed: undefined, row: undefined, line: null, size: null };
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

  /** The control and the labels near it that are on screen, with the box around them. */
  function targetOf(item) {
    // Content that is laid out but not shown (a closed <details>, content-visibility) is not outlined.
    const shown = (n) => !n.checkVisibility || n.checkVisibility({ visibilityProperty: true });
    const own = shown(item.element) ? item.element.getBoundingClientRect() : { left: 0, top: 0, right: 0, bottom: 0, width: 0, height: 0 };
    const near = (r) => own.width === 0 || (r.bottom >= own.top - NEAR_PX && r.top <= own.bottom + NEAR_PX
      && r.right >= own.left - NEAR_PX && r.left <= own.right + NEAR_PX);
    const labels = item.labels.filter((n) => n && n.isConnected && !n.contains(item.element) && shown(n))
      .map((n) => [n, textRect(n)]).filter(([, r]) => r.width > 0 && near(r));
    const inside = item.labels.filter((n) => n && n.isConnected && n.contains(item.element) && shown(n));
    // A control that holds its own text (an ARIA checkbox) is outlined with all of it, overflow too.
    const ownText = item.element.firstChild && own.width ? textRect(item.element) : null;
    const box = union([own, ownText, ...labels.map(([, r]) => r), ...inside.map(textRect)]);
    return { box, nodes: [item.element, ...labels.map(([n]) => n), ...inside] };
  }

  /**
   * Step 1 (reads, then writes): every mark that can have a line gets one, before its row.
   * Returns whether a line went into the page.
   */
  async function ensureLines(todo, budget) {
    let moved = false;
    const want = [];
    for (const [item, m] of todo) {
      if (m.line && m.row?.isConnected && m.row.contains(item.element)) {
        want.push([m, m.row]);
        continue;
      }
      const { box, nodes } = targetOf(item);
      want.push([m, box ? rowOf(nodes, box, doc) : null]);
      await tick(budget);
    }
    for (const [m, row] of want) {
      if (m.row !== row) releaseLine(m);
      m.row = row;
      if (!row) continue;
      let line = lines.get(row);
      if (!line) {
        const node = doc.createElement(HOST_TAG);
        node.setAttribute('data-haken-line', '');
        node.setAttribute('aria-hidden', 'true');
        node.style.cssText = `display:block !important; height:${LINE_PX}px !important; margin:0 !important; padding:0 !important; `
          + 'border:0 !important; position:static !important; visibility:hidden !important; float:none !important; pointer-events:none !important;';
        line = { node, marks: new Set() };
        lines.set(row, line);
        resized?.observe(row);
      }
      line.marks.add(m);
      m.line = line;
      // The page may have put something between our line and its row, or removed our line.
      if (line.node.nextElementSibling !== row) {
        row.before(line.node);
        moved = true;
      }
    }
    return moved;
  }

  /** Where a mark goes (reads layout only; `null` when there is nothing to outline). */
  function measure(item, m) {
    if (!item.element.isConnected) return null;
    m.fixed ??= isFixed(item.element);
    const { box } = targetOf(item);
    if (!box) return null;
    const sx = m.fixed ? 0 : view.scrollX;
    const sy = m.fixed ? 0 : view.scrollY;
    const rtl = getComputedStyle(m.row ?? item.element).direction === 'rtl';
    const full = { width: m.tag.offsetWidth || 240, height: m.tag.offsetHeight || 24 };
    if (!m.tag.classList.contains('icon') && m.tag.offsetWidth) m.size = full;
    const size = m.size ?? full;
    const at = { box, rtl, mode: 'full', tag: null, line: m.line?.node.getBoundingClientRect() ?? null };
    if (!m.line) Object.assign(at, freeSpot(box, size, rtl));
    const toPage = (r) => r && { left: r.left + sx, top: r.top + sy, right: r.right + sx, bottom: r.bottom + sy };
    return { ...at, box: toPage(box), tag: toPage(at.tag), line: toPage(at.line), size, clientBox: box, sx, sy };
  }

  /** Free space beside the control, else an icon there, else nothing (the outline alone). */
  function freeSpot(box, size, rtl) {
    fresh();
    const icon = { width: 30, height: size.height };
    const spot = placeInFreeSpace(doc, box, size, rtl, cache) ?? placeInFreeSpace(doc, box, icon, rtl, cache);
    if (!spot) return { tag: null, mode: 'none' };
    return { tag: spot, mode: spot.width === icon.width ? 'icon' : 'full' };
  }

  /**
   * A badge in our line is checked against the page's text once per position: text that
   * overflows its own box can reach into the line. Then it goes to free space instead.
   */
  function verify(m, at) {
    const key = [at.tag.left, at.tag.top, at.tag.right, at.sx, at.sy].map(Math.round).join();
    if (m.verified?.key !== key) {
      const client = { left: at.tag.left - at.sx, top: at.tag.top - at.sy, right: at.tag.right - at.sx, bottom: at.tag.bottom - at.sy };
      let fallback = null;
      fresh();
      if (coversText(doc, client, cache)) {
        const spot = freeSpot(at.clientBox, at.size, at.rtl);
        fallback = { mode: spot.mode, tag: spot.tag && { left: spot.tag.left + at.sx, top: spot.tag.top + at.sy, right: spot.tag.right + at.sx, bottom: spot.tag.bottom + at.sy } };
      }
      m.verified = { key, fallback };
    }
    if (m.verified.fallback) Object.assign(at, m.verified.fallback);
  }

  /** Badges that share a line sit side by side in it, wrapping onto a second line when full. */
  function placeInLines(placed) {
    const byLine = new Map();
    for (const [m, at] of placed) {
      if (!at || !m.line || !at.line) continue;
      if (!byLine.has(m.line)) byLine.set(m.line, []);
      byLine.get(m.line).push([m, at]);
    }
    const heights = new Map();
    for (const [line, entries] of byLine) {
      const { left, right, top } = entries[0][1].line;
      const rtl = entries[0][1].rtl;
      entries.sort((a, b) => (rtl ? b[1].box.right - a[1].box.right : a[1].box.left - b[1].box.left));
      let row = 0;
      let edge = rtl ? right : left;
      for (const [, at] of entries) {
        const w = at.size.width;
        let x = rtl ? Math.min(at.box.right, edge) - w : Math.max(at.box.left, edge);
        if (rtl ? x < left : x + w > right) {
          row += 1;
          x = rtl ? Math.min(at.box.right, right) - w : Math.max(at.box.left, left);
        }
        x = Math.max(left, Math.min(x, right - w));
        at.tag = { left: x, top: top + row * LINE_PX + 1, right: x + w, bottom: top + row * LINE_PX + 1 + at.size.height };
        edge = rtl ? x - GAP_PX : x + w + GAP_PX;
        // One mark in its line: the outline takes the line in, so the badge sits in its frame.
        if (entries.length === 1) at.box = { ...at.box, top: Math.min(at.box.top, top) };
      }
      heights.set(line, (row + 1) * LINE_PX);
    }
    return heights;
  }

  /** Writes a measured position (no layout reads, so many marks cost one layout). */
  function apply(m, at) {
    const px = (v) => `${Math.round(v)}px`;
    // Unchanged marks are not touched: a write would make the browser lay out again.
    const key = at ? [at.box.left, at.box.top, at.box.right, at.box.bottom, at.tag?.left, at.tag?.top, at.mode, at.rtl, m.fixed].map(String).join() : '';
    if (key === m.placed) return;
    m.placed = key;
    m.mark.hidden = !at;
    if (!at) return;
    m.mark.classList.toggle('fixed', m.fixed);
    m.mark.classList.toggle('rtl', at.rtl);
    Object.assign(m.box.style, { left: px(at.box.left - 4), top: px(at.box.top - 4),
      width: px(at.box.right - at.box.left + 8), height: px(at.box.bottom - at.box.top + 8) });
    m.tag.hidden = !at.tag;
    m.tag.classList.toggle('icon', at.mode === 'icon');
    if (at.tag) Object.assign(m.tag.style, { left: px(at.tag.left), top: px(Math.max(0, at.tag.top)) });
  }

  /**
   * Places every mark: lines first (writes), then all reads, then all writes. The reads run in
   * slices: a few marks take one slice (all within the current task), but 300 marks on a page
   * of 100,000 elements read the page's layout for most of a second (each badge is checked
   * against the text around it), so the page gets its turn in between. One pass at a time; a
   * call during a pass asks for another after it (what the page did meanwhile is read then).
   */
  function layout() {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await layoutOnce();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  }
  let running = null;
  let again = false;

  /** The page's layout as read in the current pass (after our lines are in). */
  let cache = undefined;
  let cachedAt = '';
  /** When the current slice of reads ends (`performance.now()` clock). */
  let sliceEnd = Infinity;
  /** A new cache when the window scrolled during a pause of the pass (its boxes moved). */
  function fresh() {
    const at = `${view.scrollX},${view.scrollY}`;
    if (!cache || at !== cachedAt) {
      cache = new LayoutCache();
      cachedAt = at;
    }
    cache.startSlice(sliceEnd);
  }

  /**
   * `read()` (which reads layout through the cache) within the slices of `budget`: a read
   * that runs out of the slice's time is asked again after a pause, with what it read so far
   * in the cache. (One mark's free space on a page of 100,000 elements reads up to 1,500
   * boxes: 30 ms and more on a busy machine.)
   */
  async function inSlices(read, budget) {
    for (;;) {
      sliceEnd = budget.start + budget.ms;
      try {
        return read();
      } catch (e) {
        if (e !== OUT_OF_TIME) throw e;
      } finally {
        sliceEnd = Infinity;
      }
      await pauseReads(budget);
    }
  }

  /**
   * Resolves in a task after the browser's next frame. Whatever changed the page's layout
   * before (our lines, new marks, the page itself) is then laid out by the browser in its own
   * rendering step (on a page of 100,000 elements a long task of its own, 30-50 ms), not
   * forced by our first read in the middle of our task. A hidden tab draws no frames: there
   * at once; a tab hidden while we wait, after a second. (A shorter fallback fires first on
   * a busy machine, whose frames come late, and the read it lets through lays the page out.)
   */
  const nextFrame = () => new Promise((ok) => {
    if (doc.visibilityState === 'hidden') {
      setTimeout(ok, 0);
      return;
    }
    view.requestAnimationFrame(() => setTimeout(ok, 0));
    setTimeout(ok, 1000);
  });
  /** `nextFrame`, again while we wrote during the wait (a render's task ran before ours). */
  async function afterFrame() {
    for (let i = 0; i < 3; i++) {
      const before = writes;
      await nextFrame();
      if (writes === before) return;
    }
  }

  /** Yields between reads of a pass; after our own writes meanwhile, waits for their frame. */
  async function pauseReads(budget) {
    const before = writes;
    await budget.pause();
    if (writes !== before) {
      await afterFrame();
      budget.start = performance.now();
    }
  }
  const tick = (budget) => (budget.spent() ? pauseReads(budget) : undefined);

  async function layoutOnce() {
    // A pass starts after a frame: it follows writes (a render's new marks, the last pass's
    // line heights, the page's own changes) that a first read would lay out at once.
    await afterFrame();
    const budget = new Budget();
    drop((item) => !item.element.isConnected);
    if (await ensureLines([...marks], budget)) {
      // New lines went into the page: read it after the browser laid it out.
      await afterFrame();
      budget.start = performance.now();
    }
    cache = undefined;
    const placed = [];
    for (const [item, m] of marks) {
      placed.push([m, await inSlices(() => measure(item, m), budget)]);
      await tick(budget);
    }
    const heights = placeInLines(placed);
    for (const [m, at] of placed) {
      if (!at?.tag || !m.line) continue;
      await inSlices(() => verify(m, at), budget);
      await tick(budget);
    }
    // Marks dropped during a pause stay dropped.
    const live = new Set(marks.values());
    for (const [m, at] of placed) if (live.has(m)) apply(m, at);
    for (const [line, h] of heights) if (line.node.style.height !== `${h}px`) line.node.style.setProperty('height', `${h}px`, 'important');
    cache = undefined;
  }

  function update(item) {
    const m = marks.get(item) ?? markFor(item);
    // Unchanged marks are not written to (each render visits all of them: hundreds on a page).
    const key = [item.state, item.undoable, actionText(item), item.label, item.finding.message].join('\u0000');
    if (m.updated === key) return;
    m.updated = key;
    writes += 1;
    m.mark.classList.toggle('done', item.state === 'done');
    m.undo.textContent = actionText(item);
    m.undo.disabled = item.state === 'done' || !item.undoable;
    m.undo.hidden = !item.undoable && item.state !== 'done';
    m.badge.setAttribute('aria-label', `${item.label}: ${item.finding.message}`);
  }

  // Scrolling the document moves marks and page alike; scrolling a box inside the page does not.
  const onScroll = (e) => { if (e.target !== doc) soon(); };
  doc.addEventListener('scroll', onScroll, { capture: true, passive: true });
  view.addEventListener('resize', soon);
  resized?.observe(doc.documentElement);

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
    /** Tells a pass that our UI changed outside the marks (the panel): read after its frame. */
    wrote() {
      writes += 1;
    },
    /** Flashes an item's mark and moves focus to its badge (after the page scrolled there). */
    flash(item) {
      const m = marks.get(item);
      if (!m) return;
      layout();
      m.mark.classList.remove('flash');
      void m.mark.offsetWidth;
      m.mark.classList.add('flash');
      if (!m.tag.hidden) m.badge.focus({ preventScroll: true });
    },
    clear() {
      drop(() => true);
      resized?.disconnect();
      doc.removeEventListener('scroll', onScroll, { capture: true });
      view.removeEventListener('resize', soon);
    },
  };
}
