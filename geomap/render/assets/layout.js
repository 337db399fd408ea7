/* geomap map page: the frame, the legend and the halo caption.
 * The map fills the width it is given (the page, or an embed's iframe): beside it a column for
 * the legend and caption when the page is at least WIDE px, else they go below the map. Its
 * height follows the shape of the story (the events' frame, D.view) within the screen; the
 * first view fits the frame's points and paths by zoom and centre (fractional zoom, padding;
 * halos may run off the edge). A story taller than the screen allows keeps the full width and
 * shows the land on either side. The legend lists only what the map draws, collapsible. */
(function () {
  "use strict";
  var parts = window.geomapParts = window.geomapParts || {};
  var PAD = 24, SIDE = 268, WIDE = 900;

  /* the map's height for a frame of Mercator aspect a (height / width) at width w: at most
   * 82% of the screen (80% on a phone) and short enough that the line below (the legend's
   * summary in an embed) stays in view */
  function mapHeight(a, w, phone, top) {
    var room = Math.min(window.innerHeight * (phone ? 0.8 : 0.82), window.innerHeight - top - 36);
    var hMax = Math.max(300, Math.min(room, 900));
    var h = (w - 2 * PAD) * Math.max(a, 0.2) + 3 * PAD;
    return Math.round(Math.max(Math.min(h, hMax), phone ? 240 : 300));
  }

  /* ctx: map, D, el, legendBox (a <details>) */
  parts.layout = function (ctx) {
    var map = ctx.map, D = ctx.D, c = map.getContainer(), F = D.view || D.bounds;
    var stage = ctx.el("div", "gm-stage"), side = ctx.el("div", "gm-side");
    c.parentNode.insertBefore(stage, c);
    stage.appendChild(c); stage.appendChild(side);
    var caption = D.caption ? ctx.el("p", "gm-caption", D.caption) : null;
    var phone = window.innerWidth < 600, avail = stage.clientWidth || window.innerWidth;
    var single = !F || (F[0] === F[2] && F[1] === F[3]);
    var beside = !phone && avail >= WIDE, w = beside ? avail - SIDE : avail;
    stage.classList.toggle("gm-beside", beside);
    c.style.width = beside ? "calc(100% - " + SIDE + "px)" : "100%";  // follows a resize
    if (!single) {
      var p0 = map.project([F[1], F[0]], 0), p1 = map.project([F[3], F[2]], 0);
      var a = Math.max(Math.abs(p1.y - p0.y), 1e-9) / Math.max(Math.abs(p1.x - p0.x), 1e-9);
      c.style.height = mapHeight(a, w, phone, c.getBoundingClientRect().top + window.scrollY) + "px";
      c.style.maxHeight = "none"; c.style.minHeight = "0";
    }
    map.invalidateSize({ animate: false });

    if (single) {
      map.setView(F ? [F[1], F[0]] : [20, 0], F ? 7 : 2);
    } else {
      var snap = map.options.zoomSnap, attribution = c.querySelector(".leaflet-control-attribution");
      map.options.zoomSnap = 0;  // fit exactly: a snapped zoom leaves a margin of empty map
      map.fitBounds([[F[1], F[0]], [F[3], F[2]]], { paddingTopLeft: [PAD, PAD],
        paddingBottomRight: [PAD, PAD + (attribution ? attribution.offsetHeight : 0)],
        maxZoom: 12, animate: false });
      map.options.zoomSnap = snap;
    }
    if (ctx.legendBox) { side.appendChild(ctx.legendBox); }
    if (caption) { side.appendChild(caption); }
    var inset = parts.inset(map, D);
    clearCorner(c); map.on("resize", function () { clearCorner(c); });
    return { inset: inset };
  };

  /* the scale (and inset) in the lower-left corner go above the attribution when it runs
   * under them (two lines on a narrow map) */
  function clearCorner(c) {
    var att = c.querySelector(".leaflet-control-attribution");
    var left = c.querySelector(".leaflet-bottom.leaflet-left");
    if (!att || !left) { return; }
    left.style.bottom = "";
    var a = att.getBoundingClientRect(), l = left.getBoundingClientRect();
    if (l.height && a.left < l.right && a.top < l.bottom) {
      left.style.bottom = att.offsetHeight + "px";
    }
  }

  /* An inset locator: the land around the frame, coarsened, with the map's view as a red box
   * (kept up to date on every move). D.inset: "auto" for a small area (frame under 8 degrees
   * across) on a map at least 480 px wide (on a phone it would cover the events), true always,
   * false never. */
  parts.inset = function (map, D) {
    var F = D.view || D.bounds, B = D.basemap, NS = "http://www.w3.org/2000/svg";
    var extent = F ? Math.max(F[2] - F[0], F[3] - F[1]) : 0;
    if (!F || !B || D.inset === false
        || (D.inset !== true && (extent >= 8 || map.getSize().x < 480))) {
      return null;
    }
    var cx = (F[0] + F[2]) / 2, cy = (F[1] + F[3]) / 2, W = 120, H = 90;
    var SPAN = Math.min(360, Math.max(50, 3 * extent));
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

  /* Popups no wider than their map: Leaflet's maxWidth (340 px) and the padding that keeps
   * them off the zoom buttons (48 px) ran a popup with long text past the right edge of a
   * 390-px phone map, its close button out of sight. On a map under 480 px the padding is
   * 8 px; the width leaves 60 px besides. */
  var popupLayout = L.Popup.prototype._updateLayout;
  L.Popup.include({
    _updateLayout: function () {
      var o = this.options, w = this._map ? this._map.getSize().x : Infinity;
      if (!o.gmAsked) { o.gmAsked = [o.maxWidth, o.minWidth, o.autoPanPaddingTopLeft]; }
      var pad = w < 480 ? [8, (o.gmAsked[2] || [0, 5])[1]] : o.gmAsked[2];
      o.autoPanPaddingTopLeft = pad;
      o.maxWidth = Math.max(120, Math.min(o.gmAsked[0], w - 60 - (pad ? pad[0] : 5)));
      o.minWidth = Math.min(o.gmAsked[1], o.maxWidth);
      popupLayout.call(this);
    }
  });

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
