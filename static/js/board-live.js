// Linich Wurkje boards, live: what someone else changes shows up on every open board and
// wallboard within two seconds. Every 1.5 s one cheap question: "still version n?" The server
// answers 204 (one indexed lookup) or the fresh columns with the new version. Polling works
// across gunicorn processes on SQLite and PostgreSQL without a broker or an open connection.
(function () {
  "use strict";

  var script = document.currentScript;
  var root = document.querySelector("[data-live-url]");
  if (!root || !script || !window.fetch || !window.Promise) return;

  var INTERVAL = 1500;
  var MAX_DELAY = 30000;
  var texts = {
    updated: script.getAttribute("data-updated"),
    gone: script.getAttribute("data-gone"),
    signedOut: script.getAttribute("data-signed-out"),
    offline: script.getAttribute("data-offline"),
    back: script.getAttribute("data-back"),
  };
  var url = root.getAttribute("data-live-url");
  var version = root.getAttribute("data-board-version") || "";
  var status = document.getElementById("board-status");
  var clock = document.getElementById("wallboard-clock");
  var day = new Date().toDateString();
  var timer = null;
  var busy = false;
  var stopped = false;
  var failures = 0;
  var offlineShown = false;

  var quiet = null;
  function announce(text, lasting) {
    if (!status || !text) return;
    window.clearTimeout(quiet);
    // The same words twice in a row are not read out again unless the region changes first.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = text;
      // "Bijgewerkt" has been said; it need not stay on the screen (a TV shows it all day).
      if (!lasting) {
        quiet = window.setTimeout(function () {
          if (status.textContent === text) status.textContent = "";
        }, 8000);
      }
    }, 50);
  }

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = null;
    if (!stopped && !document.hidden) timer = window.setTimeout(check, delay);
  }

  // Someone is dragging a card, or a move of their own is on its way: swapping the columns now
  // would pull the card from under their pointer. The next check fetches again.
  function interacting() {
    return !!document.querySelector(".sortable-chosen, .sortable-fallback, .htmx-request");
  }

  // What a viewer would notice: the text, and the versions the move commands send.
  function signature(element) {
    var versions = Array.prototype.map
      .call(element.querySelectorAll("[data-card-id]"), function (card) {
        return card.id + ":" + card.getAttribute("data-version");
      })
      .join(",");
    return versions + "|" + element.textContent.replace(/\s+/g, " ").trim();
  }

  // Where the focus is, in terms that survive new elements: an id, or the card and which of
  // its links and buttons.
  function focusPlace() {
    var active = document.activeElement;
    if (!active || active === document.body || !root.contains(active)) return null;
    if (active.id) return { id: active.id };
    var card = active.closest("[data-card-id]");
    if (!card) return null;
    var selector = active.tagName.toLowerCase() + (active.classList[0] ? "." + active.classList[0] : "");
    var index = Array.prototype.indexOf.call(card.querySelectorAll(selector), active);
    return { card: card.id, selector: selector, index: index };
  }

  function restoreFocus(place) {
    if (!place) return;
    var target = null;
    if (place.id) {
      target = document.getElementById(place.id);
    } else {
      var card = document.getElementById(place.card);
      var options = card ? card.querySelectorAll(place.selector) : [];
      target = options[place.index] || (card && card.querySelector("a, button"));
    }
    if (target && root.contains(target)) target.focus({ preventScroll: true });
  }

  // What someone was typing (a new card's title) stays, with the cursor where it was.
  function keepTyped(fresh) {
    var fields = root.querySelectorAll("input[id], textarea[id]");
    Array.prototype.forEach.call(fields, function (field) {
      if (field.type === "hidden" || field.value === field.defaultValue) return;
      var twin = fresh.querySelector("#" + CSS.escape(field.id));
      if (twin) twin.value = field.value;
    });
  }

  function selection(place) {
    var active = document.activeElement;
    if (place && place.id && active && typeof active.selectionStart === "number") {
      return [active.selectionStart, active.selectionEnd];
    }
    return null;
  }

  function apply(html, next) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var fresh = template.content.getElementById(root.id) || template.content.firstElementChild;
    if (!fresh) return false;
    // The header's count of action items past due comes along; it lives outside the columns.
    var marker = template.content.getElementById("board-overdue-marker");
    var shown = marker && document.getElementById("board-overdue-marker");
    if (shown) shown.replaceWith(marker);
    if (signature(fresh) === signature(root)) {
      version = next; // e.g. this person's own move, already on screen
      return true;
    }
    var place = focusPlace();
    var range = selection(place);
    keepTyped(fresh);
    // The columns' container stays the same element (boards.js holds on to it); only what is
    // inside it and its attributes are new.
    Array.prototype.forEach.call(fresh.attributes, function (attribute) {
      root.setAttribute(attribute.name, attribute.value);
    });
    root.replaceChildren.apply(root, Array.prototype.slice.call(fresh.childNodes));
    if (window.htmx) window.htmx.process(root);
    version = next;
    restoreFocus(place);
    if (range && document.activeElement && document.activeElement.setSelectionRange) {
      document.activeElement.setSelectionRange(range[0], range[1]);
    }
    root.dispatchEvent(new CustomEvent("boardLiveSwapped", { bubbles: true }));
    // Right after this person's own command the status line says what it did; "bijgewerkt"
    // (mostly their own change coming back) would only talk over it.
    if (Date.now() - ownCommandAt > 3000) announce(texts.updated);
    return true;
  }

  function stop(message) {
    stopped = true;
    window.clearTimeout(timer);
    announce(message, true);
  }

  function recovered() {
    failures = 0;
    if (offlineShown) {
      offlineShown = false;
      announce(texts.back);
    }
  }

  // The filters swap in a new columns element (htmx, outerHTML): follow it and its version.
  function follow() {
    var current = document.getElementById(root.id);
    if (current && current !== root) {
      root = current;
      version = current.getAttribute("data-board-version") || version;
    }
  }

  function check() {
    timer = null;
    if (stopped || busy || document.hidden) return;
    busy = true;
    var today = new Date().toDateString();
    // On a new day every card's "days in column" changes without a new version: ask for all.
    // A filtered board asks for its filtered columns: the address may change with the filters.
    follow();
    var base = root.getAttribute("data-live-url") || url;
    var sep = base.indexOf("?") < 0 ? "?" : "&";
    var query = today === day ? sep + "versie=" + encodeURIComponent(version) : "";
    fetch(base + query, { credentials: "same-origin", cache: "no-store", redirect: "manual" })
      .then(function (response) {
        if (response.status === 204) {
          recovered();
          return;
        }
        if (response.status === 401 || response.type === "opaqueredirect") {
          stop(texts.signedOut);
          return;
        }
        if (response.status === 403 || response.status === 404) {
          stop(texts.gone);
          return;
        }
        if (!response.ok) throw new Error("HTTP " + response.status);
        var next = response.headers.get("X-Board-Version") || "";
        return response.text().then(function (html) {
          recovered();
          follow();
          // The filters changed while this was on its way: the answer is for the old view.
          if ((root.getAttribute("data-live-url") || url) !== base) return;
          if (interacting()) return;
          if (apply(html, next)) day = today;
        });
      })
      .catch(function () {
        failures += 1;
        if (failures === 2 && !offlineShown) {
          offlineShown = true;
          announce(texts.offline, true);
        }
      })
      .then(function () {
        busy = false;
        schedule(failures ? Math.min(MAX_DELAY, INTERVAL * Math.pow(2, failures)) : INTERVAL);
      });
  }

  var ownCommandAt = 0;
  document.addEventListener("htmx:afterRequest", function (event) {
    var config = event.detail && event.detail.requestConfig;
    if (config && config.verb && config.verb !== "get") ownCommandAt = Date.now();
  });

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      window.clearTimeout(timer);
      timer = null;
    } else if (!stopped) {
      check(); // back on the tab: look at once instead of waiting for the next turn
    }
  });

  // The time of the municipality (the server's zone), as the "bijgewerkt om" line says it.
  var clockFormat = null;
  if (clock) {
    try {
      clockFormat = new Intl.DateTimeFormat("nl-NL", {
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZone: clock.getAttribute("data-timezone") || undefined,
      });
    } catch (error) {
      clockFormat = new Intl.DateTimeFormat("nl-NL", { hour: "2-digit", minute: "2-digit" });
    }
  }
  function tick() {
    var text = clockFormat.format(new Date());
    clock.textContent = text;
    clock.setAttribute("datetime", text);
  }
  if (clock) {
    tick();
    window.setInterval(tick, 10000);
  }

  schedule(INTERVAL);
})();
