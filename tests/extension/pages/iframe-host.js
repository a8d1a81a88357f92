/* Loads the partner cookie form from a different origin: the test server
 * serves this page from 127.0.0.1, so "localhost" is cross-origin. */
(function () {
  'use strict';
  var frame = document.getElementById('cookie-frame');
  frame.src = 'http://localhost:' + location.port + '/iframe-cookie.html';
})();
