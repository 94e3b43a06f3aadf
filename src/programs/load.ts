/**
 * @fileoverview Loads a ProgramSpec into the kernel: patches map relocations with live map fds,
 * picks the program type, and turns a verifier rejection into a ProgramLoadError that points at
 * the C line the failing instruction came from.
 */
import { encode, slotIndices, type Instruction } from "../isa/index.ts";
import type { ProgramSpec, SourceLocation } from "../spec/index.ts";
import { type Fd, type FdOptions, progLoad, VerifierError, KernelError } from "../sys/index.ts";
import { progTypeOf, type ProgKind } from "./prog-kind.ts";

export interface LoadProgramOptions extends FdOptions {
  kind: ProgKind;
  /** Map name → live map fd, for relocations. */
  maps: ReadonlyMap<string, Fd>;
  /** fentry/fexit target. */
  attachBtfId?: number;
  /** Always request a verifier log at this level (debug); by default only on failure. */
  logLevel?: number;
  /** Returns the text of a source file, to quote the failing C line. */
  sourceText?: (file: string) => string | undefined;
}

export interface LoadedProgram {
  name: string;
  kind: ProgKind;
  fd: Fd;
  /** The instructions as loaded (relocated). */
  instructions: Instruction[];
  /** Verifier log, when one was requested. */
  log: string;
}

/** The verifier (or the kernel) refused a program; one line, with the C line it points at. */
export class ProgramLoadError extends Error {
  override readonly name = "ProgramLoadError";
  readonly userFacing = true;
  constructor(
    message: string,
    readonly program: string,
    readonly location: SourceLocation | undefined,
    readonly verifierLog: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Copies the instructions with every map reference patched to its map's fd. */
export function relocate(spec: ProgramSpec, maps: ReadonlyMap<string, Fd>): Instruction[] {
  const insns = spec.instructions.map((i) => ({ ...i }));
  for (const r of spec.mapRelocations) {
    const fd = maps.get(r.map);
    if (!fd) throw new Error(`program ${spec.name} references map ${r.map}, which was not created`);
    const insn = insns[r.index];
    if (!insn) throw new Error(`relocation for ${r.map} points past the end of ${spec.name}`);
    const hi = r.kind === "value" ? BigInt(r.offset >>> 0) << 32n : 0n;
    insn.imm = fd.raw;
    insn.imm64 = hi | BigInt(fd.raw >>> 0);
  }
  return insns;
}

/**
 * The instruction index (not slot) the verifier failed at: the last "N: (op) ..." line of the log
 * names a slot.
 */
export function failingInstruction(log: readonly string[], insns: readonly Instruction[]): number | undefined {
  const slots = slotIndices(insns);
  for (let i = log.length - 1; i >= 0; i--) {
    const m = /^(\d+): \([0-9a-f]{2}\)/.exec(log[i] ?? "");
    if (!m) continue;
    const slot = Number(m[1]);
    const idx = slots.indexOf(slot);
    return idx >= 0 && idx < insns.length ? idx : undefined;
  }
  return undefined;
}

/**
 * The verifier's own verdict: the last log line that is neither an instruction ("12: (79) ..."),
 * a register-state dump, nor the closing statistics.
 */
export function verdict(lines: readonly string[]): string {
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = (lines[i] ?? "").trim();
    if (l === "" || /^processed \d+ insns/.test(l) || /^verification time/.test(l) || /^stack depth/.test(l)) continue;
    if (/^\d+: /.test(l) || /^R\d+[_=]/.test(l) || /^from \d+ to \d+/.test(l) || /^; /.test(l)) continue;
    // "infinite loop detected" is followed by register-state dumps of the two states compared.
    if (/^(cur|old) state: /.test(l)) continue;
    return l;
  }
  return "";
}

export function loadProgram(spec: ProgramSpec, opts: LoadProgramOptions): LoadedProgram {
  const insns = relocate(spec, opts.maps);
  const type = progTypeOf(opts.kind);
  try {
    const { fd, log } = progLoad(
      {
        progType: type.progType,
        insns: encode(insns),
        license: spec.license,
        name: spec.name,
        ...(type.expectedAttachType !== undefined ? { expectedAttachType: type.expectedAttachType } : {}),
        ...(type.progFlags !== undefined ? { progFlags: type.progFlags } : {}),
        ...(opts.attachBtfId !== undefined ? { attachBtfId: opts.attachBtfId } : {}),
      },
      { tracker: opts.tracker, ...(opts.logLevel ? { logLevel: opts.logLevel } : {}) },
    );
    return { name: spec.name, kind: opts.kind, fd, instructions: insns, log };
  } catch (err) {
    if (err instanceof VerifierError) {
      const idx = failingInstruction(err.lines, insns);
      const loc = idx === undefined ? undefined : spec.spans[idx];
      let where = "";
      if (loc) {
        const line = opts.sourceText?.(loc.file)?.split("\n")[loc.line - 1]?.trim();
        where = ` at ${loc.file}:${loc.line}:${loc.col}${line ? ` \`${line}\`` : ""}`;
      }
      throw new ProgramLoadError(`program ${spec.name} rejected by the verifier${where}: ${verdict(err.lines) || err.summary || "(empty verifier log)"}`, spec.name, loc, err.log, { cause: err });
    }
    if (err instanceof KernelError) {
      throw new ProgramLoadError(`load program ${spec.name} as ${opts.kind}: ${err.message}`, spec.name, undefined, undefined, { cause: err });
    }
    throw err;
  }
}
