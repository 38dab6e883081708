// Proves that @invite-kit/better-auth/client, as installed from the tarball, loads no server code.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { register } from "node:module";
import { fileURLToPath } from "node:url";
import { MessageChannel } from "node:worker_threads";

// What a browser bundle of the client may pull in besides the package's own client files.
const ALLOWED_BARE = new Set([
  "better-auth/client",
  "better-auth/client/plugins",
  "better-auth/plugins/access",
  "better-auth/plugins/admin/access",
  "zod",
]);

const { port1, port2 } = new MessageChannel();
const edges = [];
let onFlushed = () => {};
port1.on("message", (message) => (message === "flushed" ? onFlushed() : edges.push(message)));
register("./record-imports.mjs", { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });

/** Every resolution so far has reached `edges`. */
const flush = () =>
  new Promise((resolve) => {
    onFlushed = resolve;
    port1.postMessage("flush");
  });

const clientEntry = import.meta.resolve("@invite-kit/better-auth/client");
const serverEntry = import.meta.resolve("@invite-kit/better-auth");
const dist = new URL(".", clientEntry).href;
// The scratch app must run on what it installed, never on files of the repository the tarball came from.
const appModules = new URL("node_modules/", import.meta.url).href;
for (const url of [clientEntry, serverEntry, import.meta.resolve("better-auth/client")]) {
  assert.ok(url.startsWith(appModules), `${url} is not inside the app's node_modules`);
}
const inPackage = (url) => url.startsWith(dist);

/** The imports made by the package's own files since `from`, and what is wrong with each. */
function imports(from) {
  return edges.slice(from).filter((edge) => edge.parent && inPackage(edge.parent));
}
function problemsOf(edge) {
  const bare = !edge.specifier.startsWith(".") && !edge.specifier.startsWith("/");
  if (edge.url.startsWith("node:")) return `a Node built-in (${edge.specifier})`;
  if (edge.url === serverEntry) return "the server entry (dist/index.js)";
  if (bare && !ALLOWED_BARE.has(edge.specifier)) return `"${edge.specifier}", which is not client code`;
  if (!bare && !inPackage(edge.url)) return `a file outside the package's dist (${edge.url})`;
  return null;
}

const mark = edges.length;
const client = await import("@invite-kit/better-auth/client");
await flush();
const clientImports = imports(mark);
const files = new Set([clientEntry, ...clientImports.filter((edge) => inPackage(edge.url)).map((edge) => edge.url)]);
const problems = clientImports.map((edge) => [edge, problemsOf(edge)]).filter(([, problem]) => problem);
for (const file of files) {
  // A lazy import() or require() would load only later, out of sight of the hooks: none may be there at all.
  const source = readFileSync(fileURLToPath(file), "utf8");
  for (const match of source.matchAll(/\b(import\s*\(|require\s*\()/g)) {
    problems.push([{ parent: file, specifier: match[0] }, "a dynamic import or require"]);
  }
}
const name = (url) => url.slice(dist.length);
console.log(`client entry loads: ${[...files].map(name).join(", ")}`);
for (const edge of clientImports) console.log(`  ${name(edge.parent)} imports ${edge.specifier}`);
assert.deepEqual(
  problems.map(([edge, problem]) => `${name(edge.parent)} imports ${problem}`),
  [],
  "the client entry reaches server code",
);

const plugin = client.inviteClient();
assert.equal(plugin.id, "invite");
assert.equal(plugin.$ERROR_CODES.INSUFFICIENT_PERMISSIONS.code, "INSUFFICIENT_PERMISSIONS");
assert.equal(plugin.pathMethods["/invite/get"], "GET");

// The scan must be able to fail: the server entry, loaded the same way, has to be caught by it.
const serverMark = edges.length;
await import("@invite-kit/better-auth");
await flush();
const caught = imports(serverMark).filter((edge) => problemsOf(edge));
assert.ok(
  caught.some((edge) => edge.specifier === "better-auth/api"),
  `the scan sees the server entry's imports of better-auth/api (saw: ${imports(serverMark)
    .map((edge) => edge.specifier)
    .join(", ")})`,
);
console.log(`server entry, scanned the same way, is refused for: ${caught.map((edge) => edge.specifier).join(", ")}`);
port1.close();
