// @ts-check
// Free space for a badge: the places beside a control (after it, before it, above, below)
// checked against the page's text there (the line boxes of its text nodes) and the edges of
// the window. Used where our own line cannot be inserted into the page's layout.

import { HOST_TAG } from './ui-dom.js';

/** Space kept between a badge and page text or the outline (px). */
const CLEAR_PX = 3;
/**
 * Nodes looked at per placement, at most. A page of 100,000 nodes, or a control inside 200,000
 * nested boxes (each of which meets the region), is not walked whole: where the walk stops
 * early (too many nodes, or nesting too deep), the region counts as covered by text, so a
 * badge never goes where nobody looked.
 */
const MAX_NODES = 1500;
/** Nesting looked into, at most (a box's position costs more the deeper it sits). */
const MAX_DEPTH = 128;

export const overlaps = (a, b, pad = 0) => a.left < b.right + pad && b.left < a.right + pad && a.top < b.bottom + pad && b.top < a.bottom + pad;

/**
 * What `textRectsIn` read of the page's layout, for callers that ask about many regions while
 * the page's layout stays as it is (one layout pass of the marks): each element's box and
 * overflow and each text node's line boxes are read once, not once per region. Without it,
 * 300 marks on a page of 100,000 elements read the same 1,500 boxes 300 times and more.
 */
export class LayoutCache {
  constructor() {
    /** @type {Map<Element, {r: DOMRect, overflows: boolean | undefined}>} */
    this.boxes = new Map();
    /** @type {Map<Text, DOMRect[]>} */
    this.lines = new Map();
    /**
     * `performance.now()` after which a read that is not in the cache throws `OUT_OF_TIME`
     * (once `MIN_READS` reads were made since `startSlice`): a walk of 1,500 boxes on a busy
     * machine is a long task of its own; the caller yields and asks again, and what was read
     * is not read twice.
     */
    this.until = Infinity;
    this.reads = 0;
  }

  /** Reads from now on may take until `until` (`performance.now()` clock). */
  startSlice(until) {
    this.until = until;
    this.reads = 0;
  }

  /** Called before each read of the page's layout. */
  reading() {
    if (++this.reads > MIN_READS && performance.now() > this.until) throw OUT_OF_TIME;
  }

  box(e) {
    let b = this.boxes.get(e);
    if (!b) {
      this.reading();
      this.boxes.set(e, b = { r: e.getBoundingClientRect(), overflows: undefined });
    }
    return b;
  }

  overflows(e) {
    const b = this.box(e);
    if (b.overflows === undefined) {
      this.reading();
      b.overflows = e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1;
    }
    return b.overflows;
  }

  linesOf(text, range) {
    let l = this.lines.get(text);
    if (!l) {
      this.reading();
      range.selectNodeContents(text);
      this.lines.set(text, l = [...range.getClientRects()]);
    }
    return l;
  }
}

/** Thrown by a `LayoutCache` read past its slice's end (see `LayoutCache.until`). */
export const OUT_OF_TIME = Symbol('out of time');
/** Reads a slice makes before it checks the clock, so each slice gets somewhere. */
const MIN_READS = 32;

/**
 * The line boxes of page text inside `region` (viewport coordinates); the region itself when
 * there was too much to look at. `cache`: see `LayoutCache` (the page must not change while
 * one is used).
 */
export function textRectsIn(doc, region, cache = new LayoutCache()) {
  const out = [];
  if (!doc.body) return out;
  let budget = MAX_NODES;
  const range = doc.createRange();
  // Depth-first, without recursion (nesting can be deeper than the JavaScript stack).
  const stack = [[doc.body.firstChild, 1]];
  while (stack.length) {
    const [c, depth] = stack.pop();
    if (!c) continue;
    stack.push([c.nextSibling, depth]);
    if (--budget < 0 || depth > MAX_DEPTH) {
      out.push({ left: region.left, top: region.top, right: region.right, bottom: region.bottom, width: region.right - region.left, height: region.bottom - region.top });
      return out;
    }
    if (c.nodeType === 3) {
      if (!c.data.trim()) continue;
      for (const r of cache.linesOf(/** @type {Text} */ (c), range)) if (r.width > 0 && overlaps(r, region)) out.push(r);
    } else if (c.nodeType === 1) {
      const e = /** @type {Element} */ (c);
      if (e.localName === HOST_TAG || e.localName === 'script' || e.localName === 'style') continue;
      const { r } = cache.box(e);
      // Entered where its box meets the region, has none (display: contents), or its content
      // overflows the box (text that spills out of a narrow box still covers what is below;
      // overflow runs down and sideways, so a box that starts below the region cannot reach it).
      if ((r.width === 0 && r.height === 0) || overlaps(r, region)
        || (r.top <= region.bottom && cache.overflows(e))) stack.push([e.firstChild, depth + 1]);
    }
  }
  return out;
}

/** Whether page text lies within a few pixels of `rect` (viewport coordinates). */
export function coversText(doc, rect, cache = undefined) {
  const region = { left: rect.left - CLEAR_PX, top: rect.top - CLEAR_PX, right: rect.right + CLEAR_PX, bottom: rect.bottom + CLEAR_PX };
  return textRectsIn(doc, region, cache).length > 0;
}

/**
 * Where a badge of `size` ({width, height}) can go beside `box` (viewport coordinates) without
 * touching page text, the outline or the window's edges: `{left, top, right, bottom, width}` or null.
 */
export function placeInFreeSpace(doc, box, size, rtl, cache = undefined) {
  const { width: w, height: h } = size;
  const vw = doc.documentElement.clientWidth;
  const startX = rtl ? box.right - w : box.left;
  const candidates = [
    rtl ? { left: box.left - 8 - w, top: box.top } : { left: box.right + 8, top: box.top },
    rtl ? { left: box.right + 8, top: box.top } : { left: box.left - 8 - w, top: box.top },
    { left: startX, top: box.top - h - 8 },
    { left: startX, top: box.bottom + 8 },
  ].map((c) => ({ ...c, right: c.left + w, bottom: c.top + h, width: w }))
    .filter((c) => c.left >= 2 && c.right <= vw - 2 && c.top >= 0);
  if (!candidates.length) return null;
  const region = {
    left: Math.min(...candidates.map((c) => c.left)) - CLEAR_PX, top: Math.min(...candidates.map((c) => c.top)) - CLEAR_PX,
    right: Math.max(...candidates.map((c) => c.right)) + CLEAR_PX, bottom: Math.max(...candidates.map((c) => c.bottom)) + CLEAR_PX,
  };
  const text = textRectsIn(doc, region, cache);
  const outline = { left: box.left - 7, top: box.top - 7, right: box.right + 7, bottom: box.bottom + 7 };
  return candidates.find((c) => !overlaps(c, outline) && !text.some((r) => overlaps(c, r, CLEAR_PX))) ?? null;
}
