// ESLint: typescript-eslint's recommended rules; `any` is an error outside tests; no import
// cycles, type-only imports included (scripts/eslint-no-import-cycle.mjs says why a rule of ours).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import noImportCycle from "./scripts/eslint-no-import-cycle.mjs";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "dist/**",
      ".tools/**",
      ".pulumi-tmp/**",
      "coverage/**",
      "docs/api/**",
      "examples/*/node_modules/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { local: { rules: { "no-import-cycle": noImportCycle } } },
    languageOptions: {
      globals: {
        require: "readonly",
        module: "writable",
        exports: "writable",
        process: "readonly",
        console: "readonly",
        __dirname: "readonly",
      },
    },
    rules: {
      "local/no-import-cycle": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
