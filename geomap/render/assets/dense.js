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

  function outline(ctx, x, y, r, shape) {
    if (shape) {
      ctx.moveTo(x + shape[0][0] * r, y + shape[0][1] * r);
      for (var k = 1; k < shape.length; k++) { ctx.lineTo(x + shape[k][0] * r, y + shape[k][1] * r); }
      ctx.closePath();
    } else {
      ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
  }

  /* one batch of symbols (256, in order of importance): one fill and one outline per shape;
   * a fill and a stroke for each of 15,000 symbols took a third of a second */
  function symbols(ctx, batch) {
    var shapes = {};
    batch.forEach(function (s) { (shapes[s[3].shape] = shapes[s[3].shape] || []).push(s); });
    Object.keys(shapes).forEach(function (name) {
      ctx.beginPath();
      shapes[name].forEach(function (s) { outline(ctx, s[0], s[1], s[2], OUTLINES[name] || null); });
      ctx.fill(); ctx.stroke();
    });
  }

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
        var proj = lines && lines.map(function (l) {
          return l.map(function (q) { return merc(q[0], q[1]); });
        }), all = proj ? [].concat.apply([], proj) : [];
        return { f: f, x: m[0], y: m[1], lines: proj, bbox: all.length ? [
          Math.min.apply(null, all.map(function (q) { return q[0]; })),
          Math.min.apply(null, all.map(function (q) { return q[1]; })),
          Math.max.apply(null, all.map(function (q) { return q[0]; })),
          Math.max.apply(null, all.map(function (q) { return q[1]; }))] : null, r: self.style.radius ? self.style.radius(f) : 0, shape: self.style.shape ? self.style.shape(f) : "",
          rank: +f.properties.pr || 0 };
      });
      this.items.sort(function (a, b) { return a.rank - b.rank; });  // the most important first
      if (this._map) { this._later(); }
    },
    _newCanvas: function () {  // its role's class stacks targets over origins (map.css)
      var role = this.style.role ? " gm-dense-" + this.style.role : "";
      return L.DomUtil.create("canvas", "gm-dense gm-dense-" + this.kind + role);
    },
    _later: function () {  // one redraw per frame, however many changes asked for it
      var self = this;
      if (!this._pending) {
        this._pending = true;
        setTimeout(function () { self._pending = false; if (self._map) { self._draw(); } }, 0);
      }
    },
    onAdd: function (map) {
      this._canvas = this._newCanvas();
      var pane = { halo: "gm-halo", path: "overlayPane" }[this.kind] || "gm-symbols";
      map.getPane(pane).appendChild(this._canvas);
      this._canvasDrawn = false;
      map.on("moveend resize", this._later, this);
      if (this.popup) { map.on("click", this._click, this); }
      if (this.kind === "symbol" && this._addAccess) { this._addAccess(map); }  // dense_access.js
      this._later();
    },
    onRemove: function (map) {
      L.DomUtil.remove(this._canvas); this._job = null;
      map.off("moveend resize", this._later, this); map.off("click", this._click, this);
      if (this._ring) { this._removeAccess(map); }
    },
    /* A redraw: at once the first time (the page's gm-drawn mark waits for it), then in slices
     * of about 10 ms, one per frame, into a new canvas that replaces the shown one when it is
     * done (so a redraw of 100,000 places never holds the page for long). A newer redraw
     * (the next moveend) drops an older one; the canvas sits in a map pane, so a slice that
     * runs during a pan still draws in the right place. */
    _draw: function () {
      var map = this._map, size = map.getSize(), dpr = window.devicePixelRatio || 1, self = this;
      var c = this._newCanvas();
      var pos = map.containerPointToLayerPoint([0, 0]);
      c.width = size.x * dpr; c.height = size.y * dpr;
      c.style.width = size.x + "px"; c.style.height = size.y + "px";
      var ctx = c.getContext("2d"), world = 256 * Math.pow(2, map.getZoom());
      var o = map.project(map.containerPointToLatLng([0, 0]));
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      var st = this.style, shown = [], kind = this.kind, items = this.items;
      ctx.globalAlpha = st.alpha || 1;
      ctx.fillStyle = st.color; ctx.strokeStyle = kind === "symbol" ? "#fff" : st.color;
      ctx.lineWidth = kind === "path" ? 2 : 1.2;
      var CELL = { path: 10, halo: 12 }[kind] || 5, cols = Math.ceil(size.x / CELL) + 2;
      var taken = new Uint8Array(cols * (Math.ceil(size.y / CELL) + 2)), pathsSeen = new Set();
      var cellOf = function (v) { return Math.max(0, Math.min(8191, Math.floor(v / CELL) + 4096)); };
      var job = this._job = {}, i = 0, b = 0, first = !this._canvasDrawn;
      var every = kind === "path" ? 15 : 255;  // items between looks at the clock
      function step() {
        if (self._job !== job || !self._map) { return; }
        var until = first ? Infinity : performance.now() + 10;
        for (; i < items.length; i++) {
          if ((i & every) === 0 && performance.now() > until) { L.Util.requestAnimFrame(step); return; }
          var it = items[i], x = it.x * world - o.x, y = it.y * world - o.y;
          if (kind === "path") {  // one line per pair of screen cells: the rest would retrace it
            var e = it.lines[it.lines.length - 1], q1 = e[e.length - 1];
            var x1 = q1[0] * world - o.x, y1 = q1[1] * world - o.y, bb = it.bbox;
            if (bb[2] * world - o.x < 0 || bb[3] * world - o.y < 0 || bb[0] * world - o.x > size.x
                || bb[1] * world - o.y > size.y) { continue; }  // not in view
            var pk = ((cellOf(x) * 8192 + cellOf(y)) * 8192 + cellOf(x1)) * 8192 + cellOf(y1);
            if (pathsSeen.has(pk) || shown.length >= PATHS) { continue; }
            if (shown.length % 64 === 0) {  // one stroke per 64 paths: one of all is very slow
              if (shown.length) { ctx.stroke(); }
              ctx.beginPath();
            }
            shown.push(null);
            pathsSeen.add(pk);
            it.lines.forEach(function (l) {
              l.forEach(function (q, k) {
                var px = q[0] * world - o.x, py = q[1] * world - o.y;
                if (k) { ctx.lineTo(px, py); } else { ctx.moveTo(px, py); }
              });
            });
            continue;
          }
          var r = kind === "halo" ? it.r * 1000 / (40075016.7 * Math.cos(it.f.geometry.coordinates[1] * Math.PI / 180)) * world : it.r;
          if (x < -r || y < -r || x > size.x + r || y > size.y + r || r <= 0) { continue; }
          if (kind === "halo" && shown.length >= HALOS) { i = items.length; break; }
          var cell = (Math.floor(x / CELL) + 1) + (Math.floor(y / CELL) + 1) * cols;
          if (taken[cell]) { continue; }  // one symbol (halo) per screen cell: the most important
          taken[cell] = 1;
          shown.push([x, y, r, it]);
          if (kind === "halo") { ctx.beginPath(); outline(ctx, x, y, r, null); ctx.fill(); }
        }
        if (kind === "path" && shown.length && b === 0) { ctx.stroke(); b = 1; }
        for (; kind === "symbol" && b < shown.length; b += 256) {
          if (performance.now() > until) { L.Util.requestAnimFrame(step); return; }
          symbols(ctx, shown.slice(b, b + 256));
        }
        L.DomUtil.setPosition(c, pos);
        if (self._canvas && self._canvas.parentNode) {
          self._canvas.parentNode.replaceChild(c, self._canvas);
        }
        self._canvas = c; self._canvasDrawn = true; self._shown = shown;
        if (self._ring) { self._drawn(); }
      }
      step();
    },
    _click: function (e) {
      var p = e.containerPoint, best = null, d0 = Infinity;
      (this._shown || []).forEach(function (s) {
        var d = Math.hypot(s[0] - p.x, s[1] - p.y);
        if (d <= s[2] + 3 && d < d0) { d0 = d; best = s[3]; }
      });
      if (!best || e.originalEvent.gmHandled) { return; }
      e.originalEvent.gmHandled = true;
      this._open(best);
    },
    _open: function (best) {  // the popup of one item
      var c = best.f.geometry.coordinates;
      L.popup({ minWidth: 240, maxWidth: 340, maxHeight: 320, autoPanPaddingTopLeft: [48, 60] })
        .setLatLng([c[1], c[0]]).setContent(this.popup(best.f)).openOn(this._map);
    }
  });
}());
