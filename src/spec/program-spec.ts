/**
 * @fileoverview ProgramSpec / CollectionSpec: the compiler's output. Deterministic and
 * kernel-independent (cilium/ebpf's spec/object split): anything that depends on the running kernel
 * (map fds, program type probing) happens when the runtime turns a spec into kernel objects.
 */
import type { Instruction } from "../isa/instruction.ts";
import type { MapSpec } from "./map-spec.ts";

/**
 * A source range (structurally identical to the compiler's `Span`; declared here so the runtime
 * does not depend on the compiler). Lines and columns are 1-based.
 */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/**
 * A reference from an LD_IMM64 instruction to a map. The loader patches `imm` (low 32 bits) of
 * instruction `index` with the map's fd; kind "value" also keeps `offset` in the high 32 bits and
 * needs src = BPF_PSEUDO_MAP_VALUE (already set by the compiler).
 */
export interface MapRelocation {
  /** Index into `instructions` (instruction index, not slot index). */
  index: number;
  map: string;
  kind: "fd" | "value";
  offset: number;
}

export interface ProgramSpec {
  /** The C function name. */
  name: string;
  /** Section-style attach hint, e.g. "tracepoint/syscalls/sys_enter_openat", "kprobe/do_sys_open". */
  section: string;
  license: string;
  instructions: Instruction[];
  /** Source span of each instruction (same indexing as `instructions`); undefined for synthesized code. */
  spans: (SourceLocation | undefined)[];
  mapRelocations: MapRelocation[];
  /** Bytes of stack used (frame objects + spill slots), ≤ 512. */
  stackSize: number;
}

export interface CollectionSpec {
  programs: ProgramSpec[];
  maps: MapSpec[];
  license: string;
}
