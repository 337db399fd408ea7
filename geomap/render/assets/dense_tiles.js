/* geomap map page: the canvas tiles that every dense layer (dense.js) draws on. One set of
 * 256-px tiles for all of them, in the symbols' pane, each tile drawn with the halos, then the
 * paths, the origins and the targets (what was hit on top). A pan keeps the tiles it has and
 * draws only those that come into view, nearest the centre first, a few per frame; a ring of
 * tiles around the view is drawn ahead, so a drag seldom shows an empty edge. A zoom, a new
 * time filter or a layer turned on or off draws every tile again. (One canvas per layer the
 * size of the view, drawn anew after each move, held the page for up to a second on 100,000
 * events: the rasterizer and the compositor took each new bitmap whole.) */
(function () {
  "use strict";
  var P = window.geomapParts = window.geomapParts || {};
  var ORDER = { halo: 0, path: 1, origin: 2, target: 3 };
  var BUDGET = 8;  // ms of drawing per frame once the first view is drawn

  function Tiles(map) {
    this.map = map; this.layers = []; this.tiles = new Map(); this.queue = [];
    this.world = 0; this.origin = null; this.first = true;
    this.box = L.DomUtil.create("div", "gm-dense gm-dense-tiles", map.getPane("gm-symbols"));
    map.on("moveend resize", function () { this.update(true); }, this);
    map.on("move", this._moving, this);
  }

  Tiles.prototype = {
    add: function (layer) {
      this.layers.push(layer);
      this.layers.sort(function (a, b) {
        return ORDER[a.style.role || a.kind] - ORDER[b.style.role || b.kind];
      });
      this.changed();
    },
    remove: function (layer) {
      this.layers = this.layers.filter(function (l) { return l !== layer; });
      this.changed();
    },
    changed: function () {  // what the layers draw changed: every tile again, soon
      this.tiles.forEach(function (t) { t.drawn = false; });
      if (this.pending) { return; }
      this.pending = true;
      var self = this;
      setTimeout(function () { self.pending = false; self.update(true); }, 0);
    },
    _moving: function () {  // during a drag: the tiles coming into view, at most once a frame
      if (this.moving) { return; }
      this.moving = true;
      var self = this;
      L.Util.requestAnimFrame(function () { self.moving = false; self.update(false); });
    },
    /* the tiles the view needs: made if missing, queued to draw; idle: also the rest */
    update: function (idle) {
      var map = this.map, T = P.DENSE_TILE, world = 256 * Math.pow(2, map.getZoom());
      var origin = map.getPixelOrigin(), self = this;
      if (world !== this.world) { this._clear(); this.world = world; }
      if (!this.origin || !origin.equals(this.origin)) {  // a reset view: same tiles, new place
        this.origin = origin;
        this.tiles.forEach(function (t) { self._place(t); });
      }
      var size = map.getSize(), o = map.containerPointToLayerPoint([0, 0]).add(origin);
      var cx = o.x + size.x / 2, cy = o.y + size.y / 2, want = [], keep = new Set();
      var i0 = Math.floor((o.x - T / 2) / T), i1 = Math.floor((o.x + size.x + T / 2) / T);
      var j0 = Math.floor((o.y - T / 2) / T), j1 = Math.floor((o.y + size.y + T / 2) / T);
      for (var i = i0; i <= i1; i++) {
        for (var j = j0; j <= j1; j++) {
          var key = i + ":" + j, t = this.tiles.get(key);
          if (!t) { t = this._make(i, j); this.tiles.set(key, t); }
          keep.add(key);
          var inView = (i + 1) * T > o.x && i * T < o.x + size.x && (j + 1) * T > o.y &&
                       j * T < o.y + size.y;
          if (!t.drawn) {
            t.order = (inView ? 0 : 1e9) + Math.hypot((i + 0.5) * T - cx, (j + 0.5) * T - cy);
            want.push(t);
          }
        }
      }
      if (idle) {  // tiles well out of view go
        this.tiles.forEach(function (t, k) {
          if (!keep.has(k) && (t.i < i0 - 1 || t.i > i1 + 1 || t.j < j0 - 1 || t.j > j1 + 1)) {
            L.DomUtil.remove(t.el); self.tiles.delete(k);
          }
        });
      }
      this.queue = want.sort(function (a, b) { return a.order - b.order; });
      if (this.first) {  // the first view at once: the page's gm-drawn mark waits for it
        this.first = false;
        while (this.queue.length && this.queue[0].order < 1e9) { this._draw(this.queue.shift()); }
      }
      if (idle) {
        this.layers.forEach(function (l) { l._view(world, o, size); });
      }
      this._pump();
    },
    _pump: function () {  // queued tiles, BUDGET ms a frame (at least one tile)
      if (this.pumping || !this.queue.length) { return; }
      this.pumping = true;
      var self = this;
      L.Util.requestAnimFrame(function step() {
        var until = performance.now() + BUDGET;
        while (self.queue.length) {
          var t = self.queue.shift();
          if (!t.drawn && self.tiles.get(t.i + ":" + t.j) === t) { self._draw(t); }
          if (performance.now() > until) { break; }
        }
        if (self.queue.length) { L.Util.requestAnimFrame(step); } else { self.pumping = false; }
      });
    },
    _make: function (i, j) {
      var T = P.DENSE_TILE, dpr = window.devicePixelRatio || 1;
      var el = L.DomUtil.create("canvas", "gm-dense-tile", this.box);
      el.width = el.height = Math.round(T * dpr);
      el.style.width = el.style.height = T + "px";
      var t = { el: el, i: i, j: j, dpr: dpr, drawn: false, blank: true };
      this._place(t);
      return t;
    },
    _place: function (t) {
      var T = P.DENSE_TILE;
      L.DomUtil.setPosition(t.el, L.point(t.i * T - this.origin.x, t.j * T - this.origin.y));
    },
    _draw: function (t) {
      var ctx = t.el.getContext("2d"), world = this.world;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      if (!t.blank) { ctx.clearRect(0, 0, t.el.width, t.el.height); }
      this.layers.forEach(function (l) {
        ctx.save(); l._paint(ctx, t.i, t.j, world, t.dpr); ctx.restore();
      });
      t.drawn = true; t.blank = false;
    },
    _clear: function () {  // a new zoom: none of the tiles fits
      this.tiles.forEach(function (t) { L.DomUtil.remove(t.el); });
      this.tiles.clear(); this.queue = [];
    }
  };

  P.denseTiles = function (map) {
    if (!map._gmTiles) { map._gmTiles = new Tiles(map); }
    return map._gmTiles;
  };
}());
