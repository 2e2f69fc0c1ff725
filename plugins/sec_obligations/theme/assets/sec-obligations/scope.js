/* The theme's first script (mkdocs-material 9.8, partials/javascripts/base.html), read from this
 * file rather than written into every page (theme/partials/javascripts/base.html). The same four
 * globals; the site's address (__md_scope) is two folders above this file, where the theme's
 * script takes it from the page's base_url. Before any other script: the header's palette script
 * and the theme's bundle use them. */
(function () {
  "use strict";
  window.__md_scope = new URL("../..", document.currentScript.src);
  window.__md_hash = function (value) {
    return [...value].reduce(function (hash, c) { return (hash << 5) - hash + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (key, storage = localStorage, scope = window.__md_scope) {
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage = localStorage, scope = window.__md_scope) {
    try {
      storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
    } catch {
      // storage full or refused: the choice is not kept, as in the theme
    }
  };
})();
