/* congvan report: charts, the paged tables and the document page's highlights.
   Everything is local (no network); tables read window.CV_* from data/*.js because a
   page opened from file:// may not fetch() a JSON file. Cells are built with
   textContent, never innerHTML: document text is untrusted. */
(function () {
  "use strict";
  var CV = (window.CV = {});
  var STATUS = { overdue: "Quá hạn", due7: "Sắp đến hạn (7 ngày)", open: "Đang thực hiện", answered: "Đã trả lời" };
  var STATUS_RANK = { overdue: 0, due7: 1, open: 2, answered: 3 };
  var ROLE = { lead: "Chủ trì", coordinate: "Phối hợp" };
  var PAGE_SIZE = 100;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function link(href, text, cls) { return el("a", { href: href, "class": cls }, text); }
  function vnDate(iso) { return iso ? iso.slice(8, 10) + "/" + iso.slice(5, 7) + "/" + iso.slice(0, 4) : "—"; }
  function num(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "."); }
  // accent-insensitive search, as `congvan tasks --unit` matches names (đ is its own letter)
  function fold(s) {
    return String(s || "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function daysText(n) {
    if (n === null || n === undefined) return "—";
    if (n < 0) return "quá " + (-n);
    return String(n);
  }
  function compare(a, b) {
    if (a === b) return 0;
    if (a === null || a === undefined || a === "") return 1;   // empty last, whichever direction
    if (b === null || b === undefined || b === "") return -1;
    if (typeof a === "number" && typeof b === "number") return a - b;
    return String(a).localeCompare(String(b), "vi");
  }

  /* ---- state in the URL hash: #unit=u…&status=overdue&q=…&sort=deadline&dir=desc&p=2 ---- */
  function readHash() {
    var out = {};
    new URLSearchParams(location.hash.replace(/^#/, "")).forEach(function (v, k) { out[k] = v; });
    return out;
  }
  function writeHash(state) {
    var p = new URLSearchParams();
    Object.keys(state).forEach(function (k) { if (state[k]) p.set(k, state[k]); });
    var h = p.toString();
    history.replaceState(null, "", h ? "#" + h : location.pathname + location.search);
  }

  /* ---- a paged, sortable, filterable table ----
     cfg: rows, columns {key: {value(row), cell(row, td)}}, filters {name: test(row, value)},
     options {name: [[value, label], ...]}, text(row) for the search, defaultSort */
  CV.table = function (cfg) {
    var table = document.getElementById("t-table");
    var tbody = table.querySelector("tbody");
    var count = document.getElementById("t-count");
    var pagers = [document.getElementById("t-pager"), document.getElementById("t-pager2")];
    var names = Object.keys(cfg.filters).concat(["q"]);
    var folded = null;
    var state = {};

    Object.keys(cfg.options).forEach(function (name) {
      var sel = document.getElementById("f-" + name);
      cfg.options[name].forEach(function (o) { sel.appendChild(el("option", { value: o[0] }, o[1])); });
    });
    names.forEach(function (name) {
      var input = document.getElementById("f-" + name);
      input.addEventListener(name === "q" ? "input" : "change", function () {
        state[name] = input.value; state.p = ""; render();
      });
    });
    document.getElementById("f-clear").addEventListener("click", function () {
      state = { sort: state.sort, dir: state.dir }; render();
    });
    table.querySelectorAll("th[data-col]").forEach(function (th) {
      th.tabIndex = 0;
      function sortBy() {
        var col = th.getAttribute("data-col");
        state.dir = state.sort === col && state.dir !== "desc" ? "desc" : "";
        state.sort = col; state.p = ""; render();
      }
      th.addEventListener("click", sortBy);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") sortBy(); });
    });
    window.addEventListener("hashchange", function () { state = readHash(); render(); });

    function matches(row, i) {
      for (var name in cfg.filters) if (state[name] && !cfg.filters[name](row, state[name])) return false;
      if (state.q) {
        if (!folded) folded = cfg.rows.map(function (r) { return fold(cfg.text(r)); });
        var words = fold(state.q).split(/\s+/).filter(Boolean);
        for (var w = 0; w < words.length; w++) if (folded[i].indexOf(words[w]) < 0) return false;
      }
      return true;
    }

    function pager(host, page, pages) {
      host.textContent = "";
      if (pages <= 1) return;
      function btn(label, to, disabled) {
        var b = el("button", { type: "button", "data-to": to }, label);
        b.disabled = disabled;
        b.addEventListener("click", function () { state.p = to > 1 ? String(to) : ""; render(); window.scrollTo(0, 0); });
        host.appendChild(b);
      }
      btn("«", 1, page === 1); btn("‹", page - 1, page === 1);
      host.appendChild(el("span", { "class": "pageno" }, "Trang " + page + " / " + pages));
      btn("›", page + 1, page === pages); btn("»", pages, page === pages);
    }

    function render() {
      names.forEach(function (name) {
        var input = document.getElementById("f-" + name);
        input.value = state[name] || "";
        if (state[name] && input.value !== state[name]) {   // a unit not in the list: keep the filter visible
          input.appendChild(el("option", { value: state[name] }, state[name])); input.value = state[name];
        }
      });
      var idx = [];
      for (var i = 0; i < cfg.rows.length; i++) if (matches(cfg.rows[i], i)) idx.push(i);
      var sort = state.sort || cfg.defaultSort;
      if (sort && cfg.columns[sort]) {
        var value = cfg.columns[sort].value, sign = state.dir === "desc" ? -1 : 1;
        idx.sort(function (a, b) {
          var va = value(cfg.rows[a]), vb = value(cfg.rows[b]);
          var empty = (va === null || va === "" || va === undefined) - (vb === null || vb === "" || vb === undefined);
          return empty || sign * compare(va, vb) || a - b;
        });
      }
      table.querySelectorAll("th[data-col]").forEach(function (th) {
        var col = th.getAttribute("data-col");
        th.setAttribute("aria-sort", col === sort ? (state.dir === "desc" ? "descending" : "ascending") : "none");
      });
      var pages = Math.max(1, Math.ceil(idx.length / PAGE_SIZE));
      var page = Math.min(Math.max(1, parseInt(state.p || "1", 10) || 1), pages);
      var frag = document.createDocumentFragment();
      idx.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).forEach(function (i) {
        var row = cfg.rows[i], tr = el("tr", { "data-row": i });
        if (cfg.rowClass) tr.className = cfg.rowClass(row);
        table.querySelectorAll("th[data-col]").forEach(function (th) {
          var td = el("td", { "class": th.className || undefined });
          cfg.columns[th.getAttribute("data-col")].cell(row, td);
          tr.appendChild(td);
        });
        frag.appendChild(tr);
      });
      tbody.textContent = "";
      tbody.appendChild(frag);
      if (!idx.length) {
        var tr = el("tr"), td = el("td", { colspan: table.querySelectorAll("th").length, "class": "empty" },
          "Không có dòng nào khớp bộ lọc.");
        tr.appendChild(td); tbody.appendChild(tr);
      }
      count.setAttribute("data-total", idx.length);
      count.textContent = idx.length ? "Dòng " + num((page - 1) * PAGE_SIZE + 1) + "–" +
        num(Math.min(page * PAGE_SIZE, idx.length)) + " trong " + num(idx.length) +
        (idx.length !== cfg.rows.length ? " (lọc từ " + num(cfg.rows.length) + ")" : "") : "0 dòng";
      pagers.forEach(function (p) { pager(p, page, pages); });
      writeHash(state);
    }
    state = readHash();
    render();
  };

  function textCell(td, text) { td.textContent = text === null || text === undefined || text === "" ? "—" : text; }

  CV.tasksPage = function (D) {
    var units = D.units;
    var used = {};
    D.rows.forEach(function (r) { if (r[2]) used[r[2]] = (used[r[2]] || 0) + 1; });
    var unitOptions = Object.keys(used).sort(function (a, b) { return compare(units[a], units[b]); })
      .map(function (u) { return [u, units[u] + " (" + num(used[u]) + ")"]; });
    function doc(r) { return D.docs[r[0]] || ["", "", "", ""]; }
    function unitName(r) { return r[2] ? units[r[2]] : r[3]; }
    function action(r) { return D.actions[r[9]]; }
    CV.table({
      rows: D.rows,
      defaultSort: "deadline",
      options: { unit: unitOptions, issuer: D.issuers.map(function (u) { return [u, units[u]]; }) },
      filters: {
        unit: function (r, v) { return r[2] === v; },
        status: function (r, v) { return r[7] === v; },
        issuer: function (r, v) { return doc(r)[3] === v; },
        role: function (r, v) { return r[4] === v; }
      },
      text: function (r) { return [action(r), doc(r)[1], unitName(r), units[doc(r)[3]] || ""].join(" "); },
      rowClass: function (r) { return "row-" + r[7]; },
      columns: {
        status: { value: function (r) { return STATUS_RANK[r[7]]; },
          cell: function (r, td) { td.appendChild(el("span", { "class": "badge st-" + r[7] }, STATUS[r[7]])); } },
        deadline: { value: function (r) { return r[5]; }, cell: function (r, td) { td.textContent = vnDate(r[5]); } },
        days: { value: function (r) { return r[6]; }, cell: function (r, td) { td.textContent = daysText(r[6]); } },
        unit: { value: unitName, cell: function (r, td) {
          if (r[2]) td.appendChild(link("u/" + r[2] + ".html", units[r[2]])); else textCell(td, r[3] || "(chưa rõ đơn vị)"); } },
        role: { value: function (r) { return r[4]; }, cell: function (r, td) { td.className = "nowrap"; td.textContent = ROLE[r[4]] || ""; } },
        action: { value: action, cell: function (r, td) {
          td.className = "action"; td.textContent = action(r);
          if (r[10]) { td.appendChild(document.createTextNode(" ")); td.appendChild(
            r[11] >= 0 ? link("d/" + D.docs[r[11]][0] + ".html", "trả lời: " + r[10], "badge st-answered")
                       : el("span", { "class": "badge st-answered" }, "trả lời: " + r[10])); } } },
        code: { value: function (r) { return doc(r)[1]; }, cell: function (r, td) {
          td.appendChild(link("d/" + doc(r)[0] + ".html#task-" + r[1], (doc(r)[1] || "(chưa có số)")));
          td.appendChild(el("small", null, " · NV " + r[1])); } },
        page: { value: function (r) { return r[8]; }, cell: function (r, td) { textCell(td, r[8]); } },
        issuer: { value: function (r) { return units[doc(r)[3]] || ""; }, cell: function (r, td) {
          var u = doc(r)[3];
          if (u && units[u]) td.appendChild(link("u/" + u + ".html", units[u])); else td.textContent = "—"; } }
      }
    });
  };

  CV.documentsPage = function (D) {
    var types = {}, months = {};
    D.rows.forEach(function (r) { types[r[2] || ""] = 1; if (r[3]) months[r[3].slice(0, 7)] = 1; });
    CV.table({
      rows: D.rows,
      defaultSort: "date",
      options: {
        type: Object.keys(types).sort(compare).map(function (t) { return [t, t || "(chưa rõ loại)"]; }),
        month: Object.keys(months).sort().reverse().map(function (m) { return [m, m.slice(5) + "/" + m.slice(0, 4)]; }),
        issuer: D.issuers.map(function (u) { return [u, D.units[u]]; })
      },
      filters: {
        type: function (r, v) { return (r[2] || "") === v || (v === "Chưa rõ loại" && !r[2]); },
        month: function (r, v) { return r[3].slice(0, 7) === v; },
        issuer: function (r, v) { return r[4] === v; }
      },
      text: function (r) { return [r[1], r[2], r[5], D.units[r[4]] || ""].join(" "); },
      columns: {
        code: { value: function (r) { return r[1]; }, cell: function (r, td) { td.appendChild(link("d/" + r[0] + ".html", r[1] || "(chưa có số)")); } },
        type: { value: function (r) { return r[2]; }, cell: function (r, td) { textCell(td, r[2]); } },
        date: { value: function (r) { return r[3]; }, cell: function (r, td) { td.textContent = vnDate(r[3]); } },
        issuer: { value: function (r) { return D.units[r[4]] || ""; }, cell: function (r, td) {
          if (D.units[r[4]]) td.appendChild(link("u/" + r[4] + ".html", D.units[r[4]])); else td.textContent = "—"; } },
        subject: { value: function (r) { return r[5]; }, cell: function (r, td) { td.className = "action"; textCell(td, r[5]); } },
        tasks: { value: function (r) { return r[6]; }, cell: function (r, td) { td.textContent = r[6]; } },
        format: { value: function (r) { return r[7]; }, cell: function (r, td) {
          td.textContent = r[7]; if (r[8]) td.appendChild(el("span", { "class": "badge low", title: "có cảnh báo khi đọc" }, "!")); } }
      }
    });
  };

  CV.unitsPage = function (D) {
    var kinds = {}, levels = {};
    D.rows.forEach(function (r) { if (r[2]) kinds[r[2]] = 1; if (r[3]) levels[r[3]] = 1; });
    function n(i) { return { value: function (r) { return r[i]; }, cell: function (r, td) { td.textContent = num(r[i]); } }; }
    CV.table({
      rows: D.rows,
      defaultSort: "",
      options: { kind: Object.keys(kinds).sort(compare).map(function (k) { return [k, k]; }),
                 level: Object.keys(levels).sort(compare).map(function (k) { return [k, k]; }) },
      filters: { kind: function (r, v) { return r[2] === v; }, level: function (r, v) { return r[3] === v; } },
      text: function (r) { return r[1] + " " + r[10]; },
      columns: {
        name: { value: function (r) { return r[1]; }, cell: function (r, td) { td.appendChild(link("u/" + r[0] + ".html", r[1])); } },
        kind: { value: function (r) { return r[2]; }, cell: function (r, td) { textCell(td, r[2]); } },
        level: { value: function (r) { return r[3]; }, cell: function (r, td) { textCell(td, r[3]); } },
        parent: { value: function (r) { return r[4]; }, cell: function (r, td) { textCell(td, r[4]); } },
        overdue: n(5), due7: n(6), open: n(7), answered: n(8), tasks: n(9)
      }
    });
  };

  /* ---- plotly charts: the spec is a JSON island; a click on a bar opens its list ---- */
  function charts() {
    if (!window.Plotly) return;
    document.querySelectorAll(".chart[data-fig]").forEach(function (host) {
      var spec = JSON.parse(document.getElementById(host.getAttribute("data-fig")).textContent);
      window.Plotly.newPlot(host, spec.data, spec.layout, { displayModeBar: false, responsive: true, locale: "vi" });
      host.on("plotly_click", function (ev) {
        var p = ev.points && ev.points[0];
        if (p && p.customdata) location.href = p.customdata;
      });
    });
  }

  /* ---- document page: tabs, "xem" links, a highlight opening its page image ---- */
  function documentPage() {
    var tabs = document.querySelectorAll(".tab[data-tab]");
    function show(name) {
      tabs.forEach(function (t) { t.classList.toggle("active", t.getAttribute("data-tab") === name); });
      document.querySelectorAll(".tabpane").forEach(function (p) { p.classList.toggle("hidden", p.id !== "pane-" + name); });
    }
    tabs.forEach(function (t) { t.addEventListener("click", function () { show(t.getAttribute("data-tab")); }); });
    var select = document.getElementById("page-select");
    function page(n) {
      if (!select) return;
      select.value = String(n);
      document.querySelectorAll(".pageimg").forEach(function (img) {
        img.classList.toggle("hidden", img.getAttribute("data-page") !== String(n));
      });
    }
    if (select) select.addEventListener("change", function () { page(select.value); });
    function flash(id) {
      show("text");
      var runs = document.querySelectorAll('.hl[data-marks~="' + id + '"]');
      document.querySelectorAll(".hl.flash").forEach(function (r) { r.classList.remove("flash"); });
      runs.forEach(function (r) { r.classList.add("flash"); });
      if (runs.length) {
        runs[0].scrollIntoView({ block: "center" });
        if (runs[0].getAttribute("data-page")) page(runs[0].getAttribute("data-page"));
      }
    }
    document.querySelectorAll("a.goto[data-goto]").forEach(function (a) {
      a.addEventListener("click", function (e) { e.preventDefault(); flash(a.getAttribute("data-goto")); });
    });
    document.querySelectorAll(".hl[data-page]").forEach(function (r) {
      r.addEventListener("dblclick", function () { page(r.getAttribute("data-page")); show("page"); });
    });
  }

  function graphPage() {
    var btn = document.getElementById("g-fit"), box = document.getElementById("graph");
    if (!btn || !box) return;
    function set(fit) {
      box.classList.toggle("fit", fit);
      btn.setAttribute("aria-pressed", fit ? "true" : "false");
      btn.textContent = fit ? "Kích thước thật" : "Thu vừa khung";
    }
    btn.addEventListener("click", function () { set(!box.classList.contains("fit")); });
    // a drawing up to twice the column's width opens fitted (the whole chain at a glance); a larger one scrolls
    var svg = box.querySelector("svg");
    if (svg && svg.getBoundingClientRect().width > box.clientWidth && svg.getBoundingClientRect().width < 2 * box.clientWidth) set(true);
  }

  document.addEventListener("DOMContentLoaded", function () {
    charts();
    graphPage();
    if (document.getElementById("doctext") || document.querySelector(".tab")) documentPage();
  });
})();
