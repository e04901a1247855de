// The page's own script: draws the charts and the accounts table from window.VET, which vet
// writes with json.Marshal. Everything from the input is put in the page as text
// (textContent, setAttribute), never parsed as markup. window.__vetReady turns true once every
// chart has drawn and the table is on the page.
(function () {
  "use strict";
  var D = window.VET, M = D.meta, A = D.accounts;
  var hasCharts = typeof echarts !== "undefined";
  var F = M.format;
  var pending = 1; // the table, plus one per chart
  function done() { if (--pending === 0) { window.__vetReady = true; } }

  // Numbers as a client reads them, in the report's language. vet rounds every figure once,
  // to the decimals the workbook shows; here it only gains its separators, as vet's Go code
  // writes them (lang.Printer): toFixed of a number already rounded gives back its digits.
  function group(s) {
    var neg = s.charAt(0) === "-";
    if (neg) { s = s.slice(1); }
    var parts = s.split("."), w = parts[0], out = "";
    for (var i = 0; i < w.length; i++) {
      if (i > 0 && (w.length - i) % 3 === 0) { out += F.group; }
      out += w.charAt(i);
    }
    return (neg ? "-" : "") + out + (parts.length > 1 ? F.dec + parts[1] : "");
  }
  function fixed(n, d) { return group(Number(n).toFixed(d)); }
  function commas(n) { return fixed(n, 0); }
  function percent(v) { return v === null || v === undefined ? null : fixed(v, 2) + "%"; }
  function signed(s, v) { return v > 0 ? "+" + s : s; }
  // number writes figure f's value v.
  function number(f, v) {
    switch (f.u) {
      case "count": return commas(v);
      case "percent": return fixed(v, f.d) + "%";
      case "multiple": return fixed(v, f.d) + "×";
      case "money": return F.cur.replace("{n}", fixed(v, f.d));
      case "signed": return signed(commas(v), v);
      case "signed_percent": return (v < 0 ? "−" + fixed(-v, f.d) : signed(fixed(v, f.d), v)) + "%";
      case "points": return F.pts.replace("{n}", signed(fixed(v, f.d), v));
    }
    return fixed(v, f.d);
  }
  // val is account a's value of figure i: the rank and the handle are the account's own.
  function val(a, i) {
    var f = M.figures[i];
    return f.r === "place" ? a.r : f.r === "link" ? a.h : a.f[i];
  }
  // show writes figure f's value v: a number, words vet wrote, a code's words, a rounded
  // count, or n/a.
  function show(f, v) {
    if (v === null || v === undefined) { return null; }
    if (Array.isArray(v)) { return null; }
    if (f.vals && typeof v === "number") { return f.vals[v]; }
    if (typeof v === "object") { return v.t; }
    if (typeof v === "string") { return v; }
    return number(f, v);
  }
  // why is the reason a figure is n/a, or "".
  function why(v) { return Array.isArray(v) && M.na[v[0]] !== undefined ? M.na[v[0]] : ""; }
  function sortKey(f, v) {
    if (v === null || v === undefined || Array.isArray(v)) { return null; }
    if (f.vals && typeof v === "number") { return f.o ? v : f.vals[v].toLowerCase(); }
    if (typeof v === "object") { return v.n; }
    if (typeof v === "string") { return v.toLowerCase(); }
    return v;
  }
  // compact writes an axis's count short: 1K, 2.5M.
  function compact(n) {
    var units = [[1e9, "B"], [1e6, "M"], [1e3, "K"]];
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(n) >= units[i][0]) { return group(String(Number((n / units[i][0]).toFixed(1)))) + units[i][1]; }
    }
    return commas(n);
  }
  // W is the page's words in the report's language (vet's catalogs, page.js.*): a template
  // whose {name}s args fill. P picks a plural's one|other form by n, which fills {n}.
  function W(key, args) {
    var t = M.words[key];
    if (t === undefined) { return key; }
    return t.replace(/\{(\w+)\}/g, function (m, name) { return args && name in args ? String(args[name]) : m; });
  }
  function P(key, n, args) {
    var forms = W(key, args).split("|"), t = n === 1 || forms.length === 1 ? forms[0] : forms[1];
    return t.replace("{n}", commas(n));
  }
  function isNum(v) { return typeof v === "number"; }
  // dayOf writes a day as the report's language does: 20 Nov 2026, 20 nov 2026.
  function dayOf(d) { return d.toLocaleDateString(F.lang, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }); }
  // profile is a handle's TikTok profile: M.profile is vet's one TikTok address (ingest.ProfileURL).
  function profile(h) { return M.profile + encodeURIComponent(h.replace(/^@/, "")); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  // The table's columns are the figures vet marks for it, in its order: what each shows, and
  // what it sorts on (numbers sort as numbers; a missing figure sorts last either way).
  var columns = [], reasonAt = -1;
  M.figures.forEach(function (f, i) {
    if (f.r === "wrap") { reasonAt = i; }
    if (!f.t) { return; }
    var c = { label: f.l, num: !!f.u, fig: f, at: i,
      key: function (a) { return sortKey(f, val(a, i)); }, text: function (a) { return show(f, val(a, i)); } };
    if (f.r === "link") { c.cls = "who"; c.cell = handleCell; }
    if (f.r === "pill") { c.cls = "nowrap"; c.cell = verdictCell; c.key = function (a) { return a.v; }; }
    if (f.r === "wrap") { c.cls = "why"; }
    columns.push(c);
  });

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
    td.appendChild(el("span", "v " + name, M.vw[a.v]));
    td.setAttribute("data-verdict", name);
    if (a.s) { td.setAttribute("data-signals", a.s.map(function (s) { return M.codes[s.k]; }).join(" ")); }
  }

  // What the table shows: a filter, a search, a sort and a page.
  var state = { filter: "all", q: "", col: -1, asc: true, page: 0, size: 50, open: {}, printing: false };
  var view = [];
  var tbody = document.querySelector("#accounts tbody.screenrows");
  // What a print holds: the current view, filter and sort as the reader left them, its first
  // M.printRows rows, laid out ahead in a body only print shows (laying rows out when the
  // print begins is too late for Chromium's page count: the end of the page went missing).
  var printBody = document.querySelector("#accounts tbody.printrows"), printed = null;
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
    var from = state.page * state.size;
    var to = Math.min(view.length, from + state.size);
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
    var kind = filterKind(), verdict = state.filter in verdictAt ? M.vw[verdictAt[state.filter]] : "";
    var what = P("showing." + kind, view.length, { verdict: verdict });
    document.getElementById("showing").textContent = view.length === 0 ? W("showing.none." + kind, { verdict: verdict }) :
      (to - from === view.length ? W("showing.every", { what: what }) :
        W("showing.some", { from: commas(from + 1), to: commas(to), what: what })) +
      (state.q ? W("showing.search", { q: state.q }) : "") +
      (state.col >= 0 ? W(state.asc ? "showing.by_ascending" : "showing.by_descending", { column: columns[state.col].label }) : W("showing.ranked"));
    if (printed !== view) { printRows(what); }
    document.getElementById("pageno").textContent = W("page_of", { page: commas(state.page + 1), pages: commas(pages) });
    document.getElementById("prev").disabled = state.page === 0;
    document.getElementById("next").disabled = state.page >= pages - 1;
  }
  function printRows(what) {
    printed = view;
    var n = Math.min(view.length, M.printRows), frag = document.createDocumentFragment();
    for (var i = 0; i < n; i++) {
      var tr = row(view[i], false);
      tr.className = "printed"; // not a row of the screen's table
      tr.removeAttribute("tabindex");
      frag.appendChild(tr);
    }
    printBody.textContent = "";
    printBody.appendChild(frag);
    document.getElementById("printnote").textContent = view.length === 0 ? "" :
      (n === view.length ? W("printed.every", { what: what }) : W("printed.some", { n: commas(n), what: what }));
  }
  // filterKind is what the filter shows: all accounts, the flagged ones, or one verdict's.
  function filterKind() { return state.filter === "all" || state.filter === "flagged" ? state.filter : "one"; }
  var verdictAt = {};
  M.verdicts.forEach(function (v, i) { verdictAt[v] = i; });

  function row(a, open) {
    var tr = el("tr", "row" + (open ? " open" : ""));
    tr.setAttribute("data-rank", a.r);
    columns.forEach(function (c) {
      var td = el("td", (c.num ? "num" : "") + (c.cls ? " " + c.cls : ""));
      if (c.cell) {
        c.cell(td, a, open);
      } else {
        var t = c.text(a);
        if (t === null || t === undefined) {
          td.textContent = F.na;
          td.className += " na";
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
    fig.appendChild(el("h4", null, W("detail.figures")));
    var dl = el("dl");
    M.figures.forEach(function (f, i) {
      if (!f.dt) { return; }
      var v = val(a, i), t = show(f, v);
      if (t === "") { return; } // no notes, no hashtags: nothing to say
      dl.appendChild(el("dt", null, f.l));
      var na = t === null;
      dl.appendChild(el("dd", na ? "na" : null, na ? F.na + (why(v) ? " — " + why(v) : "") : t));
    });
    (a.n || []).forEach(function (n) {
      dl.appendChild(el("dt", null, W("detail.note")));
      dl.appendChild(el("dd", null, n));
    });
    fig.appendChild(dl);
    grid.appendChild(fig);

    var mid = el("div");
    mid.appendChild(el("h4", null, W("detail.verdict")));
    var p = el("p");
    p.appendChild(el("span", "v " + M.verdicts[a.v], M.vw[a.v]));
    p.appendChild(document.createTextNode(" " + (reasonAt >= 0 ? val(a, reasonAt) : "")));
    mid.appendChild(p);
    mid.appendChild(el("h4", null, W("detail.signals")));
    if (a.s && a.s.length) {
      var ul = el("ul");
      a.s.forEach(function (s) {
        var li = el("li");
        li.appendChild(el("b", null, M.sigs[s.k]));
        if (s.p) { li.appendChild(document.createTextNode(": " + s.p)); }
        ul.appendChild(li);
      });
      mid.appendChild(ul);
    } else {
      mid.appendChild(el("p", "na", W("detail.no_signals")));
    }
    mid.appendChild(el("h4", null, W("detail.best_posts")));
    if (a.tp && a.tp.length) {
      var ol = el("ol");
      a.tp.forEach(function (t) {
        // [id, day, views, view ER]: the video's TikTok id ("" for none).
        var li = el("li");
        var day = t[1] === null ? W("detail.undated") : dayOf(new Date(t[1] * 86400000));
        var views = t[2] === null ? F.na : isNum(t[2]) ? commas(t[2]) : t[2];
        var words = W("detail.best_post", { day: day, views: views, er: t[3] === null ? F.na : percent(t[3]) });
        var href = t[0] ? profile(a.h) + "/video/" + encodeURIComponent(t[0]) : "";
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
      mid.appendChild(el("p", "na", W("detail.no_best_posts")));
    }
    if (a.in && a.in.length) {
      // [trait, posts with, median with, posts without, median without, within the spread]
      mid.appendChild(el("h4", null, W("insight.heading")));
      var iu = el("ul", "insights");
      a.in.forEach(function (x) {
        var s = W("insight.sentence", { trait: M.traits[x[0]], "with": percent(x[2]), with_posts: P("insight.posts", x[1]),
          without: percent(x[4]), without_posts: P("insight.posts", x[3]) });
        iu.appendChild(el("li", null, x[5] ? s + " " + W(x[5] === 2 ? "insight.small" : "insight.within") : s));
      });
      mid.appendChild(iu);
      mid.appendChild(el("p", "caveat", W("insight.caveat")));
    }
    grid.appendChild(mid);

    var right = el("div");
    right.appendChild(el("h4", null, W("detail.posts_chart")));
    var posts = el("div", "mini");
    right.appendChild(posts);
    var hist = null;
    if (a.hi && a.hi.length) {
      right.appendChild(el("h4", null, W("detail.history_chart")));
      hist = el("div", "mini");
      right.appendChild(hist);
    }
    grid.appendChild(right);
    return function () {
      if (!hasCharts) { posts.textContent = W("detail.no_charts"); return; }
      if (!a.p || a.p.length === 0) { posts.textContent = W("detail.no_posts_chart"); posts.style.height = "auto"; } else { postsChart(posts, a); }
      if (hist) { historyChart(hist, a); }
    };
  }

  // The charts drawn, so printing can put each on paper as a picture: the page's charts, and
  // those of the details open now (disposed when the table is drawn again).
  var drawn = [], detailCharts = [];
  function chartIn(div, list) {
    var c = echarts.init(div, null, { renderer: "canvas", locale: chartLocale });
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
  function option(o) { for (var k in base) { if (!(k in o)) { o[k] = base[k]; } } return localNumbers(o); }

  // The charts write numbers and months as the report's language does (ECharts itself writes
  // 12,345.6 and English months whatever the page's language): a time axis's months in the
  // catalog's words, and the ticks of a number axis and a tooltip's values with the language's
  // marks; an axis's "{value}%" keeps its unit.
  var chartLocale = { time: { month: M.locale.month, monthAbbr: M.locale.monthAbbr } };
  function readable(v) { return isNum(v) ? group(String(Number(v.toPrecision(12)))) : v; }
  function localNumbers(o) {
    ["xAxis", "yAxis"].forEach(function (k) {
      [].concat(o[k] || []).forEach(function (ax) {
        if (!ax || (ax.type !== "value" && ax.type !== "log")) { return; }
        ax.axisLabel = ax.axisLabel || {};
        var f = ax.axisLabel.formatter;
        if (typeof f === "function") { return; }
        var unit = typeof f === "string" ? f : "{value}";
        ax.axisLabel.formatter = function (v) { return unit.replace("{value}", readable(v)); };
        ax.axisPointer = ax.axisPointer || {}; // the value an axis tooltip is headed by
        ax.axisPointer.label = ax.axisPointer.label || {};
        ax.axisPointer.label.formatter = function (p) { return readable(Math.round(p.value * 100) / 100); };
      });
    });
    // A box's five figures, named in words (ECharts names them min, Q1, median, Q3, max).
    [].concat(o.series || []).forEach(function (s) {
      if (!s || s.type !== "boxplot" || s.tooltip) { return; }
      s.tooltip = { formatter: function (p) {
        var v = p.value || [], at = v.length - 5, lines = [echarts.format.encodeHTML(p.name)];
        ["min", "q1", "median", "q3", "max"].forEach(function (k, i) {
          lines.push(echarts.format.encodeHTML(W("chart.box." + k)) + " <b>" + readable(v[at + i]) + "</b>");
        });
        return lines.join("<br>");
      } };
    });
    if (o.tooltip && !o.tooltip.valueFormatter) {
      o.tooltip.valueFormatter = function (v) { return Array.isArray(v) ? v.map(readable).join("  ") : readable(v); };
    }
    return o;
  }

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
          label: { formatter: W("chart.platform", { er: fixed(M.platform, 2) + "%" }), fontSize: 10, position: "insideEndTop", color: "#c62828" }, data: [{ yAxis: M.platform }] }
      }]
    }));
  }
  function historyChart(div, a) {
    var c = chartIn(div, detailCharts);
    c.setOption(option({
      grid: { left: 56, right: 44, top: 24, bottom: 26 },
      tooltip: { trigger: "axis" },
      legend: { top: 0, textStyle: { fontSize: 10 } },
      xAxis: { type: "category", data: a.hi.map(function (h) { return dayOf(new Date(h[0] + "T00:00:00Z")); }), axisLabel: { fontSize: 10 } },
      yAxis: [{ type: "value", name: "", axisLabel: { fontSize: 10, formatter: compact } }, { type: "value", axisLabel: { fontSize: 10, formatter: "{value}%" } }],
      series: [
        { type: "line", name: W("chart.followers"), data: a.hi.map(function (h) { return h[1]; }), itemStyle: { color: "#3a5a8c" } },
        { type: "line", name: W("chart.follower_er"), yAxisIndex: 1, data: a.hi.map(function (h) { return h[2]; }), itemStyle: { color: "#ef8f00" } }
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

  // Printing shows the charts as pictures (a canvas prints blurred or not at all); the rows it
  // prints are laid out already (printRows).
  function printing(on) {
    if (state.printing === on) { return; }
    state.printing = on;
    if (hasCharts) { pictures(on); }
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
