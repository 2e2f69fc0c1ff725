/* The theme's search worker, answered from Pagefind's index.

   The theme talks to its worker in four messages: SETUP (sent once, with the theme's own index,
   which the plugin leaves empty), READY, QUERY (the text typed) and RESULT (groups of items: a page
   first, then its sections, each with location, title, text, score and terms; title and text are
   HTML). This worker speaks that protocol, so readers keep the theme's search dialog.

   Query syntax on top of words: "kind:clause" or "section:G" narrow the results (Pagefind
   filters); a trailing "(b)" or " (b)" asks for part (b) of the page found ("G3.20(b)"), "(b)(ii)" for a
   provision inside it. */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const SITE = new URL("../../", self.location.href);  // this file is assets/sec-obligations/search-worker.js
const SHOWN = 10;       // results whose excerpts are loaded (the theme shows ten first): one download each
const SETTLE_MS = 60;   // a query is searched once typing pauses this long: no work for "G", "G3", "G3."
const PART_WORDS = 30;  // words shown from a sub-paragraph
// Long pages (the glossary, a section's findings) are penalised less than by default: their
// entries are found by the weight of their headings, not by how short the page is.
const RANKING = { pageLength: 0.2 };
const EXACT_TITLE = 2;  // a page whose title holds every word asked counts double ...
const NAMED_TITLE = 4;  // ... and one whose title is nothing but those words ("G3.20") four times more
const QUALIFIER = /(?:^|\s)(kind|section):(\S*)/gi;
const PART = /\s*((?:\s?\([0-9a-z]{1,8}\))+)\s*$/i;  // "(b)", " (b)(ii)(A)": a provision at any depth

let pagefind = null;
let tableWords = null;
let latest = 0;

function load() {
  pagefind = pagefind || import(new URL("pagefind/pagefind.js", SITE).href).then(async (module) => {
    await module.options({ excerptLength: PART_WORDS, ranking: RANKING });
    await module.init();
    return module;
  });
  return pagefind;
}

function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/* "kind:clauses" -> the indexed value "clause"; values are matched without case and plural. */
function resolve(known, key, value) {
  const values = Object.keys(known[key] || {});
  const want = value.toLowerCase();
  return values.find((v) => v.toLowerCase() === want) || values.find((v) => `${v.toLowerCase()}s` === want) || value;
}

async function parse(query, pf) {
  const asked = [];
  let words = query.replace(QUALIFIER, (_, key, value) => {
    if (value) asked.push([key.toLowerCase(), value]);
    return " ";
  }).trim();
  const part = words.match(PART);
  if (part && part.index > 0) words = words.slice(0, part.index).trim();
  const filters = {};
  if (asked.length) {
    const known = await pf.filters();
    for (const [key, value] of asked) (filters[key] = filters[key] || { any: [] }).any.push(resolve(known, key, value));
  }
  // The provision's anchor on the page: "(b)(ii)" -> "b-ii".
  const anchor = part && part.index > 0 ? part[1].replace(/[\s)]/g, "").split("(").filter(Boolean).join("-") : null;
  return { words, filters, part: anchor };
}

const sum = (locations) => locations.reduce((total, w) => total + w.balanced_score, 0);

/* One result group: the page, then its matching sections, best first. The part of the page that
   holds most of the hits gets the page's score and the other parts a share of it by their hits, so
   the theme's Enter (the highest score) opens a glossary entry rather than the glossary page, and a
   clause's current wording rather than its history. */
function group(page, score, part, terms) {
  const location = page.raw_url.replace(/^\//, "");
  const title = escapeHtml(page.meta.title || location);
  const sections = page.sub_results.filter((sub) => sub.anchor && /^h[2-6]$/i.test(sub.anchor.element));
  const lead = page.sub_results.filter((sub) => !sections.includes(sub));
  const items = [{ location, title, text: page.excerpt, terms, hits: sum(lead.flatMap((sub) => sub.weighted_locations)) }];
  for (const sub of sections) {
    items.push({ location: `${location}#${sub.anchor.id}`, title: escapeHtml(sub.title), text: sub.excerpt, terms,
                 hits: sum(sub.weighted_locations) });
  }
  const best = Math.max(...items.map((item) => item.hits)) || 1;
  for (const item of items) item.score = score * item.hits / best;
  const anchor = part && (page.anchors.find((a) => a.id === part) ||
    page.anchors.find((a) => a.id.toLowerCase() === part.toLowerCase()));
  if (anchor) {  // the part asked for comes first
    const words = page.content.split(/\s+/).slice(anchor.location, anchor.location + PART_WORDS).join(" ");
    items.push({ location: `${location}#${anchor.id}`, title: `${title} (${escapeHtml(anchor.id)})`,
                 text: escapeHtml(words), terms, score: score + 0.01 });  // ahead after the theme rounds scores
  }
  return items.sort((a, b) => b.score - a.score).map(({ hits, ...item }) => item);
}

/* Pagefind matches words by prefix: "1.1" finds SEC 1.1 and SEC 1.12 alike, and may rank the
   longer page first. A page whose title holds every word asked, exactly, comes first. */
function titleBoost(page, asked) {
  const words = (page.meta.title || "").toLowerCase().split(/[\s:()\u00b7,]+/).filter(Boolean);
  const title = new Set(words);
  if (!asked.length || !asked.every((word) => title.has(word))) return 1;
  // A page named by just the words asked ("G3.20") before a page whose title also mentions them.
  return words.every((word) => asked.includes(word)) ? EXACT_TITLE * NAMED_TITLE : EXACT_TITLE;
}

/* The decision table, offered first for a query that names its choices: two of an obligation, a
   device type, a generation, a party and a version ("SMETS1 CHF", "DCC 6.17"), or one with a
   question word ("who is responsible for SMETS1 gas proxy"). One choice alone ("CHF") is left to
   the pages that define it. The words come from table-words.json beside this file, built with the site. */
const CUE = /(?:^|\s)(?:who|responsible|responsibility|responsibilities|bears?|liable|duty|duties)(?=\s|$)/;

function loadTableWords() {
  tableWords = tableWords || fetch(new URL("table-words.json", self.location.href).href)
    .then((response) => (response.ok ? response.json() : null))
    .catch(() => null);
  return tableWords;
}

function tableChoices(query, words) {
  let text = ` ${query.toLowerCase().replace(/[\s,;:?!"]+/g, " ").trim()} `;
  const chosen = [];
  for (const [field, entries] of Object.entries(words)) {
    let best = null;
    for (const entry of entries) {
      const word = entry.words.find((w) => text.includes(` ${w} `));
      if (word && (!best || word.length > best.word.length)) best = { field, entry, word };
    }
    if (best) {
      chosen.push(best);
      text = text.replace(` ${best.word} `, " | ");  // a word names one choice only
    }
  }
  return chosen.length >= 2 || (chosen.length && CUE.test(query.toLowerCase())) ? chosen : null;
}

function tableItem(chosen, score) {
  const params = new URLSearchParams(chosen.map(({ field, entry }) => [field, entry.id]));
  const named = chosen.map(({ field, entry }) => `${field} ${entry.name}`).join(", ");
  return [{ location: `responsibility/?${params}`, title: escapeHtml(`Decision table: ${chosen.map((c) => c.entry.name).join(" · ")}`),
            text: escapeHtml(`Who is responsible, with these choices set: ${named}.`), terms: {}, score }];
}

/* The answer to a query, or null once a newer query has arrived (its work is dropped). */
async function answer(query, current) {
  const pf = await load();
  const { words, filters, part } = await parse(query, pf);
  if (!words && !Object.keys(filters).length) return { items: [] };
  const search = await pf.search(words || null, { filters });
  if (!current()) return null;
  const results = search.results.slice(0, SHOWN);
  const pages = await Promise.all(results.map((result) => result.data()));
  const asked = words.toLowerCase().split(/\s+/).filter(Boolean);
  const terms = Object.fromEntries(asked.map((word) => [word, true]));
  const groups = pages.map((page, i) => group(page, results[i].score * titleBoost(page, asked), part, terms));
  groups.sort((a, b) => b[0].score - a[0].score);
  const vocabulary = await loadTableWords();
  const chosen = vocabulary && tableChoices(query.replace(QUALIFIER, " "), vocabulary);
  if (chosen) groups.unshift(tableItem(chosen, (groups.length ? groups[0][0].score : 0) + 1));
  return { items: groups };
}

self.addEventListener("message", async ({ data: message }) => {
  if (message.type === SETUP) {
    load().catch((error) => console.warn("Search index not available:", error));
    loadTableWords();
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    const ticket = ++latest;
    const current = () => ticket === latest;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    if (!current()) return;
    let result;
    try {
      result = await answer(message.data, current);
    } catch (error) {
      console.warn("Search failed:", error);
      result = { items: [] };
    }
    if (result && current()) self.postMessage({ type: RESULT, data: result });
  }
});
