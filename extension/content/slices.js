// @ts-check
// Work in slices: the extension never holds the page's main thread for long. A slice runs
// until its time budget is spent, then yields to the page (input, rendering, its own tasks)
// and goes on in a later task.

/** Longest stretch of work before yielding to the page, in ms (a long task is 50 ms). */
export const SLICE_MS = 12;

/** Lets the page run before we go on: `scheduler.yield()` where there is one, else a new task. */
export const yieldToPage = () =>
  globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((ok) => setTimeout(ok, 0));

/**
 * A time budget: `await budget.tick()` between pieces of work yields to the page once the
 * slice is spent (`ms`, default `SLICE_MS`). `longestMs`: the longest slice so far.
 */
export class Budget {
  constructor(ms = SLICE_MS) {
    this.ms = ms;
    this.start = performance.now();
    this.longestMs = 0;
  }

  /** Whether the slice is spent. */
  spent() {
    return performance.now() - this.start >= this.ms;
  }

  /** Yields when the slice is spent (else resolves at once, in the same task). */
  async tick() {
    if (!this.spent()) return;
    await this.pause();
  }

  /** Yields now and starts a new slice. */
  async pause() {
    this.longestMs = Math.max(this.longestMs, performance.now() - this.start);
    await yieldToPage();
    this.start = performance.now();
  }
}

/** Pages with more elements than this are looked at element by element, in slices, rather
 * than by one `querySelectorAll` per selector (57 ms for the heading selector on 200,000
 * elements: a long task of its own). */
export const LARGE_PAGE = 20_000;

/** Elements walked between looks at the clock: a step of the walk is far cheaper than a look. */
const CLOCK_EVERY = 256;

/**
 * The elements below `root` in document order, as `root.querySelectorAll('*')` lists them, found
 * by a walk in slices of `budget`: that one call is 10 ms on 100,000 elements and 59 ms on a
 * busy machine, a long task of its own. A page of a few thousand elements is walked within the
 * first slice, without a pause.
 * @param {Document | Element | DocumentFragment} root
 * @param {Budget} budget
 * @returns {Promise<Element[]>}
 */
export async function elementsBelow(root, budget) {
  const walker = (root.ownerDocument ?? /** @type {Document} */ (root)).createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  const found = [];
  /** @type {(() => boolean) | null} */
  let removals = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    found.push(/** @type {Element} */ (n));
    if (found.length % CLOCK_EVERY !== 0 || !budget.spent()) continue;
    removals ??= watchRemovals(root);
    await budget.pause();
    // The page removed the element the walk stands on: from there the walk would end at the top
    // of the removed subtree and miss the rest of `root`. Rare; one static list of what is
    // below `root` now is right (a new walk is not: a page doing this at every pause would
    // keep it from ever ending).
    if (!root.contains(walker.currentNode)) {
      removals();
      return [...root.querySelectorAll('*')];
    }
  }
  // An element the page moved from behind the walk to ahead of it was walked twice.
  return removals?.() ? withoutRepeats(found, budget) : found;
}

/**
 * Starts watching `root` for removed nodes; the function returned says whether there were any
 * and stops. Only a removal can make the walk see an element twice (a move is a removal and an
 * insertion; what the page only adds is new to the walk). The first removal is enough: the
 * observer stops there.
 * @param {Node} root
 */
function watchRemovals(root) {
  let removed = false;
  /** @param {MutationRecord[]} records */
  const note = (records) => {
    removed ||= records.some((r) => r.removedNodes.length > 0);
    if (removed) observer.disconnect();
  };
  const observer = new MutationObserver(note);
  observer.observe(root, { childList: true, subtree: true });
  return () => {
    note(observer.takeRecords());
    observer.disconnect();
    return removed;
  };
}

/**
 * `list` without its repeats (the first of each kept), in slices of `budget`.
 * @param {Element[]} list
 * @param {Budget} budget
 */
async function withoutRepeats(list, budget) {
  const seen = new Set();
  const out = [];
  for (let i = 0; i < list.length; i++) {
    if (!seen.has(list[i])) {
      seen.add(list[i]);
      out.push(list[i]);
    }
    if (i % CLOCK_EVERY === CLOCK_EVERY - 1) await budget.tick();
  }
  return out;
}

/**
 * What `root.querySelectorAll(selectors[k])` gives, for each `k` (`matches`), and with
 * `shadowRoots` the open shadow roots of the elements below `root` (`roots`), found in slices
 * of `budget`, among `all` (default `elementsBelow(root)`).
 * @param {Document | Element | DocumentFragment} root
 * @param {string[]} selectors
 * @param {Budget} budget
 * @param {{shadowRoots?: boolean, all?: Element[]}} [options]
 * @returns {Promise<{matches: Element[][], roots: ShadowRoot[]}>}
 */
export async function selectInSlices(root, selectors, budget, { shadowRoots = false, all } = {}) {
  all ??= await elementsBelow(root, budget);
  const matches = selectors.map(() => []);
  const roots = [];
  for (let i = 0; i < all.length; i++) {
    const e = all[i];
    for (let k = 0; k < selectors.length; k++) if (e.matches(selectors[k])) matches[k].push(e);
    if (shadowRoots && e.shadowRoot) roots.push(e.shadowRoot);
    // Every 32 elements: a cold start (selectors parsed, code not yet optimised) makes 256
    // elements 10 ms here and several times that on a busy machine.
    if ((i & 31) === 31) await budget.tick();
  }
  return { matches, roots };
}
