// The page's own script: draws the charts and the accounts table from window.VET, which vet
// writes with json.Marshal. Everything from the input is put in the page as text
// (textContent, setAttribute), never parsed as markup. window.__vetReady turns true once every
// chart has drawn and the table is on the page.
(function () {
  "use strict";
  var D = window.VET, M = D.meta, A = D.accounts;
  var hasCharts = typeof echarts !== "undefined";
  var nf = new Intl.NumberFormat("en-US");
  var pending = 1; // the table, plus one per chart
  function done() { if (--pending === 0) { window.__vetReady = true; } }

  // Numbers as a client reads them.
  function commas(n) { return nf.format(n); }
  function fixed(n, d) { return n.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d }); }
  function percent(v) { return v === null || v === undefined ? null : fixed(v, 2) + "%"; }
  function approx(n) {
    var units = [[1e9, "B"], [1e6, "M"], [1e3, "K"]];
    for (var i = 0; i < units.length; i++) {
      if (n >= units[i][0]) {
        var s = (n / units[i][0]).toFixed(1).replace(/\.0$/, "");
        return "~" + s + units[i][1];
      }
    }
    return "~" + commas(n);
  }
  // compact writes an axis's count short: 1K, 2.5M.
  function compact(n) {
    var units = [[1e9, "B"], [1e6, "M"], [1e3, "K"]];
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(n) >= units[i][0]) { return String(Number((n / units[i][0]).toFixed(1))) + units[i][1]; }
    }
    return commas(n);
  }
  function plural(n, thing) { return (n === 1 ? "1 " : commas(n) + " ") + thing + (n === 1 ? "" : "s"); }
  function isNum(v) { return typeof v === "number"; }
  // A buyer metric is a number, or [i]: the reason it is missing is M.na[i].
  function naText(v) { return isNum(v) ? "" : "n/a — " + (v && M.na[v[0]] !== undefined ? M.na[v[0]] : "not measured"); }
  function money(v) { return fixed(v, 2); }
  function profile(h) { return "https://www.tiktok.com/@" + encodeURIComponent(h.replace(/^@/, "")); }
  function tierName(a) { return a.t >= 0 ? M.tiers[a.t].n : "no tier"; }
  function followersText(a) { return a.f === null ? "n/a" : a.fa ? approx(a.f) : commas(a.f); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  // The table's columns: what each shows, and what it sorts on (numbers sort as numbers;
  // a missing figure sorts last either way).
  var optional = {};
  M.columns.forEach(function (c) { optional[c] = true; });
  var columns = [
    { label: "#", num: true, key: function (a) { return a.r; }, text: function (a) { return commas(a.r); } },
    { label: "Handle", cls: "handle", key: function (a) { return a.h.toLowerCase(); }, cell: handleCell },
    { label: "Followers", num: true, key: function (a) { return a.f; }, text: followersText },
    { label: "Tier", cls: "nowrap", key: function (a) { return a.t >= 0 ? a.t : null; }, text: tierName },
    { label: "Follower ER", num: true, key: function (a) { return a.fe; }, text: function (a) { return percent(a.fe); } },
    { label: "Median view ER", num: true, key: function (a) { return a.mv; }, text: function (a) { return percent(a.mv); } },
    { label: "Ratio", num: true, key: function (a) { return a.ra; }, text: function (a) { return a.ra === null ? null : fixed(a.ra, 2) + "×"; } }
  ];
  if (optional.confidence) {
    var confOrder = { firm: 0, borderline: 1, thin: 2 };
    columns.push({ label: "Confidence", key: function (a) { return a.c ? confOrder[a.c] : null; }, text: function (a) { return a.c || null; } });
  }
  if (optional.views) {
    columns.push({ label: "Median views", num: true, key: function (a) { return isNum(a.mvw) ? a.mvw : null; }, text: function (a) { return isNum(a.mvw) ? (a.ro ? approx(a.mvw) : commas(a.mvw)) : null; } });
  }
  if (optional.ppw) {
    columns.push({ label: "Posts/week", num: true, key: function (a) { return isNum(a.ppw) ? a.ppw : null; }, text: function (a) { return isNum(a.ppw) ? fixed(a.ppw, 1) : null; } });
  }
  if (optional.price) {
    columns.push({ label: "CPE", num: true, key: function (a) { return isNum(a.cpe) ? a.cpe : null; }, text: function (a) { return isNum(a.cpe) ? fixed(a.cpe, 3) : null; } });
    columns.push({ label: "CPM", num: true, key: function (a) { return isNum(a.cpm) ? a.cpm : null; }, text: function (a) { return isNum(a.cpm) ? money(a.cpm) : null; } });
  }
  columns.push(
    { label: "Verdict", cls: "nowrap", key: function (a) { return a.v; }, cell: verdictCell },
    { label: "Signals", key: function (a) { return a.s ? a.s.length : 0; }, text: function (a) { return (a.s || []).map(function (s) { return M.signals[s.k]; }).join(", "); } },
    { label: "Reason", cls: "reason", key: function (a) { return a.rs.toLowerCase(); }, text: function (a) { return a.rs; } }
  );
  if (M.baseline) {
    columns.push(
      { label: "Δ followers", num: true, key: function (a) { return a.dl === undefined ? null : a.dl; }, text: function (a) { return a.dt || null; } },
      { label: "Previous verdict", key: function (a) { return a.was || null; }, text: function (a) { return a.was || null; } }
    );
  }

  function handleCell(td, a, open) {
    td.appendChild(el("span", "tog", open ? "▾" : "▸"));
    var link = el("a", null, a.h);
    link.href = profile(a.h);
    link.target = "_blank";
    link.rel = "noopener";
    link.addEventListener("click", function (e) { e.stopPropagation(); });
    td.appendChild(link);
  }
  function verdictCell(td, a) {
    var name = M.verdicts[a.v];
    td.appendChild(el("span", "v " + name, name));
    td.setAttribute("data-verdict", name);
    if (a.s) { td.setAttribute("data-signals", a.s.map(function (s) { return M.codes[s.k]; }).join(" ")); }
  }

  // What the table shows: a filter, a search, a sort and a page.
  var state = { filter: "all", q: "", col: -1, asc: true, page: 0, size: 50, open: {}, printing: false };
  var view = [];
  var tbody = document.querySelector("#accounts tbody");
  var headRow = document.querySelector("#accounts thead tr");

  columns.forEach(function (c, i) {
    var th = el("th", c.num ? "num" : null, c.label);
    th.addEventListener("click", function () {
      state.asc = state.col === i ? !state.asc : true;
      state.col = i;
      state.page = 0;
      refresh();
    });
    headRow.appendChild(th);
  });

  function matches(a) {
    switch (state.filter) {
      case "all": break;
      case "flagged": if (a.v !== 1 && a.v !== 2) { return false; } break;
      default: if (M.verdicts[a.v] !== state.filter) { return false; }
    }
    return state.q === "" || a.h.toLowerCase().indexOf(state.q) >= 0;
  }

  function refresh() {
    view = A.filter(matches);
    if (state.col >= 0) {
      var key = columns[state.col].key, dir = state.asc ? 1 : -1;
      var keys = view.map(function (a) { return { a: a, k: key(a) }; });
      keys.sort(function (x, y) {
        var xn = x.k === null || x.k === undefined, yn = y.k === null || y.k === undefined;
        if (xn || yn) { return xn === yn ? x.a.r - y.a.r : (xn ? 1 : -1); }
        var d = typeof x.k === "string" ? x.k.localeCompare(y.k) : x.k - y.k;
        return d !== 0 ? d * dir : x.a.r - y.a.r;
      });
      view = keys.map(function (x) { return x.a; });
    }
    Array.prototype.forEach.call(headRow.cells, function (th, i) {
      if (i === state.col) { th.setAttribute("aria-sort", state.asc ? "ascending" : "descending"); } else { th.removeAttribute("aria-sort"); }
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-filter]"), function (b) {
      if (b.parentNode.classList.contains("filters")) { b.setAttribute("aria-pressed", String(b.getAttribute("data-filter") === state.filter)); }
    });
    render();
  }

  function render() {
    var pages = Math.max(1, Math.ceil(view.length / state.size));
    state.page = Math.min(state.page, pages - 1);
    var from = state.printing ? 0 : state.page * state.size;
    var to = state.printing ? view.length : Math.min(view.length, from + state.size);
    detailCharts.forEach(function (x) { x.chart.dispose(); });
    detailCharts = [];
    tbody.textContent = "";
    var frag = document.createDocumentFragment(), later = [];
    for (var i = from; i < to; i++) {
      var a = view[i], open = !!state.open[a.r];
      frag.appendChild(row(a, open));
      if (open) { later.push(detailRow(a, frag)); }
    }
    tbody.appendChild(frag);
    later.forEach(function (f) { f(); });
    var what = filterWords();
    document.getElementById("showing").textContent = view.length === 0 ? "No " + what + " match." :
      (to - from === view.length ? "All " + plural(view.length, what.replace(/s$/, "")) :
        "Showing " + commas(from + 1) + "–" + commas(to) + " of " + plural(view.length, what.replace(/s$/, ""))) +
      (state.q ? " whose handle contains “" + state.q + "”" : "") + (state.col >= 0 ? ", by " + columns[state.col].label.toLowerCase() + (state.asc ? " (ascending)" : " (descending)") : ", worst verdicts first") + ".";
    document.getElementById("pageno").textContent = "Page " + commas(state.page + 1) + " of " + commas(pages);
    document.getElementById("prev").disabled = state.page === 0;
    document.getElementById("next").disabled = state.page >= pages - 1;
  }
  function filterWords() {
    switch (state.filter) {
      case "all": return "accounts";
      case "flagged": return "flagged accounts";
      default: return state.filter + " accounts";
    }
  }

  function row(a, open) {
    var tr = el("tr", "row" + (open ? " open" : ""));
    tr.setAttribute("data-rank", a.r);
    columns.forEach(function (c) {
      var td = el("td", (c.num ? "num" : "") + (c.cls ? " " + c.cls : ""));
      if (c.cell) {
        c.cell(td, a, open);
      } else {
        var t = c.text(a);
        if (t === null || t === undefined || t === "") {
          td.textContent = c.label === "Signals" ? "" : "n/a";
          if (c.label !== "Signals") { td.className += " na"; }
        } else {
          td.textContent = t;
        }
      }
      tr.appendChild(td);
    });
    function toggle() {
      if (state.open[a.r]) { delete state.open[a.r]; } else { state.open[a.r] = true; }
      render();
    }
    tr.tabIndex = 0;
    tr.setAttribute("aria-expanded", String(open));
    tr.addEventListener("click", toggle);
    tr.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(); }
    });
    return tr;
  }

  // An account's detail: its figures, its signals, its best posts and its posts over time.
  function detailRow(a, parent) {
    var tr = el("tr", "detail"), td = el("td");
    td.colSpan = columns.length;
    var grid = el("div", "detailgrid");
    td.appendChild(grid);
    tr.appendChild(td);
    parent.appendChild(tr);

    var fig = el("div");
    fig.appendChild(el("h4", null, "Figures"));
    var dl = el("dl");
    function item(name, value, na) {
      dl.appendChild(el("dt", null, name));
      dl.appendChild(el("dd", na ? "na" : null, value));
    }
    var tier = a.t >= 0 ? M.tiers[a.t] : null;
    item("Followers", followersText(a) + (a.fa ? " (rounded in the export)" : ""));
    item("Tier", tier ? tier.n + ", benchmark " + fixed(tier.b, 2) + "%" : "none (under the first tier, or no follower count)");
    function on(n) { return n > 0 ? " on " + plural(n, "post") : ""; }
    item("Follower ER", a.fe === null ? "n/a" : percent(a.fe) + on(a.fp));
    item("Median view ER", a.mv === null ? "n/a" : percent(a.mv) + on(a.vp) + (a.pv === null ? "" : "; pooled " + percent(a.pv)));
    item("Ratio to the benchmark", a.ra === null ? "n/a" : fixed(a.ra, 2) + "×");
    item("Confidence", a.c || "n/a");
    item("Posts in the window", commas(a.w));
    item("Last post", a.d < 0 ? "undated" : a.d === 0 ? "on the report date" : plural(a.d, "day") + " before the report date");
    function metric(name, v, show) { item(name, isNum(v) ? show(v) : naText(v), !isNum(v)); }
    metric("Median views", a.mvw, function (v) { return a.ro ? approx(v) : commas(v); });
    metric("Average views", a.avw, function (v) { return a.ro ? approx(v) : commas(v); });
    metric("View rate", a.vr, function (v) { return fixed(v, 2) + "% of followers"; });
    metric("Posts per week", a.ppw, function (v) { return fixed(v, 1); });
    metric("Paid posts", a.ss, function (v) { return plural(a.sp || 0, "post") + " (" + fixed(v, 1) + "% of the window)"; });
    metric("Paid post performance", a.pe, function (v) { return fixed(v, 2) + "× the view ER of its other posts"; });
    metric("Save rate", a.svr, function (v) { return fixed(v, 2) + "%"; });
    metric("Share rate", a.shr, function (v) { return fixed(v, 2) + "%"; });
    metric("Price per post", a.pr, money);
    metric("CPE", a.cpe, function (v) { return fixed(v, 3) + " per engagement"; });
    metric("CPM", a.cpm, function (v) { return money(v) + " per 1,000 views"; });
    if (a.ro) { item("Rounded counts", "some counts in the window were written rounded (~)"); }
    (a.n || []).forEach(function (n) { item("Note", n); });
    fig.appendChild(dl);
    grid.appendChild(fig);

    var mid = el("div");
    mid.appendChild(el("h4", null, "Verdict"));
    var p = el("p");
    p.appendChild(el("span", "v " + M.verdicts[a.v], M.verdicts[a.v]));
    p.appendChild(document.createTextNode(" " + a.rs));
    mid.appendChild(p);
    mid.appendChild(el("h4", null, "Signals"));
    if (a.s && a.s.length) {
      var ul = el("ul");
      a.s.forEach(function (s) {
        var li = el("li");
        li.appendChild(el("b", null, M.signals[s.k]));
        if (s.p) { li.appendChild(document.createTextNode(": " + s.p)); }
        ul.appendChild(li);
      });
      mid.appendChild(ul);
    } else {
      mid.appendChild(el("p", "na", "None raised."));
    }
    mid.appendChild(el("h4", null, "Best posts"));
    if (a.tp && a.tp.length) {
      var ol = el("ol");
      a.tp.forEach(function (t) {
        // [link, day, views, view ER]: link is the video's id, or its address.
        var li = el("li");
        var day = t[1] === null ? "undated" : new Date(t[1] * 86400000).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
        var views = t[2] === null ? "n/a" : isNum(t[2]) ? commas(t[2]) : t[2];
        var words = day + " · " + views + " views · view ER " + (t[3] === null ? "n/a" : percent(t[3]));
        var href = /^https?:/.test(t[0]) ? t[0] : t[0] ? profile(a.h) + "/video/" + encodeURIComponent(t[0]) : "";
        if (href) {
          var link = el("a", null, words);
          link.href = href;
          link.target = "_blank";
          link.rel = "noopener";
          li.appendChild(link);
        } else {
          li.textContent = words;
        }
        ol.appendChild(li);
      });
      mid.appendChild(ol);
    } else {
      mid.appendChild(el("p", "na", "n/a — no post with views in the window."));
    }
    grid.appendChild(mid);

    var right = el("div");
    right.appendChild(el("h4", null, "View ER per post in the window"));
    var posts = el("div", "mini");
    right.appendChild(posts);
    var hist = null;
    if (a.hi && a.hi.length) {
      right.appendChild(el("h4", null, "Followers and follower ER, report by report"));
      hist = el("div", "mini");
      right.appendChild(hist);
    }
    grid.appendChild(right);
    return function () {
      if (!hasCharts) { posts.textContent = "Charts are not available in this copy of the page."; return; }
      if (!a.p || a.p.length === 0) { posts.textContent = "n/a — no dated post with views in the window."; posts.style.height = "auto"; } else { postsChart(posts, a); }
      if (hist) { historyChart(hist, a); }
    };
  }

  // The charts drawn, so printing can put each on paper as a picture: the page's charts, and
  // those of the details open now (disposed when the table is drawn again).
  var drawn = [], detailCharts = [];
  function chartIn(div, list) {
    var c = echarts.init(div, null, { renderer: "canvas" });
    list.push({ chart: c, div: div, img: null });
    return c;
  }
  function pictures(on) {
    drawn.concat(detailCharts).forEach(function (x) {
      if (on && !x.img) {
        x.img = el("img", "snap");
        x.img.alt = "";
        x.img.src = x.chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
        x.div.parentNode.insertBefore(x.img, x.div.nextSibling);
        x.div.style.display = "none";
      } else if (!on && x.img) {
        x.img.parentNode.removeChild(x.img);
        x.img = null;
        x.div.style.display = "";
      }
    });
  }

  var base = { animation: false, textStyle: { fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif" } };
  function option(o) { for (var k in base) { if (!(k in o)) { o[k] = base[k]; } } return o; }

  // series reads an account's posts: hours since 1970 and view ER, then the hours since the
  // post before and its view ER for each next post.
  function series(p) {
    var out = [], h = 0;
    for (var i = 0; i + 1 < p.length; i += 2) {
      h += p[i];
      out.push([h * 3600000, p[i + 1]]);
    }
    return out;
  }
  function postsChart(div, a) {
    var c = chartIn(div, detailCharts);
    var top = M.platform * 1.5;
    for (var i = 1; i < a.p.length; i += 2) { top = Math.max(top, a.p[i]); }
    c.setOption(option({
      grid: { left: 44, right: 12, top: 14, bottom: 26 },
      tooltip: { trigger: "item" },
      xAxis: { type: "time", splitNumber: 4, axisLabel: { fontSize: 10, hideOverlap: true } },
      yAxis: { type: "value", min: 0, max: Math.ceil(top * 1.05), axisLabel: { fontSize: 10, formatter: "{value}%" } },
      series: [{
        type: "line", name: a.h, symbolSize: 5, itemStyle: { color: "#3a5a8c" },
        data: series(a.p),
        markLine: { symbol: "none", silent: true, lineStyle: { color: "#c62828", type: "dashed" },
          label: { formatter: "platform " + fixed(M.platform, 2) + "%", fontSize: 10, position: "insideEndTop", color: "#c62828" }, data: [{ yAxis: M.platform }] }
      }]
    }));
  }
  function historyChart(div, a) {
    var c = chartIn(div, detailCharts);
    c.setOption(option({
      grid: { left: 56, right: 44, top: 24, bottom: 26 },
      tooltip: { trigger: "axis" },
      legend: { top: 0, textStyle: { fontSize: 10 } },
      xAxis: { type: "category", data: a.hi.map(function (h) { return h[0]; }), axisLabel: { fontSize: 10 } },
      yAxis: [{ type: "value", name: "", axisLabel: { fontSize: 10, formatter: compact } }, { type: "value", axisLabel: { fontSize: 10, formatter: "{value}%" } }],
      series: [
        { type: "line", name: "followers", data: a.hi.map(function (h) { return h[1]; }), itemStyle: { color: "#3a5a8c" } },
        { type: "line", name: "follower ER %", yAxisIndex: 1, data: a.hi.map(function (h) { return h[2]; }), itemStyle: { color: "#ef8f00" } }
      ]
    }));
  }

  // Controls.
  function setFilter(f) {
    state.filter = f;
    state.page = 0;
    refresh();
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-filter]"), function (b) {
    b.addEventListener("click", function () {
      setFilter(b.getAttribute("data-filter"));
      if (b.classList.contains("pill")) { document.getElementById("accounts-section").scrollIntoView(); }
    });
  });
  document.getElementById("search").addEventListener("input", function (e) {
    state.q = e.target.value.trim().toLowerCase().replace(/^@/, "");
    state.page = 0;
    refresh();
  });
  document.getElementById("pagesize").addEventListener("change", function (e) {
    state.size = parseInt(e.target.value, 10) || 50;
    state.page = 0;
    render();
  });
  document.getElementById("prev").addEventListener("click", function () { state.page--; render(); });
  document.getElementById("next").addEventListener("click", function () { state.page++; render(); });

  // Printing shows the table's current view whole: every row of the filter, not one page.
  function printing(on) {
    if (state.printing === on) { return; }
    state.printing = on;
    if (!on && hasCharts) { pictures(false); }
    render();
    if (on && hasCharts) { pictures(true); }
  }
  window.addEventListener("beforeprint", function () { printing(true); });
  window.addEventListener("afterprint", function () { printing(false); });
  if (window.matchMedia) {
    var mq = window.matchMedia("print");
    var onChange = function (e) { printing(e.matches); };
    if (mq.addEventListener) { mq.addEventListener("change", onChange); } else if (mq.addListener) { mq.addListener(onChange); }
  }

  // Charts.
  if (hasCharts) {
    D.charts.forEach(function (c) {
      var div = document.getElementById(c.id);
      var chart = chartIn(div, drawn);
      pending++;
      var once = false;
      chart.on("finished", function () { if (!once) { once = true; done(); } });
      if (c.id === "chart-scatter" && c.option.xAxis && c.option.xAxis[0]) {
        c.option.xAxis[0].axisLabel = { formatter: compact };
      }
      chart.setOption(option(c.option));
      window.addEventListener("resize", function () { chart.resize(); });
    });
  } else {
    document.getElementById("nocharts").hidden = false;
    document.getElementById("charts").hidden = true; // no empty frames
  }
  refresh();
  done();
})();
