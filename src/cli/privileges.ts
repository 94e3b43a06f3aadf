/**
 * Up-front privilege check for commands that need the kernel, so an unprivileged user gets one
 * clear line instead of whichever EPERM happens to come first.
 */
import { readFileSync } from "node:fs";

const CAP_SYS_ADMIN = 21n;
const CAP_PERFMON = 38n;
const CAP_BPF = 39n;

export class PrivilegeError extends Error {
  override readonly name = "PrivilegeError";
  readonly userFacing = true;
  readonly exitCode = 1;
}

function effectiveCaps(): bigint {
  try {
    const m = /^CapEff:\s*([0-9a-f]+)$/m.exec(readFileSync("/proc/self/status", "utf8"));
    return m ? BigInt(`0x${m[1]}`) : 0n;
  } catch {
    return 0n;
  }
}

/** True when this process may load and attach tracing programs. */
export function hasTracingPrivileges(): boolean {
  if (process.getuid?.() === 0) return true;
  const caps = effectiveCaps();
  const has = (c: bigint) => (caps >> c) & 1n;
  return has(CAP_SYS_ADMIN) === 1n || (has(CAP_BPF) === 1n && has(CAP_PERFMON) === 1n);
}

export function requireTracingPrivileges(what: string): void {
  if (!hasTracingPrivileges()) {
    throw new PrivilegeError(`${what} needs root (or CAP_BPF and CAP_PERFMON): run it with sudo`);
  }
}
