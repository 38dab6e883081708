// Runs a list of scenarios against running servers: warm-up, the measured run, and repeats of runs another process disturbed.
import { measure, type LoadTarget, type Measurement } from "./measure";
import { otherCores, sampleCpu } from "./proc";
import type { Scenario } from "./scenarios";

export type RunSettings = { seconds: number; warmupSeconds: number; connections: number; retries: number };

export type ScenarioRuns = {
  measurements: Measurement[];
  warmups: Measurement[];
  /** Runs repeated because other processes took the CPU meanwhile. */
  discarded: Measurement[];
};

/** Other processes' CPU above which a measurement says more about them than about the server (on 2 cores, a quarter of one). */
export const BUSY_CORES = 0.25;

export const log = (message: string) => console.info(`[bench] ${message}`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// autocannon stops with a request in flight on every connection: let the server finish them before anything else runs.
const settle = () => sleep(1_000);

/** Waits until other processes leave the CPU alone for 5 s, for at most 10 minutes. */
async function waitForQuietMachine(): Promise<void> {
  for (const deadline = Date.now() + 600_000; Date.now() < deadline; ) {
    const before = sampleCpu();
    await sleep(5_000);
    if (otherCores(before, sampleCpu()) < BUSY_CORES) return;
  }
  log("the machine stayed busy for 10 minutes: measuring anyway");
}

/**
 * Warm-up then the measured run, for each scenario in turn. A run that
 * overlapped another process's CPU use is discarded and repeated once the
 * machine is quiet, up to `retries` times; discarded runs still count in the
 * write checks.
 */
export async function runScenarios(target: LoadTarget, scenarios: Scenario[], label: string, settings: RunSettings): Promise<ScenarioRuns> {
  const load = { seconds: settings.seconds, connections: settings.connections };
  const runs: ScenarioRuns = { measurements: [], warmups: [], discarded: [] };
  for (const scenario of scenarios) {
    if (settings.warmupSeconds > 0) {
      runs.warmups.push(await measure(target, scenario, { ...load, seconds: settings.warmupSeconds }));
      await settle();
    }
    let result = await measure(target, scenario, load);
    await settle();
    for (let retry = 1; retry <= settings.retries && result.otherCpuCores >= BUSY_CORES; retry++) {
      log(`${label} ${scenario.id}: other processes took ${result.otherCpuCores.toFixed(2)} cores meanwhile; waiting for a quiet machine to measure again`);
      runs.discarded.push(result);
      await waitForQuietMachine();
      result = await measure(target, scenario, load);
      await settle();
    }
    runs.measurements.push(result);
    log(
      `${label} ${scenario.id}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, non-2xx ${result.non2xx}` +
        (result.byInstance.length > 1 ? `, 2xx per instance ${result.byInstance.map((instance) => instance.ok).join(" + ")}` : "") +
        (result.firstRefusal ? ` (first: ${result.firstRefusal})` : "") +
        (result.otherCpuCores >= BUSY_CORES ? `, other processes took ${result.otherCpuCores.toFixed(2)} cores meanwhile` : ""),
    );
  }
  return runs;
}
