/* Vue 3 sign-up with render functions only (no template compilation, so it
 * runs under script-src 'self' without 'unsafe-eval'). */
(function () {
  'use strict';
  var h = Vue.h;

  var app = Vue.createApp({
    setup: function () {
      var state = Vue.reactive({ newsletter: true, partners: true, terms: false });
      var ui = Vue.reactive({ result: '', name: '', email: '' });

      function check(id, key, label, expect) {
        var props = {
          type: 'checkbox',
          id: id,
          name: key,
          value: 'yes',
          checked: state[key],
          onChange: function (e) { state[key] = e.target.checked; }
        };
        if (expect) props['data-expect'] = expect;
        return h('div', { class: 'check' }, [
          h('input', props),
          h('label', { for: id }, label)
        ]);
      }

      function text(id, key, label, type) {
        return h('div', { class: 'field' }, [
          h('label', { for: id }, label),
          h('input', {
            type: type || 'text', id: id, name: key, value: ui[key],
            onInput: function (e) { ui[key] = e.target.value; }
          })
        ]);
      }

      function onSubmit(e) {
        e.preventDefault();
        ui.result = 'Sending…';
        fetch('/api/order', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(state)
        }).then(function () {
          ui.result = 'Thanks';
        }, function (err) {
          ui.result = 'Something went wrong: ' + err;
        });
      }

      return function () {
        return h('form', { id: 'vue-form', class: 'card', style: 'max-width: 560px; margin: 0 auto', onSubmit: onSubmit }, [
          h('h1', null, 'Join the Larkspur reading club'),
          h('p', { class: 'hint' }, 'Members get 10% off every order and free delivery over £20.'),
          text('v-name', 'name', 'Your name'),
          text('v-email', 'email', 'Email address', 'email'),
          check('v-newsletter', 'newsletter', 'Email me the monthly book picks, author events and members-only discounts', 'marketing'),
          check('v-partners', 'partners', 'Let Larkspur share my name and email with our publishing partners so they can send me their own offers', 'data_sharing'),
          check('v-terms', 'terms', 'I accept the club terms and the privacy policy'),
          h('p', null, [h('button', { type: 'submit', id: 'v-submit' }, 'Sign me up')]),
          h('div', { id: 'result', role: 'status' }, ui.result),
          h('pre', { id: 'state', class: 'fineprint' }, JSON.stringify(state))
        ]);
      };
    }
  });

  app.mount('#app');
})();
