/* geomap map page: decoding of the page data (geomap/render/encode.py) and the legend's
 * symbol images (fixed SVG markup: numbers and constants only, never data text). */
(function () {
  "use strict";
  var P = window.geomapParts = window.geomapParts || {};
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
  P.column = column; P.points = points; P.paths = paths; P.shapeSvg = shapeSvg;
}());
