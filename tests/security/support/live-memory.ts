import path from "node:path";
import { z } from "zod";
import type { Server } from "./server";

/**
 * What a server still holds after a full garbage collection, read through
 * live-memory-probe.mjs. Resident memory mostly measures how far V8 lets its
 * heap grow before collecting, which depends on the heap limit and on how fast
 * the load comes: a soak that holds RSS to a level fails on a busy machine
 * without a leak, and a leak hides in the slack. This does not.
 */

/** Node flags for startServer() that let liveMemory() read the server. */
export const liveMemoryFlags = ["--expose-gc", "--import", path.join(process.cwd(), "tests/security/support/live-memory-probe.mjs")];

const sampleSchema = z.union([
  z.object({
    heapUsed: z.number(),
    external: z.number(),
    rss: z.number(),
    pglite: z.object({ wasmBytes: z.number(), contextBytes: z.number() }).nullable(),
  }),
  z.object({ failure: z.string() }),
]);

export type LiveMemory = {
  /** V8's heap after a full collection, plus what JavaScript holds outside it (buffers), PGlite's WebAssembly memory left out. */
  javascriptBytes: number;
  /** Resident memory just after that collection. */
  rssBytes: number;
  /**
   * On PGlite only: the size of its WebAssembly memory, which grows and never shrinks (PostgreSQL runs
   * in it), and how much of it PostgreSQL's memory contexts hold.
   */
  pglite: { wasmBytes: number; contextBytes: number } | null;
};

const marker = "[live-memory] ";

function samplesIn(output: string): string[] {
  return output.split("\n").filter((line) => line.startsWith(marker));
}

export async function liveMemory(server: Server): Promise<LiveMemory> {
  const seen = samplesIn(server.output()).length;
  server.process.kill("SIGUSR2");
  const deadline = Date.now() + 15_000;
  for (;;) {
    const line = samplesIn(server.output())[seen];
    if (line !== undefined) {
      const sample = sampleSchema.parse(JSON.parse(line.slice(marker.length)));
      if ("failure" in sample) throw new Error(`the server could not measure its memory: ${sample.failure}`);
      return {
        // `external` counts the WebAssembly memory too: it belongs to the database, not to JavaScript.
        javascriptBytes: sample.heapUsed + sample.external - (sample.pglite?.wasmBytes ?? 0),
        rssBytes: sample.rss,
        pglite: sample.pglite,
      };
    }
    if (server.process.exitCode !== null || Date.now() > deadline) {
      throw new Error(`the server on port ${server.port} did not report its memory (was it started with liveMemoryFlags?)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
