// Linich Wurkje: progressive enhancement only; every page works without it.
(function () {
  "use strict";

  var INVALID = '[aria-invalid="true"], .utrecht-textbox--invalid, .utrecht-select--invalid';

  // After a form comes back with errors, put the keyboard on the first field to fix.
  function focusFirstInvalid(root) {
    var field = (root || document).querySelector(INVALID);
    if (field) {
      field.focus();
      return true;
    }
    return false;
  }

  // A wide table scrolls inside its wrapper; make that wrapper reachable by keyboard and named
  // for screen readers, but only while it actually overflows.
  function labelScrollers(root) {
    var wrappers = (root || document).querySelectorAll(".table-scroll");
    Array.prototype.forEach.call(wrappers, function (wrapper) {
      var overflows = wrapper.scrollWidth > wrapper.clientWidth + 1;
      if (overflows && !wrapper.hasAttribute("tabindex")) {
        var table = wrapper.querySelector("table");
        var caption = table && table.caption ? table.caption.textContent.trim() : "";
        var heading = wrapper.closest("section, main");
        heading = heading && heading.querySelector("h1, h2");
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label", caption || (heading ? heading.textContent.trim() : ""));
      } else if (!overflows && wrapper.getAttribute("tabindex") === "0") {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
        wrapper.removeAttribute("aria-label");
      }
    });
  }

  function showError() {
    var flash = document.getElementById("flash");
    if (!flash) return;
    var message = flash.getAttribute("data-error-message");
    var alert = document.createElement("div");
    alert.className = "utrecht-alert utrecht-alert--error";
    alert.setAttribute("role", "alert");
    var p = document.createElement("p");
    p.className = "utrecht-paragraph";
    p.textContent = message;
    alert.appendChild(p);
    flash.replaceChildren(alert);
  }

  document.addEventListener("DOMContentLoaded", function () {
    labelScrollers(document);
    if (document.querySelector(".utrecht-form-field--invalid")) {
      focusFirstInvalid(document);
    }
  });

  var resizeTimer;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { labelScrollers(document); }, 150);
  });

  // The skip link: some browsers scroll to #main without moving the keyboard focus there.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a.utrecht-skip-link[href^="#"]');
    if (!link) return;
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (target) {
      event.preventDefault();
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
      target.scrollIntoView();
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    labelScrollers(document);
    var xhr = event.detail && event.detail.xhr;
    if (xhr && xhr.status === 422) {
      focusFirstInvalid(event.detail.elt) || focusFirstInvalid(document);
    }
  });

  // htmx does not swap 4xx/5xx answers; say so instead of silently doing nothing.
  document.addEventListener("htmx:responseError", function (event) {
    var verb = event.detail.requestConfig && event.detail.requestConfig.verb;
    if (verb === "get" && event.detail.pathInfo) {
      // A failed read: load the page the normal way so the server's error page shows.
      window.location.assign(event.detail.pathInfo.finalRequestPath || event.detail.pathInfo.requestPath);
    } else {
      showError();
    }
  });
  document.addEventListener("htmx:sendError", showError);

  // Folded-away parts marked print-open (a stand-up's agenda in the archive) print open, and
  // fold back afterwards.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    var closed = document.querySelectorAll("details.print-open:not([open])");
    openedForPrint = Array.prototype.slice.call(closed);
    openedForPrint.forEach(function (details) { details.open = true; });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  });
})();
