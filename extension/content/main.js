// @ts-check
// The content script proper (one per frame): waits until the page has loaded, loads the
// engine, scans in time slices, marks what it finds, keeps watching for late content, and
// answers the popup and the service worker. Detection is the engine's; this file only wires.

import { loadEngine, compileEngine } from './engine.js';
import { Scanner, yieldToPage } from './scanner.js';
import { Budget, LARGE_PAGE, selectInSlices, elementsBelow } from './slices.js';
import { createUi } from './ui.js';
import { takeBack, stillFlagged } from './untick.js';
import { guardSubmits } from './submit.js';
import { MSG, isMessage } from '../shared/messages.js';
import { MARKED } from '../shared/contract.js';
import { loadSettings, onSettingsChanged, isPaused } from '../shared/settings.js';
import { loadStrings, uiLanguage } from '../shared/i18n.js';
import { runPolicy } from './policy.js';
import { runBreach } from './breach.js';

const MARK_ATTR = 'data-haken';
/** How often our UI may be put back after the page removed it before we step back. */
const MAX_REATTACH = 3;
/** Severities of listed permissions and invitations that are marked in the page (decided in
 * Rust, src/finding.rs); the rest are counted, not shown. Prompts are always shown. */
const SHOWN = MARKED;
/** Requests of the page for browser permissions, kept by prompts-listen.js since document_start. */
const PROMPTS = Symbol.for('haken.prompts');
const isTop = window === window.top;
/** The pre-check (precheck.js, a classic content script before us); absent in the demo. */
const PRECHECK = Symbol.for('haken.precheck');

/** Whether the page's text may be a breach notice (cheap; the engine decides). */
function mayBeBreach() {
  const precheck = globalThis[PRECHECK];
  return !precheck || precheck.breachLike(document.documentElement?.textContent ?? '');
}
const site = location.hostname;

let complained = false;
/** Notes an error of ours on the console, the first one only; it never reaches the page. */
function complain(e) {
  if (!complained) console.debug('haken:', e && e.message);
  complained = true;
}

/** Runs `fn`, never letting an error reach the page (see `complain`). */
function safe(fn) {
  return (...args) => {
    try {
      return fn(...args);
    } catch (e) {
      complain(e);
      return undefined;
    }
  };
}

/** The page's next idle moment (loader.js starts us only after its load event). */
const idle = () => new Promise((ok) => {
  if (window.requestIdleCallback) requestIdleCallback(() => ok(), { timeout: 1500 });
  else setTimeout(ok, 50);
});

class Session {
  /** `startup`: how loading and compiling the engine went (figures for the benchmark). */
  constructor(haken, via, settings, t, startup) {
    this.lang = uiLanguage(settings.lang);
    this.settings = settings;
    this.t = t;
    this.haken = haken;
    this.via = via;
    this.startup = startup;
    this.items = [];
    /** Warnings about permissions the page asked the browser for (no element of their own). */
    this.prompts = [];
    /** Listed permissions judged ordinary or unknown: counted for the popup, not marked. */
    this.quiet = 0;
    /** The longest step of reading permissions, in ms (a figure for the benchmark). */
    this.permissionsMs = 0;
    this.nextIndex = 0;
    this.byElement = new WeakMap();
    this.reattached = 0;
    this.steppedBack = false;
    this.ui = null;
    this.scanner = new Scanner(this.haken, {
      lang: this.lang,
      onResult: safe((r) => this.add(r)),
      afterScan: (root) => {
        if (this.renderAfterScan) this.scheduleRender();
        this.renderAfterScan = false;
        this.scanPermissions(root).catch(complain);
      },
      ignore: (n) => this.isOurs(n),
    });
  }

  async start() {
    await this.scanner.scan(document);
    this.scanner.watch(document);
    this.stopSubmits = guardSubmits(document, {
      openIn: (form) => this.visible().filter((i) => i.state !== 'done' && stillFlagged(i) && i.element.form === form),
      ask: (open) => (this.uiReady() ? this.ui.ask(open) : null),
      untick: (item) => this.untick(item),
    });
    this.onChange = safe((e) => this.noticeChange(e.target));
    document.addEventListener('change', this.onChange, true);
    this.onResize = safe(() => this.ui?.layout());
    window.addEventListener('resize', this.onResize);
    this.ticker = setInterval(safe(() => this.tick()), 1000);
    const asked = globalThis[PROMPTS];
    if (asked) {
      for (const api of asked.asked) this.addPrompt(api);
      asked.listener = safe((api) => this.addPrompt(api));
    }
    this.report();
    if (isTop) this.startPolicy();
  }

  /** The privacy-policy part (top frame only): highlights on policy pages, the shop's policy in the panel. */
  async startPolicy() {
    try {
      const panel = { showPolicy: (section) => { if (this.uiReady()) this.ui.showPolicy(section); } };
      this.policy = await runPolicy(document, {
        t: this.t, lang: this.lang, flagged: this.visible().length, panel,
        ignore: (n) => this.isOurs(n),
      });
      if (this.stopped) this.policy?.remove();
      else if (this.policy) this.report();
      // A breach notice is no policy page: the checklist shows only where the engine says so.
      // Only text with breach vocabulary goes to the service worker (precheck.js).
      if (!this.stopped && this.policy?.summary?.where !== 'page' && mayBeBreach()) {
        this.breach = await runBreach(document, { t: this.t, lang: this.lang, ignore: (n) => this.isOurs(n) });
        if (this.stopped) this.breach?.remove();
        else if (this.breach) this.report();
      }
    } catch (e) {
      complain(e);
    }
  }

  /** Whether `n` is our own UI (never read as page content). */
  isOurs(n) {
    return n === this.ui?.host || n.localName === 'haken-ui' || n.localName === 'haken-breach';
  }

  /** Whether the shopper wants warnings of this kind and category (`finding` or report item). */
  shows({ kind, category }) {
    const off = this.settings.categoriesOff;
    return !off.includes(category) && !off.includes(kind);
  }

  visible() {
    return this.items.filter((i) => this.shows(i.finding));
  }

  /** The page's permission requests the shopper wants warnings for. */
  visiblePrompts() {
    return this.prompts.filter((p) => this.shows(p.finding));
  }

  /**
   * Marks the permission listings and group-chat invitations below `root` (each item once).
   * Three steps with the page's turn in between: loading the rules (once), the pass over
   * headings, the pass over links; on a 100,000-element page each is a task of its own.
   */
  async scanPermissions(root) {
    const found = { findings: [], elements: [] };
    // On a large page the elements each part reads (headings, links) are found in slices first.
    const parts = ['listings', 'invites'];
    let selected = null;
    await yieldToPage();
    // The walk over all elements (in slices) and the selection share one budget.
    const budget = new Budget();
    const all = await elementsBelow(root, budget);
    if (all.length > LARGE_PAGE) {
      const Haken = this.haken.constructor;
      selected = (await selectInSlices(root, parts.map((p) => Haken.selector(p)), budget, { all })).matches;
    }
    for (const part of ['prepare', ...parts]) {
      await yieldToPage();
      if (this.stopped || !root.isConnected) return;
      const t0 = performance.now();
      if (part === 'prepare') this.haken.preparePermissions();
      else {
        const r = this.haken.permissions(root, this.lang, part, selected?.[parts.indexOf(part)]);
        found.findings.push(...r.findings);
        found.elements.push(...r.elements);
      }
      this.permissionsMs = Math.max(this.permissionsMs, performance.now() - t0);
    }
    const { findings, elements } = found;
    const shown = { findings: [], elements: [], labels: [], undo: [] };
    findings.forEach((finding, n) => {
      if (this.byElement.has(elements[n])) return;
      if (!SHOWN.has(finding.severity)) {
        this.quiet += 1;
        this.byElement.set(elements[n], null);
        return;
      }
      shown.findings.push(finding);
      shown.elements.push(elements[n]);
      shown.labels.push([]);
      shown.undo.push(null);
    });
    if (shown.findings.length) this.add(shown);
    else if (findings.length) this.report();
  }

  /** Warns about a permission the page asked the browser for (once per API). */
  addPrompt(api) {
    if (this.stopped || this.prompts.some((p) => p.api === api)) return;
    const finding = this.haken.prompt(api, this.lang);
    if (!finding) return;
    this.prompts.push({
      index: this.nextIndex++, api, finding, element: null, labels: [], undo: null,
      label: this.haken.label(finding.category, this.lang), state: 'open', undoable: false, prompt: true,
    });
    if (this.shows(finding) && this.uiReady()) this.ui.showPrompts(this.visiblePrompts(), true);
    this.report();
  }

  add({ findings, elements, labels, undo }) {
    findings.forEach((finding, n) => {
      const element = elements[n];
      const known = this.byElement.get(element);
      const consent = finding.kind === 'preticked_consent';
      if (known) {
        known.finding = finding;
        if (consent) known.state = stillFlagged(known) ? 'open' : 'done';
        return;
      }
      const item = {
        index: this.nextIndex++,
        finding,
        element,
        labels: labels[n],
        undo: undo[n],
        label: this.haken.label(finding.category, this.lang),
        hidden: finding.flags.includes('hidden'),
        optOut: finding.flags.includes('opt_out'),
        radio: finding.flags.includes('radio'),
        undoable: Boolean(undo[n]),
        state: 'open',
        auto: false,
      };
      this.items.push(item);
      this.byElement.set(element, item);
      if (this.settings.autoUntick && item.undoable && this.shows(finding)) {
        item.auto = takeBack(item);
        if (item.auto) item.state = 'done';
      }
    });
    this.scheduleRender();
  }

  /** One render after the current task: a scan's batches are drawn together, not each. */
  scheduleRender() {
    if (this.renderTimer) return;
    this.renderTimer = setTimeout(safe(() => {
      this.renderTimer = 0;
      // During the scan of a large page the marks wait for its end: each mark's line changes
      // the page's layout, which the scan's next batch would then read (a forced layout of the
      // whole page, 30-50 ms on 100,000 elements, in the middle of a slice).
      if (this.scanner.large) this.renderAfterScan = true;
      else this.render();
    }), 0);
  }

  uiReady() {
    if (this.steppedBack) return false;
    if (!this.ui) {
      this.ui = createUi(document, {
        t: this.t,
        withPanel: isTop,
        actions: {
          untick: safe((item) => (item.remote ? this.forward(MSG.UNTICK, item) : this.untick(item))),
          untickAll: safe(() => this.untickAll()),
          reveal: safe((item) => this.forward(MSG.REVEAL, item)),
        },
      });
    }
    if (this.ui.wasShown() && !this.ui.alive()) {
      this.reattached += 1;
      if (this.reattached > MAX_REATTACH) return this.stepBack();
    }
    return true;
  }

  stepBack() {
    // The page keeps removing our UI: stop drawing in it, keep counting for the popup.
    this.steppedBack = true;
    this.ui?.remove();
    return false;
  }

  render() {
    // Controls the page has thrown away (a re-rendered form) leave the list.
    this.items = this.items.filter((i) => i.element.isConnected);
    for (const item of this.items) {
      const mark = this.shows(item.finding) ? `${item.finding.kind}:${item.finding.category}` : null;
      if (item.element.getAttribute(MARK_ATTR) === mark) continue;
      if (mark) item.element.setAttribute(MARK_ATTR, mark);
      else item.element.removeAttribute(MARK_ATTR);
    }
    const shown = this.visible();
    if ((shown.length || this.remote?.length) && this.uiReady()) {
      // More to draw: the report waits for the last part.
      if (this.ui.show(shown)) return this.scheduleRender();
    }
    this.report();
  }

  /** Takes one consent back; the UI follows in one render however many are taken back. */
  untick(item) {
    if (item.state === 'done' || !item.undoable) return;
    if (takeBack(item)) item.state = 'done';
    this.scheduleRender();
  }

  untickAll() {
    for (const item of this.visible()) this.untick(item);
    for (const item of this.remote ?? []) if (item.state !== 'done' && item.undoable) this.forward(MSG.UNTICK, item);
  }

  noticeChange(target) {
    const item = this.byElement.get(target) ?? this.items.find((i) => i.undo === target);
    if (!item) return;
    item.state = stillFlagged(item) ? 'open' : 'done';
    this.scheduleRender();
  }

  tick() {
    const gone = this.items.some((i) => !i.element.isConnected);
    const removed = !this.steppedBack && this.ui?.wasShown() && !this.ui.alive();
    if (gone || removed) this.render();
    else if (this.ui?.alive()) this.ui.layout();
  }

  reveal(item) {
    if (!this.uiReady()) return;
    if (item.prompt) this.ui.showPrompts(this.visiblePrompts(), true);
    else this.ui.reveal(item);
  }

  forward(type, item) {
    chrome.runtime.sendMessage({ type, frameId: item.frameId, index: item.index }).catch(() => {});
  }

  showRemote(items) {
    this.remote = items;
    if (this.uiReady()) this.ui.showRemote(items.filter((i) => this.shows(i)));
  }

  report() {
    const items = [...this.visible(), ...this.visiblePrompts()].map((i) => ({
      index: i.index,
      kind: i.finding.kind,
      category: i.finding.category,
      label: i.label,
      message: i.finding.message,
      severity: i.finding.severity,
      hidden: i.hidden,
      state: i.state,
      undoable: i.undoable,
    }));
    const stats = { ...this.scanner.stats, ...this.startup, quietPermissions: this.quiet, longestPermissionsMs: this.permissionsMs };
    const policy = this.policy?.summary;
    const breach = this.breach?.summary;
    chrome.runtime.sendMessage({ type: MSG.FRAME_FINDINGS, items, site, engine: this.via, stats, policy, breach }).catch(() => {});
  }

  stop() {
    this.stopped = true;
    if (globalThis[PROMPTS]) globalThis[PROMPTS].listener = null;
    this.policy?.remove();
    this.breach?.remove();
    this.scanner.stop();
    this.stopSubmits?.();
    document.removeEventListener('change', this.onChange, true);
    window.removeEventListener('resize', this.onResize);
    clearInterval(this.ticker);
    this.ui?.remove();
    for (const item of this.items) item.element.removeAttribute(MARK_ATTR);
    chrome.runtime.sendMessage({ type: MSG.FRAME_FINDINGS, items: [], site }).catch(() => {});
  }
}

let session = null;
let runs = 0;

async function run(settings) {
  const ticket = ++runs;
  session?.stop();
  session = null;
  if (isPaused(settings, site)) return;
  const t0 = performance.now();
  const [engine, t] = await Promise.all([loadEngine(), loadStrings(settings.lang)]);
  const loadMs = performance.now() - t0;
  await yieldToPage();
  const { haken, workMs, longestMs } = await compileEngine(engine, yieldToPage);
  if (ticket !== runs) return; // settings changed meanwhile; a newer run takes over
  session = new Session(haken, engine.via, settings, t, { loadMs, startupMs: workMs, longestCompileMs: longestMs });
  await session.start();
}

/** Entry point, called by loader.js. */
export async function start() {
  await idle();
  let settings = await loadSettings();
  chrome.runtime.onMessage.addListener(safe((message) => {
    if (!isMessage(message) || !session) return;
    const item = [...session.items, ...session.prompts].find((i) => i.index === message.index);
    if (message.type === MSG.REVEAL && item) session.reveal(item);
    else if (message.type === MSG.UNTICK && item) session.untick(item);
    else if (message.type === MSG.OTHER_FRAMES && isTop) session.showRemote(message.items);
  }));
  onSettingsChanged(safe((next) => {
    const restart = next.lang !== settings.lang || isPaused(next, site) !== isPaused(settings, site);
    settings = next;
    if (restart) return run(next);
    if (session) {
      session.settings = next;
      session.render();
      if (session.remote) session.showRemote(session.remote);
    }
    return undefined;
  }));
  await run(settings);
}
