// The explore page: the map, the timeline's brush and in-place filtering. Without this script the
// page still works: the filters are a GET form, the timeline's bars and the list's pages are links.
// With it, submitting the form, brushing the timeline or following a bar or a page link fetches the
// page at the new URL and swaps its timeline and list, reloads the map's markers, and pushes the URL.
"use strict";
(function (D) {
  var form = document.getElementById("filters");
  var mapEl = document.getElementById("map");
  // The map shows the events of the page's valid filter (data-query), which an invalid field
  // leaves out as the list does.
  var view = mapEl ? D.map(mapEl, mapEl.dataset.query !== undefined ? mapEl.dataset.query : location.search.slice(1)) : null;

  // queryOf is the form's state as a query string, without empty fields.
  function queryOf(fd) {
    var p = new URLSearchParams();
    fd.forEach(function (v, k) { if (String(v).trim() !== "") p.append(k, v); });
    return p.toString();
  }

  function swap(doc, id) {
    var now = document.getElementById(id), next = doc.getElementById(id);
    if (now && next) now.replaceWith(next);
  }

  // say tells screen readers something, through the page's live region.
  function say(text) {
    var el = document.getElementById("announce");
    if (el) el.textContent = text;
  }

  // field sets the form's field name to value, a hidden field when the form shows none; an empty
  // value leaves it out of the query.
  function field(name, value) {
    if (!form) return;
    var el = form.elements[name];
    if (!el) {
      if (!value) return;
      el = document.createElement("input");
      el.type = "hidden";
      el.name = name;
      form.appendChild(el);
    }
    el.value = value;
  }

  // problems shows the messages of the new page's form beside the fields of this one: the fields
  // keep their focus and what the reader typed.
  function problems(nf) {
    var now = form.querySelector("#filter-problems"), next = nf.querySelector("#filter-problems");
    if (now) now.remove();
    if (next) form.prepend(next);
    Array.prototype.forEach.call(nf.querySelectorAll(".field"), function (div) {
      var input = div.querySelector("input"), mine = form.elements[input.name];
      if (!mine || mine.type === "hidden") { // a field the page did not show: the box
        if (mine) mine.remove();
        form.querySelector("button[type=submit]").before(div);
      }
    });
    Array.prototype.forEach.call(form.querySelectorAll(".field"), function (div) {
      var input = div.querySelector("input"), other = nf.elements[input.name];
      var err = div.querySelector(".field-error");
      if (err) err.remove();
      if (!other) { if (input.name === "bbox") div.remove(); return; }
      input.type = other.type;
      ["aria-invalid", "aria-describedby"].forEach(function (a) {
        if (other.hasAttribute(a)) input.setAttribute(a, other.getAttribute(a)); else input.removeAttribute(a);
      });
      var next = other.closest(".field").querySelector(".field-error");
      if (next) div.appendChild(next);
    });
  }

  // go shows the page at url in place: how is "push" to add it to the history, "replace" to
  // take the place of the current entry, else nothing (the history moved). A page of a bad filter
  // (400) shows in place too: its messages beside the fields.
  function go(url, how) {
    var u = new URL(url, location.href);
    var a = document.activeElement, refocus = a && a.matches && a.matches("#timeline svg");
    return fetch(u.pathname + u.search, { headers: { Accept: "text/html" } }).then(function (r) {
      if (!r.ok && r.status !== 400) { location.assign(u.href); return; }
      return r.text().then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        if (player) player.stop();
        ["timeline", "results", "embed-code", "download"].forEach(function (id) { swap(doc, id); });
        var nf = doc.getElementById("filters");
        if (nf && form) {
          problems(nf);
          Array.prototype.forEach.call(form.elements, function (el) {
            if (el.name && nf.elements[el.name]) el.value = nf.elements[el.name].value;
          });
        }
        if (how === "push") history.pushState(null, "", u.pathname + u.search);
        if (how === "replace") history.replaceState(null, "", u.pathname + u.search);
        var nm = doc.getElementById("map");
        if (view) {
          var mv = /^(\d+)\/(-?[\d.]+)\/(-?[\d.]+)$/.exec(nm ? nm.dataset.view : "");
          if (!how && mv) view.map.setView([+mv[2], +mv[3]], +mv[1]); // back to where the map was
          view.reload(nm && nm.dataset.query !== undefined ? nm.dataset.query : u.search.slice(1), how === "replace", nm && nm.dataset.layer);
        }
        brush();
        var svg = document.querySelector("#timeline svg");
        if (refocus && svg) svg.focus();
        var count = document.querySelector("#results .count");
        if (count) say(count.textContent);
      });
    });
  }

  function submit(how) {
    var q = queryOf(new FormData(form));
    return go(location.pathname + (q ? "?" + q : ""), how);
  }

  if (form) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      submit("push");
    });
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[data-inplace]");
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    go(a.getAttribute("href"), "push");
  });
  window.addEventListener("popstate", function () { go(location.href, ""); });

  // The map's position is in the URL (map=zoom/lat/lon) once the reader moves it: a drag, the
  // wheel, the keys, the zoom buttons; not the pan that shows a popup, which follows a click on a
  // marker. With "list only what the map shows", the box of the filter follows the map too.
  var inview = document.getElementById("inview");
  if (view && form) {
    var input = 0, pressed = false, mine = false;
    ["pointerdown", "wheel", "keydown", "touchstart"].forEach(function (t) {
      mapEl.addEventListener(t, function (e) {
        if (e.target.closest && e.target.closest(".leaflet-marker-pane, .leaflet-popup-pane")) return;
        input = Date.now();
        if (t === "pointerdown") pressed = true;
      }, { passive: true, capture: true });
    });
    document.addEventListener("pointerup", function () { if (pressed) input = Date.now(); pressed = false; }, true);
    view.map.on("movestart zoomstart", function () { if (pressed || Date.now() - input < 600) mine = true; });
    view.map.on("moveend", function () {
      if (!mine) return;
      mine = false;
      field("map", D.position(view.map));
      if (inview && inview.checked) {
        field("bbox", D.view(view.map));
        submit("replace");
        return;
      }
      var p = new URLSearchParams(location.search);
      p.set("map", D.position(view.map));
      history.replaceState(null, "", location.pathname + "?" + p.toString());
    });
    if (inview) {
      inview.closest("label").hidden = false;
      inview.addEventListener("change", function () {
        field("bbox", inview.checked ? D.view(view.map) : "");
        field("map", D.position(view.map));
        submit("push");
      });
    }
  }

  // player steps through the timeline's bins: each step shows that bin's events on the map, and
  // faded, those of the range before it. Play and Pause, a step back or forward, Stop (or Escape)
  // goes back to the whole range. D.playDelay is the time of a step, in milliseconds.
  var player = (function () {
    var box = document.getElementById("playback");
    if (!box || !view) return null;
    box.hidden = false;
    var i = -1, timer = null;
    var toggle = box.querySelector("[data-play=toggle]"), stop = box.querySelector("[data-play=stop]");
    var status = document.getElementById("play-status");
    function bars() { return Array.prototype.slice.call(document.querySelectorAll("#timeline svg rect[data-start]")); }
    function base() {
      var p = new URLSearchParams(mapEl.dataset.query !== undefined ? mapEl.dataset.query : location.search.slice(1));
      ["from", "to", "page", "map"].forEach(function (k) { p.delete(k); });
      return p;
    }
    function last(bs, j) {
      var svg = document.querySelector("#timeline svg");
      var end = j + 1 < bs.length ? bs[j + 1].dataset.start : svg.dataset.to;
      return new Date(Date.parse(end) - 864e5).toISOString().slice(0, 10);
    }
    function show(j) {
      var bs = bars();
      if (!bs.length) return;
      i = Math.max(0, Math.min(bs.length - 1, j));
      var step = base(), trail = null;
      step.set("from", bs[i].dataset.start);
      step.set("to", last(bs, i));
      if (i > 0) {
        var t = base();
        t.set("from", bs[0].dataset.start);
        t.set("to", last(bs, i - 1));
        trail = t.toString();
      }
      view.play(step.toString(), trail);
      bs.forEach(function (b, k) { b.classList.toggle("playing", k === i); });
      var title = bs[i].querySelector("title");
      status.textContent = D.t("step", i + 1, bs.length, title ? title.textContent : bs[i].dataset.start);
      mapEl.dataset.step = bs[i].dataset.start;
      stop.disabled = false;
    }
    function pause() {
      if (timer) clearInterval(timer);
      timer = null;
      toggle.setAttribute("aria-pressed", "false");
      toggle.querySelector(".play-label").textContent = D.t("Play");
      toggle.querySelector(".play-icon").textContent = "▶ ";
      status.setAttribute("aria-live", "polite");
    }
    function tick() {
      if (i + 1 >= bars().length) { pause(); return; }
      show(i + 1);
    }
    function play() {
      if (i + 1 >= bars().length) i = -1; // from the start again
      status.setAttribute("aria-live", "off"); // a step a second is too much to hear
      toggle.setAttribute("aria-pressed", "true");
      toggle.querySelector(".play-label").textContent = D.t("Pause");
      toggle.querySelector(".play-icon").textContent = "❚❚ ";
      tick();
      timer = setInterval(tick, D.playDelay || 1000);
    }
    function reset() {
      pause();
      i = -1;
      bars().forEach(function (b) { b.classList.remove("playing"); });
      status.textContent = "";
      stop.disabled = true;
      delete mapEl.dataset.step;
    }
    box.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-play]");
      if (!b) return;
      switch (b.dataset.play) {
        case "toggle": if (timer) pause(); else play(); break;
        case "prev": pause(); show(i <= 0 ? 0 : i - 1); break;
        case "next": pause(); show(i + 1); break;
        case "stop": reset(); view.stop(); toggle.focus(); break;
      }
    });
    box.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && i >= 0) { reset(); view.stop(); toggle.focus(); e.preventDefault(); }
    });
    return { stop: function () { if (i >= 0 || timer) { reset(); view.stop(); } } };
  })();

  // brush lets a drag across the timeline choose from and to, snapped to days; from the keyboard,
  // the arrow keys move a range of bins by one bin, Shift and the arrow keys resize it, Enter
  // keeps it (as a drag does) and Escape clears it.
  function brush() {
    var svg = document.querySelector("#timeline svg[data-from]");
    if (!svg || !form) return;
    var from = Date.parse(svg.dataset.from), to = Date.parse(svg.dataset.to);
    var x0 = Number(svg.dataset.x0), x1 = Number(svg.dataset.x1), vb = svg.viewBox.baseVal;
    var rect = null, start = null;
    function x(e) {
      var r = svg.getBoundingClientRect();
      return Math.max(x0, Math.min(x1, (e.clientX - r.left) / r.width * vb.width));
    }
    function day(px) {
      var t = from + (px - x0) / (x1 - x0) * (to - from);
      return new Date(Math.floor(t / 864e5) * 864e5);
    }
    svg.addEventListener("pointerdown", function (e) {
      if (e.button !== 0) return;
      start = x(e);
      svg.setPointerCapture(e.pointerId);
      rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      rect.setAttribute("class", "brush");
      rect.setAttribute("y", "0");
      rect.setAttribute("height", svg.dataset.plotHeight);
      svg.appendChild(rect);
      e.preventDefault();
    });
    svg.addEventListener("pointermove", function (e) {
      if (start === null) return;
      var a = Math.min(start, x(e)), b = Math.max(start, x(e));
      rect.setAttribute("x", a);
      rect.setAttribute("width", b - a);
    });
    svg.addEventListener("pointerup", function (e) {
      if (start === null) return;
      var a = Math.min(start, x(e)), b = Math.max(start, x(e));
      start = null;
      if (b - a < 4) { rect.remove(); return; } // a click: the bar's link
      var d0 = day(a), d1 = day(b);
      if (d1 <= d0) d1 = d0;
      form.elements.from.value = d0.toISOString().slice(0, 10);
      form.elements.to.value = d1.toISOString().slice(0, 10);
      svg.dataset.brushed = "1";
      form.requestSubmit();
    });
    svg.addEventListener("click", function (e) {
      if (svg.dataset.brushed) { e.preventDefault(); delete svg.dataset.brushed; }
    }, true);
    keys(svg);
  }

  function keys(svg) {
    var bars = Array.prototype.slice.call(svg.querySelectorAll("rect[data-start]"));
    if (!bars.length) return;
    var size = svg.dataset.size, hint = document.getElementById("timeline-keys");
    if (!hint) {
      hint = document.createElement("p");
      hint.id = "timeline-keys";
      hint.className = "sr-only";
      svg.after(hint);
    }
    hint.textContent = D.t("keys." + size);
    svg.setAttribute("tabindex", "0");
    svg.setAttribute("aria-roledescription", D.t("brush"));
    svg.setAttribute("aria-describedby", "timeline-keys");
    var sel = null, rect = null;
    // last is the last day of bar i.
    function last(i) {
      var end = i + 1 < bars.length ? bars[i + 1].dataset.start : svg.dataset.to;
      return new Date(Date.parse(end) - 864e5).toISOString().slice(0, 10);
    }
    function draw() {
      if (!rect) {
        rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
        rect.setAttribute("class", "brush");
        rect.setAttribute("y", "0");
        rect.setAttribute("height", svg.dataset.plotHeight);
        svg.appendChild(rect);
      }
      var a = bars[sel[0]], b = bars[sel[1]];
      var x = Number(a.getAttribute("x")), x1 = Number(b.getAttribute("x")) + Number(b.getAttribute("width"));
      rect.setAttribute("x", x);
      rect.setAttribute("width", x1 - x);
      svg.dataset.brushFrom = bars[sel[0]].dataset.start;
      svg.dataset.brushTo = last(sel[1]);
      count(svg.dataset.brushFrom, svg.dataset.brushTo);
    }
    // count announces the number of events of the range, as its list will count them: the
    // server's, since an event dated "October 2017" is in each bar of October and the bars'
    // counts do not add up to it.
    var asked = 0;
    function count(from, to) {
      var mine = ++asked;
      var p = new URLSearchParams(mapEl && mapEl.dataset.query !== undefined ? mapEl.dataset.query : location.search.slice(1));
      ["page", "map", "offset"].forEach(function (k) { p.delete(k); });
      p.set("from", from);
      p.set("to", to);
      p.set("limit", "1");
      fetch("/events.geojson?" + p.toString(), { headers: { Accept: "application/geo+json" } }).then(function (r) {
        return r.ok ? r.json() : null;
      }).then(function (fc) {
        if (mine !== asked || !fc || typeof fc.numberMatched !== "number") return;
        svg.dataset.brushCount = String(fc.numberMatched);
        say(D.t("range", from, to, D.events(fc.numberMatched)));
      });
    }
    svg.addEventListener("keydown", function (e) {
      if (e.target !== svg || e.altKey || e.ctrlKey || e.metaKey) return;
      var n = bars.length;
      switch (e.key) {
        case "ArrowRight": case "ArrowLeft": {
          var d = e.key === "ArrowRight" ? 1 : -1;
          if (!sel) sel = d > 0 ? [0, 0] : [n - 1, n - 1];
          else if (e.shiftKey) sel[1] = Math.max(sel[0], Math.min(n - 1, sel[1] + d));
          else if (sel[0] + d >= 0 && sel[1] + d < n) sel = [sel[0] + d, sel[1] + d];
          draw();
          break;
        }
        case "Home": case "End":
          if (!sel) sel = [0, 0];
          var w = sel[1] - sel[0];
          sel = e.key === "Home" ? [0, w] : [n - 1 - w, n - 1];
          draw();
          break;
        case "Enter":
          if (!sel || !form) return;
          form.elements.from.value = svg.dataset.brushFrom;
          form.elements.to.value = svg.dataset.brushTo;
          form.requestSubmit();
          break;
        case "Escape":
          if (!sel) return;
          sel = null;
          asked++;
          delete svg.dataset.brushCount;
          rect.remove();
          rect = null;
          say(D.t("cleared"));
          break;
        default:
          return;
      }
      e.preventDefault();
    });
  }
  brush();
  D.explore = view; // the map, for the console and the browser tests
})(window.Dateline);
