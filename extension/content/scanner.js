// @ts-check
// Scanning without ever blocking the page: the engine reads candidate controls in batches
// sized to a time budget, yielding to the page between batches; after the first scan a
// MutationObserver collects the subtrees the page adds, and only their new controls are read
// (debounced; a flood of mutations is coalesced, never queued).

import { SLICE_MS, yieldToPage, Budget, LARGE_PAGE, selectInSlices, elementsBelow } from './slices.js';

export { yieldToPage };

/** Quiet time before re-scanning after mutations, and the longest wait under a flood. */
const DEBOUNCE_MS = 150;
const MAX_WAIT_MS = 1000;

export class Scanner {
  /**
   * `haken`: the engine; `lang`: message language; `onResult({findings, elements, labels,
   * undo})` is called per batch with flagged controls; `ignore(node)`: nodes of our own UI;
   * `afterScan(root)`: called when a scan of `root` (the document or an added subtree) is done.
   */
  constructor(haken, { lang, onResult, ignore, afterScan }) {
    this.haken = haken;
    this.lang = lang;
    this.onResult = onResult;
    this.afterScan = afterScan ?? (() => {});
    this.ignore = ignore;
    this.seen = new WeakSet();
    this.pending = new Set();
    this.timer = 0;
    this.firstPending = 0;
    this.running = Promise.resolve();
    this.stopped = false;
    // ms, a cautious start: the first reads pay for style and layout, and the engine's first
    // matches for warming up (40 ms for 24 controls on a busy machine).
    this.perControl = 2;
    /** Figures for the benchmark: per scan, the work time (without the yields) and size. */
    this.stats = { scans: [], longestSliceMs: 0 };
  }

  /** Reads every control below `root` that was not read before. */
  scan(root) {
    const run = this.running.then(() => this.scanNow(root));
    this.running = run.catch(() => {});
    return run;
  }

  async scanNow(root) {
    if (this.stopped || !root.isConnected) return;
    const doc = root.ownerDocument ?? root;
    this.labels = null;
    const all = await this.gather(root);
    // Whole-document scans of a large page found the document's labels too (`gatherInSlices`).
    const labels = this.labels;
    let t0 = performance.now();
    const todo = [];
    for (const el of all) {
      if (!this.seen.has(el)) {
        this.seen.add(el);
        todo.push(el);
      }
    }
    let work = performance.now() - t0;
    let i = 0;
    while (i < todo.length && !this.stopped) {
      const left = SLICE_MS - (performance.now() - t0);
      if (left <= 1 && i > 0) {
        await yieldToPage();
        t0 = performance.now();
        continue;
      }
      const tw = performance.now();
      const size = Math.max(4, Math.min(todo.length - i, Math.floor(Math.max(left, 4) / this.perControl)));
      const batch = todo.slice(i, i + size);
      const result = this.haken.inspect(doc, batch, this.lang, labels ?? undefined);
      const took = performance.now() - tw;
      this.perControl = Math.max(0.005, 0.7 * this.perControl + 0.3 * (took / batch.length));
      this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, performance.now() - t0);
      i += size;
      if (result.findings.length) this.onResult(result);
      work += performance.now() - tw;
    }
    const whole = root.nodeType === 9;
    this.large = false;
    if (!this.stopped) this.afterScan(root);
    this.stats.scans = [...this.stats.scans.slice(-19), { whole, workMs: work, controls: todo.length }];
  }

  /**
   * The candidate controls below `root`. All elements below it are walked in slices first (to
   * tell a large page). On a page of ordinary size one `querySelectorAll` then finds the
   * candidates in the light DOM; the open shadow roots are searched in slices.
   */
  async gather(root) {
    const budget = new Budget(SLICE_MS);
    const below = await elementsBelow(root, budget);
    this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, budget.longestMs);
    if (below.length > LARGE_PAGE) return this.gatherInSlices(root, below, budget);
    await budget.tick();
    this.haken.shadowRoots = false;
    const found = [...this.haken.candidates(root)];
    this.haken.shadowRoots = true;
    const elements = below;
    // Finding the candidates of a larger page is a slice of its own.
    if (elements.length > 10000) await yieldToPage();
    let slice = performance.now();
    for (let i = 0; i < elements.length; i++) {
      const shadow = elements[i].shadowRoot;
      if (shadow) found.push(...this.haken.candidates(shadow));
      if ((i & 1023) === 1023 && performance.now() - slice > SLICE_MS) {
        this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, performance.now() - slice);
        await yieldToPage();
        slice = performance.now();
      }
    }
    return found;
  }

  /**
   * `gather` for a large page: its candidates in the light DOM are found element by element in
   * slices (one `querySelectorAll` of the candidate selector is 23 ms on 200,000 elements, and
   * more on a busy machine), with the shadow roots in the same walk. Same controls, same order.
   */
  async gatherInSlices(root, all, budget) {
    // Read while this scan runs: its findings are drawn when it is through (`large`).
    this.large = true;
    await budget.pause();
    const Haken = this.haken.constructor;
    const selector = Haken.selector('candidates');
    // A whole document's `label[for]` elements too: else each batch of the scan asks for them
    // (a sweep of the document, 10 ms on 100,000 elements, per batch).
    const whole = root.nodeType === 9;
    const selectors = whole ? [selector, Haken.selector('labels')] : [selector];
    const { matches: [light, labels], roots } = await selectInSlices(root, selectors, budget, { shadowRoots: true, all });
    const found = root.nodeType === 1 && root.matches(selector) ? [root, ...light] : light;
    for (const shadow of roots) {
      found.push(...this.haken.candidates(shadow));
      await budget.tick();
    }
    if (whole) this.labels = labels;
    this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, budget.longestMs);
    // The scan's first batch starts a slice of its own.
    await yieldToPage();
    return found;
  }

  /** Starts watching `doc` for added subtrees. */
  watch(doc) {
    this.observer = new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.nodeType === 1 && !this.ignore(node)) this.pending.add(node);
        }
      }
      if (this.pending.size) this.schedule();
    });
    this.observer.observe(doc, { childList: true, subtree: true });
  }

  schedule() {
    const now = performance.now();
    if (!this.firstPending) this.firstPending = now;
    clearTimeout(this.timer);
    const wait = Math.min(DEBOUNCE_MS, Math.max(0, this.firstPending + MAX_WAIT_MS - now));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  flush() {
    this.firstPending = 0;
    const roots = [...this.pending].filter((n) => n.isConnected);
    this.pending.clear();
    // Drop roots inside other roots: each subtree is read once.
    const outer = roots.filter((n) => !roots.some((m) => m !== n && m.contains(n)));
    for (const root of outer) this.scan(root);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.observer?.disconnect();
    this.pending.clear();
  }
}
