// The small map of a report or a place page: the places of its element's GeoJSON source
// (data-geojson), drawn over the basemap (offline, or the tiles of data-tiles); each marker links to its place page.
"use strict";
(function (D) {
  document.querySelectorAll(".map[data-geojson]").forEach(function (el) {
    var map = L.map(el, { minZoom: 1, maxZoom: 12 });
    var b = D.bound(el.dataset.bound);
    if (b) map.fitBounds(b, { padding: [30, 30], maxZoom: 7 }); else map.setView([30, 20], 2);
    D.basemap(map);
    // a report deleted meanwhile (404) or a server too busy (503) draws no markers, and says nothing
    fetch(el.dataset.geojson).then(function (r) { return r.ok ? r.json() : null; }).then(function (body) {
      var fc = body && (body.geojson || body);
      el.dataset.loaded = "1";
      if (!fc || !fc.features) return;
      fc.features.forEach(function (f) {
        var p = f.properties, c = f.geometry.coordinates;
        var m = L.marker([c[1], c[0]], { title: p.name, icon: L.divIcon({ className: "", iconSize: [18, 18], html: '<span class="dl-marker kind-' + p.kind + '" style="width:18px;height:18px"></span>' }) });
        var a = document.createElement("a");
        a.href = "/places/" + p.geonameid;
        a.textContent = p.name;
        m.bindPopup(a).addTo(map);
      });
    }, function () { el.dataset.loaded = "1"; });
  });
})(window.Dateline);

// The search fields of the corrections and of "add a place": suggestions from /api/places as the
// reader types, each "Name (kind, CC) #geonameid", which the server reads back by its id.
(function () {
  var n = 0;
  document.querySelectorAll("input.place-search").forEach(function (input) {
    var list = document.createElement("datalist");
    list.id = "place-suggestions-" + (++n);
    input.setAttribute("list", list.id);
    input.after(list);
    var seq = 0, timer = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2 || q.indexOf("#") >= 0) return;
      timer = setTimeout(function () {
        var mine = ++seq;
        fetch("/api/places?limit=8&q=" + encodeURIComponent(q)).then(function (r) { return r.json(); }).then(function (body) {
          if (mine !== seq) return;
          list.replaceChildren.apply(list, body.places.map(function (p) {
            var o = document.createElement("option");
            o.value = p.label + " #" + p.geonameid;
            return o;
          }));
        }).catch(function () {});
      }, 150);
    });
  });

  // Selecting words of the report fills "as written" of the add form.
  var text = document.querySelector(".report-text"), add = document.getElementById("add-text");
  if (text && add) {
    document.addEventListener("selectionchange", function () {
      var sel = document.getSelection();
      if (!sel || sel.isCollapsed || !text.contains(sel.anchorNode) || !text.contains(sel.focusNode)) return;
      var words = sel.toString().trim();
      if (words && words.indexOf("\n") < 0 && words.length <= 100) add.value = words;
    });
  }

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.confirm(form.dataset.confirm)) e.preventDefault();
    });
  });
})();
