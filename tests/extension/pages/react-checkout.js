/* Controlled-component checkout with React 18 (UMD globals, no JSX, CSP-safe). */
(function () {
  'use strict';
  var h = React.createElement;
  var useState = React.useState;

  function Check(props) {
    var inputProps = {
      type: 'checkbox',
      id: props.id,
      name: props.name,
      value: 'yes',
      checked: props.checked,
      onChange: props.onChange
    };
    if (props.expect) inputProps['data-expect'] = props.expect;
    return h('div', { className: 'check' },
      h('input', inputProps),
      h('label', { htmlFor: props.id }, props.children));
  }

  function Field(props) {
    return h('div', { className: 'field' },
      h('label', { htmlFor: props.id }, props.label),
      h('input', {
        type: props.type || 'text',
        id: props.id,
        name: props.id,
        autoComplete: props.autoComplete,
        defaultValue: props.defaultValue || ''
      }));
  }

  function Checkout() {
    var st = useState({ newsletter: true, partners: true, terms: false });
    var state = st[0];
    var setState = st[1];
    var rs = useState('');
    var result = rs[0];
    var setResult = rs[1];

    function toggle(key) {
      return function (event) {
        var checked = event.target.checked;
        setState(function (prev) {
          var next = Object.assign({}, prev);
          next[key] = checked;
          return next;
        });
      };
    }

    function onSubmit(event) {
      event.preventDefault();
      setResult('Bestellung wird gesendet …');
      fetch('/api/order', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(state)
      }).then(function () {
        setResult('Bestellung gesendet');
      }, function (err) {
        setResult('Fehler beim Senden: ' + err);
      });
    }

    return h('form', { id: 'react-form', onSubmit: onSubmit },
      h('section', { className: 'card' },
        h('h1', null, 'Kasse'),
        h('h2', null, 'Lieferadresse'),
        h('div', { className: 'row' },
          h(Field, { id: 'r-name', label: 'Vor- und Nachname', autoComplete: 'name', defaultValue: 'Jonas Weber' }),
          h(Field, { id: 'r-email', label: 'E-Mail', type: 'email', autoComplete: 'email', defaultValue: 'jonas@example.org' })),
        h('div', { className: 'row' },
          h(Field, { id: 'r-street', label: 'Straße, Hausnummer', autoComplete: 'street-address', defaultValue: 'Hafenstraße 3' }),
          h(Field, { id: 'r-city', label: 'PLZ und Ort', autoComplete: 'address-level2', defaultValue: '20457 Hamburg' }))),
      h('section', { className: 'card' },
        h('h2', null, 'Bestellung'),
        h('table', { className: 'summary' },
          h('tbody', null,
            h('tr', null, h('td', null, '2 × Espresso „Nachtschicht“, 500 g'), h('td', { className: 'price' }, '27,80 €')),
            h('tr', null, h('td', null, 'Versand'), h('td', { className: 'price' }, '3,90 €')),
            h('tr', { className: 'total' }, h('td', null, 'Summe'), h('td', { className: 'price' }, '31,70 €')))),
        h(Check, { id: 'r-newsletter', name: 'newsletter', expect: 'marketing', checked: state.newsletter, onChange: toggle('newsletter') },
          'Ja, schickt mir den Bohnenglück-Newsletter mit neuen Röstungen und Rabattcodes per E-Mail.'),
        h(Check, { id: 'r-partners', name: 'partners', expect: 'data_sharing', checked: state.partners, onChange: toggle('partners') },
          'Meine Daten dürfen an ausgewählte Partner weitergegeben werden, die mir passende Angebote machen.'),
        h(Check, { id: 'r-terms', name: 'terms', checked: state.terms, onChange: toggle('terms') },
          'Ich akzeptiere die AGB und habe die Widerrufsbelehrung zur Kenntnis genommen.'),
        h('p', null, h('button', { type: 'submit', id: 'r-submit' }, 'Zahlungspflichtig bestellen')),
        h('div', { id: 'result', role: 'status' }, result),
        h('pre', { id: 'state', className: 'fineprint' }, JSON.stringify(state))));
  }

  ReactDOM.createRoot(document.getElementById('root')).render(h(Checkout));
})();
