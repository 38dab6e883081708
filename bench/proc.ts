// What Linux's /proc says about the processes under test: their memory, and how much CPU everybody else took meanwhile.
import { availableParallelism } from "node:os";
import { readdirSync, readFileSync } from "node:fs";

/** From /proc/<pid>/status: VmRSS now and VmHWM, the peak, in MiB. */
export type ProcessMemory = { pid: number; title: string; residentMiB: number; peakMiB: number };

function readProc(pid: number | "self", file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    // The process ended while we were looking.
    return "";
  }
}

/** The fields of /proc/<pid>/stat after the command name, which may itself hold spaces: [0] is the state, [1] the parent. */
function statFields(pid: number): string[] {
  const stat = readProc(pid, "stat");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

function allPids(): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const parent = Number(statFields(pid)[1]);
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(pid);
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** CPU time the process has used, user and system, in the clock ticks of /proc/stat (100 a second); 0 once it is gone. */
export function cpuTicksOf(pid: number): number {
  const fields = statFields(pid);
  // utime and stime, fields 14 and 15 of stat.
  return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
}

export function memoryOf(pid: number): ProcessMemory {
  const status = readProc(pid, "status");
  const mib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
  const title = readProc(pid, "cmdline").split("\0").filter(Boolean).join(" ");
  return { pid, title, residentMiB: mib("VmRSS"), peakMiB: mib("VmHWM") };
}

/** CPU ticks: all of the machine's (busy and idle), the busy ones, and those of the benchmark, its servers and PostgreSQL. */
export type CpuSample = { all: number; busy: number; ours: number };

export function sampleCpu(): CpuSample {
  // user nice system idle iowait irq softirq steal
  const ticks = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = ticks;
  const busy = user + nice + system + irq + softirq + steal;
  const benchmark = new Set(processTree(process.pid));
  let ours = 0;
  for (const pid of allPids()) {
    if (benchmark.has(pid) || readProc(pid, "comm").startsWith("postgres")) ours += cpuTicksOf(pid);
  }
  return { all: busy + idle + iowait, busy, ours };
}

/**
 * How many cores' worth of CPU other processes used between two samples: a
 * neighbour's test run on a 2-core machine lowers every figure it overlaps.
 * Counts any PostgreSQL backend as ours, so it errs towards zero.
 */
export function otherCores(before: CpuSample, after: CpuSample): number {
  const elapsedPerCore = (after.all - before.all) / availableParallelism();
  if (elapsedPerCore <= 0) return 0;
  return Math.max(0, after.busy - before.busy - (after.ours - before.ours)) / elapsedPerCore;
}
