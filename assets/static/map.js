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
    function line(ids) {
      var pts = [];
      ids.forEach(function (i) {
        var a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
        pts.push.apply(pts, pts.length ? a.slice(1) : a);
      });
      return unwrap(pts);
    }
    var out = [];
    topo.objects[name].geometries.forEach(function (g) {
      var coords;
      if (g.type === "Polygon" || g.type === "MultiLineString") coords = g.arcs.map(line);
      else if (g.type === "MultiPolygon") coords = g.arcs.map(function (p) { return p.map(line); });
      else if (g.type === "LineString") coords = line(g.arcs);
      else return;
      out.push({ type: "Feature", id: g.id, properties: g.properties || {}, geometry: { type: g.type, coordinates: coords } });
    });
    return out;
  };

  // unwrap makes a line that crosses the antimeridian (Chukotka, Fiji: ..., 179.9, -180, -179.5, ...)
  // continuous, past 180 or -180 where it crosses, so that Leaflet does not draw it as a band
  // across the world; then it moves the line by 360 degrees if most of it lies outside
  // [-180, 180]. A ring around a pole (Antarctica), which crosses once, stays as it is.
  function unwrap(pts) {
    var shift = 0, sum = 0, out = null;
    for (var i = 1; i < pts.length; i++) {
      var d = pts[i][0] - pts[i - 1][0];
      if (d > 180) shift -= 360;
      else if (d < -180) shift += 360;
      else if (!out) continue;
      if (!out) out = pts.slice(0, i);
      out.push([pts[i][0] + shift, pts[i][1]]);
    }
    if (!out || shift !== 0) return pts;
    out.forEach(function (p) { sum += p[0]; });
    var move = sum / out.length < -180 ? 360 : sum / out.length > 180 ? -360 : 0;
    return move ? out.map(function (p) { return [p[0] + move, p[1]]; }) : out;
  }
  D.unwrap = unwrap;

  // basemap draws the countries, at 1:110m, then at 1:50m once the map is zoomed in, with Natural
  // Earth's lakes and rivers and the place labels of Dateline's gazetteer (see labels); or, when
  // the map's element names a tile layer (dateline serve --tiles), that layer and its attribution.
  // The countries take the theme's colours, and take them again when the theme changes. Each
  // country's path has the class dl-c followed by its ISO 3166-1 numeric code (Russia dl-c643).
  D.basemap = function (map) {
    var el = map.getContainer();
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { attribution: el.dataset.tilesAttribution || "", maxZoom: 19 }).addTo(map);
      return;
    }
    map.attributionControl.addAttribution("Natural Earth");
    function colour(css, name, def) { return css.getPropertyValue(name).trim() || def; }
    function style(f) {
      var css = getComputedStyle(document.documentElement);
      return {
        color: colour(css, "--border", "#9aa5b1"), weight: 0.8,
        fillColor: colour(css, "--land", "#f4f1ea"), fillOpacity: 1, interactive: false,
        className: "dl-country" + (f && f.id ? " dl-c" + f.id : ""),
      };
    }
    function waterStyle(f) {
      var css = getComputedStyle(document.documentElement), line = /LineString/.test(f.geometry.type);
      return {
        color: colour(css, "--water", "#8db4d6"), weight: line ? 1 : 0.5, fill: !line,
        fillColor: colour(css, "--sea", "#dbe8f2"), fillOpacity: 1, interactive: false,
        className: line ? "dl-river" : "dl-lake",
      };
    }
    function get(url) {
      return fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
    }
    var layer = null, water = null, scale = "";
    function load(s) {
      if (s === scale) return;
      scale = s;
      Promise.all([get("/basemap/countries-" + s + ".json"), get("/basemap/water-" + s + ".json").catch(function () { return null; })]).then(function (topos) {
        if (scale !== s) return;
        var next = L.geoJSON(D.topoFeatures(topos[0], "countries"), { style: style, pane: "tilePane" });
        next.addTo(map);
        var w = null;
        if (topos[1]) {
          w = L.geoJSON(D.topoFeatures(topos[1], "lakes").concat(D.topoFeatures(topos[1], "rivers")), { style: waterStyle, pane: "tilePane" });
          w.addTo(map);
        }
        if (layer) map.removeLayer(layer);
        if (water) map.removeLayer(water);
        layer = next;
        water = w;
        el.dataset.basemap = s; // what the basemap shows, for tests
      }).catch(function (err) { console.warn(String(err)); });
    }
    function pick() { load(map.getZoom() >= 7 ? "50m" : "110m"); }
    map.on("zoomend", pick);
    document.addEventListener("dateline:theme", function () {
      if (layer) layer.setStyle(style);
      if (water) water.setStyle(waterStyle);
    });
    pick();
    D.placeLabels(map);
  };

  // placeLabels labels the offline basemap with the countries, the capitals and the large towns of
  // Dateline's gazetteer, in the page's language where the gazetteer knows the name in it
  // (/basemap/labels-LANG.json, loaded once the map is made): at each zoom, those the zoom
  // shows, in the order of their rank (countries first at zoom 3 and less), each where it covers
  // no label placed before it.
  D.placeLabels = function (map) {
    var el = map.getContainer(), lang = document.documentElement.lang === "fr" ? "fr" : "en";
    if (!map.getPane("dl-labels")) {
      map.createPane("dl-labels").style.zIndex = 450; // over the events' areas, under the markers
      map.getPane("dl-labels").style.pointerEvents = "none";
    }
    var group = L.layerGroup().addTo(map), features = null, ctx = null;
    function width(text, kind) {
      if (!ctx) ctx = document.createElement("canvas").getContext("2d");
      ctx.font = kind === "country" ? "600 11px system-ui, sans-serif" : kind === "capital" ? "600 12px system-ui, sans-serif" : "12px system-ui, sans-serif";
      return Math.ceil(ctx.measureText(kind === "country" ? text.toUpperCase() : text).width * (kind === "country" ? 1.12 : 1)) + 4;
    }
    // markerBoxes are the boxes of the events' markers and their labels, in layer pixels: the
    // basemap's labels keep clear of them.
    function markerBoxes() {
      var box = el.getBoundingClientRect();
      return [].slice.call(el.querySelectorAll(".dl-marker, .dl-label")).map(function (m) {
        var r = m.getBoundingClientRect();
        var a = map.containerPointToLayerPoint([r.left - box.left, r.top - box.top]);
        var b = map.containerPointToLayerPoint([r.right - box.left, r.bottom - box.top]);
        return { box: [a.x - 2, a.y - 2, b.x + 2, b.y + 2] };
      });
    }
    function place() {
      if (!features) return;
      group.clearLayers();
      var z = map.getZoom(), view = map.getBounds().pad(0.2), h = 16, n = 0;
      var shown = features.filter(function (f) {
        var p = f.properties, c = f.geometry.coordinates;
        if (p.zoom > z || (p.kind === "country" && z > 7) || !view.contains([c[1], c[0]])) return false;
        f.pt = map.latLngToLayerPoint([c[1], c[0]]);
        return true;
      });
      if (z <= 3) { // the world: countries before their capitals
        shown = shown.filter(function (f) { return f.properties.kind === "country"; })
          .concat(shown.filter(function (f) { return f.properties.kind !== "country"; }));
      }
      // The capitals' dots first, so that no other label covers one; then each label, its text
      // to the right of its dot or else to its left (a country's centred on its point).
      var boxes = markerBoxes(), dots = shown.filter(function (f) { return f.properties.kind === "capital"; }).map(function (f) {
        return { f: f, box: [f.pt.x - 4, f.pt.y - 4, f.pt.x + 4, f.pt.y + 4] };
      });
      function free(box, own) {
        return !boxes.concat(dots).some(function (o) {
          return o.f !== own && box[0] < o.box[2] && o.box[0] < box[2] && box[1] < o.box[3] && o.box[1] < box[3];
        });
      }
      shown.forEach(function (f) {
        var p = f.properties, pt = f.pt, w = p.w || (p.w = width(p.name, p.kind)), side = "";
        var sides = p.kind === "country" ? [["centre", [pt.x - w / 2, pt.y - h / 2, pt.x + w / 2, pt.y + h / 2]]] : [
          ["right", [pt.x - 4, pt.y - h / 2, pt.x + 8 + w, pt.y + h / 2]],
          ["left", [pt.x - 8 - w, pt.y - h / 2, pt.x + 4, pt.y + h / 2]]];
        for (var i = 0; i < sides.length && !side; i++) {
          if (free(sides[i][1], f)) { side = sides[i][0]; boxes.push({ f: f, box: sides[i][1] }); }
        }
        if (!side) return;
        n++;
        var box = boxes[boxes.length - 1].box, town = p.kind !== "country";
        L.marker(f.pt && map.layerPointToLatLng(pt), {
          pane: "dl-labels", interactive: false, keyboard: false,
          icon: L.divIcon({
            className: "dl-place dl-place-" + p.kind + " dl-place-" + side, iconSize: [box[2] - box[0], h],
            iconAnchor: [pt.x - box[0], h / 2],
            html: (town ? '<i aria-hidden="true"></i>' : "") + '<span aria-hidden="true">' + escape(p.name) + "</span>",
          }),
        }).addTo(group);
      });
      el.dataset.labels = String(n); // how many labels show, for tests
    }
    fetch("/basemap/labels-" + lang + ".json").then(function (r) {
      if (!r.ok) throw new Error("labels: " + r.status);
      return r.json();
    }).then(function (fc) {
      features = fc.features;
      place();
    }).catch(function (err) { console.warn(String(err)); });
    map.on("zoomend moveend", place);
    el.addEventListener("dateline:markers", place);
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
      el.dispatchEvent(new CustomEvent("dateline:markers")); // the basemap's labels make way
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
