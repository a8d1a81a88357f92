/* Late-rendering single-page checkout (plain JS, no framework).
 * - renders nothing but a spinner for ~1500 ms
 * - step 1: address + pre-ticked newsletter consent
 * - "Weiter" pushes ?step=2 and renders step 2 (payment) with a pre-ticked
 *   partner data-sharing consent
 * - popstate (back/forward) re-renders the current step
 * Every render throws away the old subtree and builds brand-new elements.
 * Checkbox/field values live in `store` so they survive step changes. */
(function () {
  'use strict';

  var store = {
    vorname: '',
    nachname: '',
    strasse: '',
    plz: '',
    ort: '',
    email: '',
    newsletter: true,
    zahlung: 'kreditkarte',
    partner: true
  };
  var renderCount = 0;

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function currentStep() {
    var m = /[?&]step=(\d+)/.exec(location.search);
    return m && m[1] === '2' ? 2 : 1;
  }

  function stepBar(step) {
    return '<div class="steps">' +
      '<span class="' + (step === 1 ? 'active' : '') + '">1 Adresse</span>' +
      '<span class="' + (step === 2 ? 'active' : '') + '">2 Zahlung</span>' +
      '<span>3 Bestätigung</span></div>';
  }

  function field(id, label, type, autocomplete) {
    return '<div class="field"><label for="spa-' + id + '">' + label + '</label>' +
      '<input type="' + type + '" id="spa-' + id + '" name="' + id + '" autocomplete="' + autocomplete +
      '" value="' + esc(store[id]) + '"></div>';
  }

  function step1Html() {
    return stepBar(1) +
      '<form class="card" id="spa-form-1" action="#" method="get">' +
      '<h2>Lieferadresse</h2>' +
      '<div class="row">' + field('vorname', 'Vorname', 'text', 'given-name') +
      field('nachname', 'Nachname', 'text', 'family-name') + '</div>' +
      '<div class="row">' + field('strasse', 'Straße, Hausnr.', 'text', 'street-address') + '</div>' +
      '<div class="row">' + field('plz', 'PLZ', 'text', 'postal-code') +
      field('ort', 'Ort', 'text', 'address-level2') + '</div>' +
      '<div class="row">' + field('email', 'E-Mail', 'email', 'email') + '</div>' +
      '<div class="check">' +
      '<input type="checkbox" id="spa-newsletter" name="newsletter" value="yes" data-expect="marketing"' +
      (store.newsletter ? ' checked' : '') + '>' +
      '<label for="spa-newsletter">Speiche-Newsletter abonnieren: Tourentipps, Werkstatt-Aktionen und exklusive Rabatte per E-Mail</label>' +
      '</div>' +
      '<p><button type="button" id="spa-weiter">Weiter</button></p>' +
      '</form>';
  }

  function radio(value, label) {
    return '<label><input type="radio" id="spa-zahlung-' + value + '" name="zahlung" value="' + value + '"' +
      (store.zahlung === value ? ' checked' : '') + '> ' + label + '</label>';
  }

  function step2Html() {
    return stepBar(2) +
      '<form class="card" id="spa-form-2" action="/thanks.html" method="get">' +
      '<h2>Zahlung</h2>' +
      '<fieldset class="radio-list"><legend class="hint">Wie möchten Sie bezahlen?</legend>' +
      radio('kreditkarte', 'Kreditkarte') +
      radio('paypal', 'PayPal') +
      radio('sofort', 'Sofortüberweisung') +
      '</fieldset>' +
      '<div class="check">' +
      '<input type="checkbox" id="spa-partner" name="partner" value="yes" data-expect="data_sharing"' +
      (store.partner ? ' checked' : '') + '>' +
      '<label for="spa-partner">Daten an Partner weitergeben: Speiche darf meine Kontakt- und Bestelldaten an Kooperationspartner (z. B. Versicherer, Reiseveranstalter) für eigene Angebote übermitteln.</label>' +
      '</div>' +
      '<input type="hidden" name="newsletter" value="' + (store.newsletter ? 'yes' : 'no') + '">' +
      '<input type="hidden" name="email" value="' + esc(store.email) + '">' +
      '<p class="row"><button type="button" class="secondary" id="spa-zurueck">Zurück</button>' +
      '<button type="submit" id="spa-kaufen">Jetzt kaufen</button></p>' +
      '</form>';
  }

  function bind(root) {
    root.addEventListener('input', function (ev) {
      var t = ev.target;
      if (t.type === 'text' || t.type === 'email') store[t.name] = t.value;
    });
    root.addEventListener('change', function (ev) {
      var t = ev.target;
      if (t.type === 'checkbox') store[t.name] = t.checked;
      else if (t.type === 'radio' && t.checked) store[t.name] = t.value;
    });
    var weiter = root.querySelector('#spa-weiter');
    if (weiter) {
      weiter.addEventListener('click', function () {
        history.pushState({}, '', '?step=2');
        render();
      });
    }
    var zurueck = root.querySelector('#spa-zurueck');
    if (zurueck) {
      zurueck.addEventListener('click', function () { history.back(); });
    }
  }

  function render() {
    var app = document.getElementById('app');
    var step = currentStep();
    var fresh = document.createElement('div');
    fresh.id = 'app';
    fresh.setAttribute('data-step', String(step));
    fresh.setAttribute('data-render', String(++renderCount));
    fresh.innerHTML = step === 2 ? step2Html() : step1Html();
    bind(fresh);
    app.parentNode.replaceChild(fresh, app);
    document.title = (step === 2 ? 'Zahlung' : 'Adresse') + ' – Kasse – Fahrradladen Speiche';
  }

  window.addEventListener('popstate', render);
  setTimeout(render, 1500);
})();
