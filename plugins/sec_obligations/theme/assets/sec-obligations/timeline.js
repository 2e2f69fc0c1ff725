/* SEC Obligation Explorer: the timeline picture. The obligation pages have it as plain HTML
 * (pages/timeline.py, drawn by timeline.css); this writes there, in the line under the picture
 * that describes every band, the reasons of the band focused or pointed at (those on the page it
 * leads to). And it draws the picture in the explorer, for the rows the explorer shows, from its
 * data: a view of the explorer (secObligations.explorerViews), drawn after every change of the
 * view. There a band is a link to the question "this row, in the band's first version": following
 * it shows that answer and its reasons above; its reasons show under the picture, in one line of
 * text that every band names as its description. No innerHTML: every text goes in through textContent.
 */
(function () {
  "use strict";

  var sec = window.secObligations, el = sec.el, ICONS = sec.icons;

  var LIMIT = 100;  // rows drawn, as the table below the picture
  var PALETTE = 4;  // party colours in timeline.css
  var TIP = "sec-explorer-timeline-tip";
  var HINT = "Point at a band, or move to it with the Tab key, and its reasons show here; select it to " +
    "ask the table about that row and version.";
  var NOTES = { changed: "changed", mismatch: "differs from twin duty" };  // as the table says them
  var bands = new WeakMap();  // a band's link -> what its tip says: {run, label}

  /* The modifications whose wordings changed each row's runs, by row and run index
   * (data.timeline.introduced: [row index, run index, modification ...]). */
  function introducedBy(explorer) {
    var found = new Map();
    explorer.data.timeline.introduced.forEach(function (entry) {
      var row = explorer.rows[entry[0]];
      if (!found.has(row)) found.set(row, {});
      found.get(row)[entry[1]] = entry.slice(2);
    });
    return found;
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

  function notesOf(state, run) {
    var notes = [];
    if (run.changed) notes.push(NOTES.changed);
    if (state.mismatch) notes.push(NOTES.mismatch);
    if (run.mods.length) notes.push("wording introduced by " + run.mods.join(", "));
    return notes;
  }

  /* What a band's tip says: its row, versions and their dates, answer, reasons and notes. */
  function tipWords(d, band) {
    var state = d.states[band.run.state], run = band.run, versions = d.versions;
    var span = dated(versions[run.first]) + (run.last > run.first ? ", to " + dated(versions[run.last]) : "");
    var reasons = state.reasons.map(function (ri) { return reasonWords(d.reasons[ri]); });
    return band.label + ", " + span + ": " + state.answer + ". " +
      (reasons.length ? reasons.join("; ") : "No rule held here covers it") + "." +
      notesOf(state, run).map(function (note) { return " " + note.charAt(0).toUpperCase() + note.slice(1) + "."; }).join("");
  }

  function tick(version, when, classes, column) {
    return el("li", { "class": "sec-tl__tick" + (when[1] ? "" : " sec-tl__tick--uncertain") + classes, style: column },
      [el("span", { "class": "sec-tl__tick-text" }, [version.short || version.label, el("br"), when[0]])]);
  }

  function axis(data, v) {
    var ticks = el("ol", { "class": "sec-tl__ticks" }), n = data.versions.length;
    data.versions.forEach(function (version, i) {
      var span = i === 0 ? n : Math.min(i & -i, n - i);  // as pages/timeline.py, tick_span
      ticks.appendChild(tick(version, data.timeline.when[i], "", "grid-column:" + (i + 1) + "/span " + span));
    });
    if (v !== null) {
      ticks.appendChild(tick(data.versions[v], data.timeline.when[v], " sec-tl__tick--selected" +
        (v > n / 2 ? " sec-tl__tick--end" : ""), "grid-column:" + (v + 1) + "/span 1"));
    }
    return el("div", { "class": "sec-tl__axis", "aria-hidden": "true" }, [
      el("span", { "class": "sec-tl__corner", text: "SEC version and date (? not known)" }), ticks]);
  }

  function modificationTrack(marks, n) {
    var starts = Object.keys(marks).map(Number).sort(function (a, b) { return a - b; });
    if (!starts.length) return null;
    var items = el("ol", { "class": "sec-tl__ticks" });
    starts.forEach(function (start, k) {
      var end = k + 1 < starts.length ? starts[k + 1] : n;
      items.appendChild(el("li", { style: "grid-column:" + (start + 1) + "/" + (end + 1) }, [
        el("span", { "aria-hidden": "true", text: "\u25C6" }), " " + Object.keys(marks[start]).sort().join(", ")]));
    });
    return el("div", { "class": "sec-tl__axis sec-tl__axis--mods", "aria-hidden": "true" }, [
      el("span", { "class": "sec-tl__corner", text: "Changed by" }), items]);
  }

  /* The question a band leads to: its row, in its first version. */
  function question(row, version) {
    return "?version=" + encodeURIComponent(version.id) + "&generation=" + encodeURIComponent(row.generation === null ? "all" : row.generation) +
      "&device=" + encodeURIComponent(row.device === null ? "all" : row.device) + "&obligation=" + encodeURIComponent(row.obligation);
  }

  function band(d, row, run, label, v) {
    var state = d.states[run.state], versions = d.versions;
    var classes = "sec-tl__band sec-tl__band--" + state.status;
    if (state.status === "party") classes += " sec-tl__band--p" + (d.timeline.parties.indexOf(state.answer) % PALETTE);
    if (run.mods.length) classes += " sec-tl__band--modified";
    if (state.mismatch) classes += " sec-tl__band--mismatch";
    if (v !== null && v >= run.first && v <= run.last) classes += " sec-selected";
    var link = el("a", { "class": classes, href: question(row, versions[run.first]), "aria-describedby": TIP,
      "data-sec-version": versions[run.first].id }, [
      el("span", { "class": "sec-tl__word", text: state.answer }),
      el("span", { "class": "sec-sr", text: ", " + versionsWords(versions, run.first, run.last) +
        notesOf(state, run).map(function (note) { return "; " + note; }).join("") })]);
    bands.set(link, { run: run, label: label });
    return el("li", { style: "flex-grow:" + (run.last - run.first + 1) }, [link]);
  }

  /* A row's bands: its runs (first and last version index, state, whether the answer changed),
   * each with the modifications whose wordings changed it there. */
  function runs(row, introduced) {
    var mods = introduced.get(row) || {};
    return row.runs.map(function (run, k) {
      return { state: run.state, first: run.first, last: run.last, changed: run.changed, mods: mods[k] || [] };
    });
  }

  function render(explorer, introduced, rows, v) {
    var started = performance.now();
    var d = explorer.data, n = d.versions.length, container = explorer.timeline;
    var shown = rows.slice(0, LIMIT), marks = {}, list = el("ol", { "class": "sec-tl__rows" });
    var counts = { gap: 0, overlap: 0 }, group = null;
    shown.forEach(function (row, r) {
      var obligation = explorer.obligation(row);
      var labelId = "sec-tl-row-" + r, groupId = "sec-tl-group-" + row.obligation;
      if (row.obligation !== group) {
        group = row.obligation;
        list.appendChild(el("li", { "class": "sec-tl__group" }, [
          el("a", { "class": "sec-tl__label", id: groupId, href: obligation.url, text: obligation.short })]));
      }
      var label = explorer.label(row), seen = {};
      var bandList = el("ol", { "class": "sec-tl__bands", "aria-labelledby": groupId + " " + labelId });
      runs(row, introduced).forEach(function (run) {
        run.mods.forEach(function (mod) { (marks[run.first] = marks[run.first] || {})[mod] = true; });
        seen[d.states[run.state].status] = true;
        bandList.appendChild(band(d, row, run, obligation.short + ", " + label, v));
      });
      counts.gap += seen.gap ? 1 : 0;
      counts.overlap += seen.overlap ? 1 : 0;
      list.appendChild(el("li", { "class": "sec-tl__row" }, [el("span", { "class": "sec-tl__label", id: labelId, text: label }), bandList]));
    });
    var found = ["gap", "overlap"].filter(function (kind) { return counts[kind]; }).map(function (kind) {
      return ICONS[kind] + " " + kind + "s: " + counts[kind] + " of " + shown.length + (shown.length > 1 ? " rows" : " row");
    });
    var figure = el("figure", { "class": "sec-tl", id: "sec-explorer-timeline-figure", style: "--sec-tl-n:" + n }, [
      el("figcaption", { text: "Timeline of the rows shown: who bears each obligation for each device (rows) in the " + n +
        " SEC versions held, " + d.versions[0].label + " to " + d.versions[n - 1].label + ", in equal steps. Each band is a " +
        "run of versions that read the same; \u25C6 marks where a modification changed it. " +
        (found.length ? found.join("; ") + " (hatched and framed)." : "No gap or overlap.") }),
      el("div", { "class": "sec-tl__box" }, [axis(d, v), modificationTrack(marks, n), list]),
      el("p", { "class": "sec-tl__tip", id: TIP, "aria-hidden": "true", text: HINT })]);
    container.textContent = "";
    container.appendChild(el("h3", { text: "Timeline" }));
    if (rows.length > LIMIT) {
      container.appendChild(el("p", { text: "Showing the first " + LIMIT + " of " + rows.length +
        " rows: choose a generation, device type or obligation to narrow them." }));
    }
    container.appendChild(figure);
    performance.measure("sec-timeline-render", { start: started });
  }

  function bandOf(event) {
    var link = event.target.closest && event.target.closest("a.sec-tl__band");
    return link && bands.has(link) ? link : null;
  }

  /* The tip under the picture: the reasons of the band focused or pointed at, else the hint. */
  function showTip(explorer, link) {
    var tip = document.getElementById(TIP);
    if (!tip) return;
    var focused = bandOf({ target: document.activeElement || document.body });
    var shown = link || focused;
    tip.textContent = shown ? tipWords(explorer.data, bands.get(shown)) : HINT;
    tip.classList.toggle("sec-tl__tip--shown", !!shown);
  }

  /* Following a band asks the explorer the band's question, in place (one history entry), and
   * puts the focus back on the band of that version. */
  function follow(explorer, event) {
    var link = bandOf(event);
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    event.stopPropagation();  // not the theme's instant navigation either
    var params = new URLSearchParams(link.search);
    ["version", "generation", "device", "obligation"].forEach(function (name) {
      var value = params.get(name);
      explorer.controls[name].value = value === "all" ? "" : value;
    });
    explorer.touched = "version";
    explorer.commit(false);
    var again = explorer.timeline.querySelector('a.sec-tl__band[data-sec-version="' + CSS.escape(params.get("version")) + '"]');
    if (again) again.focus();
  }

  function listen(explorer) {
    var root = explorer.timeline;
    root.addEventListener("click", function (event) { follow(explorer, event); });
    // The tip is written as the focus lands, before a screen reader asks for the band's description.
    root.addEventListener("focusin", function (event) { showTip(explorer, bandOf(event)); });
    root.addEventListener("focusout", function () { setTimeout(function () { showTip(explorer, null); }, 0); });
    root.addEventListener("mouseover", function (event) { var link = bandOf(event); if (link) showTip(explorer, link); });
    root.addEventListener("mouseleave", function () { showTip(explorer, null); });
  }

  /* An obligation page's band: the reasons it leads to, under its picture. */
  function staticBand(event) {
    var link = event.target.closest && event.target.closest("figure.sec-tl a.sec-tl__band");
    return link && !bands.has(link) && link.hash ? link : null;  // (the theme makes its href absolute)
  }

  function showReasons(link) {
    var tip = link.closest("figure").querySelector(".sec-tl__tip");
    var said = document.getElementById(sec.fragment(link.hash));  // its <dt>; the reasons, its <dd>
    var why = said && said.nextElementSibling;
    if (!tip || !why) return;
    var reasons = Array.prototype.map.call(why.querySelectorAll("li, p"), function (item) {
      return item.textContent.replace(/\s+/g, " ").trim().replace(/\.$/, "");
    });
    tip.textContent = link.closest(".sec-tl__row").querySelector(".sec-tl__label").textContent + ", " +
      said.textContent.replace(/\s+/g, " ").trim() + ". " + reasons.join("; ") + ".";
    tip.classList.add("sec-tl__tip--shown");
  }

  /* An obligation page's bands are described by the line under their picture (showReasons). */
  sec.onEachPage(function () {
    document.querySelectorAll("figure.sec-tl .sec-tl__tip[id]").forEach(function (tip) {
      tip.closest("figure").querySelectorAll("a.sec-tl__band").forEach(function (link) {
        link.setAttribute("aria-describedby", tip.id);
      });
    });
  });

  ["focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var link = staticBand(event);
      if (link) showReasons(link);
    });
  });

  sec.explorerViews.push(function (explorer) {
    if (!explorer.data.timeline) return { render: function () {} };
    var introduced = introducedBy(explorer);
    listen(explorer);
    return { render: function (state, rows, v) { render(explorer, introduced, rows, v); } };
  });
})();
