// The load: one scenario under autocannon against one server or spread over several, with the figures the report
// needs, and a list of scenarios in turn (warm-up, the measured run, and repeats of runs another process disturbed).
import autocannon from "autocannon";
import { otherCores, sampleCpu } from "./proc";
import type { Scenario, ScenarioId } from "./scenarios";

export type LoadOptions = { seconds: number; connections: number };

/**
 * Where the load goes: autocannon gives connection i to `urls[i % n]`, so
 * with two URLs and 8 connections each instance holds 4 of them. `origin`
 * is the app's public address (BETTER_AUTH_URL), which every instance
 * checks the Origin header of a POST against.
 */
export type LoadTarget = { urls: string[]; origin: string };

export const oneServer = (baseUrl: string): LoadTarget => ({ urls: [baseUrl], origin: baseUrl });

/** What one instance of the target answered. */
export type InstanceTally = { url: string; requests: number; ok: number };

export type Measurement = {
  id: ScenarioId;
  label: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  ok: number;
  non2xx: number;
  /** Socket errors and timeouts: requests that got no answer at all. */
  errors: number;
  statuses: Record<string, number>;
  /** The first refusal's body, so a non-2xx count comes with its reason. */
  firstRefusal: string | null;
  /** Answers per instance of the target, in the order of its URLs. */
  byInstance: InstanceTally[];
  /** Requests whose session was signed in on another instance than the one that answered them. */
  crossInstance: { requests: number; ok: number };
  /** Cores' worth of CPU other processes took meanwhile: the figures are only as good as the machine was quiet. */
  otherCpuCores: number;
};

/** autocannon keeps one context per connection, handed to both the request builder and the response handler. */
type ConnectionContext = { instance?: number; crossed?: boolean };

export async function measure(target: LoadTarget, scenario: Scenario, options: LoadOptions): Promise<Measurement> {
  const statuses: Record<string, number> = {};
  let firstRefusal: string | null = null;
  const ports = target.urls.map((url) => new URL(url).port);
  const byInstance: InstanceTally[] = target.urls.map((url) => ({ url, requests: 0, ok: 0 }));
  const crossInstance = { requests: 0, ok: 0 };
  const before = sampleCpu();
  const result = await autocannon({
    // @ts-expect-error autocannon 9 takes several URLs and deals the connections out over them (lib/url.js, lib/run.js); @types/autocannon still says one string.
    url: target.urls,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        setupRequest: (request, context: ConnectionContext) => {
          // autocannon's request carries its connection's URL fields, port included, though its types leave them out.
          const instance = "port" in request ? ports.indexOf(String(request.port)) : 0;
          const call = scenario.next(instance);
          context.instance = instance;
          context.crossed = call.sessionFrom !== undefined && call.sessionFrom !== instance;
          const headers: Record<string, string> = { origin: target.origin };
          if (call.cookie) headers.cookie = call.cookie;
          if (call.body !== undefined) headers["content-type"] = "application/json";
          const built = { ...request, method: call.method, path: call.path, headers };
          return call.body === undefined ? built : { ...built, body: JSON.stringify(call.body) };
        },
        onResponse: (status, body, context: ConnectionContext) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
          const ok = status >= 200 && status <= 299;
          const tally = byInstance[context.instance ?? -1];
          if (tally) {
            tally.requests++;
            if (ok) tally.ok++;
          }
          if (context.crossed) {
            crossInstance.requests++;
            if (ok) crossInstance.ok++;
          }
          if (!ok && firstRefusal === null) firstRefusal = `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  const otherCpuCores = otherCores(before, sampleCpu());
  return {
    id: scenario.id,
    label: scenario.label,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    statuses,
    firstRefusal,
    byInstance,
    crossInstance,
    otherCpuCores,
  };
}

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
  for (const deadline = Date.now() + 600_000; Date.now() < deadline;) {
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
      log(
        `${label} ${scenario.id}: other processes took ${result.otherCpuCores.toFixed(2)} cores meanwhile; waiting for a quiet machine to measure again`,
      );
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
