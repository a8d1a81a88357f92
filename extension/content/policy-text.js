// @ts-check
// Reads a privacy-policy page as plain text for the engine, and finds the text again: the
// text is the page's text nodes in order, with a blank line between blocks (paragraphs, list
// items, headings, cells), so the engine's sentence splitter sees the page's structure. Every
// piece remembers its text node, so a span the engine returns (UTF-16 offsets, as JavaScript
// counts) becomes a DOM Range without touching the page.

// Which elements are skipped and which start a block is one definition for this reader and the
// command line's: rules/policy/page-text.json, copied into page-text-tags.js (a test keeps the two equal).
import { PAGE_TEXT } from './page-text-tags.js';

const SKIP = new Set(PAGE_TEXT.skip.map((t) => t.toUpperCase()));
const BLOCK = new Set(PAGE_TEXT.blocks.map((t) => t.toUpperCase()));

/** Text longer than this (UTF-16 units) is cut: the engine reads the first part. */
export const MAX_TEXT = 8_000_000;

/**
 * `{text, nodes, starts}` for `root` (a document or element): `nodes[i]` is a Text node whose
 * data starts at `starts[i]` in `text`. `ignore(node)` skips our own UI.
 * @param {Document | Element} root
 * @param {(node: Node) => boolean} [ignore]
 * @returns {{text: string, nodes: Text[], starts: number[]}}
 */
export function readText(root, ignore = () => false) {
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
  // Leaving a block also breaks: remember the blocks we are inside.
  const open = [];
  for (let n = walker.nextNode(); n && length < MAX_TEXT; n = walker.nextNode()) {
    while (open.length && !open[open.length - 1].contains(n)) {
      open.pop();
      blockBreak();
    }
    if (n.nodeType === 1) {
      if (BLOCK.has(n.nodeName.toUpperCase())) {
        blockBreak();
        open.push(n);
      }
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
    push(data.length + length > MAX_TEXT ? data.slice(0, MAX_TEXT - length) : data);
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
