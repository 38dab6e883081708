// Preloaded into a test server (`node --expose-gc --import <this file> next start`): on SIGUSR2 it collects
// all garbage and prints one `[live-memory] {...}` line of what the process still holds. Resident memory
// cannot tell a leak from a heap V8 has not collected yet; this can (tests/security/support/live-memory.ts).

process.on("SIGUSR2", () => {
  measure().then(
    (sample) => console.log(`[live-memory] ${JSON.stringify(sample)}`),
    (failure) => console.log(`[live-memory] ${JSON.stringify({ failure: String(failure) })}`),
  );
});

async function measure() {
  // Opened by the app on first use and kept on globalThis (lib/db/index.ts).
  const database = globalThis.__inviteKitDatabase;
  let pglite = null;
  if (database?.kind === "pglite") {
    // What PostgreSQL itself holds inside the WebAssembly memory: a leak there (prepared statements,
    // caches) fills the memory PGlite reserved at start long before that memory has to grow.
    const { rows } = await database.client.query("select sum(total_bytes)::int8 as bytes from pg_backend_memory_contexts");
    pglite = { wasmBytes: database.client.Module.HEAPU8.buffer.byteLength, contextBytes: Number(rows[0].bytes) };
  }
  // Twice: the first collection runs finalizers that may free more.
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, external, rss } = process.memoryUsage();
  return { heapUsed, external, rss, pglite };
}
