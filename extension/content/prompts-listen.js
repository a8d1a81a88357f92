// @ts-check
// The content-script side of prompts-main.js, from document_start: it keeps the permission
// requests the page makes before our main script has started (which waits for the page's load
// event), and hands later ones straight to it. Requests are ids only; a page could forge one,
// but then it only warns about itself.
(() => {
  const KEY = Symbol.for('haken.prompts');
  if (globalThis[KEY]) return;
  /** `asked`: API ids in order of first request; `listener(api)`: set by main.js. */
  const state = { asked: [], listener: null };
  globalThis[KEY] = state;
  document.addEventListener('haken:permission-request', (e) => {
    const api = /** @type {CustomEvent} */ (e).detail;
    if (typeof api !== 'string' || !/^[a-z]{1,20}$/.test(api) || state.asked.includes(api) || state.asked.length >= 16) return;
    state.asked.push(api);
    try {
      state.listener?.(api);
    } catch {
      // main.js reports its own errors.
    }
  }, true);
})();
