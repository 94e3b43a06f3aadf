/**
 * @fileoverview Per-function lowering state: the IR builder, where each C local lives (a vreg or
 * a stack frame object), loop/switch targets, and the inlining stack. Also the value conventions
 * every lowering file relies on:
 *
 * A scalar of C type T held in a vreg is always *normalised*: its 64-bit contents equal the C value
 * (signed types sign-extended, unsigned zero-extended, _Bool 0/1, pointers as is). Operations on
 * 32-bit types run as ALU32 (which zero-extends) and are sign-extended afterwards for signed types.
 * That keeps comparisons, 64-bit arithmetic and stores simple and makes casts between sizes cheap.
 */
import type { DiagnosticSink, Span } from "../diagnostics/index.ts";
import { InternalCompilerError } from "../diagnostics/index.ts";
import { IrBuilder } from "../ir/builder.ts";
import { type Block, type FrameRef, type Operand, type VReg, imm, isImm } from "../ir/ir.ts";
import type { FunctionSym, LocalSym } from "../sema/typed-ast.ts";
import { type CType, alignOf, sizeOf } from "../sema/types.ts";

export type Storage = { kind: "vreg"; v: VReg } | { kind: "frame"; ref: FrameRef };

/** One active function body (the program itself, or an inlined callee). */
export interface InlineFrame {
  fn: FunctionSym;
  storage: Map<number, Storage>;
  labels: Map<string, Block>;
  /** Where `return` goes in an inlined body; undefined in the program's own body. */
  retBlock: Block | undefined;
  retValue: VReg | undefined;
  /** For callees returning a struct: the caller-side object `return` copies into. */
  retObj?: FrameRef;
}

export interface LoopTargets {
  breakTo: Block;
  continueTo: Block | undefined; // undefined for switch
}

export class FnLowerer {
  readonly b: IrBuilder;
  readonly frames: InlineFrame[] = [];
  readonly targets: LoopTargets[] = [];
  /** Switch case label id → block. */
  readonly caseBlocks = new Map<number, Block>();
  /** Set once "program too large" was reported: inlining stops, the result is discarded. */
  tooLarge = false;
  /**
   * Drop-counter slots shared by every program of the module: event map name → slot in the hidden
   * per-CPU array `DROP_COUNTER_MAP` (filled while lowering failed-output accounting).
   */
  dropSlots: Map<string, number> = new Map();

  constructor(
    name: string,
    span: Span,
    readonly sink: DiagnosticSink,
  ) {
    this.b = IrBuilder.create(name, span);
  }

  get frame(): InlineFrame {
    const f = this.frames[this.frames.length - 1];
    if (!f) throw new InternalCompilerError("lower", "no active function");
    return f;
  }

  /** Storage of a local; declares it on first sight (compound-literal temps, sema-made temps). */
  storageOf(sym: LocalSym): Storage {
    const s = this.frame.storage.get(sym.id);
    if (s) return s;
    return this.declare(sym);
  }

  declare(sym: LocalSym): Storage {
    // A declaration lowered again in the same body (an unrolled loop) reuses its object: the
    // lifetimes of the copies never overlap.
    const prev = this.frame.storage.get(sym.id);
    if (prev) return prev;
    const t = sym.type;
    let s: Storage;
    if (t.kind === "record" || t.kind === "array" || sym.addressTaken) {
      const size = Math.max(1, sizeOf(t));
      // Frame objects of 8+ bytes are 8-aligned so zeroing/copying can use wide accesses.
      const align = size >= 8 ? 8 : Math.min(8, Math.max(1, alignOf(t)));
      s = { kind: "frame", ref: this.b.frameObject(sym.name, size, align, sym.span) };
    } else {
      s = { kind: "vreg", v: this.b.vreg(sym.name) };
    }
    this.frame.storage.set(sym.id, s);
    return s;
  }

  /** Materialises an operand into a vreg. */
  reg(o: Operand, span: Span): VReg {
    if (!isImm(o)) return o;
    return this.b.mov(this.b.vreg(), o, span);
  }

  /** Re-normalises a vreg holding a (possibly wrapped) value of integer/pointer type `t`. */
  normalize(v: VReg, t: CType, span: Span): VReg {
    if (t.kind !== "int" || t.size === 8) return v;
    if (t.bool) return this.b.setcc(this.b.vreg(), "ne", v, imm(0), span);
    return this.b.ext(this.b.vreg(), v, (t.size * 8) as 8 | 16 | 32, t.signed, span);
  }

  /** Starts a fresh block and makes it current (used after unconditional jumps). */
  startBlock(label?: string): Block {
    const blk = this.b.newBlock(label);
    this.b.setBlock(blk);
    return blk;
  }

  /** Jumps to `target` when the current block is still open, then continues in `target`. */
  fallInto(target: Block, span: Span): void {
    if (this.b.open) this.b.jmp(target, span);
    this.b.setBlock(target);
  }
}
