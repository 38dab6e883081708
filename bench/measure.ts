// Runs one scenario under autocannon, against one server or spread over several, and keeps the figures the report needs.
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
