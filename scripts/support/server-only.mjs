// `node --import tsx --import ./scripts/support/server-only.mjs <script>`: lets a script load the app's server modules
// as `next start` does. tsx loads this package's TypeScript through require (package.json has no "type"), which needs
// two things Node 20 has no documented hook for:
// - `server-only`, imported by every server module, throws unless resolved as Next resolves it on the server, to its
//   empty module: a script is the server too;
// - the invite plugin (and any package like it) exports only to `import`: it is found as `import` finds it, and then
//   required, which Node (20.19 and later) does for an ES module.
// So require's resolver is wrapped, for those cases only.
import Module, { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const empty = path.join(path.dirname(createRequire(import.meta.url).resolve("server-only")), "empty.js");

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "server-only") return empty;
  try {
    return resolveFilename.call(this, request, ...rest);
  } catch (error) {
    if (error?.code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw error;
    return fileURLToPath(import.meta.resolve(request));
  }
};
