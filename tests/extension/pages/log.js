/* Test hook: records user/extension interactions with toggle-like controls.
 * Loaded as the first script in <head> on every test page (document start). */
(function () {
  'use strict';
  if (window.__hakenTestLog) return;
  var log = [];
  window.__hakenTestLog = log;
  // Keep pristine references: hostile.html later overrides prototypes.
  var getAttr = Element.prototype.getAttribute;
  var push = Array.prototype.push;
  function attr(el, n) {
    try { return getAttr.call(el, n); } catch (e) { return null; }
  }

  function isToggle(el) {
    if (!el || el.nodeType !== 1) return false;
    var tag = el.tagName;
    if (tag === 'INPUT') {
      var t = (el.type || '').toLowerCase();
      return t === 'checkbox' || t === 'radio';
    }
    var role = attr(el, 'role');
    return role === 'checkbox' || role === 'switch';
  }

  function findToggle(target) {
    var el = target;
    while (el && el.nodeType === 1) {
      if (isToggle(el)) return el;
      el = el.parentElement;
    }
    return null;
  }

  function record(ev) {
    var el = findToggle(ev.target);
    if (!el) return;
    var checked;
    if (el.tagName === 'INPUT') {
      checked = !!el.checked;
    } else {
      checked = attr(el, 'aria-checked') === 'true';
    }
    push.call(log, {
      type: ev.type,
      id: el.id || null,
      name: attr(el, 'name'),
      checked: checked
    });
  }

  document.addEventListener('input', record, true);
  document.addEventListener('change', record, true);
  document.addEventListener('click', record, true);
  document.addEventListener('submit', function (ev) {
    var f = ev.target;
    push.call(log, { type: 'submit', formId: (f && f.id) || null });
  }, true);
})();
