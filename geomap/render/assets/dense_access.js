/* geomap map page: reaching a dense map's symbols (dense.js draws them on a canvas, so no symbol
 * has an element of its own). Pointer: hovering a symbol shows its tooltip, as on a small map.
 * Keyboard: each symbol layer is one tab stop on the map; it selects the most important symbol
 * in view (a ring marks it, a live region reads it), the arrow keys move to the nearest symbol
 * in that direction, Home back to the first, Enter or Space opens its popup. Text is set as
 * text (the tooltip is an element made by map.js; labels go in aria-label / textContent). */
(function () {
  "use strict";
  var P = window.geomapParts = window.geomapParts || {};
  var DIRS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };

  P.DenseLayer.include({
    _addAccess: function (map) {
      var c = map.getContainer(), self = this;
      var ring = this._ring = L.DomUtil.create("div", "gm-dense-focus", c);
      var live = this._live = L.DomUtil.create("div", "gm-sr", c);
      ring.tabIndex = 0; ring.setAttribute("role", "button");
      live.setAttribute("aria-live", "polite");
      this._select(null);
      L.DomEvent.on(ring, "focus", function () {
        self._select((self._sel && self._find(self._sel)) || (self._shown || [])[0] || null);
      });
      L.DomEvent.on(ring, "blur", function () { self._leave(); });
      L.DomEvent.on(ring, "keydown", function (ev) {
        var cur = self._sel ? self._find(self._sel) : null, d = DIRS[ev.key];
        if (d) {
          self._select(self._toward(cur, d) || cur);
        } else if (ev.key === "Home") {
          self._select((self._shown || [])[0] || null);
        } else if ((ev.key === "Enter" || ev.key === " ") && cur) {
          self._open(cur[3]);
        } else {
          return;
        }
        L.DomEvent.stop(ev);
      });
      map.on("mousemove", this._hover, this); map.on("mouseout", this._leave, this);
      map.on("movestart zoomstart", this._moving, this);
    },
    _removeAccess: function (map) {
      L.DomUtil.remove(this._ring); L.DomUtil.remove(this._live); this._leave();
      map.off("mousemove", this._hover, this); map.off("mouseout", this._leave, this);
      map.off("movestart zoomstart", this._moving, this);
    },
    _drawn: function () {  // after a redraw: the selected symbol moved, or left the view
      var s = this._sel ? this._find(this._sel) : null;
      if (s) { this._place(s); } else if (this._ring) { this._ring.classList.remove("gm-on"); }
    },
    /* the shown symbol under container point p (within its radius and 3 px), or null */
    _at: function (p) {
      var best = null, d0 = Infinity;
      (this._shown || []).forEach(function (s) {
        var d = Math.hypot(s[0] - p.x, s[1] - p.y);
        if (d <= s[2] + 3 && d < d0) { d0 = d; best = s; }
      });
      return best;
    },
    _find: function (item) {
      var shown = this._shown || [];
      for (var i = 0; i < shown.length; i++) { if (shown[i][3] === item) { return shown[i]; } }
      return null;
    },
    /* the nearest shown symbol from cur in direction d (off-axis distance counts double) */
    _toward: function (cur, d) {
      var best = null, s0 = Infinity;
      if (!cur) { return (this._shown || [])[0] || null; }
      this._shown.forEach(function (s) {
        var dx = s[0] - cur[0], dy = s[1] - cur[1], along = dx * d[0] + dy * d[1];
        var score = along + 2 * Math.abs(dx * d[1] - dy * d[0]);
        if (along > 0.5 && score < s0) { s0 = score; best = s; }
      });
      return best;
    },
    _place: function (s) {
      var r = s[2] + 4, ring = this._ring;
      ring.style.left = (s[0] - r) + "px"; ring.style.top = (s[1] - r) + "px";
      ring.style.width = ring.style.height = (2 * r) + "px";
      ring.classList.add("gm-on");
    },
    _select: function (s) {
      var st = this.style;
      this._sel = s ? s[3] : null;
      if (!s) {
        this._ring.classList.remove("gm-on");
        this._ring.setAttribute("aria-label", st.name + ": " + (this._shown && this._shown.length
          ? "arrow keys move between the symbols in view, Enter opens one" : "none in view"));
        return;
      }
      var text = st.label(s[3].f);
      this._place(s);
      this._ring.setAttribute("aria-label", text);
      this._live.textContent = text;
      this._tipFor(s);
    },
    _hover: function (e) {
      var self = this;
      if (e.originalEvent && e.originalEvent.buttons) { return; }  // a drag, not a hover
      this._hoverAt = e.containerPoint;
      if (this._hoverPending) { return; }
      this._hoverPending = true;
      L.Util.requestAnimFrame(function () {  // one look-up per frame, however fast the mouse
        self._hoverPending = false;
        if (!self._map) { return; }
        var s = self._at(self._hoverAt), c = self._map.getContainer();
        if (s) { c.style.cursor = "pointer"; self._cursor = true; } else if (self._cursor) {
          c.style.cursor = ""; self._cursor = false;
        }
        if (s) { self._tipFor(s); } else if (document.activeElement !== self._ring) { self._leave(); }
      });
    },
    _tipFor: function (s) {
      var f = s[3].f, c = f.geometry.coordinates;
      if (!this._tip) { this._tip = L.tooltip({ direction: "top", className: "gm-dense-tip" }); }
      this._tip.options.offset = [0, -s[2]];
      this._tip.setLatLng([c[1], c[0]]).setContent(this.style.tip(f));
      if (!this._map.hasLayer(this._tip)) { this._map.openTooltip(this._tip); }
    },
    _moving: function () {  // the ring stays on the container: hidden until the redraw
      this._leave(); this._ring.classList.remove("gm-on");
    },
    _leave: function () {
      if (this._tip && this._map && this._map.hasLayer(this._tip)) { this._map.closeTooltip(this._tip); }
      if (this._ring && document.activeElement !== this._ring) { this._ring.classList.remove("gm-on"); }
    }
  });
}());
