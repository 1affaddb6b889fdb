// Dateline's maps: Leaflet over the Natural Earth countries served by Dateline itself (no tiles,
// no network), with the server's clusters of events as markers. Our own code, no dependencies but
// Leaflet. Usage: Dateline.map(element, {query: "from=...&to=..."}) on an element whose data-bound
// is "minLon,minLat,maxLon,maxLat" (the initial view).
"use strict";
window.Dateline = window.Dateline || {};

(function (D) {
  var messages = null;

  // t is the message name in the page's language, from the page's #dateline-messages (the
  // views' catalogue, see mapScripts), with each %s or %d filled by the next of the arguments.
  D.t = function (name) {
    if (!messages) {
      var el = document.getElementById("dateline-messages");
      try { messages = el ? JSON.parse(el.textContent) : {}; } catch (e) { messages = {}; }
    }
    var args = Array.prototype.slice.call(arguments, 1), i = 0;
    var s = messages[name] || name;
    return s.replace(/%[sd]/g, function () { return String(args[i++]); });
  };

  // events is "1 event", "3 events" in the page's language (French counts zero in the singular).
  D.events = function (n) {
    return D.t(n === 1 || (n === 0 && document.documentElement.lang === "fr") ? "event" : "events", n);
  };

  // topoFeatures decodes the polygons of a TopoJSON object into GeoJSON features: arcs are
  // delta-encoded integers when the topology is quantised (it has a transform).
  D.topoFeatures = function (topo, name) {
    var t = topo.transform;
    var arcs = topo.arcs.map(function (arc) {
      var x = 0, y = 0;
      return arc.map(function (p) {
        if (!t) return [p[0], p[1]];
        x += p[0]; y += p[1];
        return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]];
      });
    });
    function ring(ids) {
      var pts = [];
      ids.forEach(function (i) {
        var a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
        pts.push.apply(pts, pts.length ? a.slice(1) : a);
      });
      return pts;
    }
    var out = [];
    topo.objects[name].geometries.forEach(function (g) {
      var coords;
      if (g.type === "Polygon") coords = g.arcs.map(ring);
      else if (g.type === "MultiPolygon") coords = g.arcs.map(function (p) { return p.map(ring); });
      else return;
      out.push({ type: "Feature", id: g.id, properties: g.properties || {}, geometry: { type: g.type, coordinates: coords } });
    });
    return out;
  };

  // basemap draws the countries, at 1:110m, then at 1:50m once the map is zoomed in; or, when
  // the map's element names a tile layer (dateline serve --tiles), that layer and its attribution.
  D.basemap = function (map) {
    var el = map.getContainer();
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { attribution: el.dataset.tilesAttribution || "", maxZoom: 19 }).addTo(map);
      return;
    }
    map.attributionControl.addAttribution("Natural Earth");
    var css = getComputedStyle(document.documentElement);
    var style = {
      color: css.getPropertyValue("--border").trim() || "#9aa5b1", weight: 0.8,
      fillColor: css.getPropertyValue("--land").trim() || "#f4f1ea", fillOpacity: 1, interactive: false,
    };
    var layer = null, scale = "";
    function load(s) {
      if (s === scale) return;
      scale = s;
      fetch("/basemap/countries-" + s + ".json").then(function (r) {
        if (!r.ok) throw new Error("basemap " + s + ": " + r.status);
        return r.json();
      }).then(function (topo) {
        if (scale !== s) return;
        var next = L.geoJSON(D.topoFeatures(topo, "countries"), { style: style, pane: "tilePane" });
        next.addTo(map);
        if (layer) map.removeLayer(layer);
        layer = next;
      });
    }
    function pick() { load(map.getZoom() >= 7 ? "50m" : "110m"); }
    map.on("zoomend", pick);
    pick();
  };

  function bound(s) {
    var n = (s || "").split(",").map(Number);
    if (n.length !== 4 || n.some(isNaN)) return null;
    return L.latLngBounds([n[1], n[0]], [n[3], n[2]]);
  }
  D.bound = bound;

  function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }

  // view is the visible part of the world as minLon,minLat,maxLon,maxLat.
  function view(map) {
    var b = map.getBounds();
    return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
      .map(function (x) { return x.toFixed(4); }).join(",");
  }

  // icon is the marker of a cluster: a circle sized by its count, labelled for screen readers.
  function icon(p, label) {
    var size = Math.round(18 + 6 * Math.log2(p.count));
    var kind = p.kind || "mixed";
    return L.divIcon({
      className: "", iconSize: [size, size],
      html: '<span class="dl-marker kind-' + kind + '" aria-label="' + escape(label) + '" data-geonameid="' + (p.geonameid || "") + '" data-count="' + p.count +
        '" style="width:' + size + "px;height:" + size + 'px">' + p.count + "</span>",
    });
  }

  function escape(s) {
    return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  // map makes a Leaflet map of events: el.dataset.bound is the initial view; query is the
  // filters' query string (without "?"). It returns {reload(query)} for in-place filtering.
  D.map = function (el, query) {
    var map = L.map(el, { worldCopyJump: false, minZoom: 1, maxZoom: 12, zoomSnap: 1 });
    var b = bound(el.dataset.bound);
    if (b) map.fitBounds(b, { padding: [30, 30], maxZoom: 9 }); else map.setView([30, 20], 2);
    D.basemap(map);
    var markers = L.layerGroup().addTo(map);
    var seq = 0;
    // open is the marker whose popup is open: a reload (the pan that shows the popup fires
    // moveend) keeps it, so that loading markers never closes what the reader opened.
    var open = null;
    function load() {
      var n = ++seq;
      var z = map.getZoom() + 2;
      var url = "/clusters.geojson?" + (query ? query + "&" : "") + "zoom=" + z + "&view=" + view(map);
      fetch(url).then(function (r) {
        if (!r.ok) throw new Error("clusters: " + r.status);
        return r.json();
      }).then(function (fc) {
        if (n !== seq) return;
        markers.eachLayer(function (l) { if (l !== open) markers.removeLayer(l); });
        fc.features.forEach(function (f) {
          var p = f.properties, c = f.geometry.coordinates;
          if (open && p.geonameid && open.feature.properties.geonameid === p.geonameid) return;
          var label = p.name ? D.t("cluster", p.name, D.events(p.count)) : D.events(p.count);
          var m = L.marker([c[1], c[0]], { icon: icon(p, label), title: label, alt: label, riseOnHover: true, keyboard: true });
          m.feature = f;
          if (p.geonameid) {
            m.bindPopup("…", { maxWidth: 360, minWidth: 240 });
            m.on("popupclose", function () {
              if (open !== m) return;
              open = null;
              el.dataset.popup = "";
              if (n !== seq) load(); // markers loaded since it opened skipped this place: load them afresh
            });
            m.on("popupopen", function () {
              open = m;
              el.dataset.popup = String(p.geonameid);
              var q = (query || "").split("&").filter(function (s) { return s && s.indexOf("place=") !== 0; });
              var u = "/popup?" + q.concat("place=" + p.geonameid).join("&");
              fetch(u).then(function (r) { return r.text(); }).then(function (html) { m.setPopupContent(html); });
            });
          } else {
            m.on("click", function () {
              var bb = p.bbox;
              map.fitBounds([[bb[1], bb[0]], [bb[3], bb[2]]], { padding: [40, 40], maxZoom: map.getZoom() + 3 });
            });
          }
          markers.addLayer(m);
        });
        el.dataset.markers = String(fc.features.length);
        el.dataset.loads = String(+(el.dataset.loads || 0) + 1);
      }).catch(function (err) { console.warn(String(err)); });
    }
    map.on("moveend", load);
    load();
    return {
      map: map,
      reload: function (q) { query = q; map.closePopup(); load(); },
    };
  };
})(window.Dateline);
