// Runs one scenario under autocannon and keeps the figures the report needs.
import autocannon from "autocannon";
import { otherCores, sampleCpu } from "./proc";
import type { Scenario, ScenarioId } from "./scenarios";

export type LoadOptions = { seconds: number; connections: number };

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
  /** Cores' worth of CPU other processes took meanwhile: the figures are only as good as the machine was quiet. */
  otherCpuCores: number;
};

export async function measure(baseUrl: string, scenario: Scenario, options: LoadOptions): Promise<Measurement> {
  const statuses: Record<string, number> = {};
  let firstRefusal: string | null = null;
  const before = sampleCpu();
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        setupRequest: (request) => {
          const call = scenario.next();
          const headers: Record<string, string> = { origin: baseUrl };
          if (call.cookie) headers.cookie = call.cookie;
          if (call.body !== undefined) headers["content-type"] = "application/json";
          const built = { ...request, method: call.method, path: call.path, headers };
          return call.body === undefined ? built : { ...built, body: JSON.stringify(call.body) };
        },
        onResponse: (status, body) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
          if ((status < 200 || status > 299) && firstRefusal === null) firstRefusal = `${status} ${body.slice(0, 300)}`;
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
    otherCpuCores,
  };
}
