/* Runs before the theme's bundle. The theme's own search box, keyboard shortcuts and results
   dialog stay as they are; only their worker changes: search-worker.js answers from the Pagefind
   index that the plugin builds with the site. */
(function () {
  "use strict";
  var script = document.getElementById("__config");
  if (!script || !document.currentScript) return;
  var config = JSON.parse(script.textContent);
  config.search = new URL("search-worker.js", document.currentScript.src).href;
  config.translations["search.result.placeholder"] =
    "Type an identifier (G3.20, G3.20(b), MP087, 5.20), a term or words. " +
    "Narrow with kind:clause, kind:glossary, kind:modification, kind:release or section: and a letter. " +
    "Name a table's choices (SMETS1 CHF, DCC 6.17) to open the decision table with them.";
  script.textContent = JSON.stringify(config);
})();
