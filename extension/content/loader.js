// @ts-check
// Content scripts are classic scripts; the shell is made of ES modules, loaded from the
// extension (web_accessible_resources). One instance per frame: a second injection is a no-op.
(() => {
  const KEY = Symbol.for('haken.loaded');
  if (globalThis[KEY]) return;
  globalThis[KEY] = true;
  if (!/^https?:$/.test(location.protocol) && location.href !== 'about:blank' && location.href !== 'about:srcdoc') return;
  // Nothing is loaded before the page's load event, so the page loads as fast as without us.
  const go = () => import(chrome.runtime.getURL('content/main.js'))
    .then((main) => main.start())
    .catch((e) => console.debug('haken: not started here:', e && e.message));
  if (document.readyState === 'complete') go();
  // After the load event has finished (not inside it: its time counts as page-load time).
  else window.addEventListener('load', () => setTimeout(go, 0), { once: true });
})();
