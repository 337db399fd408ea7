/* geomap map page: a dense map (more places than D.dense_above) draws each layer on canvas
 * tiles (dense_tiles.js: one set of tiles shared by every dense layer) instead of one Leaflet
 * layer per feature, so 100,000 events open in a few seconds and pan without lag. Positions
 * are projected once (Web Mercator in [0, 1]). At each zoom a layer picks what it draws, the
 * most important item per screen cell counted in world pixels, so that every tile draws the
 * same picks and a pan changes none of them. A click opens the popup of the nearest symbol. */
(function () {
  "use strict";
  var P = window.geomapParts = window.geomapParts || {};
  var OUTLINES = { square: [[-0.86, -0.86], [0.86, -0.86], [0.86, 0.86], [-0.86, 0.86]],
                   triangle: [[0, -1], [1, 0.8], [-1, 0.8]], diamond: [[0, -1], [1, 0], [0, 1], [-1, 0]] };
  var T = P.DENSE_TILE = 256, EARTH = 40075016.7, ROW = 1048576;  // tile key: i * ROW + j

  /* One item per cell of this many px (symbols, halos; paths: per pair of end cells), and at
   * most PATHS paths at a zoom, counted over the whole map (a cap per view would differ from
   * tile to tile): more are a hairball; the least important are left out. */
  var CELL = { symbol: 5, halo: 14, path: 10 }, PATHS = 8000;

  function outline(ctx, x, y, r, shape) {
    if (shape) {
      ctx.moveTo(x + shape[0][0] * r, y + shape[0][1] * r);
      for (var k = 1; k < shape.length; k++) { ctx.lineTo(x + shape[k][0] * r, y + shape[k][1] * r); }
      ctx.closePath();
    } else {
      ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
  }

  /* A symbol is drawn once (shape, size, colour, at the screen's pixel ratio) and then copied:
   * filling and outlining 15,000 symbols one by one took the rasterizer half a second, copying
   * them a tenth of that. */
  var SPRITES = {};
  function sprite(shape, r, color, dpr) {
    var key = shape + "|" + r + "|" + color + "|" + dpr;
    if (!SPRITES[key]) {
      var half = Math.ceil((r + 2) * dpr), c = document.createElement("canvas");
      c.width = c.height = 2 * half;
      var ctx = c.getContext("2d");
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.fillStyle = color; ctx.strokeStyle = "#fff"; ctx.lineWidth = 1.2;
      ctx.beginPath(); outline(ctx, half / dpr, half / dpr, r, OUTLINES[shape] || null);
      ctx.fill(); ctx.stroke();
      SPRITES[key] = { c: c, half: half };
    }
    return SPRITES[key];
  }

  function merc(lon, lat) {
    var s = Math.sin(Math.max(-85.05, Math.min(85.05, lat)) * Math.PI / 180);
    return [(lon + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
  }

  /* kind: "symbol" | "halo" | "path"; style: {color, radius(f), shape(f), alpha, role}; popup(f) */
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
          Math.max.apply(null, all.map(function (q) { return q[1]; }))] : null,
          r: self.style.radius ? self.style.radius(f) : 0, cos: Math.cos(c[1] * Math.PI / 180),
          shape: self.style.shape ? self.style.shape(f) : "", rank: +f.properties.pr || 0 };
      });
      this.items.sort(function (a, b) { return a.rank - b.rank; });  // the most important first
      this._picked = null;
      if (this._map) { P.denseTiles(this._map).changed(); }
    },
    onAdd: function (map) {
      P.denseTiles(map).add(this);
      if (this.popup) { map.on("click", this._click, this); }
      if (this.kind === "symbol" && this._addAccess) { this._addAccess(map); }  // dense_access.js
    },
    onRemove: function (map) {
      P.denseTiles(map).remove(this); map.off("click", this._click, this);
      if (this._ring) { this._removeAccess(map); }
    },
    /* What this layer draws at a zoom (world: the world's width in px): [x, y, r, item, index]
     * in world px, the most important first; symbols also listed by the tile of their centre. */
    _pick: function (world) {
      if (this._picked && this._picked.world === world) { return this._picked; }
      var kind = this.kind, cell = CELL[kind], seen = new Set(), list = [], byTile = new Map();
      for (var i = 0; i < this.items.length; i++) {
        var it = this.items[i], x = it.x * world, y = it.y * world, r = it.r, key;
        if (kind === "path") {  // one line per pair of end cells: the rest would retrace it
          var e = it.lines[it.lines.length - 1], q = e[e.length - 1];
          key = Math.floor(x / cell) + "," + Math.floor(y / cell) + "," +
            Math.floor(q[0] * world / cell) + "," + Math.floor(q[1] * world / cell);
          if (seen.has(key)) { continue; }
          seen.add(key); list.push([x, y, 0, it, i]);
          if (list.length >= PATHS) { break; }
          continue;
        }
        if (kind === "halo") { r = it.r * 1000 / (EARTH * it.cos) * world; }
        if (!(r > 0)) { continue; }
        key = Math.floor(x / cell) * 268435456 + Math.floor(y / cell);
        if (seen.has(key)) { continue; }  // one per cell: the most important
        seen.add(key);
        var rec = [x, y, r, it, i];
        list.push(rec);
        if (kind === "symbol") {
          var tk = Math.floor(x / T) * ROW + Math.floor(y / T), b = byTile.get(tk);
          if (b) { b.push(rec); } else { byTile.set(tk, [rec]); }
        }
      }
      this._picked = { world: world, list: list, byTile: byTile };
      return this._picked;
    },
    /* Draw this layer's picks that reach the tile (i, j) on its context (device px). */
    _paint: function (ctx, i, j, world, dpr) {
      var picks = this._pick(world), st = this.style, x0 = i * T, y0 = j * T, recs = [];
      ctx.globalAlpha = st.alpha || 1;
      if (this.kind === "symbol") {  // from the 9 tiles around: a symbol spills over an edge
        for (var di = -1; di <= 1; di++) {
          for (var dj = -1; dj <= 1; dj++) {
            (picks.byTile.get((i + di) * ROW + j + dj) || []).forEach(function (s) {
              if (s[0] + s[2] + 2 > x0 && s[0] - s[2] - 2 < x0 + T && s[1] + s[2] + 2 > y0 &&
                  s[1] - s[2] - 2 < y0 + T) { recs.push(s); }
            });
          }
        }
        recs.sort(function (a, b) { return a[4] - b[4]; });  // in rank order, whichever tile
        recs.forEach(function (s) {
          var sp = sprite(s[3].shape, Math.round(s[2] * 2) / 2, st.color, dpr);
          ctx.drawImage(sp.c, Math.round((s[0] - x0) * dpr) - sp.half,
                        Math.round((s[1] - y0) * dpr) - sp.half);
        });
        return;
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.fillStyle = st.color; ctx.strokeStyle = st.color;
      if (this.kind === "halo") {
        picks.list.forEach(function (s) {
          if (s[0] + s[2] < x0 || s[0] - s[2] > x0 + T || s[1] + s[2] < y0 || s[1] - s[2] > y0 + T) {
            return;
          }
          ctx.beginPath(); ctx.arc(s[0] - x0, s[1] - y0, s[2], 0, 2 * Math.PI); ctx.fill();
        });
        return;
      }
      /* paths: 1-px lines (the rasterizer's fast path: a 2-px line costs it ten times more),
       * one stroke per 64 of them */
      var n = 0;
      ctx.lineWidth = 1;
      ctx.beginPath();
      picks.list.forEach(function (s) {
        var bb = s[3].bbox;
        if (bb[2] * world < x0 || bb[0] * world > x0 + T || bb[3] * world < y0 ||
            bb[1] * world > y0 + T) { return; }
        s[3].lines.forEach(function (l) {
          l.forEach(function (q, k) {
            var px = q[0] * world - x0, py = q[1] * world - y0;
            if (k) { ctx.lineTo(px, py); } else { ctx.moveTo(px, py); }
          });
        });
        if (++n % 64 === 0) { ctx.stroke(); ctx.beginPath(); }
      });
      if (n % 64) { ctx.stroke(); }
    },
    /* after a move: the symbols in view, [x, y, r, item] in container px, the most important
     * first (for clicks, hover and the keyboard: dense_access.js) */
    _view: function (world, o, size) {
      if (this.kind !== "symbol") { return; }
      var shown = [];
      this._pick(world).list.forEach(function (s) {
        var x = s[0] - o.x, y = s[1] - o.y, r = s[2];
        if (x >= -r && y >= -r && x <= size.x + r && y <= size.y + r) { shown.push([x, y, r, s[3]]); }
      });
      this._shown = shown;
      if (this._ring) { this._drawn(); }
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
