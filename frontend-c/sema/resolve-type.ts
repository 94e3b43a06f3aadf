/**
 * @fileoverview TypeName (syntax) → CType: builtin keyword combinations, typedef and tag lookup
 * (program scopes, then the kernel typedef list, then ExternalTypes), struct/union/enum
 * definitions with layout, and declarator derivations.
 */
import type { Span } from "../diagnostics/index.ts";
import type { Attribute, Expr, TypeName, TypeSpec } from "../parse/ast.ts";
import { KNOWN_TYPEDEFS } from "../parse/known-typedefs.ts";
import { type Checker, didYouMean } from "./checker.ts";
import { checkExpr } from "./check-expr.ts";
import { type FieldLayoutInput, layoutRecord } from "./layout.ts";
import { fallbackStruct } from "./fallback-types.ts";
import { type CType, type IntType, type RecordInfo, T, arrayOf, isComplete, isInt, ptrTo, typeToString, withQuals } from "./types.ts";

const WORD_TYPES: Record<string, IntType | CType> = {
  "void": T.void,
  "_Bool": T.bool,
  "char": T.char,
  "signed char": T.schar,
  "unsigned char": T.uchar,
  "short": T.short, "short int": T.short, "signed short": T.short, "signed short int": T.short,
  "unsigned short": T.ushort, "unsigned short int": T.ushort,
  "int": T.int, "signed": T.int, "signed int": T.int,
  "unsigned": T.uint, "unsigned int": T.uint,
  "long": T.long, "long int": T.long, "signed long": T.long, "signed long int": T.long,
  "unsigned long": T.ulong, "unsigned long int": T.ulong,
  "long long": T.llong, "long long int": T.llong, "signed long long": T.llong, "signed long long int": T.llong,
  "unsigned long long": T.ullong, "unsigned long long int": T.ullong,
};

/** Canonical order so `int unsigned long` and `unsigned long int` match one table entry. */
function canonicalWords(words: string[]): string {
  const order = ["signed", "unsigned", "short", "long", "char", "int", "_Bool", "void"];
  const sorted = [...words].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return sorted.join(" ");
}

export function builtinType(c: Checker, words: string[], span: Span): CType {
  const key = canonicalWords(words);
  const t = WORD_TYPES[key];
  if (t) return t;
  // tree-sitter-c reports `bool`, `size_t`, `uint32_t`, ... as primitive types.
  const known = words.length === 1 ? KNOWN_TYPEDEFS.get(words[0]!) : undefined;
  if (known) return builtinType(c, [...known], span);
  // BPF has no 128-bit arithmetic; BCC tools only store and copy IPv6 addresses in __int128
  // members, which a 16-byte array of two u64 halves does exactly (kernel-types maps BTF's the same).
  if (words.includes("__int128") && words.every((w) => w === "__int128" || w === "unsigned" || w === "signed")) return arrayOf(T.ullong, 2);
  if (words.some((w) => w === "float" || w === "double")) {
    c.error("sema/float-unsupported", span, "floating-point types are not available in BPF programs");
  } else {
    c.error("sema/unknown-type", span, `'${words.join(" ")}' is not a valid type`);
  }
  return T.error;
}

/** Evaluates an integer constant expression; reports and returns undefined otherwise. */
export function constInt(c: Checker, e: Expr, what: string): bigint | undefined {
  const te = checkExpr(c, e);
  if (te.type.kind === "error") return undefined;
  if (te.k !== "const" || !isInt(te.type)) {
    c.error("sema/not-constant", e.span, `${what} must be an integer constant expression`);
    return undefined;
  }
  return te.value;
}

function attrInt(c: Checker, attrs: Attribute[], name: string): number | undefined {
  const a = attrs.find((x) => x.name === name);
  if (!a) return undefined;
  const arg = a.args[0];
  if (!arg) return 16; // bare `aligned` means the target's largest alignment (16 on x86_64)
  const v = constInt(c, arg, `the argument of ${name}`);
  if (v === undefined) return undefined;
  if (v <= 0n || (v & (v - 1n)) !== 0n) {
    c.error("sema/bad-attribute", a.span, `${name}(${v}) is not a power of two`);
    return undefined;
  }
  return Number(v);
}

export function resolveTypeName(c: Checker, tn: TypeName): CType {
  let t = withQuals(resolveSpec(c, tn.base), tn.quals);
  for (const d of tn.derived) {
    if (t.kind === "error") return t;
    switch (d.kind) {
      case "pointer":
        t = withQuals(ptrTo(t), d.quals);
        break;
      case "array": {
        if (t.kind === "void" || t.kind === "func") {
          c.error("sema/bad-array", d.span, `array of ${typeToString(t)} is not allowed`);
          return T.error;
        }
        let len: number | undefined;
        if (d.size) {
          const v = constInt(c, d.size, "an array size");
          if (v === undefined) return T.error;
          if (v < 0n) {
            c.error("sema/bad-array-size", d.size.span, `array size ${v} is negative`);
            return T.error;
          }
          len = Number(v);
        }
        t = arrayOf(t, len);
        break;
      }
      case "function": {
        const params = d.params.map((p) => {
          const pt = resolveTypeName(c, p.type);
          return pt.kind === "array" ? ptrTo(pt.of) : pt;
        });
        t = { kind: "func", ret: t, params, variadic: d.variadic };
        break;
      }
    }
  }
  return t;
}

function resolveSpec(c: Checker, spec: TypeSpec): CType {
  switch (spec.kind) {
    case "builtin":
      return builtinType(c, spec.words, spec.span);
    case "typedef-name": {
      const sym = c.scope.lookup(spec.name);
      if (sym?.kind === "typedef") return sym.type;
      const known = KNOWN_TYPEDEFS.get(spec.name);
      if (known) return builtinType(c, [...known], spec.span);
      const ext = c.external?.lookupTypedef(spec.name);
      if (ext) return ext;
      const typedefs: string[] = [...KNOWN_TYPEDEFS.keys()];
      for (const n of c.scope.allNames()) if (c.scope.lookup(n)?.kind === "typedef") typedefs.push(n);
      const hint = didYouMean(spec.name, typedefs);
      c.error("sema/unknown-type", spec.span, `unknown type name '${spec.name}'${hint ? `; did you mean '${hint}'?` : ""}`);
      return T.error;
    }
    case "record":
      return resolveRecord(c, spec);
    case "enum":
      return resolveEnum(c, spec);
    case "typeof-expr":
      return checkExpr(c, spec.expr).type;
    case "typeof-type":
      return resolveTypeName(c, spec.type);
    case "error":
      return T.error;
  }
}

function resolveRecord(c: Checker, spec: TypeSpec & { kind: "record" }): CType {
  const kw = spec.union ? "union" : "struct";
  if (spec.fields === undefined) {
    if (spec.tag === undefined) return T.error;
    const found = c.scope.lookupTag(`${kw} ${spec.tag}`);
    if (found) return found;
    // A tag the program defines (maybe further down) is the program's, even where BTF has one too.
    const ext = c.definedTags.has(`${kw} ${spec.tag}`) ? undefined : c.external?.lookupStruct(spec.tag, spec.union);
    if (ext) return ext;
    const fallback = spec.union ? undefined : fallbackStruct(spec.tag, spec.span);
    if (fallback) {
      c.globals.tags.set(`${kw} ${spec.tag}`, fallback);
      return fallback;
    }
    // A forward reference: an incomplete record in file scope, completed when defined.
    const rec: RecordInfo = { union: spec.union, tag: spec.tag, complete: false, fields: [], size: 0, align: 1, span: spec.span };
    const t: CType = { kind: "record", rec };
    c.globals.tags.set(`${kw} ${spec.tag}`, t);
    return t;
  }
  let t: CType | undefined;
  if (spec.tag !== undefined) {
    const existing = c.scope.tags.get(`${kw} ${spec.tag}`) ?? c.globals.tags.get(`${kw} ${spec.tag}`);
    if (existing?.kind === "record" && !existing.rec.complete) t = existing;
    else if (existing?.kind === "record" && existing.rec.span !== spec.span) {
      c.error("sema/redefinition", spec.span, `redefinition of '${kw} ${spec.tag}'`, [
        { message: "previous definition is here", span: existing.rec.span },
      ]);
      return existing;
    } else if (existing) return existing;
  }
  if (!t) {
    const rec: RecordInfo = { union: spec.union, tag: spec.tag, complete: false, fields: [], size: 0, align: 1, span: spec.span };
    t = { kind: "record", rec };
    if (spec.tag !== undefined) c.scope.tags.set(`${kw} ${spec.tag}`, t);
  }
  const rec = (t as CType & { kind: "record" }).rec;
  const inputs: FieldLayoutInput[] = [];
  const seen = new Set<string>();
  for (const f of spec.fields) {
    const ft = resolveTypeName(c, f.type);
    if (ft.kind === "error") {
      // Keep the (already reported) member so uses of it do not report again.
      inputs.push({ name: f.name, type: ft, bitWidth: undefined, alignAttr: undefined, packedAttr: false, span: f.span });
      continue;
    }
    if (f.name !== undefined) {
      if (seen.has(f.name)) c.error("sema/redefinition", f.span, `duplicate member '${f.name}'`);
      seen.add(f.name);
    }
    let bitWidth: number | undefined;
    if (f.bitWidth) {
      const v = constInt(c, f.bitWidth, "a bitfield width");
      if (v === undefined) continue;
      if (!isInt(ft)) {
        c.error("sema/bitfield-type", f.span, `bitfield '${f.name ?? ""}' has non-integer type ${typeToString(ft)}`);
        continue;
      }
      if (v < 0n || v > BigInt(ft.size * 8) || (v === 0n && f.name !== undefined)) {
        c.error("sema/bitfield-width", f.bitWidth.span, `invalid width ${v} for bitfield '${f.name ?? "<unnamed>"}' of type ${typeToString(ft)}`);
        continue;
      }
      bitWidth = Number(v);
    } else if (!isComplete(ft) && !(ft.kind === "array" && ft.length === undefined)) {
      c.error("sema/incomplete-type", f.span, `member '${f.name ?? ""}' has incomplete type ${typeToString(ft)}`);
      continue;
    }
    inputs.push({
      name: f.name,
      type: ft,
      bitWidth,
      alignAttr: attrInt(c, f.attrs, "aligned"),
      packedAttr: f.attrs.some((a) => a.name === "packed"),
      span: f.span,
    });
  }
  const bad = layoutRecord(rec, inputs, { packed: spec.attrs.some((a) => a.name === "packed"), aligned: attrInt(c, spec.attrs, "aligned") });
  for (const name of bad) c.error("sema/unsupported", spec.span, `bitfield '${name}' spans more than 8 bytes in a packed record`);
  return t;
}

function resolveEnum(c: Checker, spec: TypeSpec & { kind: "enum" }): CType {
  const tagKey = spec.tag !== undefined ? `enum ${spec.tag}` : undefined;
  if (spec.enumerators === undefined) {
    const found = tagKey ? c.scope.lookupTag(tagKey) : undefined;
    const ext = !found && spec.tag !== undefined ? c.external?.lookupEnum?.(spec.tag) : undefined;
    return found ?? ext ?? { ...T.uint, enumTag: spec.tag ?? "<anonymous>" };
  }
  let next = 0n;
  let min = 0n;
  let max = 0n;
  const values: [string, bigint, Span][] = [];
  for (const e of spec.enumerators) {
    if (e.value) {
      const v = constInt(c, e.value, `the value of '${e.name}'`);
      if (v !== undefined) next = v;
    }
    values.push([e.name, next, e.span]);
    if (next < min) min = next;
    if (next > max) max = next;
    // Define immediately: later enumerators may refer to earlier ones.
    c.scope.names.set(e.name, { kind: "enum-const", value: next, type: T.int, span: e.span });
    next += 1n;
  }
  // GCC: unsigned int when no value is negative, else int; 64-bit when a value needs it.
  const wide = max > 0xffffffffn || min < -0x80000000n || (min < 0n && max > 0x7fffffffn);
  const base = wide ? (min < 0n ? T.long : T.ulong) : min < 0n ? T.int : T.uint;
  const t: CType = { ...base, enumTag: spec.tag ?? "<anonymous>" };
  if (tagKey) c.scope.tags.set(tagKey, t);
  return t;
}
