/* Recalculates the basket total (served under a strict CSP; external only). */
(function () {
  'use strict';
  var items = 114.80;
  var shipping = { dhl: 4.95, gls: 4.50 };

  function euro(v) {
    return v.toFixed(2).replace('.', ',') + ' €';
  }

  function update() {
    var carrier = document.querySelector('input[name="versand"]:checked');
    var plus = document.getElementById('csp-plus').checked;
    var ship = plus ? 0 : shipping[carrier ? carrier.value : 'dhl'];
    document.getElementById('csp-versandkosten').textContent = euro(ship);
    document.getElementById('csp-summe').textContent = euro(items + ship);
    document.getElementById('csp-plus-hinweis').style.visibility = plus ? 'visible' : 'hidden';
  }

  document.getElementById('csp-form').addEventListener('change', update);
  update();
  document.body.setAttribute('data-js', 'ok');
})();
