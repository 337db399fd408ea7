/* geomap map page: draws the JSON in #gm-data into the folium map's layers. No network,
 * no eval. The folium document creates the map and one empty layer group per layer (and the
 * layer control, with names escaped in Python); geomap.start(map, groups) fills them.
 * Every piece of data text reaches the DOM through textContent or setAttribute. */
(function () {
  "use strict";
  function main(D, map, G) {
  var PRECISIONS = ["site", "city", "district", "admin1", "country", "region"];
  var SHAPES = { triangle: 1, square: 1, circle: 1, diamond: 1 };
  var COLORS = D.colors;

  var P = window.geomapParts, column = P.column, points = P.points, paths = P.paths;
  var EV = D.events, COLS = EV.cols, DATA = EV.data.map(column), N = EV.n;
  var LAYERS = { target: points(D.layers.target), origin: points(D.layers.origin),
                 path: paths(D.layers.path, D.scale) };
  var AT = { target: [], origin: [] };  // event index -> place label, for the table

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function safeUrl(s) {
    var u;
    if (/[\u0000-\u0020\u007f]/.test(String(s).trim())) { return null; }
    try { u = new URL(String(s).trim()); } catch (e) { return null; }
    return (u.protocol === "http:" || u.protocol === "https:") && u.host ? u.href : null;
  }
  function precisionClass(p) { return PRECISIONS.indexOf(p) >= 0 ? p : "unknown"; }

  var shapeSvg = P.shapeSvg;
  var OUTLINES = { square: [[-0.86, -0.86], [0.86, -0.86], [0.86, 0.86], [-0.86, 0.86]],
                   triangle: [[0, -1], [1, 0.8], [-1, 0.8]], diamond: [[0, -1], [1, 0], [0, 1], [-1, 0]] };
  /* Outlines go through the renderer's polygon drawing, so SVG and canvas both draw them. */
  var GmSymbol = L.CircleMarker.extend({
    _updatePath: function () {
      var p = this._point, r = this._radius, s = this.options.shape;
      if (!OUTLINES[s]) { this._renderer._updateCircle(this); return; }
      this._parts = [OUTLINES[s].map(function (q) { return L.point(p.x + q[0] * r, p.y + q[1] * r); })];
      this._renderer._updatePoly(this, true);
    }
  });
  var NPLACES = D.layers.target.x.length + D.layers.origin.x.length;
  var DENSE = NPLACES > D.dense_above ? {} : null;  // many places: one canvas per layer
  function sizeOf(p) { return Math.max(8, Math.min(40, +p.sz || 12)); }
  function symbol(role, p, ll) {
    return new GmSymbol(ll, { radius: sizeOf(p) / 2, shape: SHAPES[p.sym] ? p.sym : "circle",
      pane: "gm-symbols", color: "#fff", weight: 1.5,
      opacity: 1, fillColor: COLORS[role], fillOpacity: 0.85, className: "gm-sym gm-" + role });
  }

  /* ---- popups, tooltips, the events table ---- */
  function placeName(p) { return p.n || p.g || "(unnamed place)"; }
  function placeLabel(p) { return p.g && p.n && p.g !== p.n ? p.n + " (" + p.g + ")" : placeName(p); }
  ["target", "origin"].forEach(function (role) {
    LAYERS[role].features.forEach(function (f) {
      f.properties.ev.forEach(function (i) { AT[role][i] = placeLabel(f.properties); });
    });
  });
  function addRow(tbody, label, value) {
    if (value === null || value === undefined || value === "") { return; }
    var tr = el("tr"), th = el("th", null, label), td = el("td");
    th.setAttribute("scope", "row");
    fillCell(td, value);
    tr.appendChild(th); tr.appendChild(td); tbody.appendChild(tr);
  }
  function fillCell(td, value) {
    if (Array.isArray(value)) {  // sources: links only for http(s) URLs
      value.forEach(function (src, i) {
        var href = safeUrl(src), node;
        if (i) { td.appendChild(document.createTextNode(" ")); }
        if (href) {
          node = el("a", null, src);
          node.setAttribute("href", href);
          node.setAttribute("target", "_blank");
          node.setAttribute("rel", "noopener noreferrer");
        } else {
          node = el("span", null, src);
        }
        td.appendChild(node);
      });
    } else {
      td.textContent = String(value);
    }
  }
  function eventTable(i, skip) {
    var t = el("table", "gm-attrs"), tbody = el("tbody");
    COLS.forEach(function (col, j) {
      if (!skip || skip.indexOf(col[0]) < 0) { addRow(tbody, col[1], DATA[j][i]); }
    });
    t.appendChild(tbody);
    return t;
  }
  function placePopup(role, p) {
    var box = el("div", "gm-popup"), head = el("table", "gm-attrs gm-place"), tb = el("tbody");
    box.appendChild(el("h3", null, D.names[role] + ": " + placeName(p)));
    D.place_fields.forEach(function (f) { addRow(tb, f[1], p[f[0]]); });
    head.appendChild(tb); box.appendChild(head);
    p.ev.forEach(function (i, k) {
      box.appendChild(el("h4", null, "Event " + (k + 1) + " of " + p.ev.length));
      box.appendChild(eventTable(i));
    });
    return box;
  }
  function pathPopup(p) {
    var box = el("div", "gm-popup"), extra = el("table", "gm-attrs"), tb = el("tbody");
    box.appendChild(el("h3", null, D.names.path));
    addRow(tb, "Distance (km)", p.d); addRow(tb, "Bearing (degrees)", p.b);
    extra.appendChild(tb); box.appendChild(extra);
    box.appendChild(eventTable(p.ev[0]));
    return box;
  }
  function tooltip(role, p) {
    var n = p.ev.length;
    return el("span", null, placeName(p) + (n > 1 ? " (" + n + " events)" : ""));
  }

  /* ---- the map ---- */
  map.setMinZoom(1);
  map.attributionControl.setPrefix(false);
  D.attribution.forEach(function (a) { map.attributionControl.addAttribution(a); });
  [["gm-basemap", 250], ["gm-halo", 350], ["gm-symbols", 450], ["gm-labels", 640]]
    .forEach(function (p) {
    map.createPane(p[0]).style.zIndex = p[1];
  });
  map.getPane("gm-labels").style.pointerEvents = "none";

  function mp(coords) { return { type: "Feature", properties: {}, geometry: coords }; }
  function polys(list) {
    return list.map(function (c) { return mp({ type: "MultiPolygon", coordinates: c[1] }); });
  }
  var landStyle = { pane: "gm-basemap", interactive: false, color: "#b3a996", weight: 0.7,
                    fillColor: "#f3efe6", fillOpacity: 1, className: "gm-land" };
  var B = D.basemap, offline = G.basemap, provinces = G.provinces || null;
  var seas = G.seas || L.layerGroup(), NAMES = [];
  function fixedName(group, cls, s, size, lang, outline) {
    var span = el("span", null, s[0]), ll = L.latLng(s[2], s[1]);
    if (lang) { span.setAttribute("lang", lang); span.setAttribute("dir", "auto"); }
    var m = L.marker(ll, { interactive: false, keyboard: false, pane: "gm-labels",
      icon: L.divIcon({ className: cls, html: span, iconSize: null }) }).addTo(group);
    NAMES.push({ marker: m, ll: ll, span: span, size: size, outline: outline || null });
  }
  function lines(list, style) {
    return L.geoJSON(mp({ type: "MultiLineString", coordinates: list }), { style: style });
  }
  if (B) {
    L.geoJSON(polys(B.world), { style: landStyle }).addTo(offline);
    L.geoJSON(polys(B.land), { style: L.extend({}, landStyle, { stroke: false }) }).addTo(offline);
    if (B.borders.length) {
      lines(B.borders, { pane: "gm-basemap", interactive: false, color: "#9c927f", weight: 0.8,
                         className: "gm-border" }).addTo(offline);
    }
    if (B.coast.length) {
      lines(B.coast, { pane: "gm-basemap", interactive: false, color: "#6d8fae", weight: 1.1,
                       className: "gm-coast" }).addTo(offline);
    }
    if (provinces && B.provinces.length) {
      lines(B.provinces, { pane: "gm-basemap", interactive: false, color: "#a19d95",
                                       weight: 0.6, dashArray: "3 3", className: "gm-province" })
        .addTo(provinces);
    }
    var CN = B.country_names || {}, LANG = P.nameLanguage(D, CN), local = CN[LANG] || [];
    var OUTLINE = {};  // English name -> its multipolygons (a name may move inside them)
    B.world.concat(B.land).forEach(function (c) { (OUTLINE[c[0]] = OUTLINE[c[0]] || []).push(c[1]); });
    (B.countries || []).forEach(function (s, i) {
      fixedName(offline, "gm-country", [local[i] || s[0]].concat(s.slice(1)),
                [+s[3] || 0, +s[4] || 0], local[i] ? LANG : "en", OUTLINE[s[0]]);
    });
    B.seas.forEach(function (s) { fixedName(seas, "gm-sea gm-sea-z" + (+s[3] || 6), s, null); });
  }
  var layers = {}, halos = G.halo, labels = G.label;
  ["target", "origin"].forEach(function (role) {
    layers[role] = L.geoJSON(null, {
      pointToLayer: function (f, ll) {
        var m = symbol(role, f.properties, ll);
        m.on("add", function () {  // keyboard: Tab to a symbol, Enter opens its popup
          var e = m.getElement();
          if (!e || e.hasAttribute("tabindex")) { return; }
          e.setAttribute("tabindex", "0");
          e.setAttribute("role", "button");
          e.setAttribute("aria-label", D.names[role] + ": " + placeName(f.properties));
          e.addEventListener("keydown", function (ev) {
            if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); m.openPopup(); }
          });
        });
        return m;
      },
      onEachFeature: function (f, layer) {
        layer.bindPopup(function () { return placePopup(role, f.properties); },
                        { minWidth: 240, maxWidth: 340, maxHeight: 320,
                          autoPanPaddingTopLeft: [48, 60] });
        layer.bindTooltip(function () { return tooltip(role, f.properties); },
                          { direction: "top", offset: [0, -6] });
      }
    }).addTo(G[role]);
  });
  if (DENSE) {  // see dense.js: the same layers, each one canvas
    ["target", "origin"].forEach(function (role) {
      DENSE[role] = new P.DenseLayer("symbol", { color: COLORS[role], alpha: 0.9, role: role,
        radius: function (f) { return sizeOf(f.properties) / 2; },
        shape: function (f) { return f.properties.sym; }, name: D.names[role],
        tip: function (f) { return tooltip(role, f.properties); },
        label: function (f) { return D.names[role] + ": " + placeName(f.properties); } },
        function (f) { return placePopup(role, f.properties); }).addTo(G[role]);
    });
    DENSE.path = new P.DenseLayer("path", { color: COLORS.path, alpha: 0.6 }, null).addTo(G.path);
    DENSE.halo = new P.DenseLayer("halo", { color: COLORS.target, alpha: 0.12,
      radius: function (f) { return f.properties.r; } }, null).addTo(G.halo);
  }
  layers.path = L.geoJSON(null, {
    style: { color: COLORS.path, weight: 2.2, opacity: 0.85, className: "gm-path" },
    onEachFeature: function (f, layer) {
      layer.bindPopup(function () { return pathPopup(f.properties); },
                      { minWidth: 240, maxWidth: 340, maxHeight: 320,
                        autoPanPaddingTopLeft: [48, 60] });
    }
  }).addTo(G.path);

  function haloFor(role, f) {
    var p = f.properties, c = f.geometry.coordinates;
    if (!(p.r > 0)) { return null; }
    return L.circle([c[1], c[0]], { radius: p.r * 1000, pane: "gm-halo", interactive: false,
      color: COLORS[role], weight: 1, fillColor: COLORS[role],
      className: "gm-halo gm-halo-" + precisionClass(p.p) });
  }
  var SHOWN = [];  // drawn places: [latlng, radius px]
  function labelFor(f) {
    var c = f.geometry.coordinates, p = f.properties;
    return { ll: L.latLng(c[1], c[0]), r: sizeOf(p) / 2, rank: +p.pr || 0, name: placeName(p) };
  }

  /* ---- time filter ---- */
  var from = 0, to = D.days ? D.days.days - 1 : 0;
  function visible(i) {
    if (!D.days) { return true; }
    var a = D.days.first[i], b = D.days.last[i];
    return a < 0 || (b >= from && a <= to);
  }
  function filtered(fc) {
    return { type: "FeatureCollection", features: fc.features.filter(function (f) {
      return f.properties.ev.some(visible);
    }) };
  }
  function draw() {
    var seen = {}, records = [];
    SHOWN = [];
    ["target", "origin", "path"].forEach(function (role) { layers[role].clearLayers(); });
    if (!DENSE) { halos.clearLayers(); }  // (on a dense map it holds DENSE.halo)
    var haloFeatures = [];
    ["target", "origin", "path"].forEach(function (role) {
      var fc = filtered(LAYERS[role]);
      if (DENSE) { DENSE[role].setFeatures(fc.features); } else { layers[role].addData(fc); }
      if (role === "path") { return; }
      fc.features.forEach(function (f) {
        var h = DENSE ? null : haloFor(role, f), key = f.geometry.coordinates.join(",") + placeName(f.properties);
        if (h) { halos.addLayer(h); }
        if (DENSE && f.properties.r > 0) { haloFeatures.push(f); }
        var rec = labelFor(f);
        SHOWN.push([rec.ll, rec.r]);
        if (!seen[key]) { seen[key] = 1; records.push(rec); }
      });
    });
    if (DENSE) { DENSE.halo.setFeatures(haloFeatures); }
    if (placer) { placer.set(records); } else { firstRecords = records; }
    map.getContainer().setAttribute("data-gm-drawn", SHOWN.length);
    renderTable();
  }

  function zoomClasses() {
    var z = map.getZoom(), c = map.getContainer();
    c.classList.toggle("gm-far", z < 5);
    for (var k = 2; k <= 6; k++) { c.classList.toggle("gm-hide-z" + k, z < k); }
  }
  map.on("zoomend", zoomClasses);

  /* ---- events table under the map, time filter: table.js ---- */
  var renderTable = P.eventsTable({ D: D, el: el, fillCell: fillCell, DATA: DATA, COLS: COLS,
                                    N: N, AT: AT, visible: visible });
  function timeFilter() {
    P.timeFilter(D, el, function (a, b, redraw) { from = a; to = b; if (redraw) { draw(); } });
  }

  var placer = null, firstRecords = [], parts = P;
  function symbolPoints() {
    var out = [], b = map.getBounds().pad(0.1);
    if (DENSE) {  // what the dense layers drew in view, in container px (dense.js)
      ["target", "origin"].forEach(function (role) {
        if (!DENSE[role]._map) { return; }
        (DENSE[role]._shown || []).forEach(function (s) { out.push({ x: s[0], y: s[1], r: s[2] }); });
      });
      return out.slice(0, 20000);
    }
    for (var i = 0; i < SHOWN.length && out.length < 20000; i++) {
      if (b.contains(SHOWN[i][0])) {
        var p = map.latLngToContainerPoint(SHOWN[i][0]);
        p.r = SHOWN[i][1]; out.push(p);
      }
    }
    return out;
  }
  function obstacles() {  // symbols and the map's controls, in container px
    var out = symbolPoints().map(function (p) { return [p.x - p.r, p.y - p.r, p.x + p.r, p.y + p.r]; });
    var box = map.getContainer().getBoundingClientRect();
    map.getContainer().querySelectorAll(".leaflet-control").forEach(function (e) {
      var r = e.getBoundingClientRect();
      if (r.width && r.height) { out.push([r.left - box.left, r.top - box.top, r.right - box.left, r.bottom - box.top]); }
    });
    return out;
  }
  timeFilter();
  draw();
  var shaped = parts.layout({ map: map, D: D, el: el, radius: SHOWN.reduce(function (m, s) {
      return Math.max(m, s[1]); }, 0),
    legendBox: parts.legend(D, el, function (shape, size, color) {
      return shapeSvg(SHAPES[shape] ? shape : "circle", size, color);
    }, precisionClass) });
  zoomClasses();
  placer = parts.labels({ map: map, rules: D.label_rules, el: el, group: labels, names: NAMES,
                          obstacles: obstacles });
  placer.set(firstRecords);
  setTimeout(placer.place, 0);  // again once the page's layer control is in (it is an obstacle)
  setTimeout(function () {  // after the canvases' first draw (queued before this)
    if (window.performance && performance.mark) { performance.mark("gm-drawn"); }
  }, 0);
  window.geomapMap = { map: map, layers: layers, halos: halos, labels: labels,
                       inset: shaped.inset, placer: placer };
  }

  /* ---- the data: JSON, or gzip + base64 for big maps (decompressed here, offline) ---- */
  function start(map, G) {
    var node = document.getElementById("gm-data");
    if (node.getAttribute("data-encoding") !== "gzip+base64") {
      main(JSON.parse(node.textContent), map, G);
      return;
    }
    var text = node.textContent.replace(/\s+/g, ""), bytes;
    if (Uint8Array.fromBase64) { bytes = Uint8Array.fromBase64(text); } else {  // 2025 on
      var bin = atob(text);
      bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    new Response(stream).text().then(function (text) { main(JSON.parse(text), map, G); })
      .catch(function (err) {
        map.getContainer().textContent = "This map could not be drawn: " + err;
        setTimeout(function () { throw err; }, 0);
      });
  }
  window.geomap = { start: start };
}());
