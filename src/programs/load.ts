/**
 * @fileoverview Loads a ProgramSpec into the kernel: patches map relocations with live map fds,
 * picks the program type, attaches program BTF (func_info + line_info carrying the C source, see
 * btf-info.ts), and turns a verifier rejection into a ProgramLoadError that points at the C line
 * the failing instruction came from.
 */
import { encode, slotIndices, type Instruction } from "../isa/index.ts";
import type { ProgramSpec, SourceLocation } from "../spec/index.ts";
import { btfLoad, type Fd, type FdOptions, progLoad, VerifierError, KernelError, type ProgLoadAttr } from "../sys/index.ts";
import { buildProgramBtf, logSourceLine, ProgramBtfCache, type ProgramBtf } from "./btf-info.ts";
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
  /**
   * Program BTF (func/line info, so verifier logs and bpftool show C lines): the loader's
   * ProgramBtfCache (one per loader: remembers whether this kernel takes program BTF), or false
   * to load without. Default: a fresh cache for this one load.
   */
  btf?: ProgramBtfCache | false;
}

export interface LoadedProgram {
  name: string;
  kind: ProgKind;
  fd: Fd;
  /** The instructions as loaded (relocated). */
  instructions: Instruction[];
  /** Verifier log, when one was requested. */
  log: string;
  /** Loaded with program BTF (func_info, and line_info when the spec has source locations). */
  btf: boolean;
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

/** Index of the log line naming the instruction the verifier failed at (the last "N: (op) ..."). */
function failingLogLine(log: readonly string[]): number | undefined {
  for (let i = log.length - 1; i >= 0; i--) {
    if (/^(\d+): \([0-9a-f]{2}\)/.test(log[i] ?? "")) return i;
  }
  return undefined;
}

/**
 * The instruction index (not slot) the verifier failed at: the last "N: (op) ..." line of the log
 * names a slot.
 */
export function failingInstruction(log: readonly string[], insns: readonly Instruction[]): number | undefined {
  const at = failingLogLine(log);
  if (at === undefined) return undefined;
  const slot = Number(/^(\d+):/.exec(log[at]!)![1]);
  const idx = slotIndices(insns).indexOf(slot);
  return idx >= 0 && idx < insns.length ? idx : undefined;
}

/**
 * Where a verifier rejection happened in C, and the line's text. The instruction's span is the
 * primary source; with line_info the log itself carries "; <C line> @ file:line" just before the
 * failing instruction, which supplies the text when the source is not at hand, and the place when
 * the instruction has no span (synthesized code).
 */
export function failingSource(
  log: readonly string[],
  insns: readonly Instruction[],
  spans: readonly (SourceLocation | undefined)[],
  sourceText?: (file: string) => string | undefined,
): { location: SourceLocation; text: string | undefined } | undefined {
  const at = failingLogLine(log);
  const idx = failingInstruction(log, insns);
  const span = idx === undefined ? undefined : spans[idx];
  const annotated = at === undefined ? undefined : logSourceLine(log, at);
  if (span) {
    const fromSource = sourceText?.(span.file)?.split("\n")[span.line - 1]?.trim();
    const fromLog = annotated && annotated.line === span.line ? annotated.text : undefined;
    return { location: span, text: fromSource || fromLog || undefined };
  }
  if (!annotated) return undefined;
  return {
    location: { file: annotated.file, line: annotated.line, col: 0, endLine: annotated.line, endCol: 0 },
    text: annotated.text || undefined,
  };
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

/** The BTF fd and ext-info for one load, or undefined when it goes without program BTF. */
function prepareBtf(spec: ProgramSpec, insns: Instruction[], cache: ProgramBtfCache, opts: LoadProgramOptions): { fd: Fd; info: ProgramBtf } | undefined {
  if (cache.supported === false) return undefined;
  let info: ProgramBtf;
  try {
    info = buildProgramBtf(spec.name, insns, spec.spans, opts.sourceText, cache);
  } catch (e) {
    // The writer refuses what it cannot encode (e.g. a line number past line_info's 22 bits):
    // this program loads without BTF; others still get it.
    if (e instanceof RangeError) return undefined;
    throw e;
  }
  try {
    return { fd: btfLoad(info.blob, { tracker: opts.tracker }).fd, info };
  } catch (e) {
    // No BPF_BTF_LOAD (pre-4.18), or BTF kinds this kernel does not know: programs load without.
    if (e instanceof KernelError) {
      cache.disable(`BPF_BTF_LOAD failed: ${e.message}`);
      return undefined;
    }
    throw e;
  }
}

export function loadProgram(spec: ProgramSpec, opts: LoadProgramOptions): LoadedProgram {
  const insns = relocate(spec, opts.maps);
  const type = progTypeOf(opts.kind);
  const attr: ProgLoadAttr = {
    progType: type.progType,
    insns: encode(insns),
    license: spec.license,
    name: spec.name,
    ...(type.expectedAttachType !== undefined ? { expectedAttachType: type.expectedAttachType } : {}),
    ...(type.progFlags !== undefined ? { progFlags: type.progFlags } : {}),
    ...(opts.attachBtfId !== undefined ? { attachBtfId: opts.attachBtfId } : {}),
  };
  const logOpts = { tracker: opts.tracker, ...(opts.logLevel ? { logLevel: opts.logLevel } : {}) };
  const cache = opts.btf === false ? undefined : (opts.btf ?? new ProgramBtfCache());
  const btf = cache ? prepareBtf(spec, insns, cache, opts) : undefined;
  try {
    if (btf && cache) {
      const withBtf: ProgLoadAttr = {
        ...attr,
        progBtfFd: btf.fd,
        funcInfo: btf.info.funcInfo,
        funcInfoRecSize: 8,
        ...(btf.info.lineCount > 0 ? { lineInfo: btf.info.lineInfo, lineInfoRecSize: 16 } : {}),
      };
      let first: unknown;
      try {
        const { fd, log } = progLoad(withBtf, logOpts);
        cache.supported = true;
        return { name: spec.name, kind: opts.kind, fd, instructions: insns, log, btf: true };
      } catch (e) {
        if (!(e instanceof KernelError)) throw e;
        // The verifier only walks instructions after it accepted func/line info
        // (check_btf_info runs before do_check): a log that shows instructions is the
        // program's own fault, and retrying without BTF would just verify it twice more.
        if (e instanceof VerifierError && failingLogLine(e.lines) !== undefined) throw loadError(spec, opts, insns, e);
        first = e;
      }
      // Refused with BTF before the verifier walked it: either the program is wrong in a way
      // found early (the retry fails the same way, and the first log, which quotes C lines, is
      // the better report) or the kernel does not take our func/line info (pre-5.0 kernels,
      // E2BIG/EINVAL): then load without, from now on.
      let plain;
      try {
        plain = progLoad(attr, logOpts);
      } catch (e) {
        throw loadError(spec, opts, insns, sameRejection(first, e) ? first : e);
      }
      cache.disable(`program ${spec.name} loaded only without BTF: ${(first as Error).message}`);
      return { name: spec.name, kind: opts.kind, fd: plain.fd, instructions: insns, log: plain.log, btf: false };
    }
    try {
      const { fd, log } = progLoad(attr, logOpts);
      return { name: spec.name, kind: opts.kind, fd, instructions: insns, log, btf: false };
    } catch (e) {
      throw loadError(spec, opts, insns, e);
    }
  } finally {
    // The loaded program holds its own reference to the BTF object.
    btf?.fd.close();
  }
}

/** Two load failures that are the same verdict on the same instruction (with and without BTF). */
function sameRejection(a: unknown, b: unknown): boolean {
  if (a instanceof VerifierError && b instanceof VerifierError) {
    return verdict(a.lines) === verdict(b.lines) && lastInsnLine(a.lines) === lastInsnLine(b.lines);
  }
  return a instanceof KernelError && b instanceof KernelError && !(a instanceof VerifierError) && !(b instanceof VerifierError) && a.errno === b.errno;
}

function lastInsnLine(lines: readonly string[]): string {
  const at = failingLogLine(lines);
  return at === undefined ? "" : (/^\d+: \([0-9a-f]{2}\)/.exec(lines[at]!)?.[0] ?? "");
}

function loadError(spec: ProgramSpec, opts: LoadProgramOptions, insns: readonly Instruction[], err: unknown): unknown {
  if (err instanceof VerifierError) {
    const src = failingSource(err.lines, insns, spec.spans, opts.sourceText);
    let where = "";
    if (src) {
      const { file, line, col } = src.location;
      where = ` at ${file}:${line}${col ? `:${col}` : ""}${src.text ? ` \`${src.text}\`` : ""}`;
    }
    return new ProgramLoadError(`program ${spec.name} rejected by the verifier${where}: ${verdict(err.lines) || err.summary || "(empty verifier log)"}`, spec.name, src?.location, err.log, { cause: err });
  }
  if (err instanceof KernelError) {
    return new ProgramLoadError(`load program ${spec.name} as ${opts.kind}: ${err.message}`, spec.name, undefined, undefined, { cause: err });
  }
  return err;
}
