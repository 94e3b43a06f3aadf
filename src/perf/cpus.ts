/**
 * @fileoverview CPU lists from sysfs (`/sys/devices/system/cpu/{online,possible}`).
 *
 * A perf buffer needs one ring per CPU that can run the BPF program, i.e. every ONLINE CPU: the
 * program writes with BPF_F_CURRENT_CPU, so a CPU without a ring in the PERF_EVENT_ARRAY makes
 * bpf_perf_event_output fail with -ENOENT there. The map itself is sized by POSSIBLE CPUs (ids of
 * online CPUs can exceed the online count when CPUs are hot-unplugged, e.g. online "0,2").
 */

import { readFileSync } from "node:fs";
import { parseCpuList } from "../sys/index.ts";

/** The kernel's CPU list format parser lives in src/sys; re-exported for readers' callers. */
export { parseCpuList };

/** Reads a text file; injectable so parsing can be tested without sysfs. */
export type TextReader = (path: string) => string;

const readText: TextReader = (path) => readFileSync(path, "utf8");

/**
 * Parses the kernel's cpulist format (`Documentation/admin-guide/cputopology.rst`):
 * comma-separated decimal ids or inclusive ranges, e.g. "0-3,8,10-11\n". Returns sorted unique ids.
 * Throws on anything else: a silently wrong CPU list would lose events on the missing CPUs.
 */

/** Ids of the CPUs that are online now (the CPUs that need a perf ring). */
export function onlineCpus(read: TextReader = readText): number[] {
  return parseCpuList(read("/sys/devices/system/cpu/online"));
}

/** Ids of all CPUs that could ever come online (what per-CPU maps are sized by). */
export function possibleCpus(read: TextReader = readText): number[] {
  return parseCpuList(read("/sys/devices/system/cpu/possible"));
}

/** Number of possible CPUs as the kernel counts them for per-CPU maps: highest possible id + 1. */
export function possibleCpuCount(read: TextReader = readText): number {
  const ids = possibleCpus(read);
  const last = ids[ids.length - 1];
  return last === undefined ? 0 : last + 1;
}
