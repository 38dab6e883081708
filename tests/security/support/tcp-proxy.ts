import { createServer, type Server, type Socket, connect } from "node:net";

/**
 * A TCP proxy between a test server and the shared PostgreSQL, so a test can
 * take "the database" away from one app without stopping PostgreSQL for
 * everyone else. `cut()` drops every open connection at once, as a crashed
 * server or a broken network does; while down, new connections are refused
 * (the port is closed: ECONNREFUSED). `blackHole()` takes connections and
 * never answers, as a pooler or firewall in front of a dead server may.
 */
export type TcpProxy = {
  port: number;
  /** The connections open through the proxy now. */
  connections: () => number;
  /** Drops every open connection and refuses new ones until `restore()`. */
  cut: () => Promise<void>;
  /** Listens again on the same port. */
  restore: () => Promise<void>;
  /** Drops every open connection, then takes new ones and never answers them, until `restore()`. */
  blackHole: () => Promise<void>;
  close: () => Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }, port: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let server: Server | null = null;

  const listen = (mode: "forward" | "black hole" = "forward") =>
    new Promise<void>((resolve, reject) => {
      const listening = createServer((client) => {
        if (mode === "black hole") {
          open.add(client);
          client.on("error", () => client.destroy());
          return;
        }
        const upstream = connect(target.port, target.host);
        open.add(client);
        open.add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          open.delete(client);
          open.delete(upstream);
        };
        client.on("error", drop).on("close", drop);
        upstream.on("error", drop).on("close", drop);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      listening.once("error", reject);
      listening.listen(port, "127.0.0.1", () => {
        server = listening;
        resolve();
      });
    });

  const stopListening = async () => {
    const listening = server;
    server = null;
    if (!listening) return;
    const closed = new Promise<void>((resolve) => listening.close(() => resolve()));
    // Reset, not a polite FIN: the app must see the connection die, not a server saying goodbye.
    for (const socket of open) socket.resetAndDestroy();
    open.clear();
    await closed;
  };

  await listen();
  return {
    port,
    connections: () => [...open].length / 2,
    cut: stopListening,
    restore: async () => {
      await stopListening();
      await listen();
    },
    blackHole: async () => {
      await stopListening();
      await listen("black hole");
    },
    close: stopListening,
  };
}
