// Tejido's only script of its own: small behaviours declared with data attributes, so the
// pages need no inline JavaScript and the Content-Security-Policy can forbid it.
//   data-pick="<input id>" data-value="<value>" [data-focus="<id>"]  a search result's "Elegir" button
//   data-print                                                       prints the page
//   data-autosubmit                                                  submits its form on change
//   data-autofocus="<id>"  (on any element)                          focuses that field on load
//   data-export  (on an export link)   exports what the page shows now: filters applied with htmx
//                                      change the address bar, not the link
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var pick = event.target.closest("[data-pick]");
    if (pick) {
      var input = document.getElementById(pick.dataset.pick);
      if (input) { input.value = pick.dataset.value; }
      var next = pick.dataset.focus && document.getElementById(pick.dataset.focus);
      if (next) { next.focus(); }
      return;
    }
    if (event.target.closest("[data-print]")) { window.print(); return; }
    var exportLink = event.target.closest("a[data-export]");
    if (exportLink) { exportLink.href = exportLink.href.split("?")[0] + window.location.search; }
  });
  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-autosubmit]");
    if (field && field.form) { field.form.submit(); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var marker = document.querySelector("[data-autofocus]");
    var field = marker && document.getElementById(marker.dataset.autofocus);
    if (field) { field.focus(); }
  });
})();
