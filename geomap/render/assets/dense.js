/* geomap map page: a dense map (more places than D.dense_above) draws each layer on one canvas
 * instead of one Leaflet layer per feature, so 100,000 events open in a few seconds and pan
 * without lag. Positions are projected once (Web Mercator in [0, 1]); a redraw after each
 * move is a loop over typed arrays. A click opens the popup of the nearest symbol. */
(function () {
  "use strict";
  var P = window.geomapParts = window.geomapParts || {};
  var OUTLINES = { square: [[-0.86, -0.86], [0.86, -0.86], [0.86, 0.86], [-0.86, 0.86]],
                   triangle: [[0, -1], [1, 0.8], [-1, 0.8]], diamond: [[0, -1], [1, 0], [0, 1], [-1, 0]] };

  /* More than this many halos or paths in view are a wash of colour or a hairball: the rest
   * (the least important) are drawn when a zoom leaves fewer in view. */
  var HALOS = 5000, PATHS = 8000;

  function merc(lon, lat) {
    var s = Math.sin(Math.max(-85.05, Math.min(85.05, lat)) * Math.PI / 180);
    return [(lon + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
  }

  /* kind: "symbol" | "halo" | "path"; style: {color, radius(f), shape(f), alpha}; popup(f) */
  P.DenseLayer = L.Layer.extend({
    initialize: function (kind, style, popup) {
      this.kind = kind; this.style = style; this.popup = popup; this.items = [];
    },
    setFeatures: function (features) {
      var self = this;
      this.items = features.map(function (f) {
        var g = f.geometry, lines = g.type === "Point" ? null
          : (g.type === "LineString" ? [g.coordinates] : g.coordinates);
        var c = g.type === "Point" ? g.coordinates : lines[0][0], m = merc(c[0], c[1]);
        return { f: f, x: m[0], y: m[1], lines: lines && lines.map(function (l) {
          return l.map(function (q) { return merc(q[0], q[1]); });
        }), r: self.style.radius ? self.style.radius(f) : 0, shape: self.style.shape ? self.style.shape(f) : "",
          rank: +f.properties.pr || 0 };
      });
      this.items.sort(function (a, b) { return a.rank - b.rank; });  // the most important first
      if (this._map) { this._later(); }
    },
    _later: function () {  // one redraw per frame, however many changes asked for it
      var self = this;
      if (!this._pending) {
        this._pending = true;
        setTimeout(function () { self._pending = false; if (self._map) { self._draw(); } }, 0);
      }
    },
    onAdd: function (map) {
      this._canvas = L.DomUtil.create("canvas", "gm-dense gm-dense-" + this.kind);
      var pane = { halo: "gm-halo", path: "overlayPane" }[this.kind] || "gm-symbols";
      map.getPane(pane).appendChild(this._canvas);
      map.on("moveend resize", this._later, this);
      if (this.popup) { map.on("click", this._click, this); }
      this._later();
    },
    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend resize", this._later, this); map.off("click", this._click, this);
    },
    _draw: function () {
      var map = this._map, size = map.getSize(), dpr = window.devicePixelRatio || 1, c = this._canvas;
      L.DomUtil.setPosition(c, map.containerPointToLayerPoint([0, 0]));
      c.width = size.x * dpr; c.height = size.y * dpr;
      c.style.width = size.x + "px"; c.style.height = size.y + "px";
      var ctx = c.getContext("2d"), world = 256 * Math.pow(2, map.getZoom());
      var o = map.project(map.containerPointToLatLng([0, 0]));
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      var st = this.style, shown = [], kind = this.kind;
      ctx.globalAlpha = st.alpha || 1;
      ctx.fillStyle = st.color; ctx.strokeStyle = kind === "symbol" ? "#fff" : st.color;
      ctx.lineWidth = kind === "path" ? 2 : 1.2;
      var CELL = { path: 10, halo: 12 }[kind] || 5, cols = Math.ceil(size.x / CELL) + 2;
      var taken = new Uint8Array(cols * (Math.ceil(size.y / CELL) + 2)), pathsSeen = {};
      for (var i = 0; i < this.items.length; i++) {
        var it = this.items[i], x = it.x * world - o.x, y = it.y * world - o.y;
        if (kind === "path") {  // one line per pair of screen cells: the rest would retrace it
          var e = it.lines[it.lines.length - 1], q1 = e[e.length - 1];
          var pk = Math.floor(x / CELL) + "," + Math.floor(y / CELL) + ">" +
            Math.floor((q1[0] * world - o.x) / CELL) + "," + Math.floor((q1[1] * world - o.y) / CELL);
          if (pathsSeen[pk] || shown.length >= PATHS) { continue; }
          shown.push(null);
          pathsSeen[pk] = 1;
          ctx.beginPath();  // one stroke per path: a stroke of one huge path is very slow
          it.lines.forEach(function (l) {
            l.forEach(function (q, k) {
              var px = q[0] * world - o.x, py = q[1] * world - o.y;
              if (k) { ctx.lineTo(px, py); } else { ctx.moveTo(px, py); }
            });
          });
          ctx.stroke();
          continue;
        }
        var r = kind === "halo" ? it.r * 1000 / (40075016.7 * Math.cos(it.f.geometry.coordinates[1] * Math.PI / 180)) * world : it.r;
        if (x < -r || y < -r || x > size.x + r || y > size.y + r || r <= 0) { continue; }
        if (kind === "halo" && shown.length >= HALOS) { break; }
        var cell = (Math.floor(x / CELL) + 1) + (Math.floor(y / CELL) + 1) * cols;
        if (taken[cell]) { continue; }  // one symbol (halo) per screen cell: the most important
        taken[cell] = 1;
        ctx.beginPath();
        var shape = OUTLINES[it.shape];
        if (shape) {
          shape.forEach(function (q, k) { if (k) { ctx.lineTo(x + q[0] * r, y + q[1] * r); } else { ctx.moveTo(x + q[0] * r, y + q[1] * r); } });
          ctx.closePath();
        } else {
          ctx.arc(x, y, r, 0, 2 * Math.PI);
        }
        ctx.fill();
        if (kind === "symbol") { ctx.stroke(); }
        shown.push([x, y, r, it]);
      }
      this._shown = shown;
    },
    _click: function (e) {
      var p = e.containerPoint, best = null, d0 = Infinity;
      (this._shown || []).forEach(function (s) {
        var d = Math.hypot(s[0] - p.x, s[1] - p.y);
        if (d <= s[2] + 3 && d < d0) { d0 = d; best = s[3]; }
      });
      if (!best || e.originalEvent.gmHandled) { return; }
      e.originalEvent.gmHandled = true;
      var c = best.f.geometry.coordinates;
      L.popup({ minWidth: 240, maxWidth: 340, maxHeight: 320, autoPanPaddingTopLeft: [48, 60] })
        .setLatLng([c[1], c[0]]).setContent(this.popup(best.f)).openOn(this._map);
    }
  });
}());
