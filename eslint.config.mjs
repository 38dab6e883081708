import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@invite-kit/better-auth/(?!client$)",
              message: "Import the invite plugin from @invite-kit/better-auth or @invite-kit/better-auth/client, never from a file inside it.",
            },
            {
              regex: "(^|/)packages/",
              message: "Import the invite plugin by its package name, @invite-kit/better-auth, not by a path into packages/.",
            },
          ],
        },
      ],
    },
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
    ignores: [".next/**", ".data/**", "node_modules/**", "**/node_modules/**", "**/dist/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
];

export default config;
