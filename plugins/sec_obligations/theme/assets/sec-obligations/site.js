/* SEC Obligation Explorer: what the site's scripts share, and the one start-up that runs them.
 *
 * First in the site's one script (assets.py, SCRIPTS). Each feature lives in a file of its own
 * (explorer.js: the decision table; timeline.js and party.js: views of it; clause.js: the clause
 * pages and the whole section as at a version) and registers here, in window.secObligations, the
 * namespace they share: the helpers below, secObligations.onEachPage(feature) and
 * secObligations.explorerViews.
 * This file holds the small site-wide features too: sortable tables, the search's results box, and
 * the tooltips of defined terms.
 *
 * Progressive enhancement: every page works without the scripts. No framework, no eval, no
 * innerHTML with data: every text goes in through textContent.
 */
(function () {
  "use strict";

  var ICONS = { party: "\u2714", overlap: "\u26A0", gap: "\u2716", "not-applicable": "\u2013" };
  var features = [];

  /* An element with attributes ("text": its text) and children (nodes or strings). */
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

  /* An answer of the decision table (a state of explorer.json): its words (site.css draws its sign). */
  function answer(state) {
    return el("span", { "class": "sec-answer sec-answer--" + state.status, text: state.answer });
  }

  /* The id a #fragment names ("#v-5.14-b" -> "v-5.14-b"), decoded; a malformed one as written. */
  function fragment(hash) {
    var id = hash.charAt(0) === "#" ? hash.slice(1) : hash;
    try {
      return decodeURIComponent(id);
    } catch (error) {
      if (!(error instanceof URIError)) throw error;
      return id;
    }
  }

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

  function sortableTables() {
    document.querySelectorAll("table.sec-sortable").forEach(sortable);
  }

  /* ---- a defined term's tooltip ---------------------------------------------------------
   * A link to a defined term shows its definition as a tooltip (its title), set as the pointer or
   * the keyboard focus reaches it, from one file for the whole site (tooltips.json, beside this
   * script, by the glossary anchor the link points at) rather than repeated on every link of every
   * page. Without the script, the link still leads to the definition. */
  var TOOLTIPS = document.currentScript ? new URL("tooltips.json", document.currentScript.src).href : null;
  var definitions = null;

  function showDefinition(event) {
    var link = event.target instanceof Element ? event.target.closest("a.sec-ref--term") : null;
    if (!link || !TOOLTIPS || link.hasAttribute("title")) return;
    definitions = definitions || fetch(TOOLTIPS)
      .then(function (response) { return response.ok ? response.json() : {}; })
      .catch(function () { return {}; });
    definitions.then(function (words) {
      var id = fragment(link.hash);
      if (Object.prototype.hasOwnProperty.call(words, id)) link.setAttribute("title", words[id]);
    });
  }
  document.addEventListener("mouseover", showDefinition);
  document.addEventListener("focusin", showDefinition);

  /* ---- the start-up ----------------------------------------------------------------------
   * Once every script has loaded (DOMContentLoaded), run each feature on the page, and again on
   * each page the theme's instant navigation shows (document$, which replays the first page to a
   * late subscriber); without the theme's bundle, once. A feature that fails leaves the others. */
  function runFeatures() {
    features.forEach(function (feature) {
      try {
        feature();
      } catch (error) {
        console.error(error);
      }
    });
  }

  function startUp() {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(runFeatures);
    else runFeatures();
  }

  window.secObligations = {
    icons: ICONS,
    el: el,
    answer: answer,
    fragment: fragment,
    onEachPage: function (feature) { features.push(feature); },
    // Views of the decision table (timeline.js, party.js): each a function(explorer) called once the
    // explorer is built, returning {render(state, rows, version index or null)}, called after each change.
    explorerViews: []
  };
  window.secObligations.onEachPage(markSearchResults);
  window.secObligations.onEachPage(sortableTables);

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startUp);
  else startUp();
})();
