import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
      "no-restricted-syntax": [
        "error",
        {
          selector: "ClassBody > PropertyDefinition[static=true]",
          message:
            "Keep static class fields out of src/ (the Apps Script parser rejects class fields; es2020 lowering works but keep it plain).",
        },
      ],
    },
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
