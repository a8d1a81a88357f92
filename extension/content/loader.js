// @ts-check
// Content scripts are classic scripts; the shell is made of ES modules, loaded from the
// extension (web_accessible_resources, served under a per-session id only, so pages cannot
// probe for them) as one bundle (bundle/main.js, scripts/bundle-content.mjs). One instance per
// frame: a second injection is a no-op.
// The shell and the engine are loaded only where the pre-check (precheck.js, injected just
// before this file) finds something to catch; elsewhere a MutationObserver re-runs it on what
// the page adds later (a single-page shop rendering its checkout), debounced, until it does.
(() => {
  const KEY = Symbol.for('haken.loaded');
  if (globalThis[KEY]) return;
  globalThis[KEY] = true;
  if (!/^https?:$/.test(location.protocol) && location.href !== 'about:blank' && location.href !== 'about:srcdoc') return;
  const precheck = globalThis[Symbol.for('haken.precheck')];
  /** Permission requests of the page, kept by prompts-listen.js since document_start. */
  const prompts = globalThis[Symbol.for('haken.prompts')];
  const top = window === window.top;
  /** How long the page's additions are collected before the pre-check looks at them. */
  const DEBOUNCE_MS = 250;
  /** More added subtrees than this in one batch: the whole document is checked instead. */
  const MAX_ADDED = 500;

  let started = false;
  /** @type {MutationObserver | null} */
  let observer = null;

  /** Loads the shell and the engine (once); `why`: what the pre-check found. */
  const go = (why) => {
    if (started) return;
    started = true;
    observer?.disconnect();
    observer = null;
    globalThis[KEY] = { why };
    import(chrome.runtime.getURL('bundle/main.js'))
      .then((main) => main.start())
      .catch((e) => console.debug('haken: not started here:', e && e.message));
  };

  const asked = () => Boolean(prompts?.asked.length);

  /** Watches for what the page adds later; nothing is loaded until the pre-check says so. */
  const watch = () => {
    /** @type {Node[]} */
    let added = [];
    let whole = false;
    let timer = 0;
    const check = async () => {
      const roots = whole ? [document] : added.filter((n) => n.isConnected);
      added = [];
      whole = false;
      for (const root of roots) {
        if (started || !root.isConnected) continue;
        const why = await precheck.reasons(/** @type {Element | Document} */ (root), top);
        if (why.length) return go(why);
      }
      // A route change may rename the page without adding a heading we saw (title text).
      if (top && precheck.policyPage(document)) return go(['policy']);
      timer = 0;
      // What the page added while we looked is looked at next.
      if (added.length || whole) schedule();
      return undefined;
    };
    const schedule = () => {
      timer = setTimeout(() => { check().catch(() => { timer = 0; }); }, DEBOUNCE_MS);
    };
    observer = new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') added.push(/** @type {Node} */ (r.target));
        else for (const n of r.addedNodes) if (n.nodeType === Node.ELEMENT_NODE) added.push(n);
        if (r.target.nodeName === 'TITLE' || r.target.parentNode?.nodeName === 'TITLE') whole = true;
      }
      if (added.length > MAX_ADDED) {
        added = [];
        whole = true;
      }
      if ((added.length || whole) && !timer) schedule();
    });
    observer.observe(document, {
      childList: true, subtree: true, characterData: false, attributes: true,
      attributeFilter: ['type', 'role', 'aria-pressed', 'href'],
    });
  };

  const decide = async () => {
    if (!precheck) return go(['no pre-check']);
    const why = await precheck.reasons(document, top);
    if (asked()) why.push('prompt');
    if (why.length) return go(why);
    // A permission request later on starts haken (main.js takes the listener over).
    if (prompts && !prompts.listener) prompts.listener = () => go(['prompt']);
    return watch();
  };
  // Nothing is done before the page's load event, so the page loads as fast as without us;
  // after the load event has finished (not inside it: its time counts as page-load time).
  // Chromium may inject us while the load event is still being dispatched (readyState is
  // already "complete" then), so even then the work waits for a task of its own.
  const later = () => setTimeout(() => { decide().catch((e) => console.debug('haken: pre-check failed:', e && e.message)); }, 0);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
})();
