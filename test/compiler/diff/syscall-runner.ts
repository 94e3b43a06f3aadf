/**
 * @fileoverview Test support: loads a compiled ProgramSpec as a BPF_PROG_TYPE_SYSCALL program and
 * runs it with BPF_PROG_RUN. SYSCALL programs are the one type whose ctx is an arbitrary
 * caller-supplied buffer that the program may read and write and that the kernel copies back,
 * which makes them ideal for checking compiled C semantics against gcc (kernel ≥ 5.14; they must
 * be loaded sleepable).
 */
import { encode, ldImm64, PseudoSrc, type Instruction } from "../../../src/isa/index.ts";
import { BPF_PROG_FLAG, BPF_PROG_TYPE, progLoad, progTestRun, type Fd } from "../../../src/sys/index.ts";
import type { ProgramSpec } from "../../../src/spec/index.ts";

/** Replaces map relocations with real fds (map name → raw fd). */
export function patchMaps(spec: ProgramSpec, fds: ReadonlyMap<string, number>): Instruction[] {
  const insns = [...spec.instructions];
  for (const r of spec.mapRelocations) {
    const fd = fds.get(r.map);
    if (fd === undefined) throw new Error(`no fd for map ${r.map}`);
    const value = r.kind === "fd" ? BigInt(fd) : (BigInt(r.offset) << 32n) | BigInt(fd);
    insns[r.index] = ldImm64(insns[r.index]!.dst, value, r.kind === "fd" ? PseudoSrc.MAP_FD : PseudoSrc.MAP_VALUE);
  }
  return insns;
}

export function loadSyscall(spec: ProgramSpec, fds: ReadonlyMap<string, number> = new Map()): Fd {
  const insns = patchMaps(spec, fds);
  return progLoad({
    progType: BPF_PROG_TYPE.SYSCALL,
    insns: encode(insns),
    license: spec.license,
    name: spec.name,
    progFlags: BPF_PROG_FLAG.SLEEPABLE,
  }).fd;
}

/** Runs the program once on `ctx` (modified in place, as the kernel copies it back); returns r0 as u32. */
export function runSyscall(prog: Fd, ctx: Uint8Array): number {
  return progTestRun(prog, { ctxIn: ctx }).retval >>> 0;
}
