// The two-instance row of the report: each call's figures against the one instance's, how the load split, and both memories.
import { fixed, milliseconds } from "./format";
import type { Measurement } from "./load";
import type { PairRun } from "./pair";
import { repeatedRuns } from "./report";

export function pairSection(pair: PairRun, single: Measurement[]): string {
  const lines = [
    "| call | req/s | ÷ one instance | p50 ms | p99 ms | non-2xx | 2xx per instance | other load |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const row of pair.measurements) {
    const one = single.find((measurement) => measurement.id === row.id);
    lines.push(
      `| ${row.label} | ${fixed(row.requestsPerSecond, 0)} | ${one ? fixed(row.requestsPerSecond / one.requestsPerSecond, 2) : "–"} | ${milliseconds(row.p50Ms)} | ${milliseconds(row.p99Ms)} | ${row.non2xx}${row.errors > 0 ? ` + ${row.errors} without answer` : ""} | ${row.byInstance.map((instance) => instance.ok).join(" + ")} | ${fixed(row.otherCpuCores, 2)} |`,
    );
  }
  for (const row of pair.measurements.filter((measurement) => measurement.firstRefusal)) lines.push("", `First refusal of ${row.id}: \`${row.firstRefusal}\``);

  const crossed = (id: Measurement["id"]) => pair.measurements.find((measurement) => measurement.id === id)?.crossInstance;
  const sessions = crossed("session");
  const accepts = crossed("invite.accept");
  const memory = pair.memory
    .map((instance, i) => `instance ${i + 1} **${fixed(instance.residentMiB, 0)} MiB** (peak ${fixed(instance.peakMiB, 0)} MiB)`)
    .join(", ");
  const parts = [
    "### Two instances: `npm start` ×2 on the same database, the load spread over both",
    lines.join("\n"),
    repeatedRuns(pair),
    [
      sessions ? `Session reads with a session signed in on the other instance: ${sessions.ok} of ${sessions.requests} answered 2xx.` : null,
      accepts ? `Accepts whose session the other instance signed in: ${accepts.ok} of ${accepts.requests} answered 2xx.` : null,
      `Resident memory of each after its last call: ${memory}.`,
    ]
      .filter(Boolean)
      .join(" "),
  ];
  return parts.filter((part): part is string => part !== null).join("\n\n");
}
