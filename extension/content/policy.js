// @ts-check
// Privacy policies in the page. On a policy page: the sentences that matter are highlighted in
// place (CSS Custom Highlight API: the page's DOM is not changed), coloured by category, each
// with a small badge carrying its one-line explanation, and a summary at the top counts them
// per category, worst first, broken promises leading. On a shop page with flagged consents or
// a sign-up/checkout form: the shop's own policy (same origin only) is fetched and its summary
// shown. The judgement (is this a policy page, which link, what the sentences say) is the
// engine's, run in the service worker's policy module; this file reads text and draws.

import { MSG } from '../shared/messages.js';
import { SEVERITIES, LISTED } from '../shared/contract.js';
import { readTextInSlices, rangeFor, elementAt, pageSignals } from './policy-text.js';
import { Budget, yieldToPage } from './slices.js';
import { COLOURS } from './policy-colours.js';
import { el } from './ui-dom.js';
import { textRectsIn, LayoutCache } from './placement.js';
import { createPolicyPanel, POLICY_PANEL_STYLE } from './policy-panel.js';

const HOST_TAG = 'haken-ui';
const MARK_ATTR = 'data-haken';
/** Badges drawn beside the highlighted sentences of one block (the summary lists every finding). */
const MAX_BADGES_PER_BLOCK = 6;
/** Highlights, marks and badges are drawn for text within this distance of the viewport, as the
 * shopper scrolls: a long policy has thousands of sentences, and each costs a Range and, for
 * its badge, the page's layout. The summary counts every finding from the start. */
const DRAW_MARGIN = '100% 0px';
/** An element holding more findings than this is drawn by window, as the shopper scrolls: only
 * the findings whose sentences start within `DRAW_MARGIN` of the viewport, found by their
 * position (a 5 MB policy glued into one paragraph holds 90,000 findings: a Range each, all at
 * once, is a task of hundreds of ms, and as many highlights make every frame slow). */
const WINDOWED = 200;
/** How long the policy summary waits for the first screen to be drawn before it is reported. */
const FIRST_SCREEN_WAIT_MS = 1000;
/** Summary order: a broken promise first, then the worst severity (order from Rust). */
const SEVERITY_RANK = Object.fromEntries([['contradiction', -1], ...SEVERITIES.map((s, i) => [s, SEVERITIES.length - 1 - i])]);

const STYLE = `
:host { all: initial; direction: ltr; }
* { box-sizing: border-box; }
.layer { position: absolute; left: 0; top: 0; width: 0; height: 0; contain: size layout style; }
.chip { position: absolute; font: 600 11px/1.2 system-ui, sans-serif; color: #1b1b1b; border: 1px solid #555;
  border-radius: 9px; padding: 1px 6px; white-space: nowrap; cursor: help; }
.chip:focus-visible { outline: 3px solid #0b3d91; outline-offset: 1px; }
.chip.high { border-color: #b0124f; color: #7a0c37; }
.chip .dot { display: none; }
.chip.icon { padding: 1px 5px; }
.chip.icon .dot { display: inline; }
.chip.icon .name { display: none; }
.chip.icon:hover .name, .chip.icon:focus .name { display: inline; }
.chip.icon:hover .dot, .chip.icon:focus .dot { display: none; }
.chip:hover, .chip:focus { z-index: 2; }
.tip { display: none; position: absolute; top: 100%; left: 0; margin-top: 3px; width: 320px; white-space: normal;
  font: 400 13px/1.45 system-ui, sans-serif; background: #fff; border: 2px solid #b0124f; border-radius: 6px;
  padding: 8px 10px; box-shadow: 0 4px 14px rgba(0,0,0,.25); z-index: 1; }
.chip.end .tip { left: auto; right: 0; }
.chip:hover .tip, .chip:focus .tip { display: block; }
.side ul { list-style: none; margin: 0; padding: 0; }
.side li { border-top: 1px solid #ddd; padding: 8px 0; }
.side li:first-child { border-top: 0; }
.cat { font-weight: 700; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 6px; vertical-align: -1px; border: 1px solid #888; }
.broken { color: #7a0c37; }
.quote { display: block; margin: 4px 0 0 18px; font-style: italic; color: #333; }
button { font: inherit; cursor: pointer; border-radius: 12px; padding: 2px 9px; background: #fff; color: #1b1b1b; border: 2px solid #555; margin: 4px 6px 0 0; }
button:focus-visible { outline: 3px solid #0b3d91; outline-offset: 2px; }
p { margin: 4px 0; }
` + POLICY_PANEL_STYLE;

const ask = (message) => chrome.runtime.sendMessage(message).then((r) => (r && !r.error ? r : null), () => null);

/** Category entries of a summary, worst first: `{category, label, message, severity, findings}`. */
export function summarize(findings, categories) {
  const order = new Map(categories.map((c, i) => [c.id, i]));
  const groups = new Map();
  for (const f of findings.filter((x) => x.kind === 'policy_claim')) {
    if (!groups.has(f.category)) groups.set(f.category, { category: f.category, severity: f.severity, message: f.message, findings: [] });
    groups.get(f.category).findings.push(f);
  }
  return [...groups.values()].sort((a, b) => (SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])
    || ((order.get(a.category) ?? 99) - (order.get(b.category) ?? 99)));
}

/**
 * The summary list (contradictions first, then categories worst first), as DOM.
 * @param {Document} doc
 * @param {{findings: import('../shared/findings').Finding[], labels: Record<string, string>,
 *   t: (key: string, ...args: any[]) => string, show?: (span: import('../shared/findings').Span) => void}} what
 */
function summaryList(doc, { findings, labels, t, show }) {
  const list = el(doc, 'ul');
  for (const c of findings.filter((f) => f.kind === 'policy_contradiction')) {
    const li = el(doc, 'li', {}, [
      el(doc, 'span', { class: 'cat broken', text: `⚠ ${t('policyBroken')} (${labels[c.category] ?? c.category})` }),
      el(doc, 'p', { text: c.message }),
      el(doc, 'span', { class: 'quote', text: `${t('policyPromise')}: „${c.related[0]?.evidence ?? ''}“` }),
      el(doc, 'span', { class: 'quote', text: `${t('policyClause')}: „${c.evidence}“` }),
    ]);
    if (show) {
      li.append(el(doc, 'button', { type: 'button', text: t('policyPromise'), onclick: () => show(c.related[0]?.span) }));
      li.append(el(doc, 'button', { type: 'button', text: t('policyClause'), onclick: () => show(c.span) }));
    }
    list.append(li);
  }
  for (const group of summarize(findings, Object.entries(labels).map(([id]) => ({ id })))) {
    const li = el(doc, 'li', { 'data-category': group.category }, [
      el(doc, 'span', { class: 'swatch', style: `background:${COLOURS[group.category] ?? '#eee'}` }),
      el(doc, 'span', { class: 'cat', text: `${labels[group.category] ?? group.category} (${group.findings.length})` }),
      el(doc, 'p', { text: group.message }),
    ]);
    if (show) {
      let next = 0;
      li.append(el(doc, 'button', { type: 'button', text: t('policyNext'), onclick: () => {
        show(group.findings[next % group.findings.length].span);
        next += 1;
      } }));
    }
    list.append(li);
  }
  return list;
}

/** Highlights, badges and the summary card on a policy page. */
class PolicyPage {
  constructor(doc, { read, analysis, labels, t, mode }) {
    /** What the tab's badge and popup show of this page (`{where, counts, stats}`), once drawn. */
    this.summary = undefined;
    this.doc = doc;
    this.read = read;
    this.findings = analysis.findings;
    this.labels = labels;
    this.t = t;
    this.host = doc.createElement(HOST_TAG);
    this.host.setAttribute('data-haken-policy', '');
    this.host.style.cssText = 'position:absolute !important; left:0 !important; top:0 !important; width:0 !important; '
      // No layout containment here: it would make the host the containing block of the side panel (position: fixed).
      + 'height:0 !important; display:block !important; z-index:2147483646 !important; contain:size style !important;';
    this.root = this.host.attachShadow({ mode });
    this.root.append(el(doc, 'style', { text: STYLE }));
    this.layer = el(doc, 'div', { class: 'layer' });
    this.root.append(this.layer);
    this.chips = [];
  }

  async show() {
    const tShow = performance.now();
    const { doc, t } = this;
    const claims = this.findings.filter((f) => f.kind === 'policy_claim');
    const count = claims.length;
    const content = count
      ? summaryList(doc, { findings: this.findings, labels: this.labels, t, show: (span) => this.reveal(span) })
      : el(doc, 'p', { text: t('policyNone') });
    this.steps = { summaryMs: performance.now() - tShow };
    // A policy of 90,000 findings: the summary is a slice, grouping the findings more.
    await yieldToPage();
    const t0 = performance.now();
    await this.highlight(claims);
    this.steps = { ...this.steps, highlightMs: performance.now() - t0 };
    // Into the page last: the highlights read the page's styles first, before any change of ours.
    doc.documentElement.append(this.host);
    this.panel = createPolicyPanel(doc, this.root, { t, title: t('policyTitle', count), count, content, onResize: () => this.soon() });
    this.onResize = () => this.soon();
    doc.defaultView.addEventListener('resize', this.onResize);
    // Fonts, zoom and late content move the text: the badges follow at the next frame.
    this.resized = typeof ResizeObserver === 'function' ? new ResizeObserver(this.onResize) : null;
    this.resized?.observe(doc.documentElement);
    // Scrolling (the page or a box of it) brings more of a long block near: its window is drawn.
    this.onScroll = () => {
      if (!this.near.size || this.scrollFrame) return;
      this.scrollFrame = doc.defaultView.requestAnimationFrame(() => {
        this.scrollFrame = 0;
        this.drawWindows();
      });
    };
    doc.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
  }

  /** Places every badge again at the next frame. */
  soon() {
    if (this.frame) return;
    this.frame = this.doc.defaultView.requestAnimationFrame(() => {
      this.frame = 0;
      this.place(this.chips, true);
      if (this.near.size) this.drawWindows();
    });
  }

  /**
   * Registers one (empty) highlight per category and watches the elements that hold the
   * findings' sentences; `drawNear` fills in what comes near the viewport. Resolves once the
   * first screen is drawn.
   */
  async highlight(claims) {
    const tStart = performance.now();
    const budget = new Budget();
    const { doc } = this;
    // Findings by the element their sentence starts in (cheap: no Range, no style read yet).
    this.pending = new Map();
    const add = (f) => {
      const element = elementAt(this.read, f.span?.start ?? -1);
      if (!element) return;
      if (!this.pending.has(element)) this.pending.set(element, []);
      this.pending.get(element).push(f);
    };
    // A clause that breaks a promise marks its block before any claim there.
    const contradictions = this.findings.filter((x) => x.kind === 'policy_contradiction');
    for (const [i, f] of contradictions.entries()) {
      add({ ...f, severity: 'contradiction' });
      if ((i & 255) === 255) await budget.tick();
    }
    for (const [i, f] of claims.entries()) {
      add(f);
      if ((i & 255) === 255) await budget.tick();
    }
    // Elements with many findings are drawn by window (`drawWindow`): their claims in text
    // order and their worst finding, found now.
    this.big = new Map(); // element -> {worst, claims, drawn, marked}
    this.near = new Set(); // those of them near the viewport
    for (const [element, findings] of [...this.pending]) {
      if (findings.length <= WINDOWED) continue;
      this.pending.delete(element);
      let worst = findings[0];
      const inBlock = [];
      for (const [i, f] of findings.entries()) {
        if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[worst.severity]) worst = f;
        if (f.kind === 'policy_claim') inBlock.push(f);
        if ((i & 1023) === 1023) await budget.tick();
      }
      if (inBlock.some((f, i) => i && f.span.start < inBlock[i - 1].span.start)) inBlock.sort((a, b) => a.span.start - b.span.start);
      this.big.set(element, { worst, claims: inBlock, drawn: new Uint8Array(inBlock.length), marked: false });
      await budget.tick();
    }
    this.steps = { ...this.steps, longestGroupSliceMs: Math.max(budget.longestMs, performance.now() - budget.start) };
    const tGrouped = performance.now();
    this.blocks = new Map(); // element -> its block (see blockOf)
    this.worst = new Map(); // block -> the worst finding marked on it
    this.badgeCount = new Map(); // block -> badges drawn
    this.highlights = new Map();
    const registry = globalThis.CSS?.highlights;
    if (registry && globalThis.Highlight) {
      const rules = [];
      for (const category of new Set(claims.map((f) => f.category))) {
        const highlight = new Highlight();
        this.highlights.set(category, highlight);
        registry.set(`haken-${category}`, highlight);
        rules.push(`::highlight(haken-${category}) { background-color: ${COLOURS[category] ?? '#eee'}; color: inherit; }`);
      }
      rules.push('::highlight(haken-flash) { background-color: #ffd54f; }');
      this.sheet = new doc.defaultView.CSSStyleSheet();
      this.sheet.replaceSync(rules.join('\n'));
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, this.sheet];
    }
    this.drawn = new Promise((resolve) => {
      this.observer = new doc.defaultView.IntersectionObserver((entries) => {
        const t0 = performance.now();
        this.drawNear(entries);
        if (!this.steps.firstScreenMs) this.steps = { ...this.steps, firstScreenMs: performance.now() - t0 };
        resolve();
      }, { rootMargin: DRAW_MARGIN });
    });
    for (const element of [...this.pending.keys(), ...this.big.keys()]) this.observer.observe(element);
    if (!this.pending.size && !this.big.size) this.drawn = Promise.resolve();
    this.steps = { ...this.steps, groupMs: tGrouped - tStart, registerMs: performance.now() - tGrouped };
  }

  /** Highlights, marks and badges for the elements that came near the viewport (all reads, then all writes). */
  drawNear(entries) {
    const due = [];
    const marks = new Set();
    for (const entry of entries) {
      const element = /** @type {Element} */ (entry.target);
      const big = this.big.get(element);
      if (big) {
        // Stays observed: its window is drawn while it is near (`drawWindows`). Its findings'
        // sentences all start in its text, so in its block: marked without a Range each.
        if (!entry.isIntersecting) {
          this.near.delete(element);
          continue;
        }
        this.near.add(element);
        big.block ??= blockOf(element, this.blocks);
        if (!big.marked && big.block && this.worse(big.block, big.worst)) marks.add(big.block);
        big.marked = true;
        continue;
      }
      const findings = this.pending.get(element);
      if (!entry.isIntersecting || !findings) continue;
      this.pending.delete(element);
      this.observer.unobserve(element);
      for (const f of findings) {
        const range = rangeFor(this.read, f.span);
        if (!range) continue;
        const block = blockOf(range.startContainer, this.blocks);
        if (!block) continue;
        if (this.worse(block, f)) marks.add(block);
        if (f.kind !== 'policy_claim') continue;
        this.highlights.get(f.category)?.add(range);
        if (this.badgeFor(block)) due.push([f, range]);
      }
    }
    this.markBlocks(marks);
    this.addChips(due);
    if (this.near.size) this.drawWindows();
  }

  /** Whether `f` is worse than what `block` is marked with so far (then it is, from now). */
  worse(block, f) {
    const worst = this.worst.get(block);
    if (worst && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[worst.severity]) return false;
    this.worst.set(block, f);
    return true;
  }

  /** Whether `block` may have one more badge (then it has it). */
  badgeFor(block) {
    const badges = this.badgeCount.get(block) ?? 0;
    if (badges >= MAX_BADGES_PER_BLOCK) return false;
    this.badgeCount.set(block, badges + 1);
    return true;
  }

  markBlocks(marks) {
    for (const block of marks) {
      const f = this.worst.get(block);
      block.setAttribute(MARK_ATTR, `${f.kind}:${f.category}`);
    }
  }

  /** Draws the window of every long block near the viewport, in slices (one run at a time). */
  async drawWindows() {
    if (this.windowing) {
      this.windowAgain = true;
      return;
    }
    this.windowing = true;
    const budget = new Budget();
    try {
      do {
        this.windowAgain = false;
        for (const element of [...this.near]) {
          if (this.removed) return;
          await this.drawWindow(element, budget);
        }
      } while (this.windowAgain && !this.removed);
    } finally {
      this.windowing = false;
      this.steps = { ...this.steps, longestWindowSliceMs: Math.max(this.steps.longestWindowSliceMs ?? 0, budget.longestMs, performance.now() - budget.start) };
    }
  }

  /**
   * Highlights and badges for the findings of a long block whose sentences start within one
   * screen above or below the viewport (as `DRAW_MARGIN`). The findings run in text order, so
   * down the page: two binary searches over where their sentences start (a caret rectangle each,
   * 1-2 ms in a 5 MB paragraph) find the window; what was drawn stays drawn.
   */
  async drawWindow(element, budget) {
    const big = this.big.get(element);
    if (!big?.block || !element.isConnected) return;
    const { block, claims, drawn } = big;
    const height = this.doc.defaultView.innerHeight;
    const topOf = (i) => {
      const range = rangeFor(this.read, claims[i].span);
      const r = range && startRect(range);
      return r ? r.top : -Infinity;
    };
    const first = await lowerBound(0, claims.length, (i) => topOf(i) >= -height, budget);
    const end = await lowerBound(first, claims.length, (i) => topOf(i) > 2 * height, budget);
    let due = [];
    for (let i = first; i < end; i++) {
      if (drawn[i]) continue;
      drawn[i] = 1;
      const f = claims[i];
      const range = rangeFor(this.read, f.span);
      if (!range) continue;
      this.highlights.get(f.category)?.add(range);
      if (this.badgeFor(block)) due.push([f, range]);
      if (budget.spent()) {
        this.addChips(due);
        due = [];
        await budget.pause();
        if (this.removed) return;
      }
    }
    this.addChips(due);
  }

  /** Badges for `due` (`[finding, range]`), put in place. */
  addChips(due) {
    if (!due.length) return;
    const { doc } = this;
    const fresh = due.map(([f, range]) => {
      const label = this.labels[f.category] ?? f.category;
      const chip = el(doc, 'span', { class: `chip ${f.severity}`, tabindex: '0', role: 'note',
        style: `background:${COLOURS[f.category] ?? '#eee'}`, 'aria-label': `${label}: ${f.message}` }, [
        el(doc, 'span', { class: 'dot', text: '!' }),
        el(doc, 'span', { class: 'name', text: label }),
        el(doc, 'span', { class: 'tip', text: f.message }),
      ]);
      return { chip, range, size: null };
    });
    for (const { chip } of fresh) this.layer.append(chip);
    this.chips.push(...fresh);
    this.place(fresh, false);
  }

  /**
   * Puts each badge in the margin beside the line its sentence starts on: before the text
   * where there is room, else after it (short of the side panel), as an icon when the whole
   * badge does not fit; never on page text or another badge. `all`: every badge is placed
   * anew (the page's text moved). All reads, then all writes.
   */
  place(chips, all) {
    const { doc } = this;
    const view = doc.defaultView;
    if (all || !this.taken) this.taken = [];
    const limit = doc.documentElement.clientWidth - (this.panel?.width() ?? 0) - 2;
    // Scroll offsets read once: reading them between writes would lay the page out each time.
    const sx = view.scrollX;
    const sy = view.scrollY;
    const cache = new LayoutCache();
    const spots = chips.map((c) => {
      const r = startRect(c.range);
      if (!r) return null;
      if (!c.size && !c.chip.classList.contains('icon')) c.size = { width: c.chip.offsetWidth, height: c.chip.offsetHeight };
      const size = c.size ?? { width: 90, height: 16 };
      const block = (blockOf(c.range.startContainer) ?? c.range.startContainer.parentElement).getBoundingClientRect();
      const inner = { left: Math.min(block.left, r.left), right: Math.max(block.right, r.right) };
      for (const width of [size.width, 18]) {
        for (const side of ['start', 'end']) {
          const left = side === 'start' ? inner.left - width - 6 : inner.right + 6;
          if (left < 2 || left + width > limit) continue;
          for (let step = 0; step < 4; step++) {
            const top = r.top + step * (size.height + 2);
            const box = { left, top, right: left + width, bottom: top + size.height };
            const page = { left: box.left + sx, top: box.top + sy, right: box.right + sx, bottom: box.bottom + sy };
            if (this.taken.some((o) => overlaps(o, page, 2))) continue;
            if (textRectsIn(doc, { left: left - 2, top: top - 2, right: box.right + 2, bottom: box.bottom + 2 }, cache).length) break;
            this.taken.push(page);
            return { ...page, icon: width !== size.width, side };
          }
        }
      }
      return null;
    });
    chips.forEach(({ chip }, i) => {
      const at = spots[i];
      chip.hidden = !at;
      if (!at) return;
      chip.classList.toggle('icon', at.icon);
      chip.classList.toggle('end', at.side === 'end');
      chip.style.left = `${Math.round(at.left)}px`;
      chip.style.top = `${Math.round(at.top)}px`;
    });
  }

  /** Scrolls the sentence into the part of the window beside the panel, flashes it and says which it is. */
  reveal(span) {
    const range = rangeFor(this.read, span);
    if (!range) return;
    blockOf(range.startContainer)?.scrollIntoView({ block: 'center', behavior: 'instant' });
    if (globalThis.CSS?.highlights && globalThis.Highlight) {
      CSS.highlights.set('haken-flash', new Highlight(range));
      setTimeout(() => CSS.highlights.delete('haken-flash'), 1600);
    }
    const text = range.toString().replace(/\s+/g, ' ').trim();
    this.panel?.announce(this.t('policyShown', text.length > 120 ? `${text.slice(0, 117)}…` : text));
  }

  remove() {
    this.removed = true;
    this.doc.removeEventListener('scroll', this.onScroll, { capture: true });
    this.observer?.disconnect();
    this.doc.defaultView?.removeEventListener('resize', this.onResize);
    this.resized?.disconnect();
    this.panel?.remove();
    this.host.remove();
    for (const block of this.worst?.keys() ?? []) block.removeAttribute(MARK_ATTR);
    if (globalThis.CSS?.highlights) for (const key of [...CSS.highlights.keys()]) if (key.startsWith('haken-')) CSS.highlights.delete(key);
    if (this.sheet) this.doc.adoptedStyleSheets = this.doc.adoptedStyleSheets.filter((s) => s !== this.sheet);
  }
}

/** The first `i` in `[lo, hi)` where `yes(i)` (false before, true from there on), else `hi`; yields when `budget` is spent. */
async function lowerBound(lo, hi, yes, budget) {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (yes(mid)) hi = mid;
    else lo = mid + 1;
    await budget.tick();
  }
  return lo;
}

const overlaps = (a, b, pad = 0) => a.left < b.right + pad && b.left < a.right + pad && a.top < b.bottom + pad && b.top < a.bottom + pad;

/** Where a range begins on screen: the caret there (a whole sentence's line boxes cost
 * several times more to compute), else its first line box; null when not rendered. */
function startRect(range) {
  const caret = range.cloneRange();
  caret.collapse(true);
  const r = caret.getBoundingClientRect();
  if (r.height > 0) return r;
  return range.getClientRects()[0] ?? null;
}

/** The block `node` is in; with `cache` (element -> block), each element's style is read once. */
function blockOf(node, cache) {
  const element = node.nodeType === 1 ? node : node.parentElement;
  if (!cache) return findBlock(element);
  if (!cache.has(element)) cache.set(element, findBlock(element));
  return cache.get(element);
}

/** The nearest ancestor (or self) that is not laid out inline. */
function findBlock(element) {
  let e = element;
  while (e && e.parentElement && getComputedStyle(e).display.startsWith('inline')) e = e.parentElement;
  return e;
}

/** The links of the page that could lead to its policy: same origin, short text. */
function candidateLinks(doc) {
  const seen = new Set();
  const out = [];
  for (const a of doc.querySelectorAll('a[href]')) {
    let url;
    try {
      url = new URL(a.href, doc.baseURI);
    } catch {
      continue;
    }
    const text = a.textContent.trim().replace(/\s+/g, ' ');
    url.hash = '';
    const here = url.href === doc.location.href.split('#')[0];
    if (url.origin !== doc.location.origin || here || !text || text.length > 60 || seen.has(url.href)) continue;
    seen.add(url.href);
    out.push({ url, text });
    if (out.length >= 400) break;
  }
  return out;
}

/** `{category: n}` of claims, plus `contradiction: n`. */
function counts(findings) {
  const out = {};
  for (const f of findings) {
    const key = f.kind === 'policy_contradiction' ? 'contradiction' : f.category;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}


/**
 * The engine's compact reply (`Claims.analyzeCompact`) as `{lang, categories, findings}`:
 * contradictions first, then one finding per claim (without `evidence`: a claim's sentence is
 * its span of the text that was sent).
 */
function expand(compact) {
  const { categories = [], rules = [], claims = [], contradictions = [] } = compact;
  const findings = [...contradictions];
  for (let i = 0; i + 4 < claims.length; i += 5) {
    const category = categories[claims[i]];
    if (!category) continue;
    findings.push({
      kind: 'policy_claim',
      category: category.id,
      severity: SEVERITIES[claims[i + 3]] ?? category.severity,
      rule: rules[claims[i + 4]] ?? '',
      message: category.message,
      span: { start: claims[i + 1], end: claims[i + 2] },
    });
  }
  return { lang: compact.lang, sentences: compact.sentences, categories, findings, engineMs: compact.engineMs };
}

/** The engine's analysis of `text` (see `expand`), or null when the worker could not give one. */
async function analyse(text, lang) {
  const reply = await ask({ type: MSG.POLICY_ANALYZE, text, lang });
  return reply ? expand(reply) : null;
}

/** Category id -> label, in summary order, from the engine's reply. */
const labelsOf = (analysis) => Object.fromEntries((analysis.categories ?? []).map((c) => [c.id, c.label]));

/** Whether a shop page is worth fetching its policy for: flagged consents or a sign-up/checkout form. */
function wantsPolicy(doc, flagged) {
  return flagged > 0 || Boolean(doc.querySelector('form input[type=email], form input[type=password], form input[autocomplete^="cc-"]'));
}

/**
 * Runs the policy part for the top frame. `ui`: the page panel (`showPolicy(node)`), `flagged`:
 * the number of consent findings; `lang`: the shopper's language for messages; `labels`:
 * category id -> label; `mode`: shadow-root mode. Returns a handle with `remove()`.
 */
export async function runPolicy(doc, { t, lang, flagged, panel, ignore, mode = 'closed' }) {
  // Each look over a large page is a task of its own (10-20 ms each on 200,000 elements).
  await yieldToPage();
  const signals = pageSignals(doc);
  await yieldToPage();
  const links = candidateLinks(doc);
  const page = await ask({ type: MSG.POLICY_PAGE, ...signals, links: links.map((l) => l.text) });
  if (!page) return null;
  if (page.isPolicy) {
    // Figures for the benchmark: reading the text is the floor the rest is measured against.
    const t0 = performance.now();
    const read = await readTextInSlices(doc, ignore);
    const t1 = performance.now();
    const analysis = await analyse(read.text, lang);
    if (!analysis) return null;
    const t2 = performance.now();
    const labels = labelsOf(analysis);
    const view = new PolicyPage(doc, { read, analysis, labels, t, mode });
    await view.show();
    const tShown = performance.now();
    // The first screen's highlights are drawn at the next frame; a hidden tab draws none until
    // it is shown, and its summary should not wait for that.
    const firstScreen = await Promise.race([view.drawn.then(() => true), new Promise((r) => setTimeout(r, FIRST_SCREEN_WAIT_MS, false))]);
    const t3 = performance.now();
    const firstScreenMs = view.steps.firstScreenMs ?? 0;
    const stats = { chars: read.text.length, findings: analysis.findings.length, readMs: t1 - t0, analyseMs: t2 - t1,
      engineMs: analysis.engineMs, drawMs: tShown - t2 + firstScreenMs, frameWaitMs: t3 - tShown - firstScreenMs,
      firstScreen, drawSteps: view.steps };
    view.summary = { where: 'page', counts: counts(analysis.findings), stats };
    return view;
  }
  const link = links[page.link];
  if (!link || !wantsPolicy(doc, flagged)) return null;
  const response = await fetch(link.url.href, { credentials: 'same-origin', redirect: 'follow' }).catch(() => null);
  if (!response?.ok || new URL(response.url).origin !== doc.location.origin) return null;
  const type = response.headers.get('content-type') ?? '';
  if (!/text\/(html|plain)|application\/xhtml/.test(type)) return null;
  const body = await response.text();
  const parsed = type.includes('html') ? new DOMParser().parseFromString(body, 'text/html') : null;
  const text = parsed ? (await readTextInSlices(parsed)).text : body;
  const analysis = await analyse(text, lang);
  if (!analysis) return null;
  const labels = labelsOf(analysis);
  const count = analysis.findings.filter((f) => f.kind === 'policy_claim' && LISTED.has(f.severity)).length;
  const section = el(doc, 'section', { 'data-haken-policy': '' }, [
    el(doc, 'h2', { text: t('policyShopTitle', count) }),
    summaryList(doc, { findings: analysis.findings.filter((f) => LISTED.has(f.severity) || f.kind !== 'policy_claim'), labels, t }),
    el(doc, 'a', { href: link.url.href, target: '_blank', rel: 'noopener', text: t('policyOpen') }),
  ]);
  panel.showPolicy(section);
  return { remove: () => section.remove(), summary: { where: 'link', url: link.url.href, counts: counts(analysis.findings) } };
}
