// Asks for browser permissions the way shop pages do, thousands of times for notifications,
// and records exactly what each call returned or threw: the test compares these answers with
// and without the extension. Nothing is granted in the test browser.
const settle = (p) => Promise.resolve(p).then((v) => ({ ok: String(v) }), (e) => ({ error: e?.name ?? String(e) }));
const sync = (fn) => { try { return { ok: String(fn()) }; } catch (e) { return { error: e?.name ?? String(e) }; } };

async function askAll() {
  const answers = {};
  answers.shape = {
    requestPermission: [Notification.requestPermission.name, Notification.requestPermission.length],
    getCurrentPosition: [navigator.geolocation.getCurrentPosition.name, navigator.geolocation.getCurrentPosition.length],
    getUserMedia: [navigator.mediaDevices?.getUserMedia?.name, navigator.mediaDevices?.getUserMedia?.length],
    readText: [navigator.clipboard?.readText?.name],
  };
  const flood = [];
  for (let i = 0; i < 2000; i++) flood.push(Notification.requestPermission());
  answers.notifications = await settle(flood[flood.length - 1]);
  answers.floodAllSame = (await Promise.all(flood.map(settle))).every((a) => JSON.stringify(a) === JSON.stringify(answers.notifications));
  answers.geolocation = await new Promise((ok) => {
    navigator.geolocation.getCurrentPosition(() => ok({ ok: 'position' }), (e) => ok({ error: `code ${e.code}` }), { timeout: 1500 });
  });
  answers.clipboard = await settle(navigator.clipboard?.readText());
  answers.microphone = await settle(navigator.mediaDevices?.getUserMedia({ audio: true }));
  // A hostile argument: a getter that throws. The page must see the same outcome as without us.
  answers.hostile = await settle((() => {
    try {
      return navigator.mediaDevices.getUserMedia({ get audio() { throw new RangeError('page getter'); } });
    } catch (e) {
      return Promise.reject(e);
    }
  })());
  answers.unbound = sync(() => { const f = Notification.requestPermission; return typeof f.call(undefined).then; });
  window.answers = answers;
  document.getElementById('out').textContent = JSON.stringify(answers, null, 1);
}

document.getElementById('ask').addEventListener('click', () => { askAll(); });
