// The moderation queue: when an approved or declined idea leaves the list, the keyboard focus
// would fall back to the top of the page; put it on the next idea's first button instead (or on
// the count when the list is empty), so a moderator can go on without searching.
(function () {
  "use strict";

  var next = null;

  document.addEventListener("htmx:beforeSwap", function (event) {
    var row = event.detail.target;
    next = null;
    if (!row || !row.classList || !row.classList.contains("pending")) return;
    if (!event.detail.xhr || event.detail.xhr.status !== 200) return;
    next = row.nextElementSibling || row.previousElementSibling || document.getElementById("moderation-waiting");
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (!next) return;
    var target = next.querySelector ? next.querySelector("button") || next : next;
    if (!target.matches("button, a, textarea, summary")) target.setAttribute("tabindex", "-1");
    target.focus();
    next = null;
  });
})();
