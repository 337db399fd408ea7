/* geomap map page: label placement (the rule of geomap/render/labels.py, table from D.label_rules).
 * Place labels in rank order try 8 positions around their symbol, then wider rings with a
 * leader line; a label keeps the first position that stays inside the map and meets no placed
 * label, symbol or control. Sea and country names come after, centred, shown only where they
 * fit; a country name blocked at its anchor may move, inside its country's outline. Run after
 * every move and zoom; during a zoom animation labels are hidden. Text reaches the DOM with
 * textContent only. */
(function () {
  "use strict";
  var parts = window.geomapParts = window.geomapParts || {};

  /* boxes by cell (numeric keys: 20,000 symbols' string keys took longer than the rest) */
  function Grid(cell) { this.cell = cell; this.cells = new Map(); }
  function cellKey(i, j) { return (i + 32768) * 65536 + j + 32768; }
  Grid.prototype.add = function (b) {
    var c = this.cell;
    for (var i = Math.floor(b[0] / c); i <= Math.floor(b[2] / c); i++) {
      for (var j = Math.floor(b[1] / c); j <= Math.floor(b[3] / c); j++) {
        var k = cellKey(i, j), list = this.cells.get(k);
        if (list) { list.push(b); } else { this.cells.set(k, [b]); }
      }
    }
  };
  Grid.prototype.hits = function (b, gap) {
    var c = this.cell;
    for (var i = Math.floor((b[0] - gap) / c); i <= Math.floor((b[2] + gap) / c); i++) {
      for (var j = Math.floor((b[1] - gap) / c); j <= Math.floor((b[3] + gap) / c); j++) {
        var list = this.cells.get(cellKey(i, j));
        if (!list) { continue; }
        for (var k = 0; k < list.length; k++) {
          var o = list[k];
          if (b[0] < o[2] + gap && o[0] < b[2] + gap && b[1] < o[3] + gap && o[1] < b[3] + gap) {
            return true;
          }
        }
      }
    }
    return false;
  };

  /* A country name that meets a place label or a symbol at its anchor may move (in name widths
   * and heights), as long as its box's corners and centre stay inside the country. */
  var MOVES = [[0, 0]];
  [0, -0.5, 0.5, -1, 1].forEach(function (dx) {
    [0, -1.6, 1.6, -3.2, 3.2, -5, 5].forEach(function (dy) {
      if (dx || dy) { MOVES.push([dx, dy]); }
    });
  });
  MOVES.sort(function (a, b) { return Math.hypot(a[0] * 3, a[1]) - Math.hypot(b[0] * 3, b[1]); });
  function inRing(ring, x, y) {
    var odd = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var a = ring[i], b = ring[j];
      if ((a[1] > y) !== (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]) {
        odd = !odd;
      }
    }
    return odd;
  }
  function inLand(multis, ll) {  // multis: a list of MultiPolygon coordinates (lon, lat)
    return multis.some(function (multi) {
      return multi.some(function (poly) {
        return inRing(poly[0], ll.lng, ll.lat) && !poly.slice(1).some(function (hole) {
          return inRing(hole, ll.lng, ll.lat);
        });
      });
    });
  }

  function candidate(x, y, r, w, h, d, ring) {
    var off = r + ring;
    if (d[0] && d[1]) { off *= 0.72; }
    var left = x + d[0] * off - (d[0] < 0 ? w : d[0] === 0 ? w / 2 : 0);
    var top = y + d[1] * off - (d[1] < 0 ? h : d[1] === 0 ? h / 2 : 0);
    return [left, top, left + w, top + h];
  }

  /* ctx: map, rules, el(tag, cls, text), group (the labels layer group), names (fixed
   * basemap names: {marker, ll, span, size: [w, h] degrees or null}), obstacles() -> boxes
   * of symbols and controls in container px. */
  parts.labels = function (ctx) {
    var map = ctx.map, rules = ctx.rules, records = [], MAX = 400, pending = false;
    function within(multis, b) {
      var cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2;
      return [[cx, cy], [b[0], b[1]], [b[2], b[1]], [b[0], b[3]], [b[2], b[3]]].every(function (q) {
        return inLand(multis, map.containerPointToLatLng(q));
      });
    }

    function makeMarker(rec) {
      var icon = ctx.el("div"), span = ctx.el("span", null, rec.name), lead = ctx.el("i", "gm-leader");
      icon.appendChild(lead); icon.appendChild(span);
      rec.span = span; rec.lead = lead;
      rec.marker = L.marker(rec.ll, { interactive: false, keyboard: false, pane: "gm-labels",
        icon: L.divIcon({ className: "gm-label gm-off", html: icon, iconSize: null,
                          iconAnchor: [0, 0] }) });
    }
    function show(rec, on) {
      var e = rec.marker && rec.marker.getElement();
      if (e) { e.classList.toggle("gm-off", !on); }
    }
    function fits(rec, w, h) {
      if (!rec.size) { return true; }
      var a = map.latLngToContainerPoint([rec.ll.lat - rec.size[1] / 2, rec.ll.lng - rec.size[0] / 2]);
      var b = map.latLngToContainerPoint([rec.ll.lat + rec.size[1] / 2, rec.ll.lng + rec.size[0] / 2]);
      return w < 0.9 * Math.abs(b.x - a.x) && h < 0.9 * Math.abs(b.y - a.y);
    }
    function leader(rec, box, x, y) {
      var cx = Math.max(box[0], Math.min(x, box[2])) - x, cy = Math.max(box[1], Math.min(y, box[3])) - y;
      var len = Math.sqrt(cx * cx + cy * cy), s = rec.lead.style;
      if (len <= rec.r + 1) { s.display = "none"; return; }
      s.display = "block"; s.width = (len - rec.r) + "px";
      s.transform = "rotate(" + Math.atan2(cy, cx) + "rad) translateX(" + rec.r + "px)";
    }

    function place() {
      pending = false;
      map.getContainer().classList.remove("gm-zooming");
      var size = map.getSize(), area = [2, 2, size.x - 2, size.y - 2], gap = rules.gap;
      var obstacles = new Grid(64), placed = new Grid(64), on = map.hasLayer(ctx.group);
      ctx.obstacles().forEach(function (b) { obstacles.add(b); });
      var inView = [], bounds = map.getBounds().pad(0.05);
      records.forEach(function (rec) {
        if (on && inView.length < MAX && bounds.contains(rec.ll)) { inView.push(rec); }
        else { show(rec, false); }
      });
      inView.forEach(function (rec) {  // create and add first, then measure all at once
        if (!rec.marker) { makeMarker(rec); }
        if (!ctx.group.hasLayer(rec.marker)) { ctx.group.addLayer(rec.marker); }
      });
      inView.forEach(function (rec) { if (!rec.w) { show(rec, true); } });
      inView.forEach(function (rec) {
        if (!rec.w) { rec.w = rec.span.offsetWidth; rec.h = rec.span.offsetHeight; }
      });
      inView.forEach(function (rec) {
        var p = map.latLngToContainerPoint(rec.ll), found = null, lead = false;
        for (var k = 0; k < rules.rings.length && !found; k++) {
          for (var d = 0; d < rules.candidates.length; d++) {
            var box = candidate(p.x, p.y, rec.r, rec.w, rec.h, rules.candidates[d], rules.rings[k]);
            if (box[0] < area[0] || box[2] > area[2] || box[1] < area[1] || box[3] > area[3]) { continue; }
            if (placed.hits(box, gap) || obstacles.hits(box, 0)) { continue; }
            found = box; lead = k > 0; break;
          }
        }
        show(rec, !!found);
        if (!found) { return; }
        placed.add(found);
        rec.span.style.left = (found[0] - p.x) + "px"; rec.span.style.top = (found[1] - p.y) + "px";
        if (lead) { leader(rec, found, p.x, p.y); } else { rec.lead.style.display = "none"; }
      });
      var names = ctx.names.filter(function (rec) {  // write all, then read all: one layout
        var e = rec.marker.getElement(), keep = e && map.hasLayer(rec.marker) && bounds.contains(rec.ll);
        if (e) { e.classList.toggle("gm-off", !keep); }
        return keep;
      });
      names.forEach(function (rec) { rec.w = rec.span.offsetWidth; rec.h = rec.span.offsetHeight; });
      var tests = 0;
      names.forEach(function (rec) {
        var w = rec.w, h = rec.h, p = map.latLngToContainerPoint(rec.ll), found = null;
        function free(box) {
          return box[0] >= area[0] && box[2] <= area[2] && box[1] >= area[1] &&
            box[3] <= area[3] && !placed.hits(box, gap) && !obstacles.hits(box, 0);
        }
        if (w > 0 && fits(rec, w, h)) {
          var moves = rec.outline ? MOVES : [[0, 0]];
          for (var k = 0; k < moves.length && !found && tests < 150; k++) {
            var x = p.x + moves[k][0] * w, y = p.y + moves[k][1] * h;
            var box = [x - w / 2, y - h / 2, x + w / 2, y + h / 2];
            if (free(box) && (k === 0 || (tests++, within(rec.outline, box)))) { found = box; }
          }
        }
        if (found) {  // moved off its anchor (placed labels or symbols there), inside its land
          placed.add(found);
          rec.span.style.left = (found[0] + w / 2 - p.x) + "px";
          rec.span.style.top = (found[1] + h / 2 - p.y) + "px";
        } else { rec.marker.getElement().classList.add("gm-off"); }
      });
    }
    function later() {
      if (!pending) { pending = true; setTimeout(place, 0); }
    }
    map.on("zoomstart", function () { map.getContainer().classList.add("gm-zooming"); });
    map.on("moveend zoomend overlayadd overlayremove resize", later);
    return {
      /* the place labels: [{ll, r, rank, name}], any order */
      set: function (list) {
        records.forEach(function (rec) { if (rec.marker) { ctx.group.removeLayer(rec.marker); } });
        records = list.slice().sort(function (a, b) { return a.rank - b.rank; });
        place();
      },
      place: place
    };
  };
}());
