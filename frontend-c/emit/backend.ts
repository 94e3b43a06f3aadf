/**
 * @fileoverview The back end as one call per function/module: IR → optimised IR → machine form →
 * registers allocated → frame laid out → selected → peephole → assembled ProgramSpec.
 * (The front end's pipeline.ts sequences the whole compiler; this is the back end's fixed order.)
 */
import type { DiagnosticSink } from "../diagnostics/diagnostic.ts";
import { duplicateSmallReturns, layoutBlocks, removeUnreachable } from "../ir/cfg.ts";
import type { IrFunction, IrModule } from "../ir/ir.ts";
import { expandMemoryOps, legalizeImmediates, splitMisalignedFrameAccesses } from "../ir/legalize.ts";
import { lowerToIsa, type IsaLevel } from "../ir/lower-isa.ts";
import { foldFrameAddresses } from "../ir/frame-addr.ts";
import { mergeFrameStores } from "../ir/merge-stores.ts";
import { optimizeFunction } from "../ir/optimize.ts";
import { promoteFrameObjects } from "../ir/promote.ts";
import { printFunction } from "../ir/printer.ts";
import { verifyFunction } from "../ir/verify.ts";
import { allocateRegisters } from "../regalloc/allocate.ts";
import { layoutFrame, MAX_STACK } from "../regalloc/frame.ts";
import { toMachineForm } from "../regalloc/machine.ts";
import type { CollectionSpec, ProgramSpec } from "../../src/spec/program-spec.ts";
import { InstructionError } from "../../src/isa/instruction.ts";
import { assemble, type Assembled } from "./emit.ts";
import { peephole } from "./peephole.ts";
import { selectFunction } from "./select.ts";

export interface BackendOptions {
  /** Run the IR optimiser (default true). */
  optimize?: boolean;
  /**
   * Instruction set level: "v3" (default) avoids the cpu-v4 instructions (sign-extending moves
   * and loads, signed division, bswap) so programs load on kernels before 6.6; "v4" uses them.
   */
  isa?: IsaLevel;
  /** Check IR invariants between passes (throws InternalCompilerError on a broken invariant). */
  verify?: boolean;
  /** Receives intermediate dumps: "ir" (input), "ir-opt" (after optimisation), "ir-alloc" (after allocation). */
  dump?: (stage: "ir" | "ir-opt" | "ir-alloc", text: string) => void;
}

export interface CompiledFunction extends Assembled {
  stackSize: number;
}

/** Compiles one function. Mutates `fn` (it ends in allocated machine form). */
export function compileFunction(fn: IrFunction, sink: DiagnosticSink, opts: BackendOptions = {}): CompiledFunction | undefined {
  for (const b of fn.blocks) {
    for (const i of b.insts) {
      if (i.op === "calllocal") {
        sink.error("backend/unsupported", i.span, `calls to non-inlined function '${i.callee}' are not supported yet; mark it static inline`);
        return undefined;
      }
    }
  }
  opts.dump?.("ir", printFunction(fn));
  if (opts.verify) verifyFunction(fn, "input");
  if (opts.optimize ?? true) foldFrameAddresses(fn);
  expandMemoryOps(fn);
  splitMisalignedFrameAccesses(fn);
  // Not an optimisation: the verifier rejects programs containing unreachable instructions.
  removeUnreachable(fn);
  if (opts.optimize ?? true) {
    promoteFrameObjects(fn);
    optimizeFunction(fn);
    mergeFrameStores(fn);
  }
  lowerToIsa(fn, opts.isa ?? "v3");
  legalizeImmediates(fn);
  if (opts.verify) verifyFunction(fn, "optimize");
  opts.dump?.("ir-opt", printFunction(fn));
  toMachineForm(fn);
  if (opts.verify) verifyFunction(fn, "machine", { allowPhys: true });
  allocateRegisters(fn);
  opts.dump?.("ir-alloc", printFunction(fn));
  duplicateSmallReturns(fn);
  layoutBlocks(fn);
  const frame = layoutFrame(fn, sink);
  // Already reported; its offsets may not even fit an instruction's 16-bit offset field.
  if (frame.size > MAX_STACK) return undefined;
  try {
    const items = peephole(selectFunction(fn, frame));
    return { ...assemble(items, sink, fn.span), stackSize: frame.size };
  } catch (e) {
    // A field out of its encoding's range (offset, immediate) is a property of the program's
    // size or shape, reported rather than thrown; anything else stays a compiler bug.
    if (!(e instanceof InstructionError)) throw e;
    sink.error("backend/program-too-large", fn.span, `function '${fn.name}' cannot be encoded: ${e.message}`);
    return undefined;
  }
}

/** Compiles every program of a module into a CollectionSpec. */
export function generateCollection(mod: IrModule, sink: DiagnosticSink, opts: BackendOptions = {}): CollectionSpec {
  const programs: ProgramSpec[] = [];
  const byName = new Map(mod.functions.map((f) => [f.name, f]));
  for (const p of mod.programs) {
    const fn = byName.get(p.function);
    if (fn === undefined) continue;
    const out = compileFunction(fn, sink, opts);
    if (out === undefined) continue;
    programs.push({
      name: p.function,
      section: p.section,
      license: mod.license,
      instructions: out.instructions,
      spans: out.spans,
      mapRelocations: out.mapRelocations,
      stackSize: out.stackSize,
    });
  }
  return { programs, maps: mod.maps, license: mod.license };
}
