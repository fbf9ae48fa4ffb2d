import js from "@eslint/js";
import tseslint from "typescript-eslint";

const NO_STATIC_FIELDS = {
  selector: "ClassBody > PropertyDefinition[static=true]",
  message:
    "Keep static class fields out of src/ (the Apps Script parser rejects class fields; es2020 lowering works but keep it plain).",
};
// Chinese text in code outside src/text/ is a user-facing string in the wrong place (or a sheet name,
// header or label that must match src/text/ exactly): import it from src/text/ instead.
const CJK = "/[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]/";
const NO_CJK_LITERALS = [
  { selector: `Literal[value=${CJK}]`, message: "Chinese text belongs in src/text/ (import it from there)." },
  {
    selector: `TemplateElement[value.raw=${CJK}]`,
    message: "Chinese text belongs in src/text/ (import it from there).",
  },
];

export default tseslint.config(
  { ignores: ["dist/", "out/", "node_modules/", "coverage/", "test/fixtures/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["src/**/*.ts"],
    rules: {
      // Apps Script has no timers, modules or Node globals; tsc catches most, this names them plainly.
      "no-restricted-globals": [
        "error",
        "setTimeout",
        "setInterval",
        "require",
        "process",
        "Buffer",
        "URL",
        "TextEncoder",
        "structuredClone",
        "fetch",
      ],
      "no-restricted-syntax": ["error", NO_STATIC_FIELDS, ...NO_CJK_LITERALS],
    },
  },
  {
    // src/text/ is where every user-facing string lives (README, "Where things are").
    files: ["src/text/**/*.ts"],
    rules: { "no-restricted-syntax": ["error", NO_STATIC_FIELDS] },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["**/gas/**", "**/app/**"] }],
      "no-restricted-globals": [
        "error",
        "SpreadsheetApp",
        "FormApp",
        "MailApp",
        "ScriptApp",
        "LockService",
        "PropertiesService",
        "Utilities",
        "Session",
        "Logger",
      ],
    },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", __filename: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["*.js", "*.mjs", "scripts/**"],
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly" } },
  },
);
