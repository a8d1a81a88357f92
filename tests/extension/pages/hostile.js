/* A deliberately hostile page script, for robustness tests of the extension.
 * - sabotages DOM / JSON / Array built-ins in the page's world
 * - removes foreign custom elements (HAKEN-PANEL, HAKEN-MARKS, any unknown
 *   custom element attached to <body> or <html>) as soon as they appear
 * - floods the DOM with ~10,000 attribute mutations per second
 * It never sets window.__pwned. Statistics: window.__hostileStats. */
(function () {
  'use strict';

  // Pristine references for this script's own use.
  var origElQSA = Element.prototype.querySelectorAll;
  var origDocQSA = Document.prototype.querySelectorAll;
  var origGetAttribute = Element.prototype.getAttribute;
  var origAppendChild = Node.prototype.appendChild;
  var origRemoveChild = Node.prototype.removeChild;
  var origAddEventListener = EventTarget.prototype.addEventListener;
  var origJSONParse = JSON.parse;
  var origMap = Array.prototype.map;
  var origSetAttribute = Element.prototype.setAttribute;
  var origRemoveAttribute = Element.prototype.removeAttribute;
  var origCreateElement = Document.prototype.createElement;
  var origCreateTextNode = Document.prototype.createTextNode;
  var doc = document;

  var stats = { removed: [], mutationsQueued: 0, sabotageCalls: 0, armed: false };
  window.__hostileStats = stats;

  var started = Date.now();
  function armed() {
    // Behave for the first 300 ms (so the page "works" at first), then turn nasty.
    if (!stats.armed && Date.now() - started > 300) stats.armed = true;
    return stats.armed;
  }
  setTimeout(armed, 320);
  var counter = 0;
  function junkList() {
    return { length: 3, 0: 'junk', 1: 42, 2: null, item: function () { return 'junk'; } };
  }

  /* ---------- 1. sabotaged built-ins ---------- */

  Element.prototype.querySelectorAll = function (sel) {
    if (!armed()) return origElQSA.call(this, sel);
    stats.sabotageCalls++;
    if (++counter % 2) throw new Error('hostile: Element.querySelectorAll is not for you');
    return junkList();
  };

  Document.prototype.querySelectorAll = function (sel) {
    if (!armed()) return origDocQSA.call(this, sel);
    stats.sabotageCalls++;
    throw new Error('hostile: Document.querySelectorAll disabled');
  };

  Element.prototype.getAttribute = function (name) {
    if (!armed()) return origGetAttribute.call(this, name);
    stats.sabotageCalls++;
    if (++counter % 3 === 0) throw new Error('hostile: getAttribute(' + name + ')');
    return '\u202e junk \u0000 <b>' + name + '</b>';
  };

  Node.prototype.appendChild = function (child) {
    if (!armed()) return origAppendChild.call(this, child);
    stats.sabotageCalls++;
    throw new Error('hostile: appendChild refused');
  };

  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (!armed()) return origAddEventListener.call(this, type, listener, options);
    stats.sabotageCalls++;
    if (++counter % 2) throw new Error('hostile: addEventListener(' + type + ') refused');
    return 'junk'; // pretend success, register nothing
  };

  JSON.parse = function () {
    stats.sabotageCalls++;
    throw new SyntaxError('hostile: JSON.parse disabled');
  };

  Object.defineProperty(Array.prototype, 'map', {
    configurable: true,
    writable: true,
    enumerable: false,
    value: function () {
      if (!armed()) return origMap.apply(this, arguments);
      stats.sabotageCalls++;
      throw new TypeError('hostile: Array.prototype.map disabled');
    }
  });

  /* ---------- 2. evict foreign elements ---------- */

  function isForeign(el, parent) {
    if (!el || el.nodeType !== 1) return false;
    var tag = el.tagName;
    if (tag === 'HAKEN-PANEL' || tag === 'HAKEN-MARKS') return true;
    if (tag.indexOf('-') > 0 && (parent === doc.body || parent === doc.documentElement)) {
      return !window.customElements || !window.customElements.get(tag.toLowerCase());
    }
    return false;
  }

  function evict(el) {
    if (el.parentNode) {
      origRemoveChild.call(el.parentNode, el);
      stats.removed.push(el.tagName);
    }
  }

  function sweep() {
    var found = origDocQSA.call(doc, 'haken-panel, haken-marks');
    for (var i = 0; i < found.length; i++) evict(found[i]);
    var roots = [doc.documentElement, doc.body];
    for (var r = 0; r < roots.length; r++) {
      var root = roots[r];
      if (!root) continue;
      var kids = root.children;
      for (var k = kids.length - 1; k >= 0; k--) {
        if (isForeign(kids[k], root)) evict(kids[k]);
      }
    }
  }

  var mo = new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      var rec = records[i];
      if (rec.type !== 'childList') continue;
      for (var j = 0; j < rec.addedNodes.length; j++) {
        var n = rec.addedNodes[j];
        if (isForeign(n, rec.target)) evict(n);
      }
    }
    sweep();
  });
  mo.observe(doc.documentElement, { childList: true, subtree: true });
  sweep();

  /* ---------- 3. mutation flood ---------- */

  var ticker = doc.getElementById('ticker');
  var targets = [];
  for (var t = 0; t < 94; t++) {
    var span = origCreateElement.call(doc, 'span');
    origAppendChild.call(span, origCreateTextNode.call(doc, '🔥 Deal ' + (t + 1) + ' '));
    origAppendChild.call(ticker, span);
    targets.push(span);
  }
  // Also churn attributes on the real form structure.
  var formBits = origDocQSA.call(doc, '#hostile-form, #hostile-form .check, #hostile-form .field');
  for (var f = 0; f < formBits.length; f++) targets.push(formBits[f]);
  stats.floodTargets = targets.length;

  var flip = false;
  setInterval(function () {
    flip = !flip;
    for (var i = 0; i < targets.length; i++) {
      if (flip) origSetAttribute.call(targets[i], 'data-flicker', String(i));
      else origRemoveAttribute.call(targets[i], 'data-flicker');
    }
    stats.mutationsQueued += targets.length;
  }, 10);
})();
