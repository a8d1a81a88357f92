/* A sloppy page script: it throws at load, leaves a rejected promise
 * unhandled and runs a timer that throws every 200 ms. The checkout form in
 * throws.html must keep working regardless. */
(function () {
  'use strict';
  var ticks = 0;
  window.__throwsTicks = 0;

  // 1. Unhandled promise rejection.
  Promise.reject(new Error('throws.js: recommendations service unavailable'));

  // 2. A timer that throws every 200 ms, forever.
  setInterval(function () {
    ticks += 1;
    window.__throwsTicks = ticks;
    throw new Error('throws.js: tracking pixel failed (tick ' + ticks + ')');
  }, 200);

  // 3. Uncaught exception during load (classic script, runs in <head>).
  var widget = null;
  widget.init({ container: '#recently-viewed' }); // TypeError: cannot read properties of null
})();
