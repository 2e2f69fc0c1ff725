// ESLint for the site's JavaScript (plugins/sec_obligations/theme/assets/sec-obligations/*.js),
// run by `./dev test` before the test suite. Browser scripts; the search worker is a worker.
import js from "@eslint/js";
import globals from "globals";

const ASSETS = "plugins/sec_obligations/theme/assets/sec-obligations";

export default [
  js.configs.recommended,
  {
    files: [`${ASSETS}/*.js`],
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: { ...globals.browser } },
    rules: {
      "no-unused-vars": ["error", { args: "none" }],
      "eqeqeq": ["error", "always", { null: "ignore" }],
      "no-var": "off",  // site.js is written for every browser the theme supports
      "prefer-const": "off",
      "strict": ["error", "function"],
    },
  },
  {
    files: [`${ASSETS}/search-worker.js`],
    languageOptions: { globals: { ...globals.worker } },
    rules: { "strict": "off" },
  },
];
