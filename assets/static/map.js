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
  // The countries take the theme's colours, and take them again when the theme changes.
  D.basemap = function (map) {
    var el = map.getContainer();
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { attribution: el.dataset.tilesAttribution || "", maxZoom: 19 }).addTo(map);
      return;
    }
    map.attributionControl.addAttribution("Natural Earth");
    function style() {
      var css = getComputedStyle(document.documentElement);
      return {
        color: css.getPropertyValue("--border").trim() || "#9aa5b1", weight: 0.8,
        fillColor: css.getPropertyValue("--land").trim() || "#f4f1ea", fillOpacity: 1, interactive: false,
      };
    }
    var layer = null, scale = "";
    function load(s) {
      if (s === scale) return;
      scale = s;
      fetch("/basemap/countries-" + s + ".json").then(function (r) {
        if (!r.ok) throw new Error("basemap " + s + ": " + r.status);
        return r.json();
      }).then(function (topo) {
        if (scale !== s) return;
        var next = L.geoJSON(D.topoFeatures(topo, "countries"), { style: style(), pane: "tilePane" });
        next.addTo(map);
        if (layer) map.removeLayer(layer);
        layer = next;
      });
    }
    function pick() { load(map.getZoom() >= 7 ? "50m" : "110m"); }
    map.on("zoomend", pick);
    document.addEventListener("dateline:theme", function () { if (layer) layer.setStyle(style()); });
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
  D.view = view;

  // position is where the map is, zoom/lat/lon, as the URL's map parameter writes it.
  function position(map) {
    var c = map.wrapLatLng(map.getCenter());
    return map.getZoom() + "/" + clamp(c.lat, -90, 90).toFixed(4) + "/" + clamp(c.lng, -180, 180).toFixed(4);
  }
  D.position = position;

  // The size of a marker's symbol, in pixels, grows with the log of its count, within these.
  var SMALL = 18, LARGE = 46, GAP = 2;
  function sizeOf(n) { return Math.round(Math.min(LARGE, SMALL + 5 * Math.log2(Math.max(1, n)))); }
  D.sizeOf = sizeOf;
  function short(n) {
    if (n >= 1e6) return (n / 1e6).toFixed(n < 1e7 ? 1 : 0).replace(/\.0$/, "") + "M";
    if (n >= 1e4) return Math.round(n / 1e3) + "k";
    return String(n);
  }

  // layout turns the server's clusters into the symbols of the map at its zoom: clusters whose
  // symbols would overlap (their boxes, with a gap) become one, at their count-weighted mean,
  // until no two overlap. Several places are "mixed"; the members say which. Symbols that would
  // cover one of the fixed boxes (the marker whose popup is open) are left out.
  function layout(map, features, fixed, trail) {
    var items = features.map(function (f) {
      var p = f.properties, c = f.geometry.coordinates, pt = map.project([c[1], c[0]]);
      return {
        x: pt.x, y: pt.y, count: p.count, kind: p.kind || "mixed", geonameid: p.geonameid || 0, name: p.name || "",
        bbox: p.bbox.slice(), members: [p], trail: !!trail,
      };
    });
    function overlap(a, b) {
      var d = (sizeOf(a.count) + sizeOf(b.count)) / 2 + GAP;
      return Math.abs(a.x - b.x) < d && Math.abs(a.y - b.y) < d;
    }
    for (var pass = 0, merged = true; merged && pass < 100; pass++) {
      merged = false;
      items.sort(function (a, b) { return b.count - a.count || a.y - b.y || a.x - b.x; });
      var placed = [];
      items.forEach(function (it) {
        for (var i = 0; i < placed.length; i++) {
          var o = placed[i];
          if (!overlap(o, it)) continue;
          var n = o.count + it.count;
          o.x = (o.x * o.count + it.x * it.count) / n;
          o.y = (o.y * o.count + it.y * it.count) / n;
          o.count = n;
          if (o.geonameid !== it.geonameid || !o.geonameid) { o.geonameid = 0; o.name = ""; o.kind = "mixed"; }
          o.bbox = [Math.min(o.bbox[0], it.bbox[0]), Math.min(o.bbox[1], it.bbox[1]), Math.max(o.bbox[2], it.bbox[2]), Math.max(o.bbox[3], it.bbox[3])];
          o.members = o.members.concat(it.members);
          merged = true;
          return;
        }
        placed.push(it);
      });
      items = placed;
    }
    return items.filter(function (it) {
      return !fixed.some(function (f) { return overlap(f, it); });
    });
  }
  D.layout = layout;

  // labels gives the symbols of one place a label, its name, to the right of the symbol or else to
  // its left, where it covers no symbol and no other label: the places with the most events first.
  var measure = null;
  function labels(items, fixed) {
    if (!measure) {
      measure = document.createElement("canvas").getContext("2d");
      measure.font = "600 12px system-ui, sans-serif";
    }
    var boxes = items.concat(fixed).map(function (it) {
      var r = sizeOf(it.count) / 2;
      return [it.x - r, it.y - r, it.x + r, it.y + r];
    });
    function free(b) {
      return !boxes.some(function (o) { return b[0] < o[2] + GAP && o[0] < b[2] + GAP && b[1] < o[3] + GAP && o[1] < b[3] + GAP; });
    }
    items.slice().sort(function (a, b) { return b.count - a.count; }).forEach(function (it) {
      if (!it.name || it.trail) return;
      var r = sizeOf(it.count) / 2, w = Math.ceil(measure.measureText(it.name).width) + 6, h = 16;
      var right = [it.x + r + 3, it.y - h / 2, it.x + r + 3 + w, it.y + h / 2];
      var left = [it.x - r - 3 - w, it.y - h / 2, it.x - r - 3, it.y + h / 2];
      if (free(right)) { it.label = "right"; boxes.push(right); }
      else if (free(left)) { it.label = "left"; boxes.push(left); }
    });
  }

  // icon is the marker of a symbol: a circle sized by its count, labelled for screen readers, and
  // its place's name beside it when there is room.
  function icon(it, label) {
    var size = sizeOf(it.count);
    var name = it.label ? '<span class="dl-label dl-label-' + it.label + '" aria-hidden="true">' + escape(it.name) + "</span>" : "";
    return L.divIcon({
      className: "dl-icon", iconSize: [size, size],
      html: '<span class="dl-marker kind-' + it.kind + (it.trail ? " dl-trail" : "") + '" aria-label="' + escape(label) + '" data-geonameid="' + (it.geonameid || "") +
        '" data-count="' + it.count + '" style="width:' + size + "px;height:" + size + "px;font-size:" + (it.count >= 1000 ? 11 : 12) + 'px">' + short(it.count) + "</span>" + name,
    });
  }

  function escape(s) {
    return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  // members is the popup of a symbol of several places that the map cannot zoom into further:
  // each place and its count, a button that shows the place's events.
  function members(it) {
    var byPlace = {}, list = [];
    it.members.forEach(function (p) {
      var k = p.geonameid ? String(p.geonameid) : "";
      if (!k) { list.push(p); return; }
      if (!byPlace[k]) { byPlace[k] = { geonameid: p.geonameid, name: p.name, count: 0 }; list.push(byPlace[k]); }
      byPlace[k].count += p.count;
    });
    var ul = document.createElement("ul");
    ul.className = "popup-members";
    list.forEach(function (p) {
      var li = document.createElement("li");
      if (p.geonameid) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "link";
        b.dataset.place = p.geonameid;
        b.textContent = D.t("cluster", p.name, D.events(p.count));
        li.appendChild(b);
      } else {
        li.textContent = D.events(p.count);
      }
      ul.appendChild(li);
    });
    return ul;
  }

  // map makes a Leaflet map of events: el.dataset.view (zoom/lat/lon) is the initial view, else
  // el.dataset.bound (minLon,minLat,maxLon,maxLat); query is the filters' query string (without
  // "?"). Loading markers never moves the map, nor closes the popup the reader opened. It returns
  // {map, reload(query), play(step, trail), stop()}: play shows the events of one step of
  // playback, and faded, those of the trail before it (query strings), stop the query's events.
  D.map = function (el, query) {
    var map = L.map(el, { worldCopyJump: false, minZoom: 1, maxZoom: 12, zoomSnap: 1 });
    var v = /^(\d+)\/(-?[\d.]+)\/(-?[\d.]+)$/.exec(el.dataset.view || "");
    var b = bound(el.dataset.bound);
    if (v) map.setView([+v[2], +v[3]], +v[1]);
    else if (b) map.fitBounds(b, { padding: [30, 30], maxZoom: 9 });
    else map.setView([30, 20], 2);
    D.basemap(map);
    var markers = L.layerGroup().addTo(map);
    var seq = 0, mode = null, data = null;
    // open is the marker whose popup is open: a reload (the pan that shows the popup fires
    // moveend) keeps it, so that loading markers never closes what the reader opened.
    var open = null;
    function clusters(q) {
      var url = "/clusters.geojson?" + (q ? q + "&" : "") + "zoom=" + (map.getZoom() + 2) + "&view=" + view(map);
      return fetch(url).then(function (r) {
        if (!r.ok) throw new Error("clusters: " + r.status);
        return r.json();
      });
    }
    function load() {
      var n = ++seq;
      el.dataset.loading = "1";
      var qs = mode ? [mode.step, mode.trail] : [query];
      Promise.all(qs.map(function (q) { return q === null ? { features: [] } : clusters(q); })).then(function (fcs) {
        if (n !== seq) return;
        data = { fcs: fcs, zoom: map.getZoom() };
        draw();
        el.dataset.shown = mode ? mode.step : query || ""; // what the markers show, for tests
        el.dataset.loads = String(+(el.dataset.loads || 0) + 1);
        el.dataset.loading = "0";
      }).catch(function (err) { console.warn(String(err)); });
    }
    // draw lays the loaded clusters out at the map's zoom, around the open marker, and draws them.
    function draw() {
      if (!data || data.zoom !== map.getZoom()) return;
      markers.eachLayer(function (l) { if (l !== open) markers.removeLayer(l); });
      var fixed = [];
      if (open) {
        var op = map.project(open.getLatLng());
        fixed.push({ x: op.x, y: op.y, count: open.item.count });
      }
      var items = layout(map, data.fcs[0].features, fixed, false);
      if (data.fcs[1]) {
        var trail = layout(map, data.fcs[1].features, fixed.concat(items), true);
        items = trail.concat(items);
      }
      if (open) {
        var id = open.item.geonameid;
        items = items.filter(function (it) { return !(id && it.geonameid === id && !it.trail); });
      }
      labels(items.filter(function (it) { return !it.trail; }), fixed.concat(items.filter(function (it) { return it.trail; })));
      var shown = 0;
      items.forEach(function (it) {
        var label = it.name ? D.t("cluster", it.name, D.events(it.count)) : D.events(it.count);
        var m = L.marker(map.unproject([it.x, it.y]), {
          icon: icon(it, label), title: label, alt: label, riseOnHover: !it.trail, keyboard: !it.trail, interactive: !it.trail,
          zIndexOffset: it.trail ? -1000 : 0,
        });
        m.item = it;
        if (!it.trail) shown++;
        if (!it.trail) bind(m, it);
        markers.addLayer(m);
      });
      el.dataset.markers = String(shown + (open ? 1 : 0));
    }
    function bind(m, it) {
      if (it.geonameid) {
        m.bindPopup("…", { maxWidth: 360, minWidth: 240 });
        m.on("popupopen", function () {
          open = m;
          el.dataset.popup = String(it.geonameid);
          var q = (query || "").split("&").filter(function (s) { return s && !/^(place|map)=/.test(s); });
          if (mode) q = mode.step.split("&").filter(function (s) { return s && !/^(place|map)=/.test(s); });
          fetch("/popup?" + q.concat("place=" + it.geonameid).join("&")).then(function (r) { return r.text(); }).then(function (html) { m.setPopupContent(html); });
        });
      } else {
        m.on("click", function () {
          if (m.getPopup()) return; // its list of places, which Leaflet opens
          var bb = it.bbox, box = L.latLngBounds([bb[1], bb[0]], [bb[3], bb[2]]);
          var z = map.getBoundsZoom(box, false, L.point(40, 40));
          if (map.getZoom() < map.getMaxZoom() && z > map.getZoom()) {
            map.fitBounds(box, { padding: [40, 40], maxZoom: Math.min(map.getMaxZoom(), map.getZoom() + 3) });
            return;
          }
          // Too close to part at the deepest zoom: the popup lists the places.
          m.bindPopup(members(it), { maxWidth: 360, minWidth: 200 }).openPopup();
        });
        m.on("popupopen", function () { open = m; el.dataset.popup = "mixed"; });
      }
      m.on("popupclose", function () {
        if (open !== m) return;
        open = null;
        el.dataset.popup = "";
        if (data && data.zoom === map.getZoom()) draw(); else load(); // what the open marker held off
      });
    }
    // A place of a list of places, in a popup: its events there.
    el.addEventListener("click", function (e) {
      var b = e.target.closest && e.target.closest("button[data-place]");
      if (!b || !open) return;
      var m = open, q = (mode ? mode.step : query || "").split("&").filter(function (s) { return s && !/^(place|map)=/.test(s); });
      fetch("/popup?" + q.concat("place=" + b.dataset.place).join("&")).then(function (r) { return r.text(); }).then(function (html) { m.setPopupContent(html); });
    });
    map.on("moveend", load);
    load();
    return {
      map: map,
      // reload shows the events of another query; keep leaves the open popup open (the same
      // filter over another part of the map).
      reload: function (q, keep) { query = q; if (!keep) map.closePopup(); load(); },
      play: function (step, trail) { mode = { step: step, trail: trail }; map.closePopup(); el.dataset.playing = step; load(); },
      stop: function () { if (!mode) return; mode = null; delete el.dataset.playing; map.closePopup(); load(); },
    };
  };
})(window.Dateline);
