// Idea import: while the import runs, say so (role="status") and show a progress bar.
(function () {
  "use strict";

  function parts() {
    return {
      form: document.getElementById("import-form"),
      bar: document.getElementById("import-progress-bar"),
      text: document.getElementById("import-progress-text"),
    };
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var p = parts();
    if (!p.form || event.detail.elt !== p.form) return;
    p.bar.hidden = false;
    p.text.textContent = p.form.getAttribute("data-busy");
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var p = parts();
    if (!p.form || event.detail.elt !== p.form || event.detail.successful) return;
    p.bar.hidden = true;
    p.text.textContent = "";
  });
})();
