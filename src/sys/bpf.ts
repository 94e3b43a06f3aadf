/**
 * The bpf(2) call itself and helpers shared by the command modules (bpf-map.ts, bpf-prog.ts,
 * bpf-link.ts, bpf-object.ts). Each command builds its slice of union bpf_attr (layouts in
 * attr-layout.ts), makes the call, and either returns the result or throws a typed KernelError.
 * "Not found" outcomes that callers routinely expect (ENOENT on lookup/delete/next-key/by-id) are
 * returned as false/undefined instead of thrown.
 */
import { BPF_CMD, type BpfCmdName } from "./bpf-constants.ts";
import { ERRNO, kernelError, KernelError } from "./errors.ts";
import { rawFd, type FdLike } from "./fd.ts";
import { addressOf, lastErrno, sysBpf } from "./ffi.ts";

/** Result of a raw bpf() call: the return value, or the errno when it failed. */
export type BpfResult = { ok: true; value: number } | { ok: false; errno: number };

/**
 * The raw call. `keepAlive` holds the buffers whose addresses are inside `attr`, so they stay
 * reachable (their backing stores never move) until the kernel has used them.
 */
export function bpfRaw(cmd: BpfCmdName, attr: Uint8Array, keepAlive?: readonly unknown[]): BpfResult {
  const ret = sysBpf(BPF_CMD[cmd], attr, attr.byteLength);
  const errno = ret < 0 ? lastErrno() : 0;
  void keepAlive?.length;
  return ret < 0 ? { ok: false, errno } : { ok: true, value: ret };
}

/** bpf() that throws a typed KernelError on failure. */
export function bpfCall(cmd: BpfCmdName, attr: Uint8Array, keepAlive?: readonly unknown[], detail?: string): number {
  const r = bpfRaw(cmd, attr, keepAlive);
  if (!r.ok) throw kernelError({ syscall: "bpf", command: cmd, code: r.errno, detail });
  return r.value;
}

export function ptr(buf: Uint8Array | null | undefined): bigint {
  return buf ? addressOf(buf) : 0n;
}

export function optFd(fd: FdLike | undefined): number | undefined {
  return fd === undefined ? undefined : rawFd(fd);
}

/** Keep [A-Za-z0-9_.] (what the kernel accepts in object names) and at most 15 characters. */
export function sanitizeObjectName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.]/g, "_").slice(0, 15);
}

/** A NUL-terminated copy of `s` for pointer fields. */
export function cString(s: string): Uint8Array {
  const bytes = new TextEncoder().encode(s);
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}

/** The text up to the first NUL (kernel-filled string buffers, verifier logs). */
export function decodeCString(buf: Uint8Array | null): string {
  if (buf === null) return "";
  const nul = buf.indexOf(0);
  return new TextDecoder().decode(nul < 0 ? buf : buf.subarray(0, nul));
}

export function isErrno(err: unknown, name: keyof typeof ERRNO): boolean {
  return err instanceof KernelError && err.code === ERRNO[name];
}
