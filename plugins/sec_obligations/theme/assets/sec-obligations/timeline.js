/* SEC Obligation Explorer: the timeline picture in the explorer, for the rows it shows. The
 * obligation pages have the same picture as plain HTML (pages/timeline.py, drawn by timeline.css);
 * this draws it from the explorer's data. site.js calls secTimeline.render(explorer, rows, version
 * index or null, helpers) after every change of the view.
 *
 * A band is a link to the question "this row, in the band's first version": following it shows
 * that answer and its reasons above. No innerHTML: every text goes in through textContent.
 */
(function () {
  "use strict";

  var LIMIT = 100;  // rows drawn, as the table below the picture
  var PALETTE = 4;  // party colours in timeline.css
  var HINT = "Point at a band, or move to it with the Tab key, and its reasons show here; select it to " +
    "ask the table about that row and version.";
  var NOTES = { changed: "changed from the version before", mismatch: "the twin duty gives another answer" };

  /* Each row's runs, with the modifications that changed them (data.timeline.introduced: [row
   * index, run index, modification ...]), worked out once. */
  function prepare(data) {
    if (data.timeline.ready) return;
    data.timeline.introduced.forEach(function (entry) {
      var row = data.rows[entry[0]];
      row.introduced = row.introduced || {};
      row.introduced[entry[1]] = entry.slice(2);
    });
    data.timeline.ready = true;
  }

  function versionsWords(versions, first, last) {
    return versions[first].label + (last > first ? " to " + versions[last].label : "");
  }

  function dated(version) {
    return version.label + ", " + version.date;
  }

  function reasonWords(reason) {
    if (!reason.citation) return reason.party + ": " + reason.source;
    return reason.citation + (reason.includes ? " includes" : " excludes") + " it for the " + reason.party +
      (reason.modification ? " (wording introduced by " + reason.modification + ")" : "");
  }

  function axis(h, data, v) {
    var ticks = h.el("ol", { "class": "sec-tl__ticks" }), n = data.versions.length;
    data.versions.forEach(function (version, i) {
      var when = data.timeline.when[i];
      var span = i === 0 ? n : Math.min(i & -i, n - i);
      var text = h.el("span", { "class": "sec-tl__tick-text" }, [version.short || version.label, h.el("br"), when[0]]);
      ticks.appendChild(h.el("li", { "class": "sec-tl__tick" + (when[1] ? "" : " sec-tl__tick--uncertain"),
        style: "grid-column:" + (i + 1) + "/span " + span }, [text]));
    });
    if (v !== null) {
      ticks.appendChild(h.el("li", { "class": "sec-tl__tick sec-tl__tick--selected" + (v > n / 2 ? " sec-tl__tick--end" : ""), style: "grid-column:" + (v + 1) + "/span 1" },
        [h.el("span", { "class": "sec-tl__tick-text" }, [data.versions[v].short || data.versions[v].label, h.el("br"),
          data.timeline.when[v][0]])]));
    }
    return h.el("div", { "class": "sec-tl__axis", "aria-hidden": "true" }, [
      h.el("span", { "class": "sec-tl__corner", text: "SEC version and date (? not known)" }), ticks]);
  }

  function modificationTrack(h, marks, n) {
    var starts = Object.keys(marks).map(Number).sort(function (a, b) { return a - b; });
    if (!starts.length) return null;
    var items = h.el("ol", { "class": "sec-tl__ticks" });
    starts.forEach(function (start, k) {
      var end = k + 1 < starts.length ? starts[k + 1] : n;
      items.appendChild(h.el("li", { style: "grid-column:" + (start + 1) + "/" + (end + 1) }, [
        h.el("span", { "aria-hidden": "true", text: "\u25C6" }), " " + Object.keys(marks[start]).sort().join(", ")]));
    });
    return h.el("div", { "class": "sec-tl__axis sec-tl__axis--mods", "aria-hidden": "true" }, [
      h.el("span", { "class": "sec-tl__corner", text: "Changed by" }), items]);
  }

  /* The question a band leads to: its row, in its first version. */
  function question(row, version) {
    var params = new URLSearchParams();
    params.set("version", version.id);
    params.set("generation", row[1] === null ? "all" : row[1]);
    params.set("device", row[2] === null ? "all" : row[2]);
    params.set("obligation", row[0]);
    return "?" + params.toString();
  }

  function band(h, explorer, row, run, where) {
    var d = explorer.data, state = d.states[run.state], versions = d.versions;
    var classes = "sec-tl__band sec-tl__band--" + state.status;
    if (state.status === "party") classes += " sec-tl__band--p" + (d.timeline.parties.indexOf(state.answer) % PALETTE);
    if (run.mods.length) classes += " sec-tl__band--modified";
    if (where.v !== null && where.v >= run.first && where.v <= run.last) classes += " sec-selected";
    var notes = [];
    if (run.changed) notes.push(NOTES.changed);
    if (state.mismatch) notes.push(NOTES.mismatch);
    if (run.mods.length) notes.push("wording introduced by " + run.mods.join(", "));
    var tipId = "sec-tl-tip-" + where.id;
    var span = dated(versions[run.first]) + (run.last > run.first ? ", to " + dated(versions[run.last]) : "");
    var reasons = state.reasons.map(function (ri) { return reasonWords(d.reasons[ri]); });
    var tip = where.label + ", " + span + ": " + state.answer + ". " +
      (reasons.length ? reasons.join("; ") : "No rule held here covers it") + "." +
      notes.map(function (note) { return " " + note.charAt(0).toUpperCase() + note.slice(1) + "."; }).join("");
    where.longest.chars = Math.max(where.longest.chars, tip.length);
    var link = h.el("a", { "class": classes, href: question(row, versions[run.first]), "aria-describedby": tipId,
      "data-sec-version": versions[run.first].id }, [
      run.mods.length ? h.el("span", { "class": "sec-tl__mark", "aria-hidden": "true", text: "\u25C6" }) : null,
      h.el("span", { "class": "sec-tl__icon", "aria-hidden": "true", text: h.icons[state.status] }),
      h.el("span", { "class": "sec-tl__word", text: state.answer }),
      state.mismatch ? h.el("span", { "class": "sec-tl__flag", "aria-hidden": "true", text: "\u2260" }) : null,
      h.el("span", { "class": "sec-sr", text: ", " + versionsWords(versions, run.first, run.last) +
        notes.map(function (note) { return "; " + note; }).join("") })]);
    return h.el("li", { style: "grid-column:" + (run.first + 1) + "/span " + (run.last - run.first + 1) },
      [link, h.el("span", { "class": "sec-tl__tip", id: tipId, role: "tooltip", text: tip })]);
  }

  /* A row's runs: first and last version index, state, whether the answer changed, and the
   * modifications that changed it there. */
  function runs(d, row) {
    var found = [], start = 0, previous = null;
    row[3].forEach(function (entry, k) {
      var state = d.states[entry[0]];
      found.push({ state: entry[0], first: start, last: start + entry[1] - 1,
        changed: previous !== null && previous.answer !== state.answer,
        mods: (row.introduced && row.introduced[k]) || [] });
      start += entry[1];
      previous = state;
    });
    return found;
  }

  function render(explorer, rows, v, h) {
    var started = performance.now();
    var d = explorer.data, n = d.versions.length, container = explorer.timeline;
    prepare(d);
    var shown = rows.slice(0, LIMIT), marks = {}, list = h.el("ol", { "class": "sec-tl__rows" });
    var counts = { gap: 0, overlap: 0 }, group = null, longest = { chars: 0 };
    shown.forEach(function (row, r) {
      var obligation = d.obligations[explorer.index.obligations[row[0]]];
      var labelId = "sec-tl-row-" + r, groupId = "sec-tl-group-" + row[0];
      if (row[0] !== group) {
        group = row[0];
        list.appendChild(h.el("li", { "class": "sec-tl__group" }, [
          h.el("a", { "class": "sec-tl__label", id: groupId, href: obligation.url, text: obligation.short })]));
      }
      var label = explorer.label(row), seen = {};
      var bands = h.el("ol", { "class": "sec-tl__bands", "aria-labelledby": groupId + " " + labelId });
      runs(d, row).forEach(function (run, k) {
        run.mods.forEach(function (mod) { (marks[run.first] = marks[run.first] || {})[mod] = true; });
        seen[d.states[run.state].status] = true;
        bands.appendChild(band(h, explorer, row, run, { id: r + "-" + k, v: v, label: obligation.short + ", " + label,
          longest: longest }));
      });
      counts.gap += seen.gap ? 1 : 0;
      counts.overlap += seen.overlap ? 1 : 0;
      list.appendChild(h.el("li", { "class": "sec-tl__row" }, [h.el("span", { "class": "sec-tl__label", id: labelId, text: label }), bands]));
    });
    var found = ["gap", "overlap"].filter(function (kind) { return counts[kind]; }).map(function (kind) {
      return h.icons[kind] + " " + kind + "s: " + counts[kind] + " of " + shown.length + " rows";
    });
    var figure = h.el("figure", { "class": "sec-tl", id: "sec-explorer-timeline-figure", style: "--sec-tl-n:" + n + ";--sec-tl-tip-chars:" + longest.chars }, [
      h.el("figcaption", { text: "Timeline of the rows shown: who bears each obligation for each device (rows) in the " + n +
        " SEC versions held, " + d.versions[0].label + " to " + d.versions[n - 1].label + ", in equal steps. Each band is a " +
        "run of versions that read the same; \u25C6 marks where a modification changed it. " +
        (found.length ? found.join("; ") + " (hatched and framed)." : "No gap or overlap.") }),
      h.el("div", { "class": "sec-tl__box" }, [axis(h, d, v), modificationTrack(h, marks, n), list]),
      h.el("p", { "class": "sec-tl__hint", text: HINT })]);
    container.textContent = "";
    container.appendChild(h.el("h3", { text: "Timeline" }));
    if (rows.length > LIMIT) {
      container.appendChild(h.el("p", { text: "Showing the first " + LIMIT + " of " + rows.length +
        " rows: choose a generation, device type or obligation to narrow them." }));
    }
    container.appendChild(figure);
    performance.measure("sec-timeline-render", { start: started });
  }

  /* Following a band asks the explorer the band's question, in place (one history entry), and
   * puts the focus back on the band of that version. */
  function follow(explorer, event) {
    var link = event.target.closest && event.target.closest("a.sec-tl__band");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    event.stopPropagation();  // not the theme's instant navigation either
    var params = new URLSearchParams(link.getAttribute("href"));
    ["version", "generation", "device", "obligation"].forEach(function (name) {
      var value = params.get(name);
      explorer.controls[name].value = value === "all" ? "" : value;
    });
    explorer.touched = "version";
    explorer.commit(false);
    var again = explorer.timeline.querySelector('a.sec-tl__band[data-sec-version="' + CSS.escape(params.get("version")) + '"]');
    if (again) again.focus();
  }

  window.secTimeline = {
    render: function (explorer, rows, v, helpers) {
      if (!explorer.data.timeline) return;
      if (!explorer.timelineListening) {
        explorer.timelineListening = true;
        explorer.timeline.addEventListener("click", function (event) { follow(explorer, event); });
      }
      render(explorer, rows, v, helpers);
    }
  };
})();
