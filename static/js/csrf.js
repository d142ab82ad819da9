// axdash CSRF helper for scripts. Every POST, PUT, PATCH and DELETE must
// carry the page's CSRF token (forms send it in a hidden _csrf field); the
// server puts the token in <meta name="csrf-token">. Use:
//
//   fetch(url, {method: "POST", headers: axdash.csrfHeaders({"Content-Type": "application/json"}), body: …})
//   xhr.setRequestHeader("X-CSRF-Token", axdash.csrfToken());
//   form data to a page (not /api/): formData.append("_csrf", axdash.csrfToken()) before the file
//
// The token is never read from the query string; /api/ writes take the header only.
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") || "" : "";
  }

  // csrfHeaders returns headers (a copy of extra, if given) with the token.
  function csrfHeaders(extra) {
    var h = {};
    if (extra) {
      Object.keys(extra).forEach(function (k) { h[k] = extra[k]; });
    }
    h["X-CSRF-Token"] = csrfToken();
    return h;
  }

  var ns = window.axdash || {};
  ns.csrfToken = csrfToken;
  ns.csrfHeaders = csrfHeaders;
  window.axdash = ns;
})();
