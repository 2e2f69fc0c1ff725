/* SEC Obligation Explorer: one party's view of the decision table (/responsibility/).
 *
 * ?party=<id> lists every duty the party bears in the version chosen above (every obligation and
 * device); with &from=A&to=B, what it gained or lost going from A to B, and the versions and
 * modifications that did it. Each as a table and as a CSV file made here from the same data.
 * The answers are the engine's, in explorer.json (each answer's parties, each reason's party and
 * capacity, the modifications that changed each run); this file selects them as party.py does,
 * and the tests compare the two. A view of the explorer (explorer.js, secObligations.explorerViews),
 * drawn after each change. Every text goes in through textContent.
 */
(function () {
  "use strict";

  var sec = window.secObligations;

  var LIMIT = 100;  // the rows a table shows; the CSV holds them all
  var FORMULA = /^[=+\-@\t\r]/;  // a spreadsheet reads a cell beginning so as a formula

  /* RFC 4180, as party.py writes it: CRLF, quotes where needed, formulas made text. */
  function csv(fields, rows) {
    function cell(value) {
      var text = FORMULA.test(value) ? "'" + value : value;
      return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    }
    return [fields].concat(rows).map(function (row) { return row.map(cell).join(","); }).join("\r\n") + "\r\n";
  }

  function unique(items) {
    return items.filter(function (item, i) { return items.indexOf(item) === i; });
  }

  function PartyView(explorer) {
    var d = explorer.data, el = sec.el;
    this.explorer = explorer;
    this.data = d;
    this.el = el;
    this.answer = sec.answer;
    this.memo = {};
    var label = function (v) { return v.label; };
    var controls = [
      explorer.select("party", "Party", d.parties, function (p) { return p.name; }, "None"),
      explorer.select("from", "Compare from version", d.versions, label, "No comparison"),
      explorer.select("to", "to version", d.versions, label, "No comparison")];
    explorer.addField("party", "parties");
    explorer.addField("from", "versions");
    explorer.addField("to", "versions");
    var form = el("form", { "class": "sec-explorer__form sec-party__form", "aria-labelledby": "sec-party-title" }, controls);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.result = el("div", { "class": "sec-party__result", id: "sec-party-result" });
    this.note = el("span", { "class": "sec-explorer__note", id: "sec-party-note" });
    explorer.live.insertBefore(this.note, explorer.summary);
    explorer.root.insertBefore(el("section", { "class": "sec-party", "aria-labelledby": "sec-party-title" }, [
      el("h3", { id: "sec-party-title", text: "What one party bears" }),
      el("p", { text: "Choose a party to list every duty it bears in the SEC version chosen above; choose two " +
        "versions as well to list what it gained or lost between them, and the modifications that did it." }),
      form, this.result]), explorer.answer);
  }

  /* The reasons by which the party bears the answer of state number i (none for a gap or not
   * applicable), worked out once per state: thousands of rows share a few hundred states. */
  PartyView.prototype.grounds = function (i, party) {
    if (this.memo.party !== party) this.memo = { party: party, states: [] };
    var found = this.memo.states[i], reasons = this.data.reasons, state = this.data.states[i];
    if (found) return found;
    found = !state.parties.length ? [] : state.reasons.filter(function (r) {
      return reasons[r].includes && (reasons[r].party_id === party || reasons[r].role === party);
    }).map(function (r) { return reasons[r]; });
    this.memo.states[i] = found;
    return found;
  };

  PartyView.prototype.render = function (s) {
    var d = this.data, x = this.explorer;
    this.result.textContent = "";
    this.note.textContent = "";
    if (this.url) URL.revokeObjectURL(this.url);
    // A party or version the address names but the data does not hold: said, never a blank.
    var params = new URLSearchParams(location.search), problems = [];
    ["party", "from", "to"].forEach(function (name) {
      var value = params.get(name);
      if (!value || value === "all" || s[name]) return;
      problems.push(name === "party" ? "No party \u201C" + value + "\u201D is held here: choose one of " +
        d.parties.map(function (p) { return p.name; }).join(", ") + "." :
        "No version \u201C" + value + "\u201D is held here: choose one of the list.");
    });
    problems.forEach(function (text) { this.result.appendChild(this.el("p", { "class": "sec-party__problem", text: text })); }, this);
    this.said = problems.join(" ") + (problems.length ? " " : "");  // leads what the view then says
    this.note.textContent = this.said;
    if (!s.party) return;
    var party = d.parties[x.index.parties[s.party]];
    if (s.from && s.to) return this.renderChanges(party, x.index.versions[s.from], x.index.versions[s.to]);
    if (s.from || s.to) this.result.appendChild(this.el("p", { text: "Choose both versions to compare them." }));
    this.renderBorne(party, s.version ? x.index.versions[s.version] : d.versions.length - 1, !s.version);
  };

  /* ---- what the party bears in one version ------------------------------------------------- */

  /* The rows the party bears in version v: how many, and the first `limit` of them (only those
   * are drawn; the CSV asks for them all, when it is made). */
  PartyView.prototype.borne = function (party, v, limit) {
    var d = this.data, self = this, found = { count: 0, items: [] };
    this.explorer.rows.forEach(function (row) {
      var grounds = self.grounds(row.cells[v], party.id);
      if (!grounds.length) return;
      if (found.count++ < limit) found.items.push({ row: row, state: d.states[row.cells[v]], grounds: grounds });
    });
    return found;
  };

  PartyView.prototype.renderBorne = function (party, v, latest) {
    var d = this.data, x = this.explorer, el = this.el, self = this, version = d.versions[v];
    var found = this.borne(party, v, LIMIT), short = this.shortName(party);
    var said = found.count ? party.name + " bears " + plural(found.count, "duty", "duties") + " in " + version.label +
      " (each obligation for each device)" : party.name + " bears no duty held here in " + version.label;
    this.result.appendChild(el("p", { text: said + (latest ? ", the latest version (no version is chosen above)." : ".") }));
    this.note.textContent = this.said + said + ". ";
    this.download(csvName(party.id, [version.id]), ["party", "version", "obligation", "generation", "device",
      "device_label", "answer", "borne_by", "capacity", "shared_with", "citations"], found.count, function () {
      return self.borne(party, v, Infinity).items.map(function (b) {
        var bearers = unique(b.grounds.map(function (r) { return r.party_id; }));
        var roles = unique(b.grounds.map(function (r) { return r.role; }).filter(Boolean));
        var shared = b.state.parties.filter(function (id) { return bearers.indexOf(id) < 0 && roles.indexOf(id) < 0; });
        return [party.id, version.id].concat(rowCells(x, b.row), [b.state.answer, bearers.join(" "), roles.join(" "),
          shared.join(" "), unique(b.grounds.map(function (r) { return r.citation || r.source; })).join("; ")]);
      });
    });
    if (!found.count) return;
    this.table("Duties " + short + " bears in " + version.label + ", by obligation and device",
      ["Who bears it", "Clauses as at " + version.label], found, function (b) {
        var who = el("td", { "class": "sec-cell sec-cell--" + b.state.status }, [self.answer(b.state)]);
        var roles = unique(b.grounds.map(function (r) { return r.role; }).filter(Boolean));
        if (roles.length) who.appendChild(document.createTextNode(", as " + roles.map(function (id) {
          return d.parties[x.index.parties[id]].name; }).join(" and ")));
        var cites = el("td");
        unique(b.grounds.map(function (r) { return r.citation || r.source; })).forEach(function (cited, i) {
          var r = b.grounds.filter(function (g) { return (g.citation || g.source) === cited; })[0];
          if (i) cites.appendChild(document.createTextNode(", "));
          cites.appendChild(r.citation ? el("a", { href: r.href, text: cited }) : document.createTextNode(cited));
        });
        return [who, cites];
      });
  };

  PartyView.prototype.shortName = function (party) {
    return party.short === party.name ? "the " + party.name : "the " + party.name + " (" + party.short + ")";
  };

  /* ---- what it gained or lost between two versions ------------------------------------------ */

  /* Where the party came to bear a row or stopped, between versions lo and hi: at the start of a
   * run of versions (the modifications that changed the run come with it). */
  PartyView.prototype.steps = function (row, party, lo, hi) {
    var self = this, found = [];
    row.runs.forEach(function (run) {
      if (run.first > lo && run.first <= hi) {
        var now = self.grounds(run.state, party).length > 0;
        if (now !== self.grounds(row.cells[run.first - 1], party).length > 0) {
          found.push({ version: run.first, bears: now, mods: run.modifications });
        }
      }
    });
    return found;
  };

  /* The rows the party bears in one of versions a and b but not the other: how many it gained and
   * lost, and the first `limit` of them with their steps. */
  PartyView.prototype.changes = function (party, a, b, limit) {
    var d = this.data, self = this, lo = Math.min(a, b), hi = Math.max(a, b), found = { count: 0, gained: 0, items: [] };
    this.explorer.rows.forEach(function (row) {
      var had = self.grounds(row.cells[a], party.id).length > 0, has = self.grounds(row.cells[b], party.id).length > 0;
      if (had === has) return;
      found.gained += has ? 1 : 0;
      if (found.count++ >= limit) return;
      var before = d.states[row.cells[a]], after = d.states[row.cells[b]];
      var steps = self.steps(row, party.id, lo, hi);
      var mods = unique([].concat.apply([], steps.map(function (step) { return step.mods; }))).sort(function (m, n) {
        return m.id < n.id ? -1 : m.id > n.id ? 1 : 0;
      });
      found.items.push({ row: row, gained: has, before: before, after: after, steps: steps, mods: mods });
    });
    return found;
  };

  PartyView.prototype.renderChanges = function (party, a, b) {
    var d = this.data, x = this.explorer, el = this.el, self = this;
    var first = d.versions[a], second = d.versions[b], lo = Math.min(a, b), hi = Math.max(a, b);
    var found = this.changes(party, a, b, LIMIT), gained = found.gained, lost = found.count - gained;
    var implemented = d.modifications.filter(function (m) { return m.implemented_in > lo && m.implemented_in <= hi; });
    var said = a === b ? "The same version twice: nothing to compare." :
      "From " + first.label + " to " + second.label + (a > b ? " (going back)" : "") + ", " + party.name +
      (found.count ? " gained " + plural(gained, "duty", "duties") + " and lost " + plural(lost, "duty", "duties") :
        " gained and lost no duty") + ".";
    this.note.textContent = this.said + said + " ";
    var intro = el("p", { text: said + (a === b ? "" : " " + plural(hi - lo, "version", "versions") + " after " +
      d.versions[lo].label + " up to " + d.versions[hi].label + (implemented.length ? ", implementing " : ".")) });
    implemented.forEach(function (m, i) {
      intro.appendChild(document.createTextNode(i ? ", " : ""));
      intro.appendChild(el("a", { href: m.url, text: m.id }));
      intro.appendChild(document.createTextNode(" (" + m.title + ")" + (i === implemented.length - 1 ? "." : "")));
    });
    this.result.appendChild(intro);
    this.download(csvName(party.id, [first.id, "to", second.id]), ["party", "from_version", "to_version", "change",
      "obligation", "generation", "device", "device_label", "before", "after", "changed_in", "modifications"],
    found.count, function () {
      return self.changes(party, a, b, Infinity).items.map(function (c) {
        return [party.id, first.id, second.id, c.gained ? "gained" : "lost"].concat(rowCells(x, c.row), [c.before.answer,
          c.after.answer, c.steps.map(function (step) { return d.versions[step.version].id; }).join(" "),
          c.mods.map(function (m) { return m.id; }).join(" ")]);
      });
    });
    if (!found.count) return;
    this.table("What " + this.shortName(party) + " gained and lost from " + first.label + " to " + second.label +
      ", by obligation and device", ["Change", "In " + first.label, "In " + second.label, "Changed in"], found, function (c) {
      var when = el("td");
      c.steps.forEach(function (step, i) {
        var version = d.versions[step.version];
        if (i) when.appendChild(document.createTextNode("; "));
        when.appendChild(el("a", { href: version.url, text: version.label }));
        step.mods.forEach(function (m, j) {
          when.appendChild(document.createTextNode(j ? ", " : " by "));
          when.appendChild(el("a", { href: m.url, text: m.id }));
        });
      });
      return [el("td", { "class": "sec-party__change", text: c.gained ? "Gained" : "Lost" }),
        el("td", { "class": "sec-cell sec-cell--" + c.before.status }, [self.answer(c.before)]),
        el("td", { "class": "sec-cell sec-cell--" + c.after.status }, [self.answer(c.after)]), when];
    });
  };

  /* ---- the table and the download -------------------------------------------------------------- */

  /* A table of the rows found (obligation and device first, its header and that column in view as
   * it scrolls): found.items, of found.count; cells(item) gives the other cells. */
  PartyView.prototype.table = function (caption, headers, found, cells) {
    var x = this.explorer, el = this.el;
    var head = el("tr", {}, [el("th", { scope: "col", text: "Obligation and device" })].concat(headers.map(function (h) {
      return el("th", { scope: "col", text: h });
    })));
    var body = el("tbody");
    found.items.forEach(function (item) {
      var obligation = x.obligation(item.row);
      body.appendChild(el("tr", {}, [el("th", { scope: "row" }, [
        el("a", { "class": "sec-matrix__group", href: obligation.url, text: obligation.short }),
        el("span", { "class": "sec-sr", text: ": " }), x.label(item.row)])].concat(cells(item))));
    });
    if (found.count > found.items.length) {
      this.result.appendChild(el("p", { text: "Showing the first " + found.items.length + " of " + found.count +
        " rows: the CSV file holds them all." }));
    }
    this.result.appendChild(el("div", { "class": "sec-scroll sec-scroll--wide", tabindex: "0", role: "region",
      "aria-label": caption }, [el("table", { "class": "sec-mini sec-party__table" }, [
      el("caption", { text: caption }), el("thead", {}, [head]), body])]));
  };

  /* A button that saves `count` lines as a CSV file, made when it is pressed (lines(): their cells). */
  PartyView.prototype.download = function (name, fields, count, lines) {
    var self = this;
    var button = this.el("button", { type: "button", "class": "sec-button",
      text: "Download as CSV (" + plural(count, "row", "rows") + ")" });
    button.addEventListener("click", function () {
      if (self.url) URL.revokeObjectURL(self.url);
      self.url = URL.createObjectURL(new Blob([csv(fields, lines())], { type: "text/csv;charset=utf-8" }));
      var link = self.el("a", { href: self.url, download: name, hidden: "" });
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
    });
    this.result.appendChild(this.el("p", { "class": "sec-party__download" }, [button]));
  };

  function rowCells(explorer, row) {
    return [row.obligation, row.generation || "", row.device || "", explorer.label(row)];
  }

  function csvName(party, versions) {
    return ("party-" + party + "-" + versions.join("-")).replace(/[^A-Za-z0-9._-]+/g, "_") + ".csv";
  }

  function plural(count, one, many) { return count + " " + (count === 1 ? one : many); }

  sec.explorerViews.push(function (explorer) { return new PartyView(explorer); });
})();
