// Linich Wurkje boards: drag and drop with SortableJS, the "Verplaats naar…" dialog, the
// up/down buttons, and focus after a move. The board works without this file: every move is
// also a plain form (POST + 303). The server decides the order; this file only sends commands.
(function () {
  "use strict";

  var board = document.getElementById("board-columns");
  if (!board || !board.hasAttribute("data-editable") || !window.htmx) return;
  var moveUrl = board.getAttribute("data-move-url"); // …/kaarten/0/verplaatsen
  var moveDialog = document.getElementById("board-dialog");
  var wipDialog = document.getElementById("wip-dialog");
  var pendingWip = null;
  var opener = null;

  function urlFor(cardId) {
    return moveUrl.replace("/0/", "/" + cardId + "/");
  }

  // htmx copies the old element's style attribute onto its replacement while settling; what
  // SortableJS left there would then be an inline style, which the CSP (rightly) refuses.
  function dropInlineStyles() {
    var styled = (document.getElementById("board-columns") || board).querySelectorAll("[style]");
    Array.prototype.forEach.call(styled, function (el) {
      el.removeAttribute("style");
    });
  }

  function post(url, values, source) {
    dropInlineStyles();
    // The board may have been swapped (filters, live updates) since this file started.
    var current = document.getElementById("board-columns") || board;
    return htmx.ajax("POST", url, { source: source || current, values: values, swap: "none" });
  }

  function focusCard(cardId) {
    var card = document.getElementById("card-" + cardId);
    var link = card && card.querySelector(".board-card__title");
    if (link) {
      link.focus();
      card.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }

  // --- drag and drop ---------------------------------------------------------------------------
  function onDrop(event) {
    var item = event.item;
    if (event.from === event.to && event.oldIndex === event.newIndex) return;
    var previous = item.previousElementSibling;
    while (previous && !previous.hasAttribute("data-card-id")) {
      previous = previous.previousElementSibling;
    }
    post(urlFor(item.getAttribute("data-card-id")), {
      column_id: event.to.getAttribute("data-column-id"),
      position: previous ? previous.getAttribute("data-card-id") : "",
      versie: item.getAttribute("data-version"),
      van: event.from.getAttribute("data-column-id"),
      bron: "slepen",
    });
  }

  function initSortables() {
    if (!window.Sortable) return;
    var lists = document.querySelectorAll(".board-column__cards:not([data-sortable])");
    Array.prototype.forEach.call(lists, function (list) {
      list.setAttribute("data-sortable", "1");
      window.Sortable.create(list, {
        group: "cards",
        draggable: ".board-card",
        filter: "button",
        preventOnFilter: false,
        forceFallback: true, // pointer events everywhere, also for touch screens
        fallbackTolerance: 4, // a click on the title stays a click
        animation: 0, // no leftover transforms when the server's columns come in
        onEnd: onDrop,
      });
    });
  }

  // --- the "Verplaats naar…" dialog and the up/down buttons ----------------------------------
  document.addEventListener("click", function (event) {
    var target = event.target;
    var move = target.closest && target.closest("a.board-card__move");
    if (move && moveDialog && typeof moveDialog.showModal === "function") {
      event.preventDefault();
      opener = move.closest(".board-card");
      htmx
        .ajax("GET", move.getAttribute("href"), { target: "#board-dialog-body", swap: "innerHTML" })
        .then(function () {
          moveDialog.showModal();
          var select = moveDialog.querySelector("select");
          if (select) select.focus();
        });
      return;
    }
    var step = target.closest && target.closest("button.board-card__step");
    if (step) {
      event.preventDefault();
      post(step.getAttribute("formaction"), { versie: step.value }, step);
      return;
    }
    var close = target.closest && target.closest("[data-dialog-close]");
    if (close) {
      close.closest("dialog").close();
      return;
    }
    if (target.closest && target.closest("[data-wip-confirm]") && pendingWip) {
      var values = pendingWip.values;
      values.bevestig = "1";
      wipDialog.close();
      post(pendingWip.url, values);
      pendingWip = null;
    }
  });

  if (moveDialog) {
    moveDialog.addEventListener("close", function () {
      var card = opener && document.getElementById(opener.id);
      if (card && !card.contains(document.activeElement)) {
        var link = card.querySelector(".board-card__move");
        if (link) link.focus();
      }
      opener = null;
    });
  }

  // --- what the server says after a command (HX-Trigger-After-Settle) ------------------------
  document.body.addEventListener("boardMoved", function (event) {
    initSortables();
    opener = null;
    if (moveDialog && moveDialog.open) moveDialog.close();
    focusCard(event.detail.cardId);
  });
  document.body.addEventListener("boardStale", function (event) {
    initSortables();
    if (!(moveDialog && moveDialog.open)) focusCard(event.detail.cardId);
  });
  document.body.addEventListener("boardWipConfirm", function (event) {
    initSortables();
    pendingWip = { url: event.detail.url, values: event.detail.values };
    document.getElementById("wip-dialog-message").textContent = event.detail.message;
    wipDialog.showModal();
  });
  document.body.addEventListener("htmx:oobAfterSwap", initSortables);
  document.body.addEventListener("htmx:afterSettle", initSortables);
  document.body.addEventListener("boardLiveSwapped", initSortables); // board-live.js

  initSortables();
})();
