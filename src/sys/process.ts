/** Process and CPU facts that tracing code needs next to the syscalls. */
import { readFileSync } from "node:fs";
import { sysGetpid, sysGetppid, sysGettid } from "./ffi.ts";

/** getpid(2). */
export function getpid(): number {
  return sysGetpid();
}

/**
 * getppid(2), a real syscall every time (glibc does not cache it): tests and benchmarks use it to
 * fire syscalls:sys_enter_getppid from this process.
 */
export function getppid(): number {
  return sysGetppid();
}

/** gettid(2) of the calling thread (equals getpid() on Node's main thread). */
export function gettid(): number {
  return sysGettid();
}

/** Parse the kernel's CPU list format ("0-3,5,7-8") into CPU numbers. */
export function parseCpuList(text: string): number[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  const ids = new Set<number>();
  for (const part of trimmed.split(",")) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (m === null) throw new Error(`malformed cpu list ${JSON.stringify(text)}: bad element ${JSON.stringify(part)}`);
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    if (last < first) throw new Error(`malformed cpu list ${JSON.stringify(text)}: descending range ${part}`);
    for (let cpu = first; cpu <= last; cpu++) ids.add(cpu);
  }
  return [...ids].sort((a, b) => a - b);
}

/**
 * CPUs that may ever exist (/sys/devices/system/cpu/possible): per-CPU map values and perf arrays
 * are sized by this, not by the online count.
 */
export function possibleCpus(): number[] {
  return parseCpuList(readFileSync("/sys/devices/system/cpu/possible", "utf8"));
}

/** CPUs currently online (/sys/devices/system/cpu/online): where per-CPU perf events can be opened. */
export function onlineCpus(): number[] {
  return parseCpuList(readFileSync("/sys/devices/system/cpu/online", "utf8"));
}
