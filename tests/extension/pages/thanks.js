/* Shows the submitted GET parameters verbatim (as text, never as HTML). */
(function () {
  'use strict';
  document.getElementById('query').textContent = location.search;
})();
