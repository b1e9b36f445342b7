// Linich Wurkje boards, dragging: SortableJS on every card list, a drop sent as the same move
// command as the "Verplaats naar…" form (card, column, the card it goes after, the version seen),
// and the WIP question after a drop. boards.js loads this file, after SortableJS, when a pointer
// first comes over the board.
//
// In swimlanes (rows per perspective or owner) a card moves between the columns of its own row
// only: the row follows from the card's first perspective or owner, which a drop does not
// change. A row shows part of a column, so the server translates "here in this row" into a
// place in the whole column.
(function () {
  "use strict";

  var shared = window.LinichBoards;
  if (!shared || !window.Sortable) return;
  var wipDialog = document.getElementById("wip-dialog");
  var pendingWip = null;

  function neighbour(item, direction) {
    var el = item[direction];
    while (el && !el.hasAttribute("data-card-id")) el = el[direction];
    return el;
  }

  // Let go over another row: SortableJS kept the card at the last place it passed in its own
  // row, which is not where the person meant. Put it back and say why.
  function outsideItsRow(event) {
    var from = event.from.closest(".board-lane");
    var pointer = event.originalEvent;
    if (!from || !pointer || typeof pointer.clientX !== "number") return false;
    var under = document.elementFromPoint(pointer.clientX, pointer.clientY);
    var row = under && under.closest(".board-lane");
    return !!row && row !== from;
  }

  function putBack(event) {
    var item = event.item;
    item.parentNode.removeChild(item);
    event.from.insertBefore(item, event.from.children[event.oldIndex] || null);
    var status = document.getElementById("board-status");
    if (status) status.textContent = shared.texts.otherRow;
  }

  function onDrop(event) {
    var item = event.item;
    if (outsideItsRow(event)) {
      putBack(event);
      return;
    }
    if (event.from === event.to && event.oldIndex === event.newIndex) return;
    var previous = neighbour(item, "previousElementSibling");
    var values = {
      column_id: event.to.getAttribute("data-column-id"),
      position: previous ? previous.getAttribute("data-card-id") : "",
      versie: item.getAttribute("data-version"),
      van: event.from.getAttribute("data-column-id"),
      bron: "slepen",
    };
    if (!previous && event.to.hasAttribute("data-lane")) {
      // On top of its row: right above the row's next card in the whole column, or at the
      // bottom of a column where the row had no cards yet.
      var next = neighbour(item, "nextElementSibling");
      if (next) values.voor = next.getAttribute("data-card-id");
      else values.position = "onderaan";
    }
    shared.post(shared.urlFor(item.getAttribute("data-card-id")), values);
  }

  function initSortables() {
    var lists = document.querySelectorAll(
      ".board-column__cards:not([data-sortable]), .board-lane__cards:not([data-sortable])"
    );
    Array.prototype.forEach.call(lists, function (list) {
      var lane = list.getAttribute("data-lane");
      list.setAttribute("data-sortable", "1");
      window.Sortable.create(list, {
        group: lane ? "lane-" + lane : "cards", // a row's lists share only with each other
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

  document.addEventListener("click", function (event) {
    var confirm = event.target.closest && event.target.closest("[data-wip-confirm]");
    if (confirm && pendingWip) {
      var values = pendingWip.values;
      values.bevestig = "1";
      wipDialog.close();
      shared.post(pendingWip.url, values);
      pendingWip = null;
    }
  });
  document.body.addEventListener("boardWipConfirm", function (event) {
    initSortables();
    pendingWip = { url: event.detail.url, values: event.detail.values };
    document.getElementById("wip-dialog-message").textContent = event.detail.message;
    wipDialog.showModal();
  });
  ["boardMoved", "boardStale", "htmx:oobAfterSwap", "htmx:afterSettle", "boardLiveSwapped"].forEach(
    function (name) {
      document.body.addEventListener(name, initSortables);
    }
  );

  initSortables();
})();
