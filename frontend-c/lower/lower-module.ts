/**
 * @fileoverview Entry point of lowering: typed module → IrModule. Every non-static function with a
 * body becomes a program (its callees inlined); maps become MapSpecs.
 */
import type { DiagnosticSink } from "../diagnostics/index.ts";
import { type IrFunction, type IrModule, imm } from "../ir/ir.ts";
import type { MapKind, MapSpec } from "../../src/spec/map-spec.ts";
import type { FunctionSym, TypedModule } from "../sema/typed-ast.ts";
import { toTypeDesc } from "../sema/type-desc.ts";
import { sizeOf } from "../sema/types.ts";
import { lowerStmts } from "./lower-stmt.ts";
import { FnLowerer } from "./lowerer.ts";
import { DROP_COUNTER_MAP } from "../../src/spec/map-spec.ts";

export function isProgram(f: FunctionSym): boolean {
  return !f.isStatic && f.body !== undefined && f.params.length <= 1;
}

/**
 * BCC's probe naming conventions as section strings (src/programs/prog-kind.ts reads either), so a
 * spec says what a function is even without the BCC runtime: "kprobe/X", "tracepoint/cat/evt", ...
 */
export function sectionFromName(name: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^kprobe__(.+)$/.exec(name))) return `kprobe/${m[1]}`;
  if ((m = /^kretprobe__(.+)$/.exec(name))) return `kretprobe/${m[1]}`;
  if ((m = /^tracepoint__(.+?)__(.+)$/.exec(name))) return `tracepoint/${m[1]}/${m[2]}`;
  if ((m = /^raw_tracepoint__(.+)$/.exec(name))) return `raw_tp/${m[1]}`;
  if ((m = /^kfunc__(?:vmlinux__)?(.+)$/.exec(name))) return `fentry/${m[1]}`;
  if ((m = /^kretfunc__(?:vmlinux__)?(.+)$/.exec(name))) return `fexit/${m[1]}`;
  if ((m = /^lsm__(.+)$/.exec(name))) return `lsm/${m[1]}`;
  return "";
}

export function lowerFunction(f: FunctionSym, sink: DiagnosticSink, dropSlots: Map<string, number> = new Map()): IrFunction {
  const L = new FnLowerer(f.name, f.span, sink);
  L.dropSlots = dropSlots;
  L.frames.push({ fn: f, storage: new Map(), labels: new Map(), retBlock: undefined, retValue: undefined });
  for (const p of f.params) {
    const v = L.b.param(p.name);
    const s = L.declare(p);
    if (s.kind === "vreg") L.b.mov(s.v, v, p.span);
    else L.b.store(s.ref, 0, 8, v, p.span);
  }
  lowerStmts(L, f.body ? [f.body] : []);
  // Falling off the end of a program returns 0 (C would be undefined for non-void functions).
  if (L.b.open) L.b.ret(imm(0), f.span);
  // Blocks created but never entered (e.g. the join after two returns) still need a terminator.
  for (const b of L.b.fn.blocks) if (b.term === undefined) b.term = { op: "ret", value: imm(0), span: f.span };
  return L.b.fn;
}

export function lowerModule(m: TypedModule, sink: DiagnosticSink): IrModule {
  const functions: IrFunction[] = [];
  const programs: IrModule["programs"] = [];
  const dropSlots = new Map<string, number>();
  for (const f of m.functions) {
    if (!isProgram(f)) continue;
    functions.push(lowerFunction(f, sink, dropSlots));
    programs.push({ function: f.name, section: f.section ?? sectionFromName(f.name) });
  }
  const maps: MapSpec[] = m.maps.map((d) => ({
    name: d.name,
    kind: d.kind as MapKind,
    keySize: d.key.kind === "void" ? 0 : sizeOf(d.key),
    valueSize: d.value.kind === "void" ? 0 : sizeOf(d.value),
    maxEntries: d.maxEntries,
    flags: d.flags,
    key: toTypeDesc(d.key),
    value: toTypeDesc(d.value),
    ...(d.eventType ? { eventType: toTypeDesc(d.eventType) } : {}),
    ...(dropSlots.has(d.name) ? { dropCounterIndex: dropSlots.get(d.name)! } : {}),
  }));
  if (dropSlots.size > 0) {
    const u64 = { kind: "int", name: "unsigned long long", size: 8, signed: false } as const;
    maps.push({
      name: DROP_COUNTER_MAP,
      kind: "percpu_array",
      keySize: 4,
      valueSize: 8,
      maxEntries: dropSlots.size,
      flags: 0,
      key: { kind: "int", name: "unsigned int", size: 4, signed: false },
      value: u64,
    });
  }
  for (const s of m.globalSections) {
    maps.push({
      name: s.name,
      kind: "array",
      keySize: 4,
      valueSize: Math.max(1, s.bytes.length),
      maxEntries: 1,
      // .rodata is read-only for programs (BPF_F_RDONLY_PROG), like libbpf's.
      flags: s.name === ".rodata" ? 0x80 : 0,
      key: { kind: "int", name: "unsigned int", size: 4, signed: false },
      value: { kind: "array", size: Math.max(1, s.bytes.length), element: { kind: "int", name: "unsigned char", size: 1, signed: false }, length: Math.max(1, s.bytes.length) },
      ...(s.name === ".bss" ? {} : { initialValue: s.bytes }),
    });
  }
  return { functions, programs, maps, license: m.license };
}
