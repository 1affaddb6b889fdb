// The explore page: the map, the timeline's brush and in-place filtering. Without this script the
// page still works: the filters are a GET form, the timeline's bars and the list's pages are links.
// With it, submitting the form, brushing the timeline or following a bar or a page link fetches the
// page at the new URL and swaps its timeline and list, reloads the map's markers, and pushes the URL.
"use strict";
(function (D) {
  var form = document.getElementById("filters");
  var mapEl = document.getElementById("map");
  var view = mapEl ? D.map(mapEl, location.search.slice(1)) : null;

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

  // go shows the page at url in place; push adds it to the history.
  function go(url, push) {
    var u = new URL(url, location.href);
    var a = document.activeElement, refocus = a && a.matches && a.matches("#timeline svg");
    return fetch(u.pathname + u.search, { headers: { Accept: "text/html" } }).then(function (r) {
      if (!r.ok) { location.assign(u.href); return; }
      return r.text().then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        ["timeline", "results", "embed-code"].forEach(function (id) { swap(doc, id); });
        var nf = doc.getElementById("filters");
        if (nf && form) {
          Array.prototype.forEach.call(form.elements, function (el) {
            if (el.name && nf.elements[el.name]) el.value = nf.elements[el.name].value;
          });
        }
        if (push) history.pushState(null, "", u.pathname + u.search);
        if (view) view.reload(u.search.slice(1));
        brush();
        var svg = document.querySelector("#timeline svg");
        if (refocus && svg) svg.focus();
        var count = document.querySelector("#results .count");
        if (count) say(count.textContent);
      });
    });
  }

  if (form) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var q = queryOf(new FormData(form));
      go(location.pathname + (q ? "?" + q : ""), true);
    });
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[data-inplace]");
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    go(a.getAttribute("href"), true);
  });
  window.addEventListener("popstate", function () { go(location.href, false); });

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
      var n = 0;
      for (var i = sel[0]; i <= sel[1]; i++) n += Number(bars[i].dataset.count);
      svg.dataset.brushFrom = bars[sel[0]].dataset.start;
      svg.dataset.brushTo = last(sel[1]);
      say(D.t("range", svg.dataset.brushFrom, svg.dataset.brushTo, D.events(n)));
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
