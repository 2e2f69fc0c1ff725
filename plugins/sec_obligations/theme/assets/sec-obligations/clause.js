/* SEC Obligation Explorer: the clause pages and the whole section as at a version.
 *
 * On a clause page: a renumbered clause forwards to its new number, keeping the #fragment; a
 * "Cite" button beside each sub-paragraph and version heading; a comparison of any two wordings.
 * On a section's page as at a version: the version the #fragment names is shown. Each runs on
 * every page (secObligations.onEachPage) and does nothing where the page has no place for it.
 * Every text goes in through textContent.
 */
(function () {
  "use strict";

  var sec = window.secObligations, el = sec.el;

  /* ---- permanent links: a renumbered clause forwards; "cite" buttons on clause pages ------ */

  /* The page of a renumbered clause names its successor (data-sec-successor): go there, keeping
   * the #fragment, so that old links to G3.20#b land on the new number's (b). A history anchor
   * of the old page (#v-5.14-b) stays: that wording is only there. */
  function forwardRenumbered() {
    var notice = document.querySelector("[data-sec-successor]");
    if (!notice) return;
    var hash = location.hash, id = sec.fragment(hash);
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

  sec.onEachPage(permanentLinks);

  /* ---- compare any two wordings of a clause ---------------------------------------------- */

  /* The page shows, without this file, a redline between each pair of consecutive wordings under
   * "History". This adds a choice of any two of them and a word-level redline between them, in
   * the static redlines' convention: <del>/<ins>, each also said in words for screen readers. */

  /* The text of a node without what the scripts or the page add for other readers. */
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
    var list = [], pattern = /(\s*)([^\s()[\]{},;:.!?"\u201C\u201D]+|\S)/g, match;
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

  /* The wordings named by the headings under "History", in their order: each the
   * div.sec-text[data-sec-anchor] whose anchor is the heading's id, under it or, for the wording
   * in force (not repeated there), at the top of the page. */
  function historyWordings(heading) {
    var blocks = {}, wordings = [];
    document.querySelectorAll("div.sec-text[data-sec-anchor]").forEach(function (block) {
      var id = block.getAttribute("data-sec-anchor");
      if (!Object.prototype.hasOwnProperty.call(blocks, id)) blocks[id] = block;
    });
    for (var node = heading.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
      if (!/^H[3-6]$/.test(node.tagName) || !Object.prototype.hasOwnProperty.call(blocks, node.id)) continue;
      wordings.push({ id: node.id, label: plainText(node), block: blocks[node.id] });
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

  sec.onEachPage(compareWordings);

  /* ---- a whole section as at a version ---------------------------------------------------------
   * The page holds every wording; as-at.css shows those of the version the #v-... anchor names
   * (:target, without JavaScript). Instant navigation changes the address without a fragment
   * navigation, so :target may not follow: the version is also set here as data-at. */
  var asAtListening = false;

  function showVersionAsAt() {
    var page = document.querySelector(".sec-asat");
    if (!page) return;
    var id = sec.fragment(location.hash);
    var marker = id.indexOf("v-") === 0 ? document.getElementById(id) : null;
    if (marker && marker.classList.contains("sec-at")) page.setAttribute("data-at", id.slice(2));
    else page.removeAttribute("data-at");
    if (!asAtListening) {
      asAtListening = true;
      window.addEventListener("hashchange", showVersionAsAt);
    }
  }

  sec.onEachPage(showVersionAsAt);
})();
