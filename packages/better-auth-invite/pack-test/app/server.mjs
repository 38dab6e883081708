// A plain node:http server for the app's Better Auth instances, each on its own base path.
import http from "node:http";
import { toNodeHandler } from "better-auth/node";

/** Listens on a free port of the loopback address; the auth instances are mounted once their baseURL is known. */
export async function startServer() {
  const server = http.createServer();
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return { server, origin: `http://127.0.0.1:${port}` };
}

export function mount(server, auths) {
  const handlers = auths.map((auth) => [auth.options.basePath, toNodeHandler(auth)]);
  server.on("request", (req, res) => {
    const match = handlers.find(([basePath]) => req.url.startsWith(`${basePath}/`));
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    match[1](req, res);
  });
}

export function stopServer(server) {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
