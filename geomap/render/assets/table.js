/* geomap map page: the events table under the map and the time filter (map.js calls them).
 * The table lists the events of the days shown, 200 at first (a button shows all), with a
 * caption, scoped headers and cells filled as text (map.js's fillCell). In a column narrower
 * than the table needs (a phone, a tall story's column) each event is a block of its fields,
 * each with its column's name (data-label, map.css), none left out. The time filter is two
 * sliders over D.days; a change redraws the map. */
(function () {
  "use strict";
  var P = window.geomapParts = window.geomapParts || {};

  /* ctx: D, el(tag, cls, text), fillCell(td, value), DATA (columns), COLS, N, AT (event ->
   * place label, by role), visible(i). Returns render(): the table again, for the days shown. */
  P.eventsTable = function (ctx) {
    var D = ctx.D, el = ctx.el, COLS = ctx.COLS, N = ctx.N;
    var PAGE = 200, shown = PAGE, KEYS = COLS.map(function (c) { return c[0]; });
    var HEAD = { "@target": "Target", "@origin": "Origin" };
    function tableValue(key, i) {
      if (key === "@target" || key === "@origin") { return ctx.AT[key.slice(1)][i]; }
      return ctx.DATA[KEYS.indexOf(key)][i];
    }
    function renderTable() {
      var host = document.getElementById("gm-table"), rows = [], i;
      for (i = 0; i < N; i++) { if (ctx.visible(i)) { rows.push(i); } }
      host.textContent = "";
      var table = el("table", "gm-events"), cap = el("caption", null,
        rows.length + " of " + N + " events shown"), thead = el("thead"), tr = el("tr");
      cap.setAttribute("aria-live", "polite");
      table.appendChild(cap);
      var labels = D.table.map(function (key) { return HEAD[key] || COLS[KEYS.indexOf(key)][1]; });
      D.table.forEach(function (key, k) {
        var label = labels[k], th = el("th", null, label);
        th.setAttribute("scope", "col"); tr.appendChild(th);
      });
      thead.appendChild(tr); table.appendChild(thead);
      var tbody = el("tbody");
      rows.slice(0, shown).forEach(function (i) {
        var r = el("tr");
        D.table.forEach(function (key, k) {
          var v = tableValue(key, i), cell = el(k === 0 ? "th" : "td", "gm-col-" + key.replace("@", ""));
          cell.setAttribute("data-label", labels[k]);  // shown beside the value in a narrow column
          if (k === 0) { cell.setAttribute("scope", "row"); }
          if (v !== null && v !== undefined) { ctx.fillCell(cell, v); }
          r.appendChild(cell);
        });
        tbody.appendChild(r);
      });
      table.appendChild(tbody); host.appendChild(table);
      if (rows.length > shown) {
        var more = el("button", "gm-more", "Show all " + rows.length + " events");
        more.type = "button";
        more.addEventListener("click", function () { shown = Infinity; renderTable(); });
        host.appendChild(more);
      }
    }
    return renderTable;
  };

  /* The sliders (only if D.days): set(from, to, redraw) on every move of one, redraw true
   * when it is let go. */
  P.timeFilter = function (D, el, set) {
    if (!D.days) { return; }
    var box = document.getElementById("gm-time"), n = D.days.days - 1;
    box.hidden = false;
    var out = el("output", "gm-time-out"); out.setAttribute("aria-live", "polite");
    function slider(label, value) {
      var wrap = el("label", "gm-time-range"), input = el("input");
      input.type = "range"; input.min = 0; input.max = n; input.step = 1; input.value = value;
      wrap.appendChild(el("span", null, label)); wrap.appendChild(input); box.appendChild(wrap);
      return input;
    }
    box.appendChild(el("span", "gm-time-title", "Dates shown"));
    var a = slider("From", 0), b = slider("To", n);
    box.appendChild(out);
    function update(redraw) {
      var from = Math.min(+a.value, +b.value), to = Math.max(+a.value, +b.value);
      out.textContent = D.days.labels[from] + " – " + D.days.labels[to];
      set(from, to, redraw);
    }
    a.addEventListener("input", function () { update(false); });
    b.addEventListener("input", function () { update(false); });
    a.addEventListener("change", function () { update(true); });
    b.addEventListener("change", function () { update(true); });
    update(false);
  };
}());
