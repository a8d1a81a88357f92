/* Cookie banner behaviour for cookie-banner.html (external: CSP-safe). */
(function () {
  'use strict';
  var banner = document.getElementById('cookie-banner');
  var form = document.getElementById('cookie-form');
  var switches = Array.prototype.slice.call(banner.querySelectorAll('[role="switch"]'));

  function setSwitch(el, on) {
    el.setAttribute('aria-checked', on ? 'true' : 'false');
    // Custom widgets commonly announce their change like a native control.
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }

  switches.forEach(function (sw) {
    sw.addEventListener('click', function () {
      if (sw.getAttribute('aria-disabled') === 'true') return;
      setSwitch(sw, sw.getAttribute('aria-checked') !== 'true');
    });
    sw.addEventListener('keydown', function (ev) {
      if (ev.key === ' ' || ev.key === 'Enter') {
        ev.preventDefault();
        sw.click();
      }
    });
  });

  function currentChoices() {
    return {
      necessary: true,
      analytics: document.getElementById('cookie-analytics').checked,
      advertising: document.getElementById('cookie-advertising').getAttribute('aria-checked') === 'true',
      personalisation: document.getElementById('cookie-personalisation').getAttribute('aria-checked') === 'true'
    };
  }

  function close(choices) {
    window.__cookieChoices = choices;
    banner.style.display = 'none';
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    close(currentChoices());
  });
  document.getElementById('cookie-accept-all').addEventListener('click', function () {
    close({ necessary: true, analytics: true, advertising: true, personalisation: true });
  });
  document.getElementById('cookie-reject').addEventListener('click', function () {
    close({ necessary: true, analytics: false, advertising: false, personalisation: false });
  });
  document.getElementById('cookie-settings-link').addEventListener('click', function (ev) {
    ev.preventDefault();
    banner.style.display = '';
  });
})();
