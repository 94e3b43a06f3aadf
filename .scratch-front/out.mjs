// frontend-c/parse/parser.ts
import Parser from "tree-sitter";
import C from "tree-sitter-c";

// frontend-c/parse/known-typedefs.ts
var KNOWN_TYPEDEFS = /* @__PURE__ */ new Map([
  ["u8", ["unsigned", "char"]],
  ["u16", ["unsigned", "short"]],
  ["u32", ["unsigned", "int"]],
  ["u64", ["unsigned", "long", "long"]],
  ["s8", ["signed", "char"]],
  ["s16", ["short"]],
  ["s32", ["int"]],
  ["s64", ["long", "long"]],
  ["__u8", ["unsigned", "char"]],
  ["__u16", ["unsigned", "short"]],
  ["__u32", ["unsigned", "int"]],
  ["__u64", ["unsigned", "long", "long"]],
  ["__s8", ["signed", "char"]],
  ["__s16", ["short"]],
  ["__s32", ["int"]],
  ["__s64", ["long", "long"]],
  ["uint8_t", ["unsigned", "char"]],
  ["uint16_t", ["unsigned", "short"]],
  ["uint32_t", ["unsigned", "int"]],
  ["uint64_t", ["unsigned", "long"]],
  ["int8_t", ["signed", "char"]],
  ["int16_t", ["short"]],
  ["int32_t", ["int"]],
  ["int64_t", ["long"]],
  ["u_int8_t", ["unsigned", "char"]],
  ["u_int16_t", ["unsigned", "short"]],
  ["u_int32_t", ["unsigned", "int"]],
  ["u_int64_t", ["unsigned", "long"]],
  ["__be16", ["unsigned", "short"]],
  ["__be32", ["unsigned", "int"]],
  ["__be64", ["unsigned", "long", "long"]],
  ["__le16", ["unsigned", "short"]],
  ["__le32", ["unsigned", "int"]],
  ["__le64", ["unsigned", "long", "long"]],
  ["__sum16", ["unsigned", "short"]],
  ["__wsum", ["unsigned", "int"]],
  ["size_t", ["unsigned", "long"]],
  ["ssize_t", ["long"]],
  ["uintptr_t", ["unsigned", "long"]],
  ["intptr_t", ["long"]],
  ["ptrdiff_t", ["long"]],
  ["pid_t", ["int"]],
  ["uid_t", ["unsigned", "int"]],
  ["gid_t", ["unsigned", "int"]],
  ["off_t", ["long"]],
  ["loff_t", ["long", "long"]],
  ["dev_t", ["unsigned", "int"]],
  ["umode_t", ["unsigned", "short"]],
  ["bool", ["_Bool"]]
]);

// frontend-c/parse/convert-context.ts
var ConvertContext = class {
  constructor(file, sink, mapper, externalTypedef) {
    this.file = file;
    this.sink = sink;
    this.mapper = mapper;
    this.externalTypedef = externalTypedef;
  }
  file;
  sink;
  mapper;
  externalTypedef;
  typedefScopes = [/* @__PURE__ */ new Set()];
  /** Set when a `#pragma unroll` was seen and not yet consumed by a loop. */
  pendingUnroll = false;
  span(node) {
    const s2 = node.startPosition;
    const e = node.endPosition;
    if (this.mapper === void 0) {
      return { file: this.file, line: s2.row + 1, col: s2.column + 1, endLine: e.row + 1, endCol: e.column + 1 };
    }
    const a = this.mapper(s2.row, s2.column);
    const b = this.mapper(e.row, e.column);
    const sameFile = a.file === b.file;
    return {
      file: a.file,
      line: a.line,
      col: a.col,
      endLine: sameFile ? b.line : a.line,
      endCol: sameFile ? b.col : a.col + 1
    };
  }
  /** Span from the start of `a` to the end of `b`. */
  spanBetween(a, b) {
    const sa = this.span(a);
    const sb = this.span(b);
    return { ...sa, endLine: sb.endLine, endCol: sb.endCol };
  }
  error(code, node, message) {
    this.sink.error(code, this.span(node), message);
  }
  isTypedef(name) {
    for (let i = this.typedefScopes.length - 1; i >= 0; i--) {
      if (this.typedefScopes[i].has(name)) return true;
    }
    return KNOWN_TYPEDEFS.has(name) || this.externalTypedef(name);
  }
  addTypedef(name) {
    this.typedefScopes[this.typedefScopes.length - 1].add(name);
  }
  /** A variable declaration shadows an outer typedef of the same name. */
  shadowTypedef(name) {
    const top = this.typedefScopes[this.typedefScopes.length - 1];
    top.delete(name);
  }
  pushScope() {
    this.typedefScopes.push(/* @__PURE__ */ new Set());
  }
  popScope() {
    this.typedefScopes.pop();
  }
};
function kids(node) {
  return node.namedChildren.filter((c) => c.type !== "comment");
}

// frontend-c/parse/convert-stmt.ts
function isUnrollPragma(node) {
  return node.type === "preproc_call" && /^#\s*pragma$/.test(node.childForFieldName("directive")?.text ?? "") && /\bunroll\b/.test(node.childForFieldName("argument")?.text ?? "");
}
function convertBlock(ctx, node) {
  ctx.pushScope();
  const items = [];
  for (const k of kids(node)) {
    if (isUnrollPragma(k)) {
      ctx.pendingUnroll = true;
      continue;
    }
    const s2 = convertStmtOrDecl(ctx, k);
    if (s2) items.push(s2);
  }
  ctx.popScope();
  return { kind: "block", items, span: ctx.span(node) };
}
function convertStmtOrDecl(ctx, node) {
  switch (node.type) {
    case "declaration":
    case "type_definition":
      return convertDeclaration(ctx, node);
    case "preproc_call":
    case "preproc_def":
    case "preproc_function_def":
    case "preproc_include":
      return void 0;
    // only meaningful before preprocessing; the preprocessor owns them
    case "ERROR":
      return void 0;
    // reported by the error walk
    default:
      return convertStmt(ctx, node);
  }
}
function cond(ctx, node, owner) {
  if (!node) return { kind: "error", span: ctx.span(owner) };
  return convertExpr(ctx, node);
}
function takeUnroll(ctx) {
  const u = ctx.pendingUnroll;
  ctx.pendingUnroll = false;
  return u;
}
function convertStmt(ctx, node) {
  const span = ctx.span(node);
  switch (node.type) {
    case "compound_statement":
      return convertBlock(ctx, node);
    case "expression_statement": {
      const e = kids(node)[0];
      return e ? { kind: "expr", expr: convertExpr(ctx, e), span } : { kind: "empty", span };
    }
    case "if_statement": {
      const alt = node.childForFieldName("alternative");
      const altStmt = alt ? kids(alt)[0] : void 0;
      return {
        kind: "if",
        cond: cond(ctx, node.childForFieldName("condition"), node),
        then: convertSub(ctx, node.childForFieldName("consequence"), node),
        else: altStmt ? convertSub(ctx, altStmt, alt) : void 0,
        span
      };
    }
    case "while_statement": {
      const unroll = takeUnroll(ctx);
      return {
        kind: "while",
        cond: cond(ctx, node.childForFieldName("condition"), node),
        body: convertSub(ctx, node.childForFieldName("body"), node),
        unroll,
        span
      };
    }
    case "do_statement": {
      const unroll = takeUnroll(ctx);
      return {
        kind: "do",
        body: convertSub(ctx, node.childForFieldName("body"), node),
        cond: cond(ctx, node.childForFieldName("condition"), node),
        unroll,
        span
      };
    }
    case "for_statement": {
      const unroll = takeUnroll(ctx);
      ctx.pushScope();
      const initNode = node.childForFieldName("initializer");
      const init = initNode ? initNode.type === "declaration" ? convertDeclaration(ctx, initNode) : convertExpr(ctx, initNode) : void 0;
      const c = node.childForFieldName("condition");
      const step = node.childForFieldName("update");
      const out = {
        kind: "for",
        init,
        cond: c ? convertExpr(ctx, c) : void 0,
        step: step ? convertExpr(ctx, step) : void 0,
        body: convertSub(ctx, node.childForFieldName("body"), node),
        unroll,
        span
      };
      ctx.popScope();
      return out;
    }
    case "switch_statement":
      return {
        kind: "switch",
        cond: cond(ctx, node.childForFieldName("condition"), node),
        body: convertSub(ctx, node.childForFieldName("body"), node),
        span
      };
    case "case_statement": {
      const value = node.childForFieldName("value");
      const body = [];
      for (const k of kids(node)) {
        if (value && k.id === value.id) continue;
        const s2 = convertStmtOrDecl(ctx, k);
        if (s2) body.push(s2);
      }
      const blk = body.length === 0 ? void 0 : { kind: "block", items: body, span };
      const isDefault = node.children[0]?.type === "default";
      if (isDefault || !value) return { kind: "default", body: blk, span };
      return { kind: "case", value: convertExpr(ctx, value), body: blk, span };
    }
    case "break_statement":
      return { kind: "break", span };
    case "continue_statement":
      return { kind: "continue", span };
    case "return_statement": {
      const e = kids(node)[0];
      return { kind: "return", value: e ? convertExpr(ctx, e) : void 0, span };
    }
    case "goto_statement":
      return { kind: "goto", label: node.childForFieldName("label")?.text ?? "", span };
    case "labeled_statement": {
      const label = node.childForFieldName("label");
      const inner = kids(node).filter((k) => k.id !== label?.id)[0];
      return { kind: "label", label: label?.text ?? "", body: inner ? convertStmtOrDecl(ctx, inner) : void 0, span };
    }
    case "attributed_statement": {
      const inner = kids(node).find((k) => k.type !== "attribute_declaration");
      return inner ? convertStmt(ctx, inner) : { kind: "empty", span };
    }
    case "ERROR":
      return { kind: "empty", span };
    default:
      if (node.type.endsWith("_statement") || node.type === "declaration") {
        ctx.error("parse/unsupported", node, `unsupported statement (${node.type})`);
        return { kind: "empty", span };
      }
      return { kind: "expr", expr: convertExpr(ctx, node), span };
  }
}
function convertSub(ctx, node, owner) {
  if (!node) return { kind: "empty", span: ctx.span(owner) };
  if (node.type === "declaration") {
    ctx.error("parse/declaration-not-statement", node, "a declaration is not allowed here; wrap it in braces");
    return { kind: "empty", span: ctx.span(node) };
  }
  return convertStmt(ctx, node);
}

// frontend-c/parse/convert-type.ts
function qualifiersOf(node) {
  const q = { const: false, volatile: false };
  for (const c of node.children) {
    if (c.type === "type_qualifier") {
      if (c.text === "const") q.const = true;
      else if (c.text === "volatile") q.volatile = true;
    }
  }
  return q;
}
function attributesOf(ctx, node) {
  const out = [];
  for (const c of node.children) {
    if (c.type === "attribute_specifier") out.push(...convertAttributeSpecifier(ctx, c));
  }
  return out;
}
function convertAttributeSpecifier(ctx, node) {
  const out = [];
  const list = kids(node).find((k) => k.type === "argument_list");
  if (!list) return out;
  for (const a of kids(list)) {
    if (a.type === "identifier") out.push({ name: normAttr(a.text), args: [], span: ctx.span(a) });
    else if (a.type === "call_expression") {
      const fn = a.childForFieldName("function");
      const args = a.childForFieldName("arguments");
      out.push({
        name: normAttr(fn?.text ?? ""),
        args: args ? kids(args).map((x) => convertExpr(ctx, x)) : [],
        span: ctx.span(a)
      });
    }
  }
  return out;
}
function normAttr(name) {
  return name.replace(/^__(.*)__$/, "$1");
}
function convertBaseType(ctx, owner) {
  const t = owner.childForFieldName("type");
  const quals = qualifiersOf(owner);
  const span = ctx.span(t ?? owner);
  if (!t) return { base: { kind: "error", span }, quals, derived: [], span };
  const spec = convertTypeSpec(ctx, t);
  if (t.type === "sized_type_specifier") {
    for (const w of t.text.split(/\s+/)) {
      if (w === "const") quals.const = true;
      if (w === "volatile") quals.volatile = true;
    }
  }
  return { base: spec, quals, derived: [], span };
}
function convertTypeSpec(ctx, t) {
  const span = ctx.span(t);
  switch (t.type) {
    case "primitive_type":
      return { kind: "builtin", words: [t.text], span };
    case "sized_type_specifier":
      return { kind: "builtin", words: t.text.split(/\s+/).filter((w) => w !== "const" && w !== "volatile" && w !== ""), span };
    case "type_identifier":
      return { kind: "typedef-name", name: t.text, span };
    case "struct_specifier":
    case "union_specifier":
      return convertRecord(ctx, t);
    case "enum_specifier":
      return convertEnum(ctx, t);
    case "macro_type_specifier": {
      const name = t.childForFieldName("name")?.text ?? "";
      const desc = t.childForFieldName("type");
      if ((name === "typeof" || name === "__typeof__" || name === "__typeof") && desc) {
        const inner = desc.childForFieldName("type");
        const onlyName = inner?.type === "type_identifier" && !desc.childForFieldName("declarator");
        if (onlyName && !ctx.isTypedef(inner.text)) {
          return { kind: "typeof-expr", expr: { kind: "ident", name: inner.text, span: ctx.span(inner) }, span };
        }
        return { kind: "typeof-type", type: convertTypeDescriptor(ctx, desc), span };
      }
      ctx.error("parse/unknown-type-macro", t, `'${name}(...)' is not a known type; is a macro missing?`);
      return { kind: "error", span };
    }
    default:
      ctx.error("parse/syntax-error", t, `expected a type, found '${t.text.slice(0, 40)}'`);
      return { kind: "error", span };
  }
}
function convertRecord(ctx, t) {
  const nameNode = t.childForFieldName("name");
  const body = t.childForFieldName("body");
  let fields;
  if (body) {
    fields = [];
    for (const f of kids(body)) {
      if (f.type !== "field_declaration") {
        if (f.type === "ERROR") continue;
        continue;
      }
      const base = convertBaseType(ctx, f);
      const attrs = attributesOf(ctx, f);
      const bit = kids(f).find((k) => k.type === "bitfield_clause");
      const bitWidth = bit ? convertExpr(ctx, kids(bit)[0]) : void 0;
      const decls = f.childrenForFieldName("declarator");
      if (decls.length === 0) {
        fields.push({ name: void 0, type: base, bitWidth, attrs, span: ctx.span(f) });
        continue;
      }
      for (const d of decls) {
        const { name, derived, attrs: dAttrs } = convertDeclarator(ctx, d);
        fields.push({
          name,
          type: { ...base, derived, span: ctx.span(d) },
          bitWidth,
          attrs: [...attrs, ...dAttrs],
          span: ctx.span(d)
        });
      }
    }
  }
  return {
    kind: "record",
    union: t.type === "union_specifier",
    tag: nameNode?.text,
    fields,
    attrs: attributesOf(ctx, t),
    span: ctx.span(t)
  };
}
function convertEnum(ctx, t) {
  const nameNode = t.childForFieldName("name");
  const body = t.childForFieldName("body");
  let enumerators;
  if (body) {
    enumerators = [];
    for (const e of kids(body)) {
      if (e.type !== "enumerator") continue;
      const v = e.childForFieldName("value");
      enumerators.push({
        name: e.childForFieldName("name")?.text ?? "",
        value: v ? convertExpr(ctx, v) : void 0,
        span: ctx.span(e)
      });
    }
  }
  return { kind: "enum", tag: nameNode?.text, enumerators, span: ctx.span(t) };
}
function convertDeclarator(ctx, node) {
  const derived = [];
  const attrs = [];
  let cur = node;
  while (cur) {
    switch (cur.type) {
      case "identifier":
      case "field_identifier":
      case "type_identifier":
      case "primitive_type":
        return { name: cur.text, nameNode: cur, derived, attrs };
      case "pointer_declarator":
      case "abstract_pointer_declarator":
        derived.push({ kind: "pointer", quals: qualifiersOf(cur) });
        cur = cur.childForFieldName("declarator");
        break;
      case "array_declarator":
      case "abstract_array_declarator": {
        const size = cur.childForFieldName("size");
        derived.push({
          kind: "array",
          size: size && size.type !== "*" ? convertExpr(ctx, size) : void 0,
          span: ctx.span(cur)
        });
        cur = cur.childForFieldName("declarator");
        break;
      }
      case "function_declarator":
      case "abstract_function_declarator": {
        const { params, variadic } = convertParams(ctx, cur.childForFieldName("parameters"));
        derived.push({ kind: "function", params, variadic, span: ctx.span(cur) });
        attrs.push(...attributesOf(ctx, cur));
        cur = cur.childForFieldName("declarator");
        break;
      }
      case "parenthesized_declarator":
      case "abstract_parenthesized_declarator":
      case "attributed_declarator":
        cur = kids(cur).find((k) => k.type !== "attribute_declaration" && k.type !== "ms_call_modifier") ?? null;
        break;
      default:
        ctx.error("parse/syntax-error", cur, `unsupported declarator '${cur.text.slice(0, 40)}'`);
        return { name: void 0, nameNode: void 0, derived, attrs };
    }
  }
  return { name: void 0, nameNode: void 0, derived, attrs };
}
function convertParams(ctx, list) {
  const params = [];
  let variadic = false;
  if (!list) return { params, variadic };
  for (const p2 of kids(list)) {
    if (p2.type === "variadic_parameter") {
      variadic = true;
      continue;
    }
    if (p2.type !== "parameter_declaration") continue;
    const base = convertBaseType(ctx, p2);
    const d = convertDeclarator(ctx, p2.childForFieldName("declarator"));
    params.push({ name: d.name, type: { ...base, derived: d.derived, span: ctx.span(p2) }, span: ctx.span(p2) });
  }
  if (params.length === 1) {
    const only = params[0];
    if (only.name === void 0 && only.type.derived.length === 0 && only.type.base.kind === "builtin" && only.type.base.words.join(" ") === "void") {
      params.length = 0;
    }
  }
  return { params, variadic };
}
function convertTypeDescriptor(ctx, node) {
  const base = convertBaseType(ctx, node);
  const d = convertDeclarator(ctx, node.childForFieldName("declarator"));
  return { ...base, derived: d.derived, span: ctx.span(node) };
}

// frontend-c/parse/literals.ts
function parseIntLiteral(text) {
  let t = text.replace(/'/g, "");
  let unsigned = false;
  let longs = 0;
  const isHex = /^0[xX]/.test(t);
  if (!isHex && /[.eE]/.test(t)) return { value: 0n, unsigned: false, longs: 0, error: "float" };
  if (isHex && /[.pP]/.test(t)) return { value: 0n, unsigned: false, longs: 0, error: "float" };
  const m = /([uUlL]+)$/.exec(t);
  if (m) {
    const suf = m[1].toLowerCase();
    unsigned = suf.includes("u");
    longs = (suf.match(/l/g) ?? []).length;
    t = t.slice(0, t.length - m[1].length);
  }
  if (/[fF]$/.test(t) && !isHex) return { value: 0n, unsigned, longs, error: "float" };
  try {
    let value;
    if (isHex || /^0[bB]/.test(t)) value = BigInt(t);
    else if (/^0[0-7]+$/.test(t)) value = BigInt("0o" + t.slice(1));
    else if (/^[0-9]+$/.test(t)) value = BigInt(t);
    else return { value: 0n, unsigned, longs, error: "bad" };
    return { value, unsigned, longs };
  } catch {
    return { value: 0n, unsigned, longs, error: "bad" };
  }
}
var SIMPLE_ESCAPES = {
  n: 10,
  t: 9,
  r: 13,
  "0": 0,
  a: 7,
  b: 8,
  f: 12,
  v: 11,
  e: 27,
  "\\": 92,
  "'": 39,
  '"': 34,
  "?": 63
};
function decodeEscapes(body) {
  const out = [];
  const enc = new TextEncoder();
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== "\\") {
      const code = body.charCodeAt(i);
      if (code < 128) out.push(code);
      else {
        const cp = body.codePointAt(i);
        const s2 = String.fromCodePoint(cp);
        for (const b of enc.encode(s2)) out.push(b);
        if (cp > 65535) i++;
      }
      continue;
    }
    const next = body[i + 1];
    if (next === void 0) break;
    if (next === "x") {
      let j = i + 2;
      let v = 0;
      while (j < body.length && /[0-9a-fA-F]/.test(body[j])) v = v * 16 + parseInt(body[j++], 16) & 255;
      out.push(v);
      i = j - 1;
    } else if (/[0-7]/.test(next)) {
      let j = i + 1;
      let v = 0;
      while (j < body.length && j < i + 4 && /[0-7]/.test(body[j])) v = v * 8 + parseInt(body[j++], 8);
      out.push(v & 255);
      i = j - 1;
    } else {
      out.push(SIMPLE_ESCAPES[next] ?? next.charCodeAt(0));
      i++;
    }
  }
  return Uint8Array.from(out);
}
function parseCharLiteral(text) {
  const body = text.replace(/^[LuU]?'/, "").replace(/'$/, "");
  const bytes = decodeEscapes(body);
  const b = bytes[0] ?? 0;
  return BigInt(b >= 128 ? b - 256 : b);
}

// frontend-c/parse/convert-expr.ts
function opText(node) {
  const op = node.childForFieldName("operator");
  return op ? { text: op.type, node: op } : { text: "", node };
}
function typedefInParens(ctx, node) {
  if (node.type !== "parenthesized_expression") return void 0;
  const inner = kids(node);
  if (inner.length !== 1) return void 0;
  const id = inner[0];
  return id.type === "identifier" && ctx.isTypedef(id.text) ? id : void 0;
}
function typeFromName(ctx, id) {
  const span = ctx.span(id);
  return { base: { kind: "typedef-name", name: id.text, span }, quals: { const: false, volatile: false }, derived: [], span };
}
function convertExpr(ctx, node) {
  const span = ctx.span(node);
  switch (node.type) {
    case "number_literal": {
      const lit = parseIntLiteral(node.text);
      if (lit.error === "float") {
        ctx.error("parse/float-unsupported", node, "floating-point is not available in BPF programs");
      } else if (lit.error === "bad") {
        ctx.error("parse/bad-literal", node, `invalid integer constant '${node.text}'`);
      }
      return { kind: "int", value: lit.value, unsigned: lit.unsigned, longs: lit.longs, span };
    }
    case "char_literal":
      return { kind: "char", value: parseCharLiteral(node.text), span };
    case "true":
      return { kind: "int", value: 1n, unsigned: false, longs: 0, span };
    case "false":
    case "null":
      return { kind: "int", value: 0n, unsigned: false, longs: 0, span };
    case "string_literal":
      return { kind: "string", bytes: stringBytes(node), span };
    case "concatenated_string": {
      const parts = [];
      for (const k of kids(node)) {
        if (k.type === "string_literal") parts.push(stringBytes(k));
        else ctx.error("parse/unknown-macro", k, `'${k.text}' in a string concatenation is not a string literal`);
      }
      const total = parts.reduce((n, p2) => n + p2.length, 0);
      const bytes = new Uint8Array(total);
      let off = 0;
      for (const p2 of parts) {
        bytes.set(p2, off);
        off += p2.length;
      }
      return { kind: "string", bytes, span };
    }
    case "identifier":
      return { kind: "ident", name: node.text, span };
    case "parenthesized_expression": {
      const inner = kids(node);
      const first = inner[0];
      if (!first) return { kind: "error", span };
      if (first.type === "compound_statement") {
        return { kind: "stmt-expr", body: convertBlock(ctx, first), span };
      }
      return convertExpr(ctx, first);
    }
    case "binary_expression": {
      const left = node.childForFieldName("left");
      const right = node.childForFieldName("right");
      const op = opText(node);
      const tyId = typedefInParens(ctx, left);
      if (tyId && (op.text === "*" || op.text === "&" || op.text === "-" || op.text === "+")) {
        const operand = { kind: "unary", op: op.text, operand: convertExpr(ctx, right), span: ctx.spanBetween(op.node, right) };
        return { kind: "cast", type: typeFromName(ctx, tyId), operand, span };
      }
      return {
        kind: "binary",
        op: op.text,
        left: convertExpr(ctx, left),
        right: convertExpr(ctx, right),
        opSpan: ctx.span(op.node),
        span
      };
    }
    case "assignment_expression": {
      const op = opText(node);
      return {
        kind: "assign",
        op: op.text,
        target: convertExpr(ctx, node.childForFieldName("left")),
        value: convertExpr(ctx, node.childForFieldName("right")),
        opSpan: ctx.span(op.node),
        span
      };
    }
    case "unary_expression":
    case "pointer_expression":
      return { kind: "unary", op: opText(node).text, operand: convertExpr(ctx, node.childForFieldName("argument")), span };
    case "update_expression": {
      const arg = node.childForFieldName("argument");
      const op = opText(node);
      return {
        kind: "update",
        op: op.text,
        prefix: op.node.startIndex < arg.startIndex,
        operand: convertExpr(ctx, arg),
        span
      };
    }
    case "conditional_expression":
      return {
        kind: "cond",
        cond: convertExpr(ctx, node.childForFieldName("condition")),
        then: convertExpr(ctx, node.childForFieldName("consequence")),
        else: convertExpr(ctx, node.childForFieldName("alternative")),
        span
      };
    case "comma_expression":
      return {
        kind: "comma",
        left: convertExpr(ctx, node.childForFieldName("left")),
        right: convertExpr(ctx, node.childForFieldName("right")),
        span
      };
    case "call_expression": {
      const fn = node.childForFieldName("function");
      const argList = node.childForFieldName("arguments");
      const argNodes = argList ? kids(argList) : [];
      const tyId = typedefInParens(ctx, fn);
      if (tyId && argNodes.length === 1) {
        return { kind: "cast", type: typeFromName(ctx, tyId), operand: convertExpr(ctx, argNodes[0]), span };
      }
      return { kind: "call", callee: convertExpr(ctx, fn), args: argNodes.map((a) => convertExpr(ctx, a)), span };
    }
    case "field_expression": {
      const field = node.childForFieldName("field");
      return {
        kind: "member",
        object: convertExpr(ctx, node.childForFieldName("argument")),
        name: field.text,
        arrow: opText(node).text === "->",
        nameSpan: ctx.span(field),
        span
      };
    }
    case "subscript_expression":
      return {
        kind: "index",
        base: convertExpr(ctx, node.childForFieldName("argument")),
        index: convertExpr(ctx, node.childForFieldName("index")),
        span
      };
    case "cast_expression": {
      const desc = node.childForFieldName("type");
      const value = node.childForFieldName("value");
      const lone = loneTypeIdentifier(desc);
      if (lone && !ctx.isTypedef(lone.text) && (value.type === "pointer_expression" || value.type === "unary_expression")) {
        const op = opText(value);
        return {
          kind: "binary",
          op: op.text,
          left: { kind: "ident", name: lone.text, span: ctx.span(lone) },
          right: convertExpr(ctx, value.childForFieldName("argument")),
          opSpan: ctx.span(op.node),
          span
        };
      }
      return { kind: "cast", type: convertTypeDescriptor(ctx, desc), operand: convertExpr(ctx, value), span };
    }
    case "sizeof_expression": {
      const desc = node.childForFieldName("type");
      if (desc) {
        const lone = loneTypeIdentifier(desc);
        if (lone && !ctx.isTypedef(lone.text)) {
          return { kind: "sizeof-expr", operand: { kind: "ident", name: lone.text, span: ctx.span(lone) }, span };
        }
        return { kind: "sizeof-type", type: convertTypeDescriptor(ctx, desc), span };
      }
      return { kind: "sizeof-expr", operand: convertExpr(ctx, node.childForFieldName("value")), span };
    }
    case "alignof_expression":
      return { kind: "alignof", type: convertTypeDescriptor(ctx, node.childForFieldName("type")), span };
    case "offsetof_expression": {
      const member = node.childForFieldName("member");
      return {
        kind: "offsetof",
        type: convertTypeDescriptor(ctx, node.childForFieldName("type")),
        path: [{ name: member.text, span: ctx.span(member) }],
        span
      };
    }
    case "compound_literal_expression":
      return {
        kind: "compound-literal",
        type: convertTypeDescriptor(ctx, node.childForFieldName("type")),
        init: convertInitList(ctx, node.childForFieldName("value")),
        span
      };
    case "extension_expression":
      return convertExpr(ctx, kids(node)[0]);
    case "ERROR":
      return { kind: "error", span };
    default:
      if (node.isMissing) return { kind: "error", span };
      ctx.error("parse/unsupported", node, `unsupported expression '${node.text.slice(0, 40)}' (${node.type})`);
      return { kind: "error", span };
  }
}
function loneTypeIdentifier(desc) {
  const t = desc.childForFieldName("type");
  if (t?.type !== "type_identifier" || desc.childForFieldName("declarator")) return void 0;
  if (desc.children.some((c) => c.type === "type_qualifier")) return void 0;
  return t;
}
function stringBytes(node) {
  const text = node.text;
  const body = text.replace(/^(u8|[LuU])?"/, "").replace(/"$/, "");
  return decodeEscapes(body);
}
function convertInitializer(ctx, node) {
  return node.type === "initializer_list" ? convertInitList(ctx, node) : convertExpr(ctx, node);
}
function convertInitList(ctx, node) {
  const items = [];
  for (const k of kids(node)) {
    if (k.type === "initializer_pair") {
      const designators = [];
      for (const d of k.childrenForFieldName("designator")) {
        if (d.type === "field_designator") {
          designators.push({ kind: "field", name: kids(d)[0]?.text ?? "", span: ctx.span(d) });
        } else if (d.type === "field_identifier") {
          designators.push({ kind: "field", name: d.text, span: ctx.span(d) });
        } else if (d.type === "subscript_designator") {
          designators.push({ kind: "index", index: convertExpr(ctx, kids(d)[0]), span: ctx.span(d) });
        } else {
          ctx.error("parse/unsupported", d, "range designators are not supported");
        }
      }
      const v = k.childForFieldName("value");
      items.push({ designators, value: convertInitializer(ctx, v), span: ctx.span(k) });
    } else {
      items.push({ designators: [], value: convertInitializer(ctx, k), span: ctx.span(k) });
    }
  }
  return { kind: "init-list", items, span: ctx.span(node) };
}

// frontend-c/parse/convert-decl.ts
function storageOf(node) {
  const out = [];
  for (const c of node.children) {
    if (c.type === "storage_class_specifier") {
      const t = c.text.replace(/^__(.*)__$/, "$1").replace(/^__inline$/, "inline");
      if (t === "static" || t === "extern" || t === "register" || t === "auto" || t === "inline") out.push(t);
    }
  }
  return out;
}
function convertDeclaration(ctx, node) {
  const isTypedef = node.type === "type_definition";
  const storage = storageOf(node);
  if (isTypedef) storage.push("typedef");
  const base = convertBaseType(ctx, node);
  const attrs = attributesOf(ctx, node);
  if (base.base.kind === "record" && base.base.fields) {
    const layoutAttrs = attrs.filter((a) => a.name === "packed" || a.name === "aligned");
    if (layoutAttrs.length > 0) base.base = { ...base.base, attrs: [...base.base.attrs, ...layoutAttrs] };
  }
  const declarators = [];
  for (const d of node.childrenForFieldName("declarator")) {
    let declNode = d;
    let initNode = null;
    if (d.type === "init_declarator") {
      declNode = d.childForFieldName("declarator");
      initNode = d.childForFieldName("value");
    }
    const cd = convertDeclarator(ctx, declNode);
    if (cd.name === void 0 || cd.nameNode === void 0) continue;
    if (isTypedef) ctx.addTypedef(cd.name);
    else ctx.shadowTypedef(cd.name);
    const type = { ...base, derived: cd.derived, span: ctx.span(declNode) };
    declarators.push({
      name: cd.name,
      type,
      init: initNode ? convertInitializer(ctx, initNode) : void 0,
      attrs: [...cd.attrs, ...attributesOf(ctx, d)],
      nameSpan: ctx.span(cd.nameNode),
      span: ctx.span(d)
    });
  }
  return { kind: "decl", storage, base, declarators, attrs, span: ctx.span(node) };
}
function convertFunction(ctx, node) {
  const base = convertBaseType(ctx, node);
  const declNode = node.childForFieldName("declarator");
  const cd = convertDeclarator(ctx, declNode);
  const fnStep = [...cd.derived].reverse().find((d) => d.kind === "function");
  if (!cd.name || !cd.nameNode || !fnStep || fnStep.kind !== "function") {
    ctx.error("parse/syntax-error", declNode ?? node, "malformed function definition");
    return void 0;
  }
  ctx.pushScope();
  for (const p2 of fnStep.params) if (p2.name) ctx.shadowTypedef(p2.name);
  const bodyNode = node.childForFieldName("body");
  const body = bodyNode ? convertBlock(ctx, bodyNode) : { kind: "block", items: [], span: ctx.span(node) };
  ctx.popScope();
  return {
    kind: "function",
    name: cd.name,
    storage: storageOf(node),
    type: { ...base, derived: cd.derived, span: ctx.span(node) },
    params: fnStep.params,
    body,
    attrs: [...attributesOf(ctx, node), ...cd.attrs],
    nameSpan: ctx.span(cd.nameNode),
    span: ctx.span(node)
  };
}
function convertMapMacro(ctx, node) {
  const call = kids(node)[0];
  if (call?.type !== "call_expression") return void 0;
  const fn = call.childForFieldName("function");
  if (fn?.type !== "identifier" || !/^BPF_[A-Z0-9_]+$/.test(fn.text)) return void 0;
  const args = kids(call.childForFieldName("arguments"));
  const first = args[0];
  if (first?.type !== "identifier") {
    ctx.error("parse/bad-map-decl", call, `${fn.text}(...) needs the map name as its first argument`);
    return void 0;
  }
  const typeArgs = [];
  let sizeArg;
  for (const a of args.slice(1)) {
    if (a.type === "identifier" || a.type === "primitive_type") {
      const span = ctx.span(a);
      typeArgs.push({ base: { kind: "typedef-name", name: a.text, span }, quals: { const: false, volatile: false }, derived: [], span });
    } else {
      sizeArg = convertExpr(ctx, a);
    }
  }
  return { kind: "map-macro", macro: fn.text, name: first.text, typeArgs, sizeArg, span: ctx.span(node) };
}
function convertTopLevel(ctx, root) {
  const out = [];
  for (const k of kids(root)) {
    switch (k.type) {
      case "function_definition": {
        const f = convertFunction(ctx, k);
        if (f) out.push(f);
        break;
      }
      case "declaration":
      case "type_definition":
        out.push(convertDeclaration(ctx, k));
        break;
      case "expression_statement": {
        const m = convertMapMacro(ctx, k);
        if (m) out.push(m);
        else if (!k.hasError) ctx.error("parse/unexpected-top-level", k, "expected a declaration or function definition");
        break;
      }
      case "ERROR":
      case "preproc_def":
      case "preproc_function_def":
      case "preproc_include":
      case "preproc_if":
      case "preproc_ifdef":
        break;
      case "preproc_call":
        if (isUnrollPragma(k)) break;
        break;
      default:
        if (!k.hasError) ctx.error("parse/unexpected-top-level", k, `unexpected ${k.type.replace(/_/g, " ")} at top level`);
    }
  }
  return out;
}

// frontend-c/parse/parser.ts
var CParser = class {
  parser;
  constructor() {
    this.parser = new Parser();
    this.parser.setLanguage(C);
  }
  parse(text, opts, sink) {
    const tree = this.parser.parse(text, null, { bufferSize: Math.max(32 * 1024, text.length * 2 + 16) });
    const ctx = new ConvertContext(opts.file, sink, opts.mapper, opts.isExternalTypedef ?? (() => false));
    if (tree.rootNode.hasError) reportSyntaxErrors(ctx, tree.rootNode);
    const items = convertTopLevel(ctx, tree.rootNode);
    return { items, file: opts.file };
  }
};
function reportSyntaxErrors(ctx, node) {
  if (node.isMissing) {
    ctx.error("parse/missing-token", node, `expected '${node.type}'`);
    return;
  }
  if (node.type === "ERROR") {
    const text = node.text.split("\n")[0].slice(0, 30);
    ctx.error("parse/syntax-error", node, `syntax error near '${text}'`);
    return;
  }
  for (const c of node.children) {
    if (c.hasError || c.isMissing) reportSyntaxErrors(ctx, c);
  }
}

// frontend-c/diagnostics/diagnostic.ts
var DiagnosticSink = class {
  diagnostics = [];
  seen = /* @__PURE__ */ new Set();
  report(d) {
    const key = `${d.code}|${d.span.file}:${d.span.line}:${d.span.col}|${d.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.diagnostics.push({ ...d, notes: d.notes ?? [] });
  }
  error(code, span, message, notes) {
    this.report({ code, severity: "error", span, message, notes: notes ?? [] });
  }
  warning(code, span, message, notes) {
    this.report({ code, severity: "warning", span, message, notes: notes ?? [] });
  }
  get hasErrors() {
    return this.diagnostics.some((d) => d.severity === "error");
  }
};

// .scratch-front/p1.ts
var p = new CParser();
var s = new DiagnosticSink();
var tu = p.parse(`typedef unsigned int foo_t;
int f(void *ctx) { foo_t * x; int y = (foo_t)*x; x = sizeof(y); switch (y) { case 1: y++; break; default: return 2; }
#pragma unroll
  for (int i = 0; i < 3; i++) y += i;
  return 1 + 2 }`, { file: "t.c" }, s);
console.log(JSON.stringify(tu, (k, v) => k === "span" || k === "opSpan" || k === "nameSpan" ? void 0 : typeof v === "bigint" ? v.toString() : v).slice(0, 3e3));
console.log(s.diagnostics);
