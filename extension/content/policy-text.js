// @ts-check
// Reads a privacy-policy page as plain text for the engine, and finds the text again: the
// text is the page's text nodes in order, with a blank line between blocks (paragraphs, list
// items, headings, cells), so the engine's sentence splitter sees the page's structure. Every
// piece remembers its text node, so a span the engine returns (UTF-16 offsets, as JavaScript
// counts) becomes a DOM Range without touching the page.

// Which elements are skipped and which start a block is one definition for this reader and the
// command line's: rules/policy/page-text.json, copied into page-text-tags.js (a test keeps the two equal).
import { PAGE_TEXT } from './page-text-tags.js';
import { Budget } from './slices.js';

const SKIP = new Set(PAGE_TEXT.skip.map((t) => t.toUpperCase()));
const BLOCK = new Set(PAGE_TEXT.blocks.map((t) => t.toUpperCase()));

/** Text longer than this (UTF-16 units) is cut: the engine reads the first part. */
export const MAX_TEXT = 8_000_000;

/**
 * `{text, nodes, starts}` for `root` (a document or element): `nodes[i]` is a Text node whose
 * data starts at `starts[i]` in `text`. `ignore(node)` skips our own UI. In one go: for
 * documents of our own (a fetched policy) and callers that must not wait; the page's own
 * document is read with `readTextInSlices`.
 * @param {Document | Element} root
 * @param {(node: Node) => boolean} [ignore]
 * @returns {{text: string, nodes: Text[], starts: number[]}}
 */
export function readText(root, ignore = () => false) {
  const walk = walkText(root, ignore, MAX_TEXT);
  for (let step = walk.next(); ; step = walk.next()) if (step.done) return step.value;
}

/**
 * `readText` in slices of about `SLICE_MS`, yielding to the page in between (a page of 200,000
 * elements is 100 ms and more of walking). Same text, same nodes. `limit`: stop after this many
 * UTF-16 units (the text is cut there, as `readText` cuts at `MAX_TEXT`).
 * @param {Document | Element} root
 * @param {(node: Node) => boolean} [ignore]
 * @param {number} [limit]
 * @returns {Promise<{text: string, nodes: Text[], starts: number[]}>}
 */
export async function readTextInSlices(root, ignore = () => false, limit = MAX_TEXT) {
  const budget = new Budget();
  const walk = walkText(root, ignore, limit);
  for (let step = walk.next(); ; step = walk.next()) {
    if (step.done) return step.value;
    await budget.tick();
  }
}

/** How many nodes the walk takes between looks at the clock. */
const NODES_PER_STEP = 512;

/**
 * The walk behind `readText`: yields (nothing) every `NODES_PER_STEP` nodes, so a caller can
 * pause; returns `{text, nodes, starts}`. The page may change during a pause: a node removed
 * meanwhile is still read as it was, and a later `rangeFor` on it gives null.
 * @param {Document | Element} root
 * @param {(node: Node) => boolean} ignore
 * @param {number} limit
 * @returns {Generator<void, {text: string, nodes: Text[], starts: number[]}, void>}
 */
function* walkText(root, ignore, limit) {
  const doc = /** @type {Document} */ (root.ownerDocument ?? root);
  const start = /** @type {Document} */ (root).body ?? root;
  const parts = [];
  const nodes = [];
  const starts = [];
  let length = 0;
  let lastBreak = true;
  const push = (s) => { parts.push(s); length += s.length; };
  const blockBreak = () => {
    if (!lastBreak) push('\n\n');
    lastBreak = true;
  };
  const walker = doc.createTreeWalker(start, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.nodeType === 1 && (SKIP.has(n.nodeName.toUpperCase()) || ignore(n) || /** @type {HTMLElement} */ (n).hidden)
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  // Leaving a block also breaks: remember the elements we are inside (each is entered and
  // left once, so a page nested 200,000 deep costs no walk up per node).
  const path = [];
  let count = 0;
  for (let n = walker.nextNode(); n && length < limit; n = walker.nextNode()) {
    if (++count % NODES_PER_STEP === 0) yield;
    const parent = n.parentNode;
    while (path.length && path[path.length - 1] !== parent) {
      if (BLOCK.has(path.pop().nodeName.toUpperCase())) blockBreak();
    }
    if (n.nodeType === 1) {
      if (BLOCK.has(n.nodeName.toUpperCase())) blockBreak();
      path.push(n);
      continue;
    }
    const data = /** @type {Text} */ (n).data;
    if (!data) continue;
    if (!/\S/.test(data)) {
      if (!lastBreak) push(' ');
      continue;
    }
    nodes.push(/** @type {Text} */ (n));
    starts.push(length);
    push(data.length + length > limit ? data.slice(0, limit - length) : data);
    lastBreak = false;
  }
  return { text: parts.join(''), nodes, starts };
}

/** The text node holding offset `at` and the offset inside it. */
function locate(read, at, preferNext) {
  const { nodes, starts } = read;
  let lo = 0;
  let hi = nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid; else hi = mid - 1;
  }
  let i = lo;
  // Offsets in a gap between nodes (the blank line between blocks) belong to the next node.
  if (preferNext && at >= starts[i] + nodes[i].data.length && i + 1 < nodes.length) i += 1;
  const offset = Math.max(0, Math.min(at - starts[i], nodes[i].data.length));
  return [nodes[i], offset];
}

/** The element holding offset `at` of `read.text` (the parent of its text node), or null. */
export function elementAt(read, at) {
  if (!read.nodes.length) return null;
  const [node] = locate(read, at, true);
  return node.isConnected ? node.parentElement : null;
}

/** A Range over `span` (`{start, end}` in `read.text`), or null when the page changed. */
export function rangeFor(read, span) {
  if (!read.nodes.length || !span) return null;
  const [startNode, startOffset] = locate(read, span.start, true);
  const [endNode, endOffset] = locate(read, span.end, false);
  if (!startNode.isConnected || !endNode.isConnected) return null;
  const range = startNode.ownerDocument.createRange();
  try {
    range.setStart(startNode, startOffset);
    range.setEnd(endNode, endOffset);
  } catch {
    return null;
  }
  return range;
}

/** The page's title, path and top headings, for the engine's policy-page check. */
export function pageSignals(doc) {
  const headings = [...doc.querySelectorAll('h1, h2')].slice(0, 8).map((h) => h.textContent.trim().slice(0, 200));
  return { path: doc.location?.pathname ?? '', title: doc.title ?? '', headings };
}
