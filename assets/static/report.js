// The small map of a report or a place page: the places of its element's GeoJSON source
// (data-geojson), drawn over the basemap (offline, or the tiles of data-tiles); each marker links to its place page.
"use strict";
(function (D) {
  document.querySelectorAll(".map[data-geojson]").forEach(function (el) {
    var map = L.map(el, { minZoom: 1, maxZoom: 12 });
    var b = D.bound(el.dataset.bound);
    if (b) map.fitBounds(b, { padding: [30, 30], maxZoom: 7 }); else map.setView([30, 20], 2);
    D.basemap(map);
    fetch(el.dataset.geojson).then(function (r) { return r.json(); }).then(function (body) {
      var fc = body.geojson || body;
      fc.features.forEach(function (f) {
        var p = f.properties, c = f.geometry.coordinates;
        var m = L.marker([c[1], c[0]], { title: p.name, icon: L.divIcon({ className: "", iconSize: [18, 18], html: '<span class="dl-marker kind-' + p.kind + '" style="width:18px;height:18px"></span>' }) });
        var a = document.createElement("a");
        a.href = "/places/" + p.geonameid;
        a.textContent = p.name;
        m.bindPopup(a).addTo(map);
      });
    });
  });
})(window.Dateline);
