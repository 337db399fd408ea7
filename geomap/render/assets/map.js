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

  /* ---- decoding of the compact data (see geomap/render/encode.py) ---- */
  function column(c) {
    if (c && !Array.isArray(c)) {
      return c.i.map(function (k) { return k < 0 ? null : c.d[k]; });
    }
    return c;
  }
  function points(data) {
    var keys = Object.keys(data.p), cols = {};
    keys.forEach(function (k) { cols[k] = column(data.p[k]); });
    return { type: "FeatureCollection", features: data.x.map(function (x, i) {
      var ev = data.ev[i], p = { ev: Array.isArray(ev) ? ev : [ev] };
      keys.forEach(function (k) {
        if (cols[k][i] !== null && cols[k][i] !== undefined) { p[k] = cols[k][i]; }
      });
      return { type: "Feature", properties: p, geometry: { type: "Point", coordinates: [x, data.y[i]] } };
    }) };
  }
  function line(flat, factor) {
    var out = [], x = 0, y = 0;
    for (var i = 0; i + 1 < flat.length; i += 2) {
      x += flat[i]; y += flat[i + 1];
      out.push([x / factor, y / factor]);
    }
    return out;
  }
  function paths(data, scale) {
    var factor = Math.pow(10, scale), d = column(data.d), b = column(data.b);
    return { type: "FeatureCollection", features: data.g.map(function (parts, i) {
      var lines = parts.map(function (p) { return line(p, factor); }), p = { ev: [data.ev[i]] };
      if (d[i] !== null) { p.d = d[i]; }
      if (b[i] !== null) { p.b = b[i]; }
      return { type: "Feature", properties: p, geometry: lines.length === 1
        ? { type: "LineString", coordinates: lines[0] }
        : { type: "MultiLineString", coordinates: lines } };
    }) };
  }
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

  /* ---- symbols (fixed SVG markup: numbers and constants only, never data text) ---- */
  var SVG_NS = "http://www.w3.org/2000/svg";
  function shapeSvg(shape, size, color) {
    var s = size, h = s / 2, svg = document.createElementNS(SVG_NS, "svg"), node;
    svg.setAttribute("width", s); svg.setAttribute("height", s);
    svg.setAttribute("viewBox", "0 0 " + s + " " + s);
    svg.setAttribute("aria-hidden", "true");
    if (shape === "square") {
      node = document.createElementNS(SVG_NS, "rect");
      node.setAttribute("x", 1.5); node.setAttribute("y", 1.5);
      node.setAttribute("width", s - 3); node.setAttribute("height", s - 3);
    } else if (shape === "circle") {
      node = document.createElementNS(SVG_NS, "circle");
      node.setAttribute("cx", h); node.setAttribute("cy", h); node.setAttribute("r", h - 1.5);
    } else {
      node = document.createElementNS(SVG_NS, "polygon");
      node.setAttribute("points", shape === "triangle"
        ? [h, 1.5, s - 1.5, s - 1.5, 1.5, s - 1.5].join(" ")
        : [h, 1, s - 1, h, h, s - 1, 1, h].join(" "));
    }
    node.setAttribute("fill", color); node.setAttribute("fill-opacity", "0.85");
    node.setAttribute("stroke", "#fff"); node.setAttribute("stroke-width", "1.5");
    svg.appendChild(node);
    return svg;
  }
  /* Map symbols are SVG paths drawn by Leaflet's renderer (not one DOM marker each, whose
   * map listeners make adding thousands quadratic): a circle marker with other outlines. */
  var GmSymbol = L.CircleMarker.extend({
    _updatePath: function () {
      var p = this._point, r = this._radius, s = this.options.shape, d;
      if (s === "circle" || !SHAPES[s]) { this._renderer._updateCircle(this); return; }
      if (this._empty()) { this._renderer._setPath(this, "M0 0"); return; }
      if (s === "square") {
        r *= 0.86;
        d = "M" + (p.x - r) + "," + (p.y - r) + "h" + 2 * r + "v" + 2 * r + "h" + -2 * r + "z";
      } else if (s === "triangle") {
        d = "M" + p.x + "," + (p.y - r) + "L" + (p.x + r) + "," + (p.y + 0.8 * r) + "L" +
            (p.x - r) + "," + (p.y + 0.8 * r) + "z";
      } else {
        d = "M" + p.x + "," + (p.y - r) + "L" + (p.x + r) + "," + p.y + "L" + p.x + "," +
            (p.y + r) + "L" + (p.x - r) + "," + p.y + "z";
      }
      this._renderer._setPath(this, d);
    }
  });
  function symbol(role, p, ll) {
    var size = Math.max(8, Math.min(40, +p.sz || 12));
    return new GmSymbol(ll, { radius: size / 2, shape: SHAPES[p.sym] ? p.sym : "circle",
      pane: "gm-symbols", color: "#fff", weight: 1.5, opacity: 1, fillColor: COLORS[role],
      fillOpacity: 0.85, className: "gm-sym gm-" + role });
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
  var seas = G.seas || L.layerGroup();
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
    B.seas.forEach(function (s) {
      L.marker([s[2], s[1]], { interactive: false, keyboard: false, pane: "gm-labels",
        icon: L.divIcon({ className: "gm-sea gm-sea-z" + (+s[3] || 6),
                          html: el("span", null, s[0]), iconSize: null }) }).addTo(seas);
    });
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
                          autoPanPaddingTopLeft: [48, 12] });
        layer.bindTooltip(function () { return tooltip(role, f.properties); },
                          { direction: "top", offset: [0, -6] });
      }
    }).addTo(G[role]);
  });
  layers.path = L.geoJSON(null, {
    style: { color: COLORS.path, weight: 2.2, opacity: 0.85, className: "gm-path" },
    onEachFeature: function (f, layer) {
      layer.bindPopup(function () { return pathPopup(f.properties); },
                      { minWidth: 240, maxWidth: 340, maxHeight: 320 });
    }
  }).addTo(G.path);

  function haloFor(role, f) {
    var p = f.properties, c = f.geometry.coordinates;
    if (!(p.r > 0)) { return null; }
    return L.circle([c[1], c[0]], { radius: p.r * 1000, pane: "gm-halo", interactive: false,
      color: COLORS[role], weight: 1, fillColor: COLORS[role],
      className: "gm-halo gm-halo-" + precisionClass(p.p) });
  }
  function labelFor(f) {
    var c = f.geometry.coordinates;
    return L.marker([c[1], c[0]], { interactive: false, keyboard: false, pane: "gm-labels",
      icon: L.divIcon({ className: "gm-label", html: el("span", null, placeName(f.properties)),
                        iconSize: null, iconAnchor: [-9, 8] }) });
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
    var seen = {};
    ["target", "origin", "path"].forEach(function (role) { layers[role].clearLayers(); });
    halos.clearLayers(); labels.clearLayers();
    ["target", "origin", "path"].forEach(function (role) {
      var fc = filtered(LAYERS[role]);
      layers[role].addData(fc);
      if (role === "path") { return; }
      fc.features.forEach(function (f) {
        var h = haloFor(role, f), key = f.geometry.coordinates.join(",") + placeName(f.properties);
        if (h) { halos.addLayer(h); }
        if (!seen[key]) { seen[key] = 1; labels.addLayer(labelFor(f)); }
      });
    });
    renderTable();
  }

  /* ---- legend (the layer control is folium's) ---- */
  var legend = L.control({ position: "bottomright" });
  legend.onAdd = function () {
    var box = el("details", "gm-legend leaflet-bar"), sum = el("summary", null, "Legend");
    if (window.innerWidth >= 600) { box.open = true; }
    box.appendChild(sum);
    D.legend.forEach(function (sec) {
      box.appendChild(el("h4", null, sec.title));
      var ul = el("ul");
      sec.items.forEach(function (it) {
        var li = el("li"), key = el("span", "gm-key");
        if (it.shape) {
          key.appendChild(shapeSvg(SHAPES[it.shape] ? it.shape : "circle", +it.size || 14, COLORS[sec.role]));
        } else if (it.line) {
          key.className += " gm-key-line";
        } else if (it.halo) {
          key.className += " gm-key-halo gm-halo-" + precisionClass(it.halo);
        }
        li.appendChild(key); li.appendChild(el("span", null, it.label)); ul.appendChild(li);
      });
      box.appendChild(ul);
    });
    L.DomEvent.disableClickPropagation(box); L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  legend.addTo(map);

  function zoomClasses() {
    var z = map.getZoom(), c = map.getContainer();
    c.classList.toggle("gm-far", z < 5);
    for (var k = 2; k <= 6; k++) { c.classList.toggle("gm-hide-z" + k, z < k); }
  }
  map.on("zoomend", zoomClasses);

  /* ---- events table under the map (accessible: caption, scoped headers) ---- */
  var PAGE = 200, shown = PAGE, KEYS = COLS.map(function (c) { return c[0]; });
  var HEAD = { "@target": "Target", "@origin": "Origin" };
  function tableValue(key, i) {
    if (key === "@target" || key === "@origin") { return AT[key.slice(1)][i]; }
    return DATA[KEYS.indexOf(key)][i];
  }
  function renderTable() {
    var host = document.getElementById("gm-table"), rows = [], i;
    for (i = 0; i < N; i++) { if (visible(i)) { rows.push(i); } }
    host.textContent = "";
    var table = el("table", "gm-events"), cap = el("caption", null,
      rows.length + " of " + N + " events shown"), thead = el("thead"), tr = el("tr");
    cap.setAttribute("aria-live", "polite");
    table.appendChild(cap);
    D.table.forEach(function (key) {
      var label = HEAD[key] || COLS[KEYS.indexOf(key)][1], th = el("th", null, label);
      th.setAttribute("scope", "col"); tr.appendChild(th);
    });
    thead.appendChild(tr); table.appendChild(thead);
    var tbody = el("tbody");
    rows.slice(0, shown).forEach(function (i) {
      var r = el("tr");
      D.table.forEach(function (key, k) {
        var v = tableValue(key, i), cell = el(k === 0 ? "th" : "td", "gm-col-" + key.replace("@", ""));
        if (k === 0) { cell.setAttribute("scope", "row"); }
        if (v !== null && v !== undefined) { fillCell(cell, v); }
        r.appendChild(cell);
      });
      tbody.appendChild(r);
    });
    table.appendChild(tbody); host.appendChild(table);
    if (rows.length > shown) {
      var more = el("button", "gm-more", "Show all " + rows.length + " events");
      more.type = "button";
      more.addEventListener("click", function () { shown = Infinity; renderTable(); });
      host.appendChild(more);
    }
  }

  function timeFilter() {
    if (!D.days) { return; }
    var box = document.getElementById("gm-time"), n = D.days.days - 1;
    box.hidden = false;
    var out = el("output", "gm-time-out"); out.setAttribute("aria-live", "polite");
    function slider(label, value) {
      var wrap = el("label", "gm-time-range"), input = el("input");
      input.type = "range"; input.min = 0; input.max = n; input.step = 1; input.value = value;
      wrap.appendChild(el("span", null, label)); wrap.appendChild(input); box.appendChild(wrap);
      return input;
    }
    box.appendChild(el("span", "gm-time-title", "Dates shown"));
    var a = slider("From", 0), b = slider("To", n);
    box.appendChild(out);
    function update(redraw) {
      from = Math.min(+a.value, +b.value); to = Math.max(+a.value, +b.value);
      out.textContent = D.days.labels[from] + " – " + D.days.labels[to];
      if (redraw) { draw(); }
    }
    a.addEventListener("input", function () { update(false); });
    b.addEventListener("input", function () { update(false); });
    a.addEventListener("change", function () { update(true); });
    b.addEventListener("change", function () { update(true); });
    update(false);
  }

  timeFilter();
  draw();
  if (D.bounds) {
    var b0 = D.bounds, sw = [b0[1], b0[0]], ne = [b0[3], b0[2]];
    if (b0[0] === b0[2] && b0[1] === b0[3]) { map.setView(sw, 7); }
    else { map.fitBounds([sw, ne], { padding: [24, 24], maxZoom: 9 }); }
  } else {
    map.setView([20, 0], 2);
  }
  zoomClasses();
  window.geomapMap = { map: map, layers: layers, halos: halos, labels: labels };
  }

  /* ---- the data: JSON, or gzip + base64 for big maps (decompressed here, offline) ---- */
  function start(map, G) {
    var node = document.getElementById("gm-data");
    if (node.getAttribute("data-encoding") !== "gzip+base64") {
      main(JSON.parse(node.textContent), map, G);
      return;
    }
    var bin = atob(node.textContent.replace(/\s+/g, "")), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    new Response(stream).text().then(function (text) { main(JSON.parse(text), map, G); })
      .catch(function (err) {
        map.getContainer().textContent = "This map could not be drawn: " + err;
        setTimeout(function () { throw err; }, 0);
      });
  }
  window.geomap = { start: start };
}());
