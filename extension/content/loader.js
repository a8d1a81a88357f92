// Content scripts are classic scripts; the shell is made of ES modules, loaded from the
// extension (web_accessible_resources). One instance per frame: a second injection is a no-op.
(() => {
  const KEY = Symbol.for('haken.loaded');
  if (globalThis[KEY]) return;
  globalThis[KEY] = true;
  if (!/^https?:$/.test(location.protocol) && location.href !== 'about:blank' && location.href !== 'about:srcdoc') return;
  import(chrome.runtime.getURL('content/main.js'))
    .then((main) => main.start())
    .catch((e) => console.debug('haken: not started here:', e && e.message));
})();
