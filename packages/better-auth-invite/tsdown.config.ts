import { defineConfig } from "tsdown";

// Two entry points, as Better Auth's own packages ship them: the server plugin and a client plugin that holds no server code.
export default defineConfig({
  entry: { index: "src/index.ts", client: "src/client.ts" },
  format: "esm",
  platform: "neutral",
  target: "es2022",
  dts: true,
  clean: true,
  sourcemap: false,
  deps: {
    neverBundle: [/^better-auth(\/.*)?$/, /^zod(\/.*)?$/],
    // Type declarations only: Better Auth's endpoint types come from better-call, which is Better Auth's
    // dependency, not ours; inlining them keeps the .d.ts resolvable under strict installs (pnpm).
    onlyBundle: ["better-call", "rou3"],
  },
});
