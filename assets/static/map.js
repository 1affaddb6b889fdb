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

  // decodePoints reads the point features of the layer name of a Mapbox vector tile (protocol
  // buffers, as /tiles/events serves them): [{x, y, props}], x and y in units of the layer's extent.
  D.decodePoints = function (buf, name) {
    var b = new Uint8Array(buf), pos = 0;
    function varint(end) {
      var v = 0, mul = 1, c;
      do {
        if (pos >= end) throw new Error("mvt: truncated");
        c = b[pos++];
        v += (c & 0x7f) * mul;
        mul *= 128;
      } while (c & 0x80);
      return v;
    }
    function zigzag(v) { return v % 2 ? -(v + 1) / 2 : v / 2; }
    function skip(wire, end) {
      if (wire === 0) varint(end);
      else if (wire === 1) pos += 8;
      else if (wire === 2) pos += varint(end);
      else if (wire === 5) pos += 4;
      else throw new Error("mvt: wire type " + wire);
    }
    function str(end) {
      var n = varint(end), s = new TextDecoder().decode(b.subarray(pos, pos + n));
      pos += n;
      return s;
    }
    function value(end) {
      var v = null;
      while (pos < end) {
        var key = varint(end), f = key >> 3, w = key & 7, dv = new DataView(b.buffer, b.byteOffset);
        if (f === 1 && w === 2) v = str(end);
        else if (f === 2 && w === 5) { v = dv.getFloat32(pos, true); pos += 4; }
        else if (f === 3 && w === 1) { v = dv.getFloat64(pos, true); pos += 8; }
        else if ((f === 4 || f === 5) && w === 0) v = varint(end);
        else if (f === 6 && w === 0) v = zigzag(varint(end));
        else if (f === 7 && w === 0) v = varint(end) !== 0;
        else skip(w, end);
      }
      return v;
    }
    function layer(end) {
      var lname = "", extent = 4096, keys = [], values = [], raw = [];
      while (pos < end) {
        var key = varint(end), f = key >> 3, w = key & 7;
        if (f === 1 && w === 2) lname = str(end);
        else if (f === 5 && w === 0) extent = varint(end);
        else if (f === 3 && w === 2) keys.push(str(end));
        else if (f === 4 && w === 2) { var ve = varint(end) + pos; values.push(value(ve)); pos = ve; }
        else if (f === 2 && w === 2) { var fe = varint(end) + pos; raw.push(feature(fe)); pos = fe; }
        else skip(w, end);
      }
      if (lname !== name) return null;
      var out = [];
      raw.forEach(function (ft) {
        var props = {};
        for (var i = 0; i + 1 < ft.tags.length; i += 2) props[keys[ft.tags[i]]] = values[ft.tags[i + 1]];
        ft.points.forEach(function (pt) { out.push({ x: pt[0] * 4096 / extent, y: pt[1] * 4096 / extent, props: props }); });
      });
      return out;
    }
    function packed(end, fn) {
      var e = varint(end) + pos, out = [];
      while (pos < e) out.push(varint(e));
      if (fn) fn(out);
      return out;
    }
    function feature(end) {
      var ft = { tags: [], points: [], type: 0 }, geom = [];
      while (pos < end) {
        var key = varint(end), f = key >> 3, w = key & 7;
        if (f === 2 && w === 2) ft.tags = packed(end);
        else if (f === 3 && w === 0) ft.type = varint(end);
        else if (f === 4 && w === 2) geom = packed(end);
        else skip(w, end);
      }
      if (ft.type !== 1) return ft; // points only
      var x = 0, y = 0;
      for (var i = 0; i < geom.length;) {
        var cmd = geom[i++], id = cmd & 7, n = cmd >> 3;
        for (var k = 0; k < n && i + 1 < geom.length; k++) {
          x += zigzag(geom[i++]);
          y += zigzag(geom[i++]);
          if (id === 1) ft.points.push([x, y]);
        }
      }
      return ft;
    }
    var found = [];
    while (pos < b.length) {
      var key = varint(b.length), f = key >> 3, w = key & 7;
      if (f === 3 && w === 2) {
        var le = varint(b.length) + pos, l = layer(le);
        pos = le;
        if (l) found = found.concat(l);
      } else skip(w, b.length);
    }
    return found;
  };

  // dotRadius is the radius in pixels of a dot of n events: small, so that the tiles' clusters of
  // 16 pixels hardly overlap.
  function dotRadius(n) { return Math.min(8, 2.5 + 1.2 * Math.log2(Math.max(1, n))); }

  // DotLayer draws a view's events as dots from the vector tiles, on canvas: one dot per cluster
  // of the tile (a place, or several within 16 pixels), its size by count, its colour by kind.
  // Its features are kept by tile for clicks.
  var DotLayer = L.GridLayer.extend({
    initialize: function (query, onTile) {
      L.GridLayer.prototype.initialize.call(this, { tileSize: 256, updateWhenZooming: false, keepBuffer: 1, pane: "dl-dots" });
      this.query = query;
      this.onTile = onTile;
      this.features = {};
    },
    createTile: function (coords, done) {
      var tile = document.createElement("canvas"), self = this, n = 1 << coords.z;
      tile.width = tile.height = 256;
      var key = coords.z + "/" + coords.x + "/" + coords.y;
      if (coords.y < 0 || coords.y >= n) { setTimeout(function () { done(null, tile); }, 0); return tile; }
      var x = ((coords.x % n) + n) % n;
      fetch("/tiles/events/" + coords.z + "/" + x + "/" + coords.y + ".mvt" + (this.query ? "?" + this.query : "")).then(function (r) {
        if (!r.ok) throw new Error("tile " + key + ": " + r.status);
        return r.arrayBuffer();
      }).then(function (buf) {
        var fs = D.decodePoints(buf, "events");
        self.features[key] = fs;
        self.draw(tile, fs);
        if (self.onTile && self._map) self.onTile(fs, coords); // not for a tile that came after the layer left
        done(null, tile);
      }).catch(function (err) { console.warn(String(err)); done(err, tile); });
      return tile;
    },
    draw: function (tile, fs) {
      var ctx = tile.getContext("2d"), css = getComputedStyle(document.documentElement);
      var colours = { place: css.getPropertyValue("--place").trim() || "#c2410c", admin: css.getPropertyValue("--admin").trim() || "#7c3aed",
        country: css.getPropertyValue("--country").trim() || "#0f766e" };
      fs.slice().sort(function (a, b) { return b.props.count - a.props.count; }).forEach(function (f) {
        ctx.beginPath();
        ctx.arc(f.x * 256 / 4096, f.y * 256 / 4096, dotRadius(f.props.count || 1), 0, 2 * Math.PI);
        ctx.fillStyle = f.props.geonameid ? colours[f.props.kind] || "#475569" : "#475569";
        ctx.globalAlpha = 0.85;
        ctx.fill();
        ctx.globalAlpha = 1;
        ctx.lineWidth = 1;
        ctx.strokeStyle = "#fff";
        ctx.stroke();
      });
    },
    // at is the dot under the map's point p (pixels at zoom z), with its own point, or null.
    at: function (p, z) {
      var tx = Math.floor(p.x / 256), ty = Math.floor(p.y / 256), best = null, bestD = Infinity;
      for (var dx = -1; dx <= 1; dx++) for (var dy = -1; dy <= 1; dy++) {
        var fs = this.features[z + "/" + (tx + dx) + "/" + (ty + dy)] || [];
        fs.forEach(function (f) {
          var fp = L.point((tx + dx) * 256 + f.x * 256 / 4096, (ty + dy) * 256 + f.y * 256 / 4096);
          var d = fp.distanceTo(p);
          if (d <= dotRadius(f.props.count || 1) + 4 && d < bestD) { best = { f: f, p: fp }; bestD = d; }
        });
      }
      return best;
    },
    // nearest is the dot nearest the map's point p (pixels at zoom z) within r pixels, or null:
    // the dot a reader at the keyboard opens, the map's centre on it.
    nearest: function (p, z, r) {
      var tx = Math.floor(p.x / 256), ty = Math.floor(p.y / 256), best = null, bestD = r;
      for (var dx = -1; dx <= 1; dx++) for (var dy = -1; dy <= 1; dy++) {
        (this.features[z + "/" + (tx + dx) + "/" + (ty + dy)] || []).forEach(function (f) {
          var fp = L.point((tx + dx) * 256 + f.x * 256 / 4096, (ty + dy) * 256 + f.y * 256 / 4096), d = fp.distanceTo(p);
          if (d <= bestD) { best = { f: f, p: fp }; bestD = d; }
        });
      }
      return best;
    },
  });

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
    // layer is "dots" when the view holds so many events that the map draws them from the vector
    // tiles (cached by tile) rather than as clusters fetched at every move; playback steps are
    // always markers.
    var layer = el.dataset.layer === "dots" ? "dots" : "markers", dots = null;
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
    function showDots() {
      if (dots && dots.query === query) return;
      if (dots) map.removeLayer(dots);
      markers.clearLayers();
      open = null;
      el.dataset.dots = el.dataset.dotCount = "0";
      el.dataset.loading = "1";
      if (!map.getPane("dl-dots")) map.createPane("dl-dots").style.zIndex = 450; // over the basemap, under the popups
      var own = dots = new DotLayer(query, function (fs, c) {
        if (dots !== own) return;
        el.dataset.dots = String(+el.dataset.dots + fs.length);
        // the place of the biggest dot yet, for tests and tools: "geonameid lat lon"
        fs.forEach(function (f) {
          if (!f.props.geonameid || f.props.count <= +(el.dataset.dotCount || 0)) return;
          var ll = map.unproject(L.point(c.x * 256 + f.x / 16, c.y * 256 + f.y / 16), c.z);
          el.dataset.dotCount = String(f.props.count);
          el.dataset.dot = f.props.geonameid + " " + ll.lat.toFixed(5) + " " + ll.lng.toFixed(5);
        });
      });
      dots.on("load", function () {
        el.dataset.shown = query || "";
        el.dataset.loads = String(+(el.dataset.loads || 0) + 1);
        el.dataset.loading = "0";
      });
      dots.addTo(map);
      el.dataset.markers = "0";
    }
    function load() {
      if (layer === "dots" && !mode) { seq++; showDots(); return; }
      if (dots) { map.removeLayer(dots); dots = null; delete el.dataset.dots; }
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
    // A dot: its place's popup, or, for several places, a closer look. With the keyboard, the map
    // focused (its arrows move it), Enter opens the dot nearest its centre.
    map.on("click", function (e) {
      if (!dots || mode) return;
      var z = map.getZoom();
      openDot(dots.at(map.project(e.latlng, z), z), z);
    });
    map.getContainer().addEventListener("keydown", function (e) {
      if (e.key !== "Enter" || e.target !== map.getContainer() || !dots || mode) return;
      var z = map.getZoom(), hit = dots.nearest(map.project(map.getCenter(), z), z, 48);
      if (hit) { e.preventDefault(); openDot(hit, z); }
    });
    function openDot(hit, z) {
      if (!hit) return;
      var at = map.unproject(hit.p, z), pr = hit.f.props;
      if (!pr.geonameid) { map.setView(at, Math.min(map.getMaxZoom(), z + 2)); return; }
      var pop = L.popup({ maxWidth: 360, minWidth: 240 }).setLatLng(at).setContent("…").openOn(map);
      el.dataset.popup = String(pr.geonameid);
      pop.on("remove", function () { if (el.dataset.popup === String(pr.geonameid)) el.dataset.popup = ""; });
      var q = (query || "").split("&").filter(function (s) { return s && !/^(place|map)=/.test(s); });
      fetch("/popup?" + q.concat("place=" + pr.geonameid).join("&")).then(function (r) { return r.text(); }).then(function (html) { pop.setContent(html); });
    }
    map.on("moveend", load);
    load();
    return {
      map: map,
      // reload shows the events of another query; keep leaves the open popup open (the same
      // filter over another part of the map).
      reload: function (q, keep, lyr) {
        query = q;
        if (lyr) layer = el.dataset.layer = lyr === "dots" ? "dots" : "markers";
        if (!keep) map.closePopup();
        load();
      },
      play: function (step, trail) { mode = { step: step, trail: trail }; map.closePopup(); el.dataset.playing = step; load(); },
      stop: function () { if (!mode) return; mode = null; delete el.dataset.playing; map.closePopup(); load(); },
    };
  };
})(window.Dateline);
