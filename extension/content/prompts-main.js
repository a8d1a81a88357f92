// @ts-check
// Runs in the page's own world (manifest `world: "MAIN"`, at document_start), the only place
// that sees the page call the browser's permission APIs. It reports which API was called, once
// per API, and changes nothing else: every wrapper is a Proxy that calls the original with the
// same `this` and arguments and hands back exactly what it returns or throws (name and length
// stay the original's). The judgement is the engine's, in the content script.
(() => {
  const EVENT = 'haken:permission-request';
  const FLAG = Symbol.for('haken.prompts.wrapped');
  if (globalThis[FLAG]) return;
  globalThis[FLAG] = true;
  const told = new Set();
  const dispatch = EventTarget.prototype.dispatchEvent;
  const Custom = CustomEvent;
  const tell = (api) => {
    if (told.has(api)) return;
    told.add(api);
    try {
      dispatch.call(document, new Custom(EVENT, { detail: api }));
    } catch {
      // Reporting must never disturb the page's call.
    }
  };
  /** Wraps `owner[name]` so that a call first reports `api(args)` (a string or a list). */
  const wrap = (owner, name, api) => {
    try {
      const desc = owner && Object.getOwnPropertyDescriptor(owner, name);
      if (!desc || typeof desc.value !== 'function') return;
      const proxy = new Proxy(desc.value, {
        apply(target, self, args) {
          try {
            const asked = typeof api === 'function' ? api(args) : [api];
            for (const a of asked) tell(a);
          } catch {
            // A hostile argument (a throwing getter) only costs us the report.
          }
          return Reflect.apply(target, self, args);
        },
      });
      Object.defineProperty(owner, name, { ...desc, value: proxy });
    } catch {
      // An API this browser lacks or has frozen: nothing to watch.
    }
  };
  const media = (args) => {
    const c = args[0];
    if (!c || typeof c !== 'object') return [];
    return [c.video ? 'camera' : '', c.audio ? 'microphone' : ''].filter(Boolean);
  };
  const g = globalThis;
  wrap(g.Notification, 'requestPermission', 'notifications');
  wrap(g.PushManager?.prototype, 'subscribe', 'push');
  wrap(g.Geolocation?.prototype, 'getCurrentPosition', 'geolocation');
  wrap(g.Geolocation?.prototype, 'watchPosition', 'geolocation');
  wrap(g.ContactsManager?.prototype, 'select', 'contacts');
  wrap(g.MediaDevices?.prototype, 'getUserMedia', media);
  wrap(g.Navigator?.prototype, 'getUserMedia', media);
  wrap(g.Navigator?.prototype, 'webkitGetUserMedia', media);
  wrap(g.Clipboard?.prototype, 'read', 'clipboard');
  wrap(g.Clipboard?.prototype, 'readText', 'clipboard');
})();
