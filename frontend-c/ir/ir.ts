/**
 * @fileoverview The compiler's intermediate representation: the contract between `lower/` (which
 * builds it) and the back end (`ir/` passes, `regalloc/`, `emit/`).
 *
 * Shape: a function is a list of basic blocks; each block is a list of straight-line instructions
 * plus exactly one terminator. Instructions are three-address and deliberately shaped like eBPF
 * operations (one IR instruction ≈ one or two BPF instructions), so instruction selection is trivial
 * and the verifier sees code whose structure the front end chose.
 *
 * Values live in virtual registers (`VReg`, plain numbers). Ids 0..10 are reserved for the physical
 * registers r0..r10 and only the back end creates them (call/return plumbing, register allocation);
 * the front end allocates virtual registers with `newVReg()` (ids ≥ FIRST_VREG). A vreg always
 * holds a full 64-bit value; 32-bit ALU operations zero-extend into the upper half (BPF semantics).
 *
 * Memory is addressed as `base + constant offset` where base is a vreg holding a pointer, or a
 * stack frame object (`{ frame: id }`). Frame objects are the function's locals that live in memory
 * (aggregates, arrays, address-taken scalars); `regalloc/frame.ts` assigns them `r10 - k` offsets.
 * Reading a frame object before writing it is rejected by the kernel verifier, so the front end must
 * initialise (e.g. `zero`) what it reads, including struct padding passed to helpers.
 *
 * Stability: this file is read by the front end; change it additively only.
 */
import type { Span } from "../diagnostics/diagnostic.ts";
import type { MapSpec } from "../../src/spec/map-spec.ts";

/** A virtual register id. 0..10 are the physical registers r0..r10 (back end only). */
export type VReg = number;

/** First id handed out for virtual registers. */
export const FIRST_VREG = 16;

/** Frame pointer r10 as a VReg (read-only; frame objects are addressed through it). */
export const FP_VREG: VReg = 10;

/** True for ids that name a physical register. */
export const isPhys = (v: VReg): boolean => v < FIRST_VREG;

/** An immediate operand. Any 64-bit value is allowed; the back end materialises what BPF cannot encode. */
export interface Imm {
  readonly imm: bigint;
}

/** A source operand: a register or an immediate. */
export type Operand = VReg | Imm;

export const imm = (value: bigint | number): Imm => ({ imm: BigInt(value) });
export const isImm = (o: Operand): o is Imm => typeof o !== "number";

/** Operation width. 32-bit results are zero-extended to 64 bits (BPF ALU32 semantics). */
export type Width = 32 | 64;

/** Memory access size in bytes. */
export type AccessSize = 1 | 2 | 4 | 8;

/**
 * Binary ALU operations. Division and modulo by zero follow BPF (x/0 = 0, x%0 = x), not C (UB).
 * `sdiv`/`smod` are the signed forms (BPF off=1, kernel ≥ 6.6; C semantics: truncate toward zero,
 * remainder has the sign of the dividend). Shift counts are taken modulo the width.
 */
export type AluOp =
  | "add" | "sub" | "mul" | "div" | "sdiv" | "mod" | "smod"
  | "or" | "and" | "xor" | "lsh" | "rsh" | "arsh";

/** Comparison conditions. Unsigned: gt ge lt le; signed: sgt sge slt sle; `set` is (a & b) != 0. */
export type Cond = "eq" | "ne" | "gt" | "ge" | "lt" | "le" | "sgt" | "sge" | "slt" | "sle" | "set";

/** Base of a memory access: a pointer in a vreg, or a stack frame object. */
export type Base = VReg | FrameRef;
export interface FrameRef {
  readonly frame: number;
}
export const isFrame = (b: Base): b is FrameRef => typeof b !== "number";

/** A stack-resident local. `size` in bytes; `align` a power of two ≤ 8. */
export interface FrameObject {
  id: number;
  /** C name for diagnostics (e.g. the stack-overflow report) and dumps. */
  name: string;
  size: number;
  align: number;
  span?: Span;
}

/** Atomic read-modify-write operations (BPF STX|ATOMIC). */
export type AtomicOp = "add" | "or" | "and" | "xor" | "xchg" | "cmpxchg";

/**
 * Straight-line instructions. `dst` is always a fresh definition of a vreg (the IR is not SSA:
 * a vreg may be assigned in several places, e.g. a C local in a loop).
 */
export type Inst =
  /** dst = src (64-bit move) or dst = (u32)src (width 32: zero-extends the low half). */
  | { op: "mov"; dst: VReg; src: Operand; width: Width; span: Span }
  /** dst = a OP b at the given width. */
  | { op: "alu"; alu: AluOp; dst: VReg; a: VReg; b: Operand; width: Width; span: Span }
  /** dst = -a at the given width. */
  | { op: "neg"; dst: VReg; a: VReg; width: Width; span: Span }
  /**
   * dst = a extended from `from` bits to 64: signed (sign-extension, BPF MOVSX) or unsigned
   * (zero-extension / truncation mask). Use it for C conversions between integer types.
   */
  | { op: "ext"; dst: VReg; a: VReg; from: 8 | 16 | 32; signed: boolean; span: Span }
  /** dst = byte-swapped a: `be`/`le` convert host (little-endian) order to that order; `swap` always swaps. */
  | { op: "endian"; dst: VReg; a: VReg; kind: "be" | "le" | "swap"; bits: 16 | 32 | 64; span: Span }
  /** dst = (a COND b) ? 1 : 0 (comparison as a value). */
  | { op: "setcc"; dst: VReg; cond: Cond; a: VReg; b: Operand; width: Width; span: Span }
  /** dst = *(size*)(base + off), zero-extended, or sign-extended when `signed` (BPF MEMSX). */
  | { op: "load"; dst: VReg; base: Base; off: number; size: AccessSize; signed: boolean; span: Span }
  /** *(size*)(base + off) = value (truncated to size). */
  | { op: "store"; base: Base; off: number; size: AccessSize; value: Operand; span: Span }
  /** dst = &frame + off (a stack pointer: r10 + k). */
  | { op: "frameaddr"; dst: VReg; frame: number; off: number; span: Span }
  /** dst = pointer to map `map` (LD_IMM64 with BPF_PSEUDO_MAP_FD, patched at load time). */
  | { op: "mapfd"; dst: VReg; map: string; span: Span }
  /** dst = address of byte `off` of the value of map `map` (BPF_PSEUDO_MAP_VALUE: globals). */
  | { op: "mapvalue"; dst: VReg; map: string; off: number; span: Span }
  /**
   * dst = helper(args...). At most 5 args (they go to r1..r5); the result arrives in r0.
   * Call clobbers r0..r5; the allocator keeps values live across the call elsewhere.
   */
  | { op: "call"; dst: VReg | undefined; helper: number; args: VReg[]; span: Span }
  /** dst = fn(args...): a BPF-to-BPF call to another function of the module. */
  | { op: "calllocal"; dst: VReg | undefined; callee: string; args: VReg[]; span: Span }
  /**
   * Atomic RMW on *(size*)(base + off), size 4 or 8. With `fetch` (always for xchg/cmpxchg) `dst`
   * receives the old value. cmpxchg: if *p == expected then *p = value; dst = old *p.
   */
  | {
      op: "atomic"; aop: AtomicOp; base: Base; off: number; size: 4 | 8; value: VReg;
      fetch: boolean; dst: VReg | undefined; expected?: VReg; span: Span;
    }
  /** Fills `size` bytes at base+off with zero (expanded into stores by the back end). */
  | { op: "zero"; base: Base; off: number; size: number; align: number; span: Span }
  /** Copies `size` bytes from src base to dst base (non-overlapping; expanded into loads/stores). */
  | {
      op: "copy"; dstBase: Base; dstOff: number; srcBase: Base; srcOff: number; size: number;
      align: number; span: Span;
    };

/** Block terminators. Targets are block ids. */
export type Terminator =
  | { op: "jmp"; target: number; span: Span }
  /** if (a COND b) goto then else goto else. */
  | { op: "br"; cond: Cond; width: Width; a: VReg; b: Operand; then: number; else: number; span: Span }
  /** return value (r0 = value; exit). */
  | { op: "ret"; value: Operand; span: Span };

export interface Block {
  id: number;
  /** Optional human label (C label name or a lowering hint like "for.cond") for dumps. */
  label?: string;
  insts: Inst[];
  /** Set once the block is finished; a block without a terminator fails the invariant checker. */
  term: Terminator | undefined;
}

export interface IrFunction {
  name: string;
  /** Parameters, in the order of r1..r5. For a program entry point, params[0] is the ctx pointer. */
  params: VReg[];
  /** blocks[0] is the entry block. Ids are unique but need not equal the index. */
  blocks: Block[];
  frame: FrameObject[];
  /** Next vreg id to hand out (≥ FIRST_VREG). */
  nextVReg: number;
  /** Names of vregs for dumps (optional, sparse). */
  vregNames: Map<VReg, string>;
  span: Span;
}

/** A program entry point: which function, under which section name (e.g. "tracepoint/syscalls/sys_enter_openat"). */
export interface IrProgram {
  function: string;
  section: string;
}

export interface IrModule {
  functions: IrFunction[];
  /** Functions that are loaded as programs; others are only reachable through `calllocal`. */
  programs: IrProgram[];
  maps: MapSpec[];
  license: string;
}

/** Creates an empty function with an entry block (id 0). */
export function newFunction(name: string, span: Span): IrFunction {
  return {
    name,
    params: [],
    blocks: [{ id: 0, insts: [], term: undefined }],
    frame: [],
    nextVReg: FIRST_VREG,
    vregNames: new Map(),
    span,
  };
}

/** Allocates a fresh virtual register (optionally named for dumps). */
export function newVReg(fn: IrFunction, name?: string): VReg {
  const v = fn.nextVReg++;
  if (name !== undefined) fn.vregNames.set(v, name);
  return v;
}

/** Appends a new empty block and returns it. */
export function newBlock(fn: IrFunction, label?: string): Block {
  let id = 0;
  for (const b of fn.blocks) id = Math.max(id, b.id + 1);
  const block: Block = label === undefined ? { id, insts: [], term: undefined } : { id, label, insts: [], term: undefined };
  fn.blocks.push(block);
  return block;
}

/** Adds a stack frame object and returns a reference to it. */
export function newFrameObject(fn: IrFunction, name: string, size: number, align: number, span?: Span): FrameRef {
  let id = 0;
  for (const f of fn.frame) id = Math.max(id, f.id + 1);
  const obj: FrameObject = span === undefined ? { id, name, size, align } : { id, name, size, align, span };
  fn.frame.push(obj);
  return { frame: id };
}

/** Vregs read by an instruction (including the `base` when it is a vreg). */
export function instUses(i: Inst): VReg[] {
  const out: VReg[] = [];
  const opnd = (o: Operand) => { if (!isImm(o)) out.push(o); };
  const base = (b: Base) => { if (!isFrame(b)) out.push(b); };
  switch (i.op) {
    case "mov": opnd(i.src); break;
    case "alu": out.push(i.a); opnd(i.b); break;
    case "neg": case "ext": case "endian": out.push(i.a); break;
    case "setcc": out.push(i.a); opnd(i.b); break;
    case "load": base(i.base); break;
    case "store": base(i.base); opnd(i.value); break;
    case "frameaddr": case "mapfd": case "mapvalue": break;
    case "call": case "calllocal": out.push(...i.args); break;
    case "atomic": base(i.base); out.push(i.value); if (i.expected !== undefined) out.push(i.expected); break;
    case "zero": base(i.base); break;
    case "copy": base(i.dstBase); base(i.srcBase); break;
  }
  return out;
}

/** The vreg an instruction defines, if any. */
export function instDef(i: Inst): VReg | undefined {
  switch (i.op) {
    case "store": case "zero": case "copy": return undefined;
    case "call": case "calllocal": case "atomic": return i.dst;
    default: return i.dst;
  }
}

/** Vregs read by a terminator. */
export function termUses(t: Terminator): VReg[] {
  if (t.op === "br") return isImm(t.b) ? [t.a] : [t.a, t.b];
  if (t.op === "ret") return isImm(t.value) ? [] : [t.value];
  return [];
}

/** Successor block ids of a terminator. */
export function successors(t: Terminator): number[] {
  if (t.op === "jmp") return [t.target];
  if (t.op === "br") return t.then === t.else ? [t.then] : [t.then, t.else];
  return [];
}

/** True when removing the instruction would change behaviour even if its result is unused. */
export function hasSideEffects(i: Inst): boolean {
  switch (i.op) {
    case "store": case "call": case "calllocal": case "atomic": case "zero": case "copy": return true;
    default: return false;
  }
}
