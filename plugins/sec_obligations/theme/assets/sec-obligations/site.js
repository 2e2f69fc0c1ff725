/* SEC Obligation Explorer: the interactive decision table, sortable tables, "Cite" buttons and
 * the comparison of any two wordings of a clause.
 *
 * Progressive enhancement: every page works without this file. No framework, no eval, no
 * innerHTML with data: every text goes in through textContent. Works with mkdocs-material's
 * instant navigation by initialising on each page change (document$), else on DOMContentLoaded.
 */
(function () {
  "use strict";

  var ICONS = { party: "\u2714", overlap: "\u26A0", gap: "\u2716", "not-applicable": "\u2013" };
  var FIELDS = ["version", "generation", "device", "obligation"];
  var ROW_LIMIT = 100;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else if (attrs[name] !== null && attrs[name] !== undefined) node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function answer(state) {
    return el("span", { "class": "sec-answer sec-answer--" + state.status }, [
      el("span", { "aria-hidden": "true", text: ICONS[state.status] }), " " + state.answer
    ]);
  }

  /* ---- the explorer -------------------------------------------------------------------- */

  /* A key that steps a closed <select> to another option, firing "change" at each step. */
  function stepKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return false;  // Alt+Down opens the list
    return /^(Arrow(Up|Down|Left|Right)|Home|End|PageUp|PageDown)$/.test(event.key) ||
      (event.key.length === 1 && event.key !== " ");  // type-ahead; the space bar opens the list
  }
  var STEP_WINDOW = 250;  // ms from such a key to the "change" it causes

  function Explorer(root, data) {
    this.root = root;
    this.data = data;
    this.path = location.pathname;
    this.index = {};
    // The choices the address holds, what each picks from, and which are left out while empty.
    this.fields = FIELDS.slice();
    this.kinds = { version: "versions", generation: "generations", device: "devices", obligation: "obligations" };
    this.optional = {};
    var self = this;
    ["versions", "obligations", "generations", "devices", "parties"].forEach(function (kind) {
      self.index[kind] = {};
      (data[kind] || []).forEach(function (item, i) { self.index[kind][item.id] = i; });
    });
    // Rows come run-length encoded ([state, number of versions] ...): expand them once.
    data.rows.forEach(function (row) {
      var cells = [];
      row[3].forEach(function (run) { for (var i = 0; i < run[1]; i++) cells.push(run[0]); });
      row.cells = cells;
    });
    this.build();
    // Other views of the same data (party.js) add their choices and draw after each view.
    this.views = (window.secExplorerViews || []).map(function (view) { return view(self, { el: el, answer: answer }); });
    this.restore();
  }

  /* A choice another view adds (made with select()): kept in the address while not empty. */
  Explorer.prototype.addField = function (name, kind) {
    this.fields.push(name);
    this.kinds[name] = kind;
    this.optional[name] = true;
  };

  Explorer.prototype.select = function (name, label, items, text, allLabel) {
    var id = "sec-explorer-" + name, self = this;
    var select = el("select", { id: id, name: name }, [el("option", { value: "", text: allLabel })]);
    items.forEach(function (item) { select.appendChild(el("option", { value: item.id, text: text(item) })); });
    this.controls[name] = select;
    this.labels[name] = label;
    // Stepping through the options with the keyboard changes the view at each step, but only the
    // view reached goes in the history (one entry replaced, not one added per step).
    select.addEventListener("keydown", function (event) {
      self.stepped = stepKey(event) ? { name: name, at: Date.now() } : null;
    });
    select.addEventListener("pointerdown", function () { self.stepped = null; });
    select.addEventListener("change", function () {
      var step = self.stepped;
      self.stepped = null;
      self.touched = name;
      self.dateNote.textContent = "";
      self.commit(!!step && step.name === name && Date.now() - step.at < STEP_WINDOW);
    });
    return el("div", { "class": "sec-explorer__control" }, [el("label", { "for": id, text: label }), select]);
  };

  Explorer.prototype.build = function () {
    var d = this.data, self = this;
    this.controls = {};
    this.labels = {};
    var latest = d.versions[d.versions.length - 1];
    var form = el("form", { "class": "sec-explorer__form", "aria-label": "Choose what to show" }, [
      this.select("version", "SEC version", d.versions, function (v) { return v.label; }, "All versions"),
      this.select("generation", "Device generation", d.generations, function (g) { return g.name; }, "All generations"),
      this.select("device", "Device type", d.devices, function (x) { return x.name + (x.short !== x.name ? " (" + x.short + ")" : ""); }, "All device types"),
      this.select("obligation", "Obligation", d.obligations, function (o) { return o.short; }, "All obligations")
    ]);
    this.date = el("input", { type: "date", id: "sec-explorer-date", name: "date" });
    var dateButton = el("button", { type: "button", "class": "sec-button", text: "Pick the version in force" });
    form.appendChild(el("div", { "class": "sec-explorer__control sec-explorer__date" }, [
      el("label", { "for": "sec-explorer-date", text: "Or the version in force on" }),
      el("div", { "class": "sec-explorer__pick" }, [this.date, dateButton])]));
    // The status line says what the view shows; the as-at date's note leads it, so that a screen
    // reader announces the note with the answer it led to (the region is read whole).
    this.dateNote = el("span", { "class": "sec-explorer__note", id: "sec-explorer-date-note" });
    this.summary = el("span", { "class": "sec-explorer__summary" });
    this.live = el("p", { "class": "sec-explorer__live", "aria-live": "polite", "aria-atomic": "true", role: "status",
      id: "sec-explorer-live" }, [this.dateNote, this.summary]);
    // The question in words: printed in place of the form (which is not).
    this.question = el("p", { "class": "sec-explorer__question", id: "sec-explorer-question" });
    this.answer = el("div", { "class": "sec-explorer__answer", id: "sec-explorer-answer" });
    this.timeline = el("div", { "class": "sec-explorer__timeline", id: "sec-explorer-timeline" });  // timeline.js
    this.matrix = el("div", { "class": "sec-explorer__matrix", id: "sec-explorer-matrix" });
    this.root.appendChild(el("h2", { id: "explorer", text: "Ask the table" }));
    this.root.appendChild(form);
    this.root.appendChild(this.question);
    this.root.appendChild(this.live);
    this.root.appendChild(this.answer);
    this.root.appendChild(this.timeline);
    this.root.appendChild(this.matrix);
    this.controls.version.value = latest.id;
    dateButton.addEventListener("click", function () { self.pickDate(); });
    this.date.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); self.pickDate(); }
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    // Back and Forward restore the view, and return focus to the control whose choice they undid.
    this.onPop = function () {
      if (location.pathname !== self.path) return;  // instant navigation to another page
      var before = self.state();
      self.restore();
      var name = self.changedFrom(before, self.touched);
      if (!name) return;
      self.focusControl(name);
      // The theme's instant navigation may then load the page afresh (it does on the first Back
      // after a page was opened): the explorer built then takes the focus over (see start).
      refocus = { name: name, href: location.href, at: Date.now() };
    };
    window.addEventListener("popstate", this.onPop);
    this.root.hidden = false;
  };

  /* The control whose value differs from an earlier view (of several, the one used last). */
  Explorer.prototype.changedFrom = function (before, touched) {
    var after = this.state();
    var changed = this.fields.filter(function (name) { return before[name] !== after[name]; });
    if (!changed.length) return null;
    return changed.indexOf(touched) >= 0 ? touched : changed[0];
  };

  Explorer.prototype.focusControl = function (name) {
    this.touched = name;
    this.controls[name].focus();
  };

  /* A new explorer after Back or Forward: focus where the one before it would have put it. */
  Explorer.prototype.takeFocusOver = function (seen) {
    var recent = function (at) { return Date.now() - at < 5000; };
    var name = null;
    if (refocus && refocus.href === location.href && recent(refocus.at)) {
      name = refocus.name;
    } else if (seen && seen.path === location.pathname && recent(seen.left) && recent(popped)) {
      name = this.changedFrom(seen.state, seen.touched);  // Back or Forward while the page loaded
    }
    refocus = null;
    if (name) this.focusControl(name);
  };

  Explorer.prototype.state = function () {
    var s = {}, self = this;
    this.fields.forEach(function (name) { s[name] = self.controls[name].value; });
    return s;
  };

  /* The state lives in the query string, so a link can open exactly one view. A choice adds a
   * history entry; a keyboard step (replace) updates the current one. */
  Explorer.prototype.commit = function (replace) {
    var params = new URLSearchParams(), s = this.state(), self = this;
    this.fields.forEach(function (name) { if (s[name] || !self.optional[name]) params.set(name, s[name] || "all"); });
    var url = location.pathname + "?" + params.toString() + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      if (replace) history.replaceState(history.state, "", url);
      else history.pushState(null, "", url);
    }
    this.render();
  };

  /* The view the address names; what it does not name is "all", but the version, the latest. */
  Explorer.prototype.restore = function () {
    var params = new URLSearchParams(location.search), self = this;
    this.fields.forEach(function (name) {
      var value = params.get(name);
      self.controls[name].value = value === null || value === "all" || !(value in self.index[self.kinds[name]]) ? "" : value;
    });
    if (params.get("version") === null) this.controls.version.value = this.data.versions[this.data.versions.length - 1].id;
    this.render();
  };

  /* The version in force on a date; where the data cannot tell, say so. */
  Explorer.prototype.pickDate = function () {
    var day = this.date.value, versions = this.data.versions;
    if (!day) { this.dateNote.textContent = "Enter a date first. "; return; }
    var possible = versions.filter(function (v, i) {
      var next = versions[i + 1];
      return v.from && v.from <= day && (!next || !next.to || next.to > day);
    });
    var certain = possible.filter(function (v, i) {
      var next = versions[versions.indexOf(v) + 1];
      return v.to && v.to <= day && (!next || (next.from && next.from > day));
    });
    var chosen = certain[0] || possible[possible.length - 1];
    if (!chosen) {
      this.dateNote.textContent = "No version held here was in force on " + day + ": the earliest, " +
        versions[0].label + ", dates from " + versions[0].date + ". ";
      return;
    }
    this.controls.version.value = chosen.id;
    if (certain.length === 1 && possible.length === 1) {
      this.dateNote.textContent = "On " + day + " the version in force was " + chosen.label + " (" + chosen.date + "). ";
    } else {
      this.dateNote.textContent = "The data cannot tell which version was in force on " + day + ": it was one of " +
        possible.map(function (v) { return v.label + " (" + v.date + ")"; }).join(", ") +
        ". Showing " + chosen.label + ". ";
    }
    this.commit(false);
  };

  Explorer.prototype.rows = function (s) {
    var d = this.data;
    return d.rows.filter(function (row) {
      return (!s.obligation || row[0] === s.obligation) &&
        (!s.generation || row[1] === null || row[1] === s.generation) &&
        (!s.device || row[2] === s.device);
    });
  };

  Explorer.prototype.label = function (row) {
    var d = this.data;
    if (row[2] === null) return d.no_device;  // a duty of a party as such, about no device
    var device = d.devices[this.index.devices[row[2]]];
    var gen = row[1] === null ? "" : d.generations[this.index.generations[row[1]]].name + " ";
    return gen + device.name;
  };

  Explorer.prototype.render = function () {
    var s = this.state(), rows = this.rows(s), self = this;
    shown = { state: s, touched: this.touched, path: this.path, left: 0 };
    var v = s.version ? this.index.versions[s.version] : null;
    this.question.textContent = "Question: " + FIELDS.map(function (name) {
      var select = self.controls[name];
      return self.labels[name] + ": " + select.options[select.selectedIndex].text;
    }).join("; ") + ".";
    this.renderAnswer(rows, v);
    if (window.secTimeline) window.secTimeline.render(this, rows, v, { el: el, icons: ICONS });
    this.renderMatrix(rows, v);
    this.views.forEach(function (view) { view.render(s); });
  };

  Explorer.prototype.reasons = function (state, version) {
    var d = this.data, list = el("ul", { "class": "sec-explorer__reasons" });
    state.reasons.forEach(function (ri) {
      var r = d.reasons[ri], item = el("li");
      if (r.citation) {
        item.appendChild(el("a", { href: r.href, text: r.citation + " as at " + version.label }));
        item.appendChild(document.createTextNode(": " + (r.includes ? "includes" : "excludes") + " it for the " + r.party));
        if (r.modification) {
          item.appendChild(document.createTextNode(" (wording introduced by "));
          item.appendChild(el("a", { href: r.modification_url, text: r.modification }));
          item.appendChild(document.createTextNode(")"));
        }
      } else {
        item.textContent = r.party + ": " + r.source;
      }
      list.appendChild(item);
    });
    return list;
  };

  Explorer.prototype.renderAnswer = function (rows, v) {
    var d = this.data, self = this;
    this.answer.textContent = "";
    if (v === null) {
      this.summary.textContent = rows.length + (rows.length === 1 ? " row" : " rows") + " across " + d.versions.length +
        " versions: see the table below.";
      return;
    }
    var version = d.versions[v];
    var shown = rows.slice(0, 20);
    var heading = el("h3", { text: "Answer for " + version.label + " (" + version.date + ")" });
    this.answer.appendChild(heading);
    var list = el("dl", { "class": "sec-explorer__answers" });
    shown.forEach(function (row) {
      var obligation = d.obligations[self.index.obligations[row[0]]];
      var state = d.states[row.cells[v]];
      list.appendChild(el("dt", {}, [obligation.short + " \u2014 " + self.label(row) + ": ", answer(state)]));
      list.appendChild(el("dd", {}, [self.reasons(state, version)]));
    });
    this.answer.appendChild(list);
    if (rows.length > shown.length) {
      this.answer.appendChild(el("p", { text: "Showing the first " + shown.length + " of " + rows.length +
        " answers: choose a device or an obligation to narrow them." }));
    }
    if (rows.length === 1) {
      var only = d.states[rows[0].cells[v]];
      this.summary.textContent = d.obligations[this.index.obligations[rows[0][0]]].short + ", " + this.label(rows[0]) +
        ", " + version.label + ": " + only.answer + ".";
    } else {
      this.summary.textContent = rows.length + " answers for " + version.label + ".";
    }
  };

  /* A flag after an answer: its sign for the eye, its words for screen readers. */
  function flag(sign, title, words) {
    return el("span", { "class": "sec-flag", title: title }, [el("span", { "aria-hidden": "true", text: sign }),
      el("span", { "class": "sec-sr", text: words })]);
  }

  Explorer.prototype.renderMatrix = function (rows, v) {
    var d = this.data, self = this;
    var table = el("table", { "class": "sec-matrix sec-matrix--explorer" });
    table.appendChild(el("caption", { text: "Who bears each obligation, by obligation and device (rows) and SEC version " +
      "(columns); a cell spanning several versions holds for each of them" }));
    var head = el("tr", {}, [el("th", { scope: "col", text: "Obligation and device" })]);
    d.versions.forEach(function (version, i) {
      // The short label shown (4 Nov 2019), the full one as the header's name and tooltip.
      var short = version.short || version.label, whole = short === version.label;
      head.appendChild(el("th", { scope: "col", "class": "sec-matrix__version" + (i === v ? " sec-selected" : ""),
        "aria-label": whole ? null : version.label }, [whole ? short : el("abbr", { title: version.label, text: short })]));
    });
    table.appendChild(el("thead", {}, [head]));
    var body = el("tbody"), group = null;
    rows.slice(0, ROW_LIMIT).forEach(function (row) {
      var obligation = d.obligations[self.index.obligations[row[0]]];
      // The obligation heads the first of its rows; every row header names it for screen readers.
      var first = row[0] !== group;
      group = row[0];
      var header = el("th", { scope: "row" }, [
        first ? el("a", { "class": "sec-matrix__group", href: obligation.url, text: obligation.short }) :
          el("span", { "class": "sec-sr", text: obligation.short }),
        el("span", { "class": "sec-sr", text: ": " }),
        el("span", { "class": "sec-matrix__device", text: self.label(row) })]);
      var tr = el("tr", { "class": first ? "sec-matrix__first" : null }, [header]);
      // One cell per run of versions that read the same, spanning their columns.
      var start = 0, previous = null;
      row[3].forEach(function (run) {
        var state = d.states[run[0]], last = start + run[1] - 1;
        var changed = previous !== null && previous.answer !== state.answer;
        var selected = v !== null && v >= start && v <= last;
        var td = el("td", { "class": "sec-cell sec-cell--" + state.status + (selected ? " sec-selected" : "") +
          (changed ? " sec-cell--changed" : ""), colspan: run[1] > 1 ? String(run[1]) : null }, [answer(state)]);
        if (changed) td.appendChild(flag("\u25B2", "Changed from the previous version", " changed"));
        if (state.mismatch) td.appendChild(flag("\u2260", "Differs from its twin duty", " differs from twin duty"));
        tr.appendChild(td);
        start = last + 1;
        previous = state;
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    var scroll = el("div", { "class": "sec-scroll sec-scroll--matrix", tabindex: "0", role: "region",
      "aria-label": "Decision table" }, [table]);
    this.matrix.textContent = "";
    this.matrix.appendChild(el("h3", { text: "How it changed over time" }));
    if (rows.length > ROW_LIMIT) {
      this.matrix.appendChild(el("p", { text: "Showing the first " + ROW_LIMIT + " of " + rows.length +
        " rows: choose a generation, device type or obligation to narrow them." }));
    }
    this.matrix.appendChild(scroll);
  };

  Explorer.prototype.destroy = function () {
    window.removeEventListener("popstate", this.onPop);
    if (shown) shown.left = Date.now();
  };

  /* ---- the theme's search results box ---------------------------------------------------
   * Closed, the search's results box is an empty scroll box of no height, which Chromium puts in
   * the tab order: an invisible stop after the search field. Marked here, site.css hides it while
   * the search is closed (the theme's toggle, #__search, unchecked), so it never takes focus then;
   * open, it is the theme's as before. */
  function markSearchResults() {
    document.querySelectorAll(".md-search__scrollwrap").forEach(function (box) { box.classList.add("sec-search-results"); });
  }

  /* ---- sortable tables ----------------------------------------------------------------- */

  function sortable(table) {
    if (table.getAttribute("data-sortable")) return;
    table.setAttribute("data-sortable", "true");
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, column) {
      var button = el("button", { type: "button", "class": "sec-sort", text: th.textContent });
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].getAttribute("data-sort") || a.cells[column].textContent;
          var y = b.cells[column].getAttribute("data-sort") || b.cells[column].textContent;
          return (ascending ? 1 : -1) * x.localeCompare(y, undefined, { numeric: true });
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  /* ---- start on each page --------------------------------------------------------------- */

  var current = null;
  var refocus = null;  // the control Back or Forward gave focus to: {name, href, at}
  var shown = null;    // the view the last explorer showed: {state, touched, path, left (when it went)}
  var popped = 0;      // when Back or Forward last moved through the history
  window.addEventListener("popstate", function () { popped = Date.now(); });

  function start() {
    if (current) { current.destroy(); current = null; }
    markSearchResults();
    document.querySelectorAll("table.sec-sortable").forEach(sortable);
    var root = document.getElementById("sec-explorer");
    if (!root || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "loading");
    fetch(root.getAttribute("data-src"))
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      })
      .then(function (data) {
        var seen = shown;
        current = new Explorer(root, data);
        root.setAttribute("data-ready", "true");
        current.takeFocusOver(seen);
      })
      .catch(function (error) {
        root.hidden = false;
        root.textContent = "";
        root.appendChild(el("p", { text: "The interactive table could not load its data (" + error.message +
          "). The tables on the obligation pages below show every answer." }));
      });
  }

  /* Run fn on each page: with instant navigation on each page change (document$), else once. */
  function onEachPage(fn) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(fn);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  onEachPage(start);

  /* ---- permanent links: a renumbered clause forwards; "cite" buttons on clause pages ------ */

  /* The page of a renumbered clause names its successor (data-sec-successor): go there, keeping
   * the #fragment, so that old links to G3.20#b land on the new number's (b). A history anchor
   * of the old page (#v-5.14-b) stays: that wording is only there. */
  function forwardRenumbered() {
    var notice = document.querySelector("[data-sec-successor]");
    if (!notice) return;
    var hash = location.hash, id = hash.slice(1);
    try { id = decodeURIComponent(id); } catch (error) { /* a malformed #fragment: keep it as written */ }
    if (id.indexOf("v-") === 0 && document.getElementById(id)) return;
    var target = new URL(notice.getAttribute("data-sec-successor"), location.href);
    location.replace(target.href.split("#")[0] + hash);
  }

  function citeButton(where, citation, url) {
    var text = citation + " \u2014 " + url;
    var status = el("span", { "class": "sec-cite__status", role: "status" });
    var button = el("button", { type: "button", "class": "sec-cite", "data-sec-citation": text,
      "aria-label": "Cite: copy \u201C" + citation + "\u201D and its permanent link", text: "Cite" });
    button.addEventListener("click", function () {
      function shown(message) { status.textContent = message; }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { shown("Copied: " + text); },
          function () { shown("Copy this: " + text); });
      } else {
        shown("Copy this: " + text);
      }
    });
    where.appendChild(document.createTextNode(" "));
    where.appendChild(button);
    where.appendChild(status);
  }

  /* Each wording block says which clause it is, the version a citation names, and its permanent
   * anchor (data-sec-cite, data-sec-as-at, data-sec-anchor): a button beside each sub-paragraph
   * and each version heading copies "SEC G3.20(b), as at v6.17 \u2014 <permanent URL>". */
  function citations() {
    var canonical = document.querySelector('link[rel="canonical"]');
    var page = (canonical ? canonical.href : location.href).split("#")[0];
    document.querySelectorAll(".sec-text[data-sec-cite]").forEach(function (block) {
      if (block.getAttribute("data-sec-cited")) return;
      block.setAttribute("data-sec-cited", "true");
      var cite = block.getAttribute("data-sec-cite"), asAt = block.getAttribute("data-sec-as-at");
      var anchor = block.getAttribute("data-sec-anchor");
      block.querySelectorAll(".sec-para[data-sec-para]").forEach(function (para) {
        // data-sec-para: the provision as cited, "(b)(ii)"; data-sec-para-anchor: its anchor, "b-ii".
        var label = para.getAttribute("data-sec-para"), part = para.getAttribute("data-sec-para-anchor");
        citeButton(para, cite + label + ", as at " + asAt, page + "#" + anchor + "-" + part);
      });
      var heading = document.getElementById(anchor);
      if (heading && /^H[2-6]$/.test(heading.tagName) && !heading.querySelector(".sec-cite")) {
        citeButton(heading, cite + ", as at " + asAt, page + "#" + block.getAttribute("data-sec-as-at-anchor"));
      }
    });
  }

  function permanentLinks() {
    forwardRenumbered();
    citations();
  }

  onEachPage(permanentLinks);

  /* ---- compare any two wordings of a clause ---------------------------------------------- */

  /* The page shows, without this file, a redline between each pair of consecutive wordings under
   * "History". This adds a choice of any two of them and a word-level redline between them, in
   * the static redlines' convention: <del>/<ins>, each also said in words for screen readers. */

  /* The text of a node without what site.js or the page add for other readers. */
  function plainText(node) {
    var copy = node.cloneNode(true);
    copy.querySelectorAll(".sec-cite, .sec-cite__status, .sec-sr, .headerlink").forEach(function (extra) {
      extra.parentNode.removeChild(extra);
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function wordingText(block) {
    var parts = [];
    block.querySelectorAll(".sec-lead, .sec-para, .sec-ptail, .sec-tail, th, td").forEach(function (node) {
      parts.push(plainText(node));
    });
    return parts.join(" ");
  }

  /* Words and punctuation marks, each with whether a space came before it. */
  function tokens(text) {
    var list = [], pattern = /(\s*)([^\s()\[\]{},;:.!?"\u201C\u201D]+|\S)/g, match;
    while ((match = pattern.exec(text)) !== null) list.push({ space: match[1] ? " " : "", word: match[2] });
    return list;
  }

  /* The edit from a to b, token by token: ["same" | "del" | "ins", token], by longest common
   * subsequence (after the common start and end are set aside; wordings are short). */
  function diff(a, b) {
    var start = 0, endA = a.length, endB = b.length, ops = [], i, j;
    while (start < endA && start < endB && a[start].word === b[start].word) start++;
    while (endA > start && endB > start && a[endA - 1].word === b[endB - 1].word) { endA--; endB--; }
    for (i = 0; i < start; i++) ops.push(["same", b[i]]);
    var n = endA - start, m = endB - start, width = m + 1;
    if (n * m > 4000000) {  // too long to compare word by word: the one replaces the other
      for (i = start; i < endA; i++) ops.push(["del", a[i]]);
      for (j = start; j < endB; j++) ops.push(["ins", b[j]]);
    } else {
      var lengths = new Uint32Array((n + 1) * width);  // lengths[i * width + j]: LCS of a[i..], b[j..]
      for (i = n - 1; i >= 0; i--) {
        for (j = m - 1; j >= 0; j--) {
          lengths[i * width + j] = a[start + i].word === b[start + j].word ? lengths[(i + 1) * width + j + 1] + 1 :
            Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
        }
      }
      i = 0; j = 0;
      while (i < n || j < m) {
        if (i < n && j < m && a[start + i].word === b[start + j].word) { ops.push(["same", b[start + j]]); i++; j++; }
        else if (j >= m || (i < n && lengths[(i + 1) * width + j] >= lengths[i * width + j + 1])) { ops.push(["del", a[start + i]]); i++; }
        else { ops.push(["ins", b[start + j]]); j++; }
      }
    }
    for (j = endB; j < b.length; j++) ops.push(["same", b[j]]);
    return ops;
  }

  /* The redline of ops, runs of the same kind together; counts the runs inserted and deleted. */
  function redline(ops, counts) {
    var box = el("div", { "class": "sec-redline__text" }), k = 0;
    while (k < ops.length) {
      var kind = ops[k][0], run = [];
      while (k < ops.length && ops[k][0] === kind) run.push(ops[k++][1]);
      var text = run.map(function (token, i) { return (i ? token.space : "") + token.word; }).join("");
      var last = box.lastChild;
      // A space before the run where the text has one, and between words struck out and the words
      // put in their place (so that "year.[Not used]" reads "year. [Not used]").
      if (last && (run[0].space || (kind === "ins" && last.nodeName === "DEL"))) box.appendChild(document.createTextNode(" "));
      if (kind === "same") {
        box.appendChild(document.createTextNode(text));
      } else {
        counts[kind] += 1;
        box.appendChild(el(kind, {}, [el("span", { "class": "sec-sr", text: kind === "ins" ? "[inserted: " : "[deleted: " }),
          text, el("span", { "class": "sec-sr", text: "]" })]));
      }
    }
    return box;
  }

  function plural(count, word) { return count + " " + word + (count === 1 ? "" : "s"); }

  /* The wordings under the "History" heading: each div.sec-text[data-sec-anchor] there, named by
   * the h3 whose id is its anchor. */
  function historyWordings(heading) {
    var wordings = [];
    for (var node = heading.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
      if (!node.matches("div.sec-text[data-sec-anchor]")) continue;
      var title = document.getElementById(node.getAttribute("data-sec-anchor"));
      if (!title || !/^H[3-6]$/.test(title.tagName)) continue;
      wordings.push({ id: node.getAttribute("data-sec-anchor"), label: plainText(title), block: node });
    }
    return wordings;
  }

  function compareWordings() {
    var heading = document.getElementById("history");
    if (!heading || heading.tagName !== "H2" || heading.getAttribute("data-sec-compare")) return;
    var wordings = historyWordings(heading);
    if (wordings.length < 2) return;
    heading.setAttribute("data-sec-compare", "true");

    function choice(name, label, selected) {
      var id = "sec-compare-" + name;
      var select = el("select", { id: id, name: name });
      wordings.forEach(function (wording, i) {
        var option = el("option", { value: wording.id, text: wording.label });
        if (i === selected) option.selected = true;
        select.appendChild(option);
      });
      return { select: select, control: el("div", { "class": "sec-compare__control" }, [el("label", { "for": id, text: label }), select]) };
    }
    var from = choice("from", "From the wording", wordings.length - 2);
    var to = choice("to", "To the wording", wordings.length - 1);
    var form = el("form", { "class": "sec-compare", "aria-labelledby": "sec-compare-title" }, [
      el("p", { "class": "sec-compare__title", id: "sec-compare-title", text: "Compare any two wordings" }),
      el("div", { "class": "sec-compare__controls" }, [from.control, to.control])
    ]);
    var result = el("div", { "class": "sec-compare__result", id: "sec-compare-result", "aria-live": "polite" });

    function wording(id) { return wordings.filter(function (w) { return w.id === id; })[0]; }
    function render() {
      var a = wording(from.select.value), b = wording(to.select.value);
      result.textContent = "";
      if (a === b) {
        result.appendChild(el("p", { text: "Choose two different wordings to see the changes between them." }));
        return;
      }
      var counts = { ins: 0, del: 0 };
      var box = redline(diff(tokens(wordingText(a.block)), tokens(wordingText(b.block))), counts);
      var changes = [];
      if (counts.del) changes.push(plural(counts.del, "deletion"));
      if (counts.ins) changes.push(plural(counts.ins, "insertion"));
      var summary = changes.length ? changes.join(" and ") + "." : "no change in words.";
      result.appendChild(el("p", { "class": "sec-compare__summary",
        text: "Changes from \u201C" + a.label + "\u201D to \u201C" + b.label + "\u201D: " + summary }));
      result.appendChild(box);
    }
    from.select.addEventListener("change", render);
    to.select.addEventListener("change", render);
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    // After the section's opening paragraph (which explains the marks), before the first wording.
    var after = heading.nextElementSibling && heading.nextElementSibling.tagName === "P" ? heading.nextElementSibling : heading;
    after.parentNode.insertBefore(result, after.nextSibling);
    after.parentNode.insertBefore(form, result);
    render();
  }

  onEachPage(compareWordings);

  /* ---- a whole section as at a version ---------------------------------------------------------
   * The page holds every wording; as-at.css shows those of the version the #v-... anchor names
   * (:target, without JavaScript). Instant navigation changes the address without a fragment
   * navigation, so :target may not follow: the version is also set here as data-at. */
  var asAtListening = false;

  function showVersionAsAt() {
    var page = document.querySelector(".sec-asat");
    if (!page) return;
    var id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (error) { /* a malformed #fragment: keep it as written */ }
    var marker = id.indexOf("v-") === 0 ? document.getElementById(id) : null;
    if (marker && marker.classList.contains("sec-at")) page.setAttribute("data-at", id.slice(2));
    else page.removeAttribute("data-at");
    if (!asAtListening) {
      asAtListening = true;
      window.addEventListener("hashchange", showVersionAsAt);
    }
  }

  onEachPage(showVersionAsAt);
})();
