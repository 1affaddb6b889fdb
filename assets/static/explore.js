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

  // go shows the page at url in place; push adds it to the history.
  function go(url, push) {
    var u = new URL(url, location.href);
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
        document.dispatchEvent(new CustomEvent("dateline:updated"));
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

  // brush lets a drag across the timeline choose from and to, snapped to days.
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
  }
  brush();
  D.go = go;
  D.explore = view; // the map, for the console and the browser tests
})(window.Dateline);
