/* geomap map page: the frame, the legend and the halo caption.
 * The first view fits the events' frame (D.view) by zoom and centre (fractional zoom, padding;
 * halos may run off the edge), and the map takes the story's shape so that the frame covers at
 * least half of it (FILL):
 * - a story whose shape the screen can hold: the map fills the width it is given (the page, or
 *   an embed's iframe), beside a column for the legend and caption on a page at least WIDE px,
 *   above them otherwise; its height follows the frame's Mercator aspect within the screen;
 * - a story taller than that (Syria to Yemen): on a wide page the map is as tall as the screen
 *   below the title and as wide as FILL allows (at least NARROWEST px); the legend, caption,
 *   time filter and events table go beside it in one scrolling column. On a narrow page (a
 *   phone, an embed under WIDE px) the map narrows the same way, centred, the rest below;
 * - a story wider than the map's floor height allows: the map is lower (down to LOWEST px).
 * A story more elongated than NARROWEST (or LOWEST) px allows keeps the floor: every point in
 * view, less than half of the map in its box. The legend lists only what the map draws. */
(function () {
  "use strict";
  var parts = window.geomapParts = window.geomapParts || {};
  var PAD = 24, SIDE = 268, WIDE = 900, FILL = 0.52, NARROWEST = 280, LOWEST = 140;
  var RELAYOUT_MS = 150;  // a resize or rotation settles before the layout runs again
  /* a phone's address bar showing or hiding as the reader scrolls changes the height only, by
   * less than this: the layout stays (a map changing size under a scrolling finger jumps) */
  var TOOLBAR = 150;

  /* the share of a W x H map covered by a frame of aspect a (height / width, Mercator) fitted
   * inside the padding and above the attribution (att px) */
  function fillOf(a, W, H, att) {
    var bw = Math.min(W - 2 * PAD, (H - 2 * PAD - att) / a);
    return Math.max(bw, 0) * Math.max(bw, 0) * a / (W * H);
  }

  /* the map's size [W, H] for a frame of aspect a in a width w and a height room; tall: the
   * map may narrow (a wide page's story layout, or a narrow page), else it keeps w */
  function mapSize(a, w, room, low, att) {
    var H = Math.round(Math.min(Math.max((w - 2 * PAD) * a + 2 * PAD + att, low), room));
    if (fillOf(a, w, H, att) >= FILL) { return [w, H]; }
    var bh = H - 2 * PAD - att, bw = bh / a;
    if (bw < w - 2 * PAD) {  // taller than the map: narrow it to its shape
      return [Math.max(Math.min(Math.floor(bw * bh / (FILL * H)), w), Math.min(NARROWEST, w)), H];
    }
    // wider than the floor height allows: lower the map (never below the frame's own height
    // and LOWEST)
    var bw2 = w - 2 * PAD, bh2 = bw2 * a, need = bw2 * bh2 / (FILL * w);
    return [w, Math.round(Math.max(Math.min(H, need), bh2 + 2 * PAD + att, Math.min(LOWEST, H)))];
  }

  /* the attribution's height: one line on a map under 480 px (cut short, whole on hover or
   * focus; the credit line under the map says it all) */
  function attribution(c) {
    var e = c.querySelector(".leaflet-control-attribution");
    if (!e) { return 0; }
    var narrow = c.clientWidth < 480;
    e.classList.toggle("gm-attribution-short", narrow);
    e.style.maxWidth = narrow ? (c.clientWidth - 4) + "px" : "";
    return e.offsetHeight;
  }

  /* ctx: map, D, el, legendBox (a <details>), radius (of the largest symbol, px).
   * The layout and the fit run again after a resize or a rotation (debounced, RELAYOUT_MS):
   * the map takes the new screen's shape; the view is fitted again unless the reader has
   * moved or zoomed the map, whose centre and zoom are then kept. */
  parts.layout = function (ctx) {
    var map = ctx.map, D = ctx.D, c = map.getContainer(), F = D.view || D.bounds;
    PAD = Math.max(12, Math.min(24, Math.ceil(ctx.radius || 18) + 6));  // a symbol's room
    var stage = ctx.el("div", "gm-stage"), side = ctx.el("div", "gm-side");
    c.parentNode.insertBefore(stage, c);
    stage.appendChild(c); stage.appendChild(side);
    var caption = D.caption ? ctx.el("p", "gm-caption", D.caption) : null;
    var single = !F || (F[0] === F[2] && F[1] === F[3]), a = 1;
    if (!single) {
      var p0 = map.project([F[1], F[0]], 0), p1 = map.project([F[3], F[2]], 0);
      a = Math.max(Math.abs(p1.y - p0.y), 1e-9) / Math.max(Math.abs(p1.x - p0.x), 1e-9);
    }
    if (ctx.legendBox) { side.appendChild(ctx.legendBox); }
    if (caption) { side.appendChild(caption); }
    // the time filter and the events table: beside the map for a tall story, else where the
    // page has them (a marker keeps their place)
    var movable = [document.getElementById("gm-time"), document.querySelector(".gm-table-wrap")]
      .filter(Boolean).map(function (e) {
        var mark = document.createComment("gm-place");
        e.parentNode.insertBefore(mark, e);
        return [e, mark];
      });

    function arrange() {
      var phone = window.innerWidth < 600, avail = stage.clientWidth || window.innerWidth;
      var beside = !phone && avail >= WIDE, w = beside ? avail - SIDE : avail, tall = false;
      var size = null;
      c.style.width = beside ? "calc(100% - " + SIDE + "px)" : "100%";
      if (!single) {
        var top = c.getBoundingClientRect().top + window.scrollY, ih = window.innerHeight;
        var room = Math.max(300, Math.min(ih * (phone ? 0.8 : 0.82), ih - top - 36, 900));
        var low = phone ? 240 : 300;
        size = mapSize(a, w, room, low, attribution(c));
        if (!phone && size[0] < w) {  // a tall story: as tall as the screen, the rest beside
          tall = beside = true; w = avail - SIDE;
          room = Math.max(300, Math.min(ih - top - 12, 900));
          size = mapSize(a, w, room, low, attribution(c));
        }
        for (var pass = 0; pass < 2; pass++) {  // a narrower map may wrap its attribution
          c.style.width = size[0] + "px"; c.style.height = size[1] + "px";
          size = mapSize(a, w, room, low, attribution(c));
        }
        c.style.maxHeight = "none"; c.style.minHeight = "0";
      }
      stage.classList.toggle("gm-beside", beside);
      c.style.width = size && size[0] < w ? size[0] + "px"  // else it follows the page's width
        : beside ? "calc(100% - " + SIDE + "px)" : "100%";
      if (size) { c.style.height = size[1] + "px"; }
      c.classList.toggle("gm-low", !!size && size[1] < 240);  // a strip: no zoom buttons, scale
      stage.classList.toggle("gm-tall", tall);
      movable.forEach(function (m) {
        if (tall) { side.appendChild(m[0]); } else { m[1].parentNode.insertBefore(m[0], m[1]); }
      });
      side.style.maxHeight = tall ? c.style.height : "";
      map.invalidateSize({ animate: false });  // keeps the centre
    }

    var ours = false, moved = false;  // moved: the reader panned or zoomed (not our fit)
    map.on("movestart zoomstart", function () { if (!ours) { moved = true; } });
    function fit() {
      ours = true;
      if (single) {
        map.setView(F ? [F[1], F[0]] : [20, 0], F ? 7 : 2, { animate: false });
      } else {
        var snap = map.options.zoomSnap;
        map.options.zoomSnap = 0;  // fit exactly: a snapped zoom leaves a margin of empty map
        map.fitBounds([[F[1], F[0]], [F[3], F[2]]], { paddingTopLeft: [PAD, PAD],
          paddingBottomRight: [PAD, PAD + attribution(c)], maxZoom: 12, animate: false });
        map.options.zoomSnap = snap;
      }
      ours = false;
    }
    arrange(); fit();
    var inset = { control: parts.inset(map, D) };
    clearCorner(c); map.on("resize", function () { attribution(c); clearCorner(c); });

    var timer = null, screen = [window.innerWidth, window.innerHeight];
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (screen[0] === window.innerWidth
            && Math.abs(screen[1] - window.innerHeight) < TOOLBAR) { return; }
        screen = [window.innerWidth, window.innerHeight];
        ours = true; arrange(); ours = false;
        if (!moved) { fit(); }
        if (inset.control) { map.removeControl(inset.control); }  // "auto": only if it fits
        inset.control = parts.inset(map, D);
        clearCorner(c);
        c.setAttribute("data-gm-layout", screen.join("x"));  // done, for the tests
      }, RELAYOUT_MS);
    });
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
    control.onRemove = function () { map.off("moveend", update); };
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
