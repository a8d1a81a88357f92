// The shop's own script: asks for the shopper's location and for notifications when the
// buttons are pressed, and writes down what the browser answered.
document.getElementById('locate').addEventListener('click', () => {
  const out = document.getElementById('locate-answer');
  navigator.geolocation.getCurrentPosition(
    (p) => { out.textContent = `Standort: ${p.coords.latitude.toFixed(2)}, ${p.coords.longitude.toFixed(2)}`; },
    (e) => { out.textContent = `Kein Standort (${e.code})`; },
    { timeout: 3000 },
  );
});
document.getElementById('notify').addEventListener('click', async () => {
  const out = document.getElementById('notify-answer');
  try {
    out.textContent = `Antwort des Browsers: ${await Notification.requestPermission()}`;
  } catch (e) {
    out.textContent = `Fehler: ${e.message}`;
  }
});
