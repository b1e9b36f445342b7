// The stand-up: tick boxes save themselves (the Opslaan buttons are for pages without
// JavaScript), and presenter mode shows one section at a time with keyboard navigation, a
// countdown for the whole stand-up and a time box per section. No inline scripts (CSP).
(function () {
  "use strict";

  function hideNoJsButtons(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll(".standup-nojs"), function (b) {
      b.hidden = true;
    });
  }

  function clock(seconds) {
    var sign = seconds < 0 ? "-" : "";
    var s = Math.abs(Math.round(seconds));
    var m = Math.floor(s / 60);
    var rest = s % 60;
    return sign + m + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, key) {
      return values[key] !== undefined ? values[key] : "";
    });
  }

  function presenter(root) {
    var sections = Array.prototype.slice.call(root.querySelectorAll("[data-section]"));
    if (!sections.length) return;
    var prev = document.getElementById("presenter-prev");
    var next = document.getElementById("presenter-next");
    var position = document.getElementById("presenter-position");
    var timer = document.getElementById("presenter-timer");
    var box = document.getElementById("presenter-box");
    var help = document.getElementById("presenter-help");
    var total = parseInt(root.getAttribute("data-total-seconds"), 10) || 900;
    var boxSeconds = parseInt(root.getAttribute("data-box-seconds"), 10) || 60;
    // The server's clock decides when the stand-up began; correct for the device's own clock.
    var serverNow = Date.parse(root.getAttribute("data-now") || "") || Date.now();
    var offset = Date.now() - serverNow;
    var started = Date.parse(root.getAttribute("data-started") || "");
    var startedAt = isNaN(started) ? Date.now() : started + offset;
    var spent = sections.map(function () { return 0; });
    var current = 0;
    var enteredAt = Date.now();

    root.classList.add("presenter--js");
    prev.hidden = false;
    next.hidden = false;
    help.hidden = false;

    var sectionUrl = root.getAttribute("data-section-url");
    var leading = root.getAttribute("data-lead") === "1";
    var following = root.getAttribute("data-follow") === "1";

    function csrfToken() {
      try {
        return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
      } catch (e) {
        return "";
      }
    }

    // The team screen tells where it is, so others can follow on their own device.
    function tell(index) {
      if (!leading || !sectionUrl || !window.fetch) return;
      var body = new FormData();
      body.append("onderdeel", String(index));
      window.fetch(sectionUrl, {
        method: "POST",
        body: body,
        headers: { "X-CSRFToken": csrfToken() },
        credentials: "same-origin",
      }).catch(function () {});
    }

    function follow() {
      if (!window.fetch) return;
      window.fetch(sectionUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data && data.bezig && data.onderdeel !== current) show(data.onderdeel, true, false);
        })
        .catch(function () {});
    }

    function show(index, announce, fromHere) {
      spent[current] += (Date.now() - enteredAt) / 1000;
      enteredAt = Date.now();
      current = Math.max(0, Math.min(sections.length - 1, index));
      sections.forEach(function (section, i) {
        section.hidden = i !== current;
      });
      prev.disabled = current === 0;
      next.disabled = current === sections.length - 1;
      var heading = sections[current].querySelector("h2");
      if (announce !== false) {
        position.textContent = fill(position.getAttribute("data-label"), {
          n: current + 1,
          total: sections.length,
          title: heading ? heading.textContent.trim() : "",
        });
      }
      if (history.replaceState) {
        history.replaceState(null, "", window.location.pathname + window.location.search + "#onderdeel-" + (current + 1));
      }
      if (fromHere !== false) tell(current);
      tick();
    }

    function tick() {
      var left = total - (Date.now() - startedAt) / 1000;
      timer.textContent = clock(left);
      timer.classList.toggle("presenter__timer--over", left < 0);
      var inSection = spent[current] + (Date.now() - enteredAt) / 1000;
      var boxLeft = boxSeconds - inSection;
      box.textContent = fill(box.getAttribute(boxLeft >= 0 ? "data-label-left" : "data-label-over"), {
        time: clock(Math.abs(boxLeft)),
      });
      box.classList.toggle("presenter__box--over", boxLeft < 0);
    }

    prev.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (target && target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "ArrowRight" || event.key === "PageDown") {
        event.preventDefault();
        show(current + 1);
      } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
        event.preventDefault();
        show(current - 1);
      }
    });
    var match = /^#onderdeel-(\d+)$/.exec(window.location.hash);
    var shared = parseInt(root.getAttribute("data-current-section") || "", 10);
    if (match) {
      show(parseInt(match[1], 10) - 1, true, !following);
    } else {
      show(isNaN(shared) ? 0 : shared, true, false);
    }
    window.setInterval(tick, 1000);
    if (following) window.setInterval(follow, 2000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    hideNoJsButtons(document);
    var root = document.getElementById("presenter");
    if (root) presenter(root);
  });
  document.addEventListener("htmx:load", function (event) {
    hideNoJsButtons(event.target);
  });
  // htmx puts the focus back on an element with the same id; when the focused element is
  // gone (a triaged idea, a button that became a link), keep the keyboard in the section.
  document.addEventListener("htmx:afterSettle", function (event) {
    var active = document.activeElement;
    if (active && active !== document.body) return;
    var target = event.detail && (event.detail.target || event.detail.elt);
    // An outerHTML swap replaced the target: look up its successor by id.
    if (target && target.id && !document.body.contains(target)) {
      target = document.getElementById(target.id);
    }
    var section = target && target.closest ? target.closest(".standup-section, .action-item") : null;
    if (section && section.classList.contains("action-item")) {
      var link = section.querySelector("a, input");
      if (link) link.focus();
      return;
    }
    var heading = section && section.querySelector("h2");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  });
})();
