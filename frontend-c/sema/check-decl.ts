/**
 * @fileoverview Top-level declarations: typedefs, tags, constant globals (folded), the license,
 * maps (libbpf `SEC(".maps")` structs and BCC-style `BPF_HASH(...)` macros) and functions.
 */
import type { Span } from "../diagnostics/index.ts";
import type { Declaration, FunctionDef, Initializer, MapMacroDecl, TypeName } from "../parse/ast.ts";
import type { Checker, FunctionContext } from "./checker.ts";
import { checkBccMapMacro } from "./bcc-maps.ts";
import { probeArgInits, takesPtRegs } from "./bcc-probe-args.ts";
import { insertProbeReads } from "./probe-reads.ts";
import { checkInitializer } from "./check-init.ts";
import { checkBlockItems } from "./check-stmt.ts";
import { constOf } from "./conversions.ts";
import { constInt, resolveTypeName } from "./resolve-type.ts";
import type { FunctionSym, LocalSym } from "./typed-ast.ts";
import type { ArgKind, HelperProto } from "./helper-table.ts";
import { type CType, type MapDecl, T, alignOf, arrayOf, isAggregate, isComplete, isInt, isPtr, isRecord, ptrTo, sizeOf, typeToString } from "./types.ts";

const MAX_STACK = 512;

function sectionOf(c: Checker, attrs: { name: string; args: { kind: string }[]; span: Span }[]): string | undefined {
  const a = attrs.find((x) => x.name === "section");
  if (!a) return undefined;
  const arg = a.args[0] as { kind: string; bytes?: Uint8Array } | undefined;
  if (arg?.kind !== "string" || !arg.bytes) {
    c.error("sema/bad-attribute", a.span, "section(...) needs a string literal");
    return undefined;
  }
  return new TextDecoder().decode(arg.bytes);
}

export function checkGlobalDecl(c: Checker, d: Declaration): void {
  const isTypedef = d.storage.includes("typedef");
  if (d.declarators.length === 0) {
    resolveTypeName(c, d.base);
    return;
  }
  for (const v of d.declarators) {
    const t = resolveTypeName(c, v.type);
    if (isTypedef) {
      const prev = c.scope.names.get(v.name);
      if (prev?.kind === "typedef" && prev.type !== t && t.kind !== "error" && typeToString(prev.type) !== typeToString(t)) {
        c.error("sema/redefinition", v.nameSpan, `typedef '${v.name}' redefined with a different type`);
      }
      c.scope.names.set(v.name, { kind: "typedef", type: t, span: v.nameSpan });
      continue;
    }
    if (t.kind === "error") continue;
    if (t.kind === "func") {
      declareFunction(c, v.name, t, [], d.storage.includes("static"), undefined, v.nameSpan);
      continue;
    }
    const section = sectionOf(c, [...d.attrs, ...v.attrs]);
    if (section === "license" || v.name === "_license" || v.name === "LICENSE") {
      if (v.init?.kind === "string") c.license = new TextDecoder().decode(v.init.bytes);
      continue;
    }
    if (section === ".maps") {
      const m = libbpfMap(c, v.name, t, v.nameSpan);
      if (m) addMap(c, m);
      continue;
    }
    if (d.storage.includes("extern")) {
      c.error("sema/unsupported", v.nameSpan, `extern variable '${v.name}' is not supported (no kconfig/ksym yet)`);
      continue;
    }
    if (isPtr(t) && t.to.kind === "func" && v.init) {
      declareHelperPointer(c, v.name, t.to, v.init, v.nameSpan);
      continue;
    }
    const isConst = !!(t as { const?: boolean }).const;
    const isVolatile = !!(t as { volatile?: boolean }).volatile;
    // `const volatile` globals are libbpf's load-time configuration: never folded, read at run time.
    if (isConst && !isVolatile && v.init && (isInt(t) || isPtr(t))) {
      const r = checkInitializer(c, t, v.init);
      const part = r.parts[0];
      const value = part?.kind === "scalar" ? part.expr : undefined;
      if (value && constOf(value) !== undefined) {
        c.scope.names.set(v.name, { kind: "global-const", value, type: t, span: v.nameSpan });
        continue;
      }
      c.error("sema/not-constant", v.span, `the initializer of const global '${v.name}' is not a constant`);
      continue;
    }
    addGlobal(c, v.name, t, v.init, isConst || isConstArray(t), v.nameSpan);
  }
}

const MAX_GLOBAL_SECTION_BYTES = (4 << 20) - 512;

function isConstArray(t: CType): boolean {
  return t.kind === "array" && (!!(t.of as { const?: boolean }).const || isConstArray(t.of));
}

/** Places a global variable in .rodata/.data/.bss with its constant initial bytes. */
function addGlobal(c: Checker, name: string, t0: CType, init: Initializer | undefined, isConst: boolean, span: Span): void {
  let t = t0;
  const bytesOf: [number, Uint8Array][] = [];
  if (init) {
    const r = checkInitializer(c, t, init);
    t = r.type;
    for (const p of r.parts) {
      if (p.kind === "bytes") bytesOf.push([p.offset, p.bytes]);
      else if (p.kind === "scalar" && p.expr.k === "const" && !p.bitfield) {
        const size = p.expr.type.kind === "int" ? p.expr.type.size : 8;
        const b = new Uint8Array(size);
        let v = BigInt.asUintN(size * 8, p.expr.value);
        for (let i = 0; i < size; i++, v >>= 8n) b[i] = Number(v & 0xffn);
        bytesOf.push([p.offset, b]);
      } else if (p.expr.type.kind !== "error") {
        // Reported once; the variable is still declared (zero-filled) so uses do not cascade.
        c.error("sema/not-constant", p.expr.span, `the initializer of global '${name}' must be constant`);
      }
    }
  }
  if (!isComplete(t)) {
    c.error("sema/incomplete-type", span, `global '${name}' has incomplete type ${typeToString(t)}`);
    return;
  }
  const nonZero = bytesOf.some(([, b]) => b.some((x) => x !== 0));
  const section = isConst ? ".rodata" : nonZero ? ".data" : ".bss";
  const buf = c.sections.get(section) ?? [];
  // The section becomes one array-map value, which the kernel caps below KMALLOC_MAX_SIZE (4 MiB
  // on x86-64; array_map_alloc_check); checked before the bytes are materialised.
  if (buf.length + sizeOf(t) > MAX_GLOBAL_SECTION_BYTES) {
    c.error("sema/too-large", span, `global '${name}' (${sizeOf(t)} bytes) does not fit the ${MAX_GLOBAL_SECTION_BYTES}-byte limit of the ${section} section`);
    return;
  }
  c.sections.set(section, buf);
  const align = Math.min(8, alignOf(t));
  while (buf.length % align !== 0) buf.push(0);
  const offset = buf.length;
  for (let i = 0; i < sizeOf(t); i++) buf.push(0);
  for (const [off, b] of bytesOf) b.forEach((x, i) => { buf[offset + off + i] = x; });
  if (c.scope.names.get(name)) {
    c.error("sema/redefinition", span, `redefinition of '${name}'`);
    return;
  }
  c.scope.names.set(name, { kind: "global", name, type: t, section, offset, span });
}

function addMap(c: Checker, m: MapDecl): void {
  const prev = c.scope.names.get(m.name);
  if (prev) {
    c.error("sema/redefinition", m.span, `redefinition of '${m.name}'`, prev.span ? [{ message: "previous definition is here", span: prev.span }] : []);
    return;
  }
  for (const [what, t] of [["key", m.key], ["value", m.value]] as const) {
    // A sanity bound checked before anything is sized by it: the kernel rejects values near
    // KMALLOC_MAX_SIZE with E2BIG (array_map_alloc_check, htab_map_alloc_check; hash keys already
    // past 512 bytes), and beyond 4 GiB the size would not even fit the u32 attribute.
    if (isComplete(t) && sizeOf(t) > MAX_GLOBAL_SECTION_BYTES) {
      c.error("sema/too-large", m.span, `the ${what} type of map '${m.name}' (${sizeOf(t)} bytes) is larger than the kernel accepts (${MAX_GLOBAL_SECTION_BYTES} bytes)`);
    }
  }
  c.maps.push(m);
  c.scope.names.set(m.name, { kind: "map", map: m, span: m.span });
}

const MAP_KIND_BY_ID: Record<number, string> = {
  1: "hash", 2: "array", 3: "prog_array", 4: "perf_event_array", 5: "percpu_hash", 6: "percpu_array", 7: "stack_trace",
  8: "cgroup_array", 9: "lru_hash", 10: "lru_percpu_hash", 11: "lpm_trie", 12: "array_of_maps", 13: "hash_of_maps",
  22: "queue", 23: "stack", 27: "ringbuf", 29: "task_storage",
};

/**
 * libbpf's BTF-defined map: `struct { __uint(type, BPF_MAP_TYPE_HASH); __type(key, u32); ... } m SEC(".maps")`.
 * After macro expansion `__uint(x, N)` is `int (*x)[N]` and `__type(x, T)` is `typeof(T) *x`.
 */
function libbpfMap(c: Checker, name: string, t: CType, span: Span): MapDecl | undefined {
  if (!isRecord(t)) {
    c.error("sema/bad-map", span, `'${name}' in section .maps must be a struct describing the map`);
    return undefined;
  }
  const num = (f: string): number | undefined => {
    const fld = t.rec.fields.find((x) => x.name === f);
    if (!fld) return undefined;
    if (isPtr(fld.type) && fld.type.to.kind === "array") return fld.type.to.length;
    return undefined;
  };
  const typ = (f: string): CType | undefined => {
    const fld = t.rec.fields.find((x) => x.name === f);
    return fld && isPtr(fld.type) ? fld.type.to : undefined;
  };
  const typeId = num("type");
  const kind = typeId !== undefined ? MAP_KIND_BY_ID[typeId] : undefined;
  if (!kind) {
    c.error("sema/bad-map", span, `map '${name}' needs a known __uint(type, BPF_MAP_TYPE_...)`);
    return undefined;
  }
  const keySize = num("key_size");
  const valueSize = num("value_size");
  const key = typ("key") ?? (keySize !== undefined ? arrayOf(T.uchar, keySize) : T.void);
  const value = typ("value") ?? (valueSize !== undefined ? arrayOf(T.uchar, valueSize) : T.void);
  return { name, kind, key, value, maxEntries: num("max_entries") ?? 0, flags: num("map_flags") ?? 0, span };
}


export function checkMapMacro(c: Checker, m: MapMacroDecl): void {
  checkBccMapMacro(c, m, (d) => addMap(c, d));
}

function declareFunction(
  c: Checker, name: string, t: CType & { kind: "func" }, params: LocalSym[], isStatic: boolean, section: string | undefined, span: Span,
): FunctionSym {
  const prev = c.scope.names.get(name);
  if (prev?.kind === "function") {
    if (params.length > 0) prev.params = params;
    if (section !== undefined) prev.section = section;
    return prev;
  }
  if (prev) c.error("sema/redefinition", span, `'${name}' redeclared as a different kind of symbol`);
  const sym: FunctionSym = { kind: "function", name, type: t, params, body: undefined, isStatic, section, span };
  c.scope.names.set(name, sym);
  c.functions.set(name, sym);
  return sym;
}

export function checkFunction(c: Checker, f: FunctionDef): void {
  const t = resolveTypeName(c, f.type);
  if (t.kind !== "func") return;
  const section = sectionOf(c, f.attrs);
  const existing = c.scope.names.get(f.name);
  if (existing?.kind === "function" && existing.body) {
    c.error("sema/redefinition", f.nameSpan, `redefinition of function '${f.name}'`, [{ message: "previous definition is here", span: existing.span }]);
    return;
  }
  const sym = declareFunction(c, f.name, t, [], f.storage.includes("static"), section, f.nameSpan);
  sym.type = t;
  const ctx: FunctionContext = { sym, ret: t.ret, locals: [], loopDepth: 0, switches: [], breakable: 0, labels: new Map(), gotos: [] };
  const abi = c.syscallTracepointAbi?.[f.name];
  if (abi !== undefined) ctx.syscallAbi = abi;
  c.fn = ctx;
  c.pushScope();
  const params: LocalSym[] = [];
  f.params.forEach((p, i) => {
    const pt = t.params[i] ?? T.error;
    if (isAggregate(pt) && !f.storage.includes("static") && t.params.length <= 1) {
      c.error("sema/unsupported", p.span, `a program's context parameter '${p.name ?? i}' must be a pointer`);
    }
    const ls = c.newLocal(p.name ?? `<param${i}>`, pt, p.span);
    ls.paramIndex = i;
    params.push(ls);
    if (p.name) c.scope.names.set(p.name, ls);
  });
  const probeArgs = !f.storage.includes("static") && params.length > 1 && takesPtRegs(params[0]);
  // Static functions are inlined into their callers, so only programs are bound by the 5-register ABI.
  if (params.length > 5 && !probeArgs && !f.storage.includes("static")) c.error("sema/too-many-params", f.nameSpan, `'${f.name}' has ${params.length} parameters; BPF functions take at most 5`);
  if (!f.storage.includes("static") && params.length > 1 && !probeArgs) {
    // Only the context arrives in r1; such a function can still be called (and inlined).
    c.warn("sema/not-a-program", f.nameSpan, `'${f.name}' takes ${params.length} parameters, so it is not loaded as a program (a program receives only its context); make it static if it is a helper`);
  }
  sym.params = params;
  sym.span = f.nameSpan;
  // BCC probe arguments after ctx become locals read from the registers (bcc-probe-args.ts).
  const argInits = probeArgs ? probeArgInits(c, f.name, params, f.nameSpan) : [];
  if (probeArgs) sym.params = [params[0]!];
  const body = [...argInits, ...checkBlockItems(c, f.body.items)];
  c.popScope();
  for (const g of ctx.gotos) {
    if (!ctx.labels.has(g.label)) c.error("sema/unknown-label", g.span, `use of undeclared label '${g.label}'`);
  }
  sym.body = { k: "block", items: body, span: f.body.span };
  // Probe reads and the stack check run once every function is known (finishFunctions): whether a
  // static function's pointer parameter is a kernel pointer depends on its callers.
  c.finished.push({ sym, ctx, def: f });
  c.fn = undefined;
}

/** After all functions are checked: implicit probe reads, then each function's stack estimate. */
export function finishFunctions(c: Checker): void {
  if (!c.sink.hasErrors) {
    insertProbeReads(c, c.finished.map((x) => ({ fn: x.sym, ctx: x.ctx })));
  }
  for (const x of c.finished) checkStack(c, x.def, x.ctx.locals);
  c.fn = undefined;
}

/** Estimates the frame (objects that must live in memory) and reports frames over 512 bytes. */
function checkStack(c: Checker, f: FunctionDef, locals: LocalSym[]): void {
  const inMemory = locals.filter((l) => l.type.kind !== "error" && (isAggregate(l.type) || l.addressTaken));
  let total = 0;
  for (const l of inMemory) total += Math.ceil(sizeOf(l.type) / 8) * 8;
  if (total <= MAX_STACK) return;
  const largest = [...inMemory].sort((a, b) => sizeOf(b.type) - sizeOf(a.type)).slice(0, 3);
  c.error("sema/stack-overflow", f.nameSpan,
    `'${f.name}' needs at least ${total} bytes of stack; BPF allows ${MAX_STACK}. Largest locals: ` +
      largest.map((l) => `'${l.name}' (${sizeOf(l.type)} bytes)`).join(", ") +
      ". Move large buffers into a per-CPU array map.",
    largest.map((l) => ({ message: `'${l.name}' is ${sizeOf(l.type)} bytes`, span: l.span })));
}

/**
 * libbpf's classic helper definitions: `static long (*bpf_foo)(int a, void *b) = (void *) 42;`.
 * The name becomes callable as helper 42 with the declared prototype (our table's, if it knows
 * the name).
 */
function declareHelperPointer(c: Checker, name: string, ft: CType & { kind: "func" }, init: Initializer, span: Span): void {
  const r = checkInitializer(c, ptrTo(ft), init);
  const part = r.parts[0];
  const id = part?.kind === "scalar" ? constOf(part.expr) : undefined;
  if (id === undefined || id <= 0n) {
    c.error("sema/not-constant", span, `helper pointer '${name}' must be initialised with a helper id, like (void *) 6`);
    return;
  }
  const known = c.helpers.get(name);
  if (known && known.id === Number(id)) return;
  const args: ArgKind[] = ft.params.map((p) => (isPtr(p) ? "ptr-or-null" : "int"));
  const proto: HelperProto = { name, id: Number(id), args, ret: ft.ret };
  if (ft.variadic) proto.varargs = 5 - args.length;
  c.helpers.set(name, proto);
}
