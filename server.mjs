// `npm start`: the production server. It serves the build as `next start` does, through Next's
// custom-server API, and does the one thing `next start` does not: it says who is on the other end
// of the socket. Next only fills in X-Forwarded-For when a request has none (`??=` in
// next/dist/server/base-server.js), so behind `next start` a client names its own address, and
// with it its own rate-limit budget. Here the peer's address is appended on every request, as a
// proxy appends what it sees: the last hop is always true. Better Auth then reads a single value
// as the client (an honest request straight to this server), and with TRUSTED_PROXIES it walks the
// chain from the right past the proxies it trusts (docs/deploy.md); a hop a client wrote itself
// never counts as its address.
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values: flags } = parseArgs({
  options: {
    port: { type: "string", short: "p" },
    hostname: { type: "string", short: "H" },
    keepAliveTimeout: { type: "string" },
  },
});

const port = integerFlag("port", flags.port ?? process.env.PORT ?? "3000", 0, 65_535);
const hostname = flags.hostname;
const keepAliveTimeout =
  flags.keepAliveTimeout === undefined ? undefined : integerFlag("keepAliveTimeout", flags.keepAliveTimeout, 1, 2 ** 31 - 1);

// As `next start` does: production unless told otherwise, and the port the app reads its default
// public URL from (BETTER_AUTH_URL, lib/env.ts) is the one it listens on. Set before Next loads.
process.env.NODE_ENV ??= "production";
process.env.PORT = String(port);

const { default: next } = await import("next");
const app = next({ dev: false, dir: path.dirname(fileURLToPath(import.meta.url)), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  const peer = request.socket.remoteAddress;
  // No peer address: the socket is already closed, and nobody is left to answer.
  if (!peer) return request.socket.destroy();
  request.headers["x-forwarded-for"] = appendForwardedFor(request.headers["x-forwarded-for"], peer);
  handle(request, response).catch((error) => {
    console.error(`[invite-kit] ${request.method} ${request.url} failed`, error);
    if (response.headersSent) return response.destroy();
    response.statusCode = 500;
    response.end("Internal Server Error");
  });
});
if (keepAliveTimeout !== undefined) server.keepAliveTimeout = keepAliveTimeout;

server.once("error", (error) => {
  console.error(`[invite-kit] could not listen on ${hostname ?? "every address"}, port ${port}:`, error.message);
  process.exit(1);
});
server.listen(port, hostname, () => {
  console.log(`[invite-kit] ready on http://${hostname ?? "localhost"}:${port}`);
});

// Graceful, as `next start` is: stop accepting, let requests in flight finish, close Next, exit
// with the signal's code (a container runtime's SIGTERM, a terminal's Ctrl-C).
let stopping = false;
for (const [signal, code] of [
  ["SIGTERM", 143],
  ["SIGINT", 130],
]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close(() => {
      app.close().then(
        () => process.exit(code),
        (error) => {
          console.error("[invite-kit] closing Next failed", error);
          process.exit(code);
        },
      );
    });
  });
}

/**
 * The header a proxy would pass on: what came before, then the peer. An IPv4 client reaching a
 * dual-stack socket shows as `::ffff:192.0.2.1`; it is written as plain IPv4, as a proxy on an
 * IPv4 socket would write it, and as TRUSTED_PROXIES lists it.
 */
function appendForwardedFor(existing, peer) {
  const hop = peer.toLowerCase().startsWith("::ffff:") && peer.includes(".") ? peer.slice("::ffff:".length) : peer;
  const before = (Array.isArray(existing) ? existing.join(", ") : (existing ?? "")).trim();
  return before ? `${before}, ${hop}` : hop;
}

function integerFlag(name, value, min, max) {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    console.error(`[invite-kit] ${name}: "${value}" is not a whole number from ${min} to ${max}`);
    process.exit(1);
  }
  return number;
}
