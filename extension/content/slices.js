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

/**
 * The elements below `root`, in one static list: 10 ms on 200,000 elements (the length of a
 * live `getElementsByTagName('*')` is a walk of 45 ms there), and a page that changes while we
 * pause neither hides nor repeats any. (A page of a million elements would make this one
 * call a long task; such a page's own parsing takes seconds.)
 * @param {Document | Element | DocumentFragment} root
 */
export const elementsBelow = (root) => root.querySelectorAll('*');

/**
 * What `root.querySelectorAll(selectors[k])` gives, for each `k` (`matches`), and with
 * `shadowRoots` the open shadow roots of the elements below `root` (`roots`), found in slices
 * of `budget`, among `all` (default `elementsBelow(root)`).
 * @param {Document | Element | DocumentFragment} root
 * @param {string[]} selectors
 * @param {Budget} budget
 * @param {{shadowRoots?: boolean, all?: NodeListOf<Element>}} [options]
 * @returns {Promise<{matches: Element[][], roots: ShadowRoot[]}>}
 */
export async function selectInSlices(root, selectors, budget, { shadowRoots = false, all = elementsBelow(root) } = {}) {
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
