/* SEC Obligation Explorer: the interactive decision table (/responsibility/).
 *
 * Built from explorer.json (pages/responsibility.py, explorer_data): a form of choices kept in the
 * query string, the answers with their reasons, and the table of every version. Its views
 * (timeline.js, party.js) hook in through secObligations.explorerViews and draw after each change.
 * Every text goes in through textContent.
 */
(function () {
  "use strict";

  var sec = window.secObligations, el = sec.el, answer = sec.answer;
  var FIELDS = ["version", "generation", "device", "obligation"];
  var ROW_LIMIT = 100;

  /* A row of explorer.json ([obligation, generation, device, runs]; a run [state, number of
   * versions] or, where its answer changed, [state, number, modifications]) read once into names:
   * {obligation, generation, device (ids, null for none), runs: [{state, first, last (version
   * indexes), changed, modifications}], cells (the state of each version)}. */
  function readRow(entry, modifications) {
    var row = { obligation: entry[0], generation: entry[1], device: entry[2], runs: [], cells: [] };
    entry[3].forEach(function (run) {
      var first = row.cells.length;
      for (var i = 0; i < run[1]; i++) row.cells.push(run[0]);
      row.runs.push({ state: run[0], first: first, last: first + run[1] - 1, changed: run.length > 2,
        modifications: (run[2] || []).map(function (m) { return modifications[m]; }) });
    });
    return row;
  }

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
    this.rows = data.rows.map(function (entry) { return readRow(entry, data.modifications); });
    this.build();
    // The views of the same data (timeline.js, party.js) add their choices and draw after each change.
    this.views = sec.explorerViews.map(function (view) { return view(self); });
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

  /* The rows a view shows. */
  Explorer.prototype.chosen = function (s) {
    return this.rows.filter(function (row) {
      return (!s.obligation || row.obligation === s.obligation) &&
        (!s.generation || row.generation === null || row.generation === s.generation) &&
        (!s.device || row.device === s.device);
    });
  };

  Explorer.prototype.obligation = function (row) {
    return this.data.obligations[this.index.obligations[row.obligation]];
  };

  Explorer.prototype.label = function (row) {
    var d = this.data;
    if (row.device === null) return d.no_device;  // a duty of a party as such, about no device
    var device = d.devices[this.index.devices[row.device]];
    var gen = row.generation === null ? "" : d.generations[this.index.generations[row.generation]].name + " ";
    return gen + device.name;
  };

  Explorer.prototype.render = function () {
    var s = this.state(), rows = this.chosen(s), self = this;
    shown = { state: s, touched: this.touched, path: this.path, left: 0 };
    var v = s.version ? this.index.versions[s.version] : null;
    this.question.textContent = "Question: " + FIELDS.map(function (name) {
      var select = self.controls[name];
      return self.labels[name] + ": " + select.options[select.selectedIndex].text;
    }).join("; ") + ".";
    this.renderAnswer(rows, v);
    this.renderMatrix(rows, v);
    this.views.forEach(function (view) { view.render(s, rows, v); });
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
      var state = d.states[row.cells[v]];
      list.appendChild(el("dt", {}, [self.obligation(row).short + " \u2014 " + self.label(row) + ": ", answer(state)]));
      list.appendChild(el("dd", {}, [self.reasons(state, version)]));
    });
    this.answer.appendChild(list);
    if (rows.length > shown.length) {
      this.answer.appendChild(el("p", { text: "Showing the first " + shown.length + " of " + rows.length +
        " answers: choose a device or an obligation to narrow them." }));
    }
    if (rows.length === 1) {
      var only = d.states[rows[0].cells[v]];
      this.summary.textContent = this.obligation(rows[0]).short + ", " + this.label(rows[0]) +
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
      var obligation = self.obligation(row);
      // The obligation heads the first of its rows; every row header names it for screen readers.
      var first = row.obligation !== group;
      group = row.obligation;
      var header = el("th", { scope: "row" }, [
        first ? el("a", { "class": "sec-matrix__group", href: obligation.url, text: obligation.short }) :
          el("span", { "class": "sec-sr", text: obligation.short }),
        el("span", { "class": "sec-sr", text: ": " }),
        el("span", { "class": "sec-matrix__device", text: self.label(row) })]);
      var tr = el("tr", { "class": first ? "sec-matrix__first" : null }, [header]);
      // One cell per run of versions that read the same, spanning their columns.
      row.runs.forEach(function (run) {
        var state = d.states[run.state], span = run.last - run.first + 1;
        var selected = v !== null && v >= run.first && v <= run.last;
        var td = el("td", { "class": "sec-cell sec-cell--" + state.status + (selected ? " sec-selected" : "") +
          (run.changed ? " sec-cell--changed" : ""), colspan: span > 1 ? String(span) : null }, [answer(state)]);
        if (run.changed) td.appendChild(flag("\u25B2", "Changed from the previous version", " changed"));
        if (state.mismatch) td.appendChild(flag("\u2260", "Differs from its twin duty", " differs from twin duty"));
        tr.appendChild(td);
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

  /* ---- on each page: the explorer, where the page has its place ------------------------------ */

  var current = null;
  var refocus = null;  // the control Back or Forward gave focus to: {name, href, at}
  var shown = null;    // the view the last explorer showed: {state, touched, path, left (when it went)}
  var popped = 0;      // when Back or Forward last moved through the history
  window.addEventListener("popstate", function () { popped = Date.now(); });

  function start() {
    if (current) { current.destroy(); current = null; }
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

  sec.onEachPage(start);
})();
