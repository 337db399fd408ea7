/* geomap map page: the frame, the legend and the halo caption.
 * The map takes the shape of the story (its height follows the events' frame, D.view, within
 * the screen), the first view fits the frame's points and paths (halos may run off the edge);
 * the legend lists only what the map draws, beside the map when there is room, below it on a
 * phone, else in the map's emptiest corner, always collapsible. */
(function () {
  "use strict";
  var parts = window.geomapParts = window.geomapParts || {};
  var PAD = 24, SIDE = 250, MIN_W = 300;

  /* ctx: map, D, el, legendBox (a <details>), points() -> container px of drawn symbols */
  parts.layout = function (ctx) {
    var map = ctx.map, D = ctx.D, c = map.getContainer(), F = D.view || D.bounds;
    var stage = ctx.el("div", "gm-stage"), side = ctx.el("div", "gm-side");
    c.parentNode.insertBefore(stage, c);
    stage.appendChild(c); stage.appendChild(side);
    var caption = D.caption ? ctx.el("p", "gm-caption", D.caption) : null;
    var phone = window.innerWidth < 600, avail = stage.clientWidth || window.innerWidth;
    var single = !F || (F[0] === F[2] && F[1] === F[3]);
    var w = avail, h = c.clientHeight;
    if (!single) {
      var p0 = map.project([F[1], F[0]], 0), p1 = map.project([F[3], F[2]], 0);
      var a = Math.max(Math.abs(p1.y - p0.y), 1e-9) / Math.max(Math.abs(p1.x - p0.x), 1e-9);
      var hMax = Math.max(300, Math.min(window.innerHeight * (phone ? 0.8 : 0.82), 900));
      a = Math.max(a, 0.3);
      h = (w - 2 * PAD) * a + 3 * PAD;
      if (h > hMax) { h = hMax; w = Math.min(avail, Math.max((h - 3 * PAD) / a + 2 * PAD, MIN_W)); }
      h = Math.max(h, phone ? 240 : 300);
      c.style.width = Math.round(w) + "px"; c.style.height = Math.round(h) + "px";
      c.style.maxHeight = "none"; c.style.minHeight = "0";
    }
    var beside = !phone && avail - w >= SIDE;
    stage.classList.toggle("gm-beside", beside);
    map.invalidateSize({ animate: false });

    if (single) {
      map.setView(F ? [F[1], F[0]] : [20, 0], F ? 7 : 2);
    } else {
      var snap = map.options.zoomSnap;
      map.options.zoomSnap = 0;  // fit exactly: a snapped zoom leaves a margin of empty map
      var fit = function () {
        var attribution = c.querySelector(".leaflet-control-attribution");
        var low = PAD + (attribution ? attribution.offsetHeight : 0);
        map.fitBounds([[F[1], F[0]], [F[3], F[2]]], { paddingTopLeft: [PAD, PAD],
          paddingBottomRight: [PAD, low], maxZoom: 12, animate: false });
        var a = map.latLngToContainerPoint([F[3], F[0]]), b = map.latLngToContainerPoint([F[1], F[2]]);
        return [b.x - a.x, (b.y - a.y) / c.clientHeight];
      };
      var got = fit();  // the frame should fill at least about 56% of the map: else narrow it
      if (got[0] * got[1] < 0.56 * c.clientWidth) {
        c.style.width = Math.round(Math.max(got[0] + 2 * PAD, got[0] * got[1] / 0.56)) + "px";
        map.invalidateSize({ animate: false });
        beside = avail - c.clientWidth >= SIDE && !phone;
        stage.classList.toggle("gm-beside", beside);
        fit();
      }
      map.options.zoomSnap = snap;
    }

    var legend = ctx.legendBox, control = null;
    if (beside || phone) {
      if (legend) { side.appendChild(legend); }
    } else if (legend) {
      control = L.control({ position: "bottomright" });
      legend.classList.add("leaflet-bar");
      control.onAdd = function () { return legend; };
      control.addTo(map);
      var size = map.getSize(), lw = legend.offsetWidth, lh = legend.offsetHeight, pts = ctx.points();
      var corners = { topleft: [0, 0], topright: [size.x - lw, 0], bottomleft: [0, size.y - lh],
                      bottomright: [size.x - lw, size.y - lh] }, best = null, fewest = Infinity;
      ["bottomright", "bottomleft", "topright", "topleft"].forEach(function (k) {
        var o = corners[k], n = 0;
        pts.forEach(function (p) {
          if (p.x >= o[0] - 12 && p.x <= o[0] + lw + 12 && p.y >= o[1] - 12 && p.y <= o[1] + lh + 12) { n++; }
        });
        if (n < fewest) { fewest = n; best = k; }
      });
      control.setPosition(best);
    }
    if (caption) { side.appendChild(caption); }
    return { legend: control, inset: parts.inset(map, D) };
  };

  /* An inset locator for a small area (frame under 8 degrees across, a map at least 480 px
   * wide): the land within 25
   * degrees, coarsened, with the map's view as a red box (kept up to date on every move). */
  parts.inset = function (map, D) {
    var F = D.view || D.bounds, B = D.basemap, NS = "http://www.w3.org/2000/svg";
    if (!F || !B || Math.max(F[2] - F[0], F[3] - F[1]) >= 8 || map.getSize().x < 480) {
      return null;  // a wide area needs none; on a phone it would cover the events
    }
    var cx = (F[0] + F[2]) / 2, cy = (F[1] + F[3]) / 2, W = 120, H = 90, SPAN = 50;
    var k = W / SPAN, y0 = cy + SPAN * H / W / 2, x0 = cx - SPAN / 2;
    function xy(q) { return [((q[0] - x0) * k).toFixed(1), ((y0 - q[1]) * k).toFixed(1)]; }
    var svg = document.createElementNS(NS, "svg"), d = [];
    svg.setAttribute("width", W); svg.setAttribute("height", H);
    svg.setAttribute("viewBox", "0 0 " + W + " " + H); svg.setAttribute("class", "gm-inset");
    svg.setAttribute("role", "img"); svg.setAttribute("aria-label", "Where the map is");
    B.world.concat(B.land).forEach(function (c) {
      c[1].forEach(function (poly) {
        var ring = poly[0], step = Math.max(1, Math.floor(ring.length / 40)), pts = [];
        for (var i = 0; i < ring.length; i += step) { pts.push(xy(ring[i]).join(",")); }
        var bx = ring.map(function (q) { return q[0]; });
        if (Math.max.apply(null, bx) < x0 || Math.min.apply(null, bx) > x0 + SPAN) { return; }
        if (pts.length > 2) { d.push("M" + pts.join("L") + "Z"); }
      });
    });
    var land = document.createElementNS(NS, "path"), box = document.createElementNS(NS, "rect");
    land.setAttribute("d", d.join("")); land.setAttribute("fill", "#e6dfd0");
    land.setAttribute("stroke", "#b3a996"); land.setAttribute("stroke-width", "0.4");
    box.setAttribute("fill", "none"); box.setAttribute("stroke", "#c62828");
    box.setAttribute("stroke-width", "1.5");
    svg.appendChild(land); svg.appendChild(box);
    function update() {
      var b = map.getBounds(), a = xy([b.getWest(), b.getNorth()]), z = xy([b.getEast(), b.getSouth()]);
      box.setAttribute("x", a[0]); box.setAttribute("y", a[1]);
      box.setAttribute("width", Math.max(3, z[0] - a[0])); box.setAttribute("height", Math.max(3, z[1] - a[1]));
    }
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "gm-inset-box leaflet-bar");
      div.appendChild(svg);
      return div;
    };
    control.addTo(map); map.on("moveend", update); update();
    return control;
  };

  /* the legend: only the symbols the map draws (D.legend is built from the layers) */
  parts.legend = function (D, el, shapeSvg, precisionClass) {
    if (!D.legend.length) { return null; }
    var box = el("details", "gm-legend"), sum = el("summary", null, "Legend");
    if (window.innerWidth >= 600) { box.open = true; }
    box.appendChild(sum);
    D.legend.forEach(function (sec) {
      var ul = el("ul");
      box.appendChild(el("h4", null, sec.title));
      sec.items.forEach(function (it) {
        var li = el("li"), key = el("span", "gm-key");
        if (it.shape) {
          key.appendChild(shapeSvg(it.shape, +it.size || 14, D.colors[sec.role]));
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
}());
