// Linich Wurkje boards: the "Verplaats naar…" dialog, the up/down buttons, focus after a move,
// and loading the drag code. The board works without this file: every move is also a plain form
// (POST + 303). The server decides the order; this file only sends commands.
//
// Dragging needs SortableJS (45 KB) and board-drag.js. They are fetched when a pointer first
// comes over the board, not with the page: someone who moves cards with the keyboard, or only
// reads the board, never loads them. A press that comes before they are there is handed to
// SortableJS once it is, so the first drag right after loading the page works too.
(function () {
  "use strict";

  var script = document.currentScript;
  var board = document.getElementById("board-columns");
  if (!board || !board.hasAttribute("data-editable") || !window.htmx) return;
  var moveUrl = board.getAttribute("data-move-url"); // …/kaarten/0/verplaatsen
  var moveDialog = document.getElementById("board-dialog");
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

  window.LinichBoards = {
    post: post,
    urlFor: urlFor,
    texts: { otherRow: script ? script.getAttribute("data-other-row") : "" },
  };

  // --- loading the drag code on the first pointer over the board -----------------------------
  var asked = false; // the drag code was asked for
  var arrived = false; // and has arrived
  var pressed = null; // a press on a card before the drag code was there

  function onBoard(target) {
    return target && target.closest ? target.closest("#board-columns") : null;
  }

  function loadDrag() {
    if (asked || !script) return;
    asked = true;
    var urls = [script.getAttribute("data-sortable"), script.getAttribute("data-drag")];
    urls.forEach(function (url, i) {
      var tag = document.createElement("script");
      tag.src = url;
      tag.async = false; // run in this order: board-drag.js needs SortableJS
      tag.onerror = function () {
        asked = false; // offline for a moment: the next pointer over the board tries again
      };
      if (i === urls.length - 1) tag.onload = dragReady;
      document.head.appendChild(tag);
    });
  }

  function dragReady() {
    arrived = true;
    var press = pressed;
    pressed = null;
    if (!press || !document.contains(press.target)) return;
    // The button is still down: SortableJS gets the press it missed and follows the pointer.
    press.target.dispatchEvent(
      new PointerEvent("pointerdown", {
        bubbles: true,
        cancelable: true,
        composed: true,
        clientX: press.x,
        clientY: press.y,
        pointerId: press.id,
        pointerType: press.type,
        isPrimary: true,
        button: 0,
        buttons: 1,
      })
    );
  }

  document.addEventListener("pointerover", function (event) {
    if (!asked && onBoard(event.target)) loadDrag();
  });
  document.addEventListener(
    "pointerdown",
    function (event) {
      if (arrived || event.button !== 0 || !event.isPrimary) return;
      var target = event.target;
      var card = onBoard(target) && target.closest(".board-card");
      if (!card || target.closest("button, input, select, textarea")) return;
      // What SortableJS does on a press: a link or image must not start the browser's own drag.
      Array.prototype.forEach.call(card.querySelectorAll("a, img"), function (el) {
        el.draggable = false;
      });
      pressed = {
        target: target,
        x: event.clientX,
        y: event.clientY,
        id: event.pointerId,
        type: event.pointerType,
      };
      loadDrag();
    },
    true
  );
  function release() {
    pressed = null;
  }
  document.addEventListener("pointerup", release, true);
  document.addEventListener("pointercancel", release, true);
  document.addEventListener("selectstart", function (event) {
    if (pressed) event.preventDefault(); // no text selection while the drag code is coming
  });

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
          // htmx wires up swapped content only when it settles, a moment later: a quick Enter
          // would send the form the plain way. Wire it up now, before anyone can use it.
          var body = document.getElementById("board-dialog-body");
          if (body) htmx.process(body);
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
    if (close) close.closest("dialog").close();
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
    opener = null;
    if (moveDialog && moveDialog.open) moveDialog.close();
    focusCard(event.detail.cardId);
  });
  document.body.addEventListener("boardStale", function (event) {
    if (!(moveDialog && moveDialog.open)) focusCard(event.detail.cardId);
  });
})();
