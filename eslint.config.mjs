import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import noImportCycle from "./eslint-rules/no-import-cycle.mjs";

const pluginByName = [
  {
    regex: "^@invite-kit/better-auth/(?!client$)",
    message: "Import the invite plugin from @invite-kit/better-auth or @invite-kit/better-auth/client, never from a file inside it.",
  },
  {
    regex: "(^|/)packages/",
    message: "Import the invite plugin by its package name, @invite-kit/better-auth, not by a path into packages/.",
  },
];
const databaseApi = {
  regex: "^(drizzle-orm|postgres|@electric-sql/pglite)(/|$)|^@/lib/db/(schema|client|migrate|statement-log)$",
  message: "Pages and components read through lib's query functions (lib/invitations/, lib/email/…), never the database's own API.",
};
const databaseHandle = {
  regex: "^@/lib/db(/|$)",
  message: "Components never import the database: a page or an action hands them what they show.",
};
const restrictImports = (...patterns) => ["error", { patterns }];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // Server actions receive (previousState, formData) whether they read them or not.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The app uses the plugin as any Better Auth app would: through the package's two public entry points.
    ignores: ["packages/**"],
    rules: { "no-restricted-imports": restrictImports(...pluginByName) },
  },
  {
    // The layers of docs/architecture.md: a page reads through lib's query functions and never builds SQL itself.
    // (A later block's options replace an earlier one's for the same rule, so each repeats what still holds.)
    files: ["app/**"],
    rules: { "no-restricted-imports": restrictImports(databaseApi, ...pluginByName) },
  },
  {
    // A component renders what it is given and calls actions; it never reaches the database.
    files: ["components/**"],
    rules: { "no-restricted-imports": restrictImports(databaseHandle, databaseApi, ...pluginByName) },
  },
  {
    // No import cycles anywhere: a cycle is two modules that are really one, or a dependency pointing the wrong way.
    files: ["**/*.{ts,tsx,mjs}"],
    plugins: { "invite-kit": { rules: { "no-import-cycle": noImportCycle } } },
    rules: { "invite-kit/no-import-cycle": "error" },
  },
  {
    // The plugin is a library: it may import Better Auth, zod, the platform and its own files, nothing else.
    files: ["packages/better-auth-invite/src/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!better-auth(/|$)|zod(/|$)|node:|\\.\\.?/)",
              message: "The plugin depends only on better-auth and zod (peer dependencies) and the platform.",
            },
            { regex: "^@/", message: "The plugin never imports from the app." },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      ".next/**",
      ".data/**",
      "node_modules/**",
      "**/node_modules/**",
      "**/dist/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
