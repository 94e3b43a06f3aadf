/**
 * @fileoverview Fuzz case generation for the C compiler. Every case is a pure function of
 * (seed, index, corpus), so a finding is reproduced from its seed and index alone (the runner also
 * saves the text). Two families:
 * - mutations of corpus files (token deletion/duplication/swap/replacement, truncation, huge
 *   literals, very long identifiers, deep nesting, macro recursion, NUL bytes, invalid UTF-8);
 * - grammar-generated programs (random statements and expressions over maps, locals and ctx),
 *   which mostly compile, so the kernel verifier gets to judge the code the compiler emits.
 * Plain .mjs so both the Node runner (no TS loader on Node 20) and vitest import it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");

/** The shared ctx of the differential corpus (test/compiler/diff/corpus.ts): its cases need it. */
const CTX_PRELUDE = "struct ctx { long long a[8]; };\n";

/** Small fast PRNG (mulberry32); deterministic per case. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    range: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
  };
}

/** Mixes the run seed and the case index into one 32-bit seed. */
export function caseSeed(seed, index) {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  return h >>> 0;
}

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries.sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (e.endsWith(".c")) out.push(p);
  }
  return out;
}

/** The seed corpus: every fixture C file (sorted, so the corpus order is stable). */
export function loadCorpus() {
  const files = [
    ...walk(join(ROOT, "test", "compiler", "negative"), []),
    ...walk(join(ROOT, "test", "compiler", "diff", "cases"), []),
    ...walk(join(ROOT, "test", "fixtures", "bcc"), []),
  ];
  return files.map((p) => {
    const rel = relative(ROOT, p);
    let text = readFileSync(p, "utf8");
    if (rel.startsWith("test/compiler/diff/")) text = CTX_PRELUDE + text;
    return { path: rel, text };
  });
}

// ---- tokens -----------------------------------------------------------------------------------------

const TOKEN_RE = /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|[A-Za-z_]\w*|0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*|->|\+\+|--|<<=?|>>=?|[<>=!&|^+\-*/%]=|&&|\|\||##|[^\s]/g;

export function tokenize(text) {
  return text.match(TOKEN_RE) ?? [];
}

/** Indices of the non-whitespace tokens. */
function significant(tokens) {
  const idx = [];
  for (let i = 0; i < tokens.length; i++) if (!/^\s/.test(tokens[i])) idx.push(i);
  return idx;
}

const EXTRA_TOKENS = [
  "{", "}", "(", ")", "[", "]", ";", ",", "*", "&", "->", ".", "#", "##", "...", "?", ":", "=", "==",
  "sizeof", "struct", "union", "enum", "typedef", "static", "const", "volatile", "return", "goto", "if",
  "else", "for", "while", "do", "switch", "case", "default", "break", "continue", "void", "int", "char",
  "u64", "u32", "__u8", "unsigned", "long", "_Bool", "__attribute__", "__builtin_memcpy", "#define",
  "#if", "#endif", "#include", "0", "-1", "0x7fffffffffffffff", "18446744073709551616", "1e999", "'\\x'",
  "\"unterminated", "/*", "*/", "\\", "@", "`", "$",
];

// ---- mutations --------------------------------------------------------------------------------------

function hugeLiteral(r) {
  return r.pick([
    "9".repeat(r.range(20, 400)),
    "0x" + "f".repeat(r.range(17, 300)),
    "0" + "7".repeat(r.range(23, 200)),
    "1e" + r.range(300, 99999),
    "0b" + "1".repeat(r.range(65, 200)),
    "18446744073709551616ULL",
    "9223372036854775808",
    "-9223372036854775808LL",
    "'" + "a".repeat(r.range(2, 64)) + "'",
    "\"" + "x".repeat(r.range(1000, 70000)) + "\"",
    "1.5e-400",
  ]);
}

function longIdentifier(r) {
  return "id_" + "x".repeat(r.range(200, 100000));
}

function nest(r, body) {
  const depth = r.pick([50, 200, 1000, 3000]);
  const kind = r.int(5);
  switch (kind) {
    case 0: return "{".repeat(depth) + body + "}".repeat(depth);
    case 1: return "if (1) {".repeat(depth) + body + "}".repeat(depth);
    case 2: return `int nest_v = ${"(".repeat(depth)}1${")".repeat(depth)};` + body;
    case 3: return `int nest_v = ${"-".repeat(depth)}1;` + body;
    default: return `int nest_v = 1${" + 1".repeat(depth * 3)};` + body;
  }
}

function macroRecursion(r) {
  return r.pick([
    "#define A B\n#define B A\nint A;\n",
    "#define f(x) f(x) + 1\nint mr_v = f(2);\n",
    "#define g(x) x(x)\nint mr_w = g(g);\n",
    (() => {
      const n = r.pick([100, 1000, 5000]);
      let s = "";
      for (let i = 0; i < n; i++) s += `#define M${i} M${i + 1}\n`;
      return s + `#define M${n} 7\nint mr_x = M0;\n`;
    })(),
    (() => {
      // Exponential expansion: each level doubles the previous one (kept to ≤ 64k tokens: the
      // point is a big but reasonable expansion, not an impossible one).
      let s = "#define E0 1\n";
      const n = r.range(8, 16);
      for (let i = 1; i <= n; i++) s += `#define E${i} (E${i - 1} + E${i - 1})\n`;
      return s + `int mr_y = E${n};\n`;
    })(),
    "#define CAT(a,b) a##b\n#define X CAT(X,Y)\nint mr_z = X;\n",
    "#if 1\n#if 1\n#if 1\n",
    "#include __FILE__\n",
    "#include \"" + "a/".repeat(2000) + "x.h\"\n",
    "#define S(x) #x\nchar *ms = S(\"\\\");\n",
    "#error fuzz\n",
    "#line 4294967295\nint z = ;\n",
    "#pragma unroll(" + "9".repeat(30) + ")\n",
  ]);
}

function invalidUtf8(r, text) {
  // Source files are read as UTF-8; decoding bad bytes yields U+FFFD. Lone surrogates are the
  // in-memory analogue for API callers.
  const bytes = Buffer.from(text, "utf8");
  const n = r.range(1, 8);
  const parts = [];
  let pos = 0;
  const cuts = Array.from({ length: n }, () => r.int(bytes.length + 1)).sort((a, b) => a - b);
  for (const c of cuts) {
    parts.push(bytes.subarray(pos, c));
    parts.push(Buffer.from(r.pick([[0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf]])));
    pos = c;
  }
  parts.push(bytes.subarray(pos));
  let out = new TextDecoder("utf-8").decode(Buffer.concat(parts));
  if (r.chance(0.5)) {
    const at = r.int(out.length + 1);
    out = out.slice(0, at) + r.pick(["\ud800", "\udfff", "\ufeff", "\u202e", "\u0000", "\u2028", "😀"]) + out.slice(at);
  }
  return out;
}

/** One mutation of `text`; returns [label, newText]. */
export function mutate(r, text) {
  const tokens = tokenize(text);
  const sig = significant(tokens);
  const at = () => (sig.length ? sig[r.int(sig.length)] : 0);
  const kind = r.int(16);
  switch (kind) {
    case 0: case 1: { // delete 1-3 tokens
      const n = r.range(1, 3);
      for (let k = 0; k < n; k++) tokens[at()] = "";
      return ["delete", tokens.join("")];
    }
    case 2: { // duplicate a token
      const i = at();
      tokens[i] = tokens[i] + " " + tokens[i];
      return ["duplicate", tokens.join("")];
    }
    case 3: case 4: { // swap two tokens
      const i = at(), j = r.chance(0.5) ? sig[Math.min(sig.indexOf(i) + 1, sig.length - 1)] ?? i : at();
      [tokens[i], tokens[j]] = [tokens[j], tokens[i]];
      return ["swap", tokens.join("")];
    }
    case 5: { // replace with another token (from this file or the extras)
      tokens[at()] = r.chance(0.5) ? r.pick(EXTRA_TOKENS) : tokens[at()] ?? "";
      return ["replace", tokens.join("")];
    }
    case 6: { // huge literal in place of a number (or anywhere)
      const nums = sig.filter((i) => /^\d/.test(tokens[i]));
      tokens[nums.length ? r.pick(nums) : at()] = hugeLiteral(r);
      return ["huge-literal", tokens.join("")];
    }
    case 7: { // very long identifier, consistently renamed
      const ids = [...new Set(sig.map((i) => tokens[i]).filter((t) => /^[A-Za-z_]\w*$/.test(t)))];
      const victim = ids.length ? r.pick(ids) : "x";
      const long = longIdentifier(r);
      return ["long-identifier", tokens.map((t) => (t === victim ? long : t)).join("")];
    }
    case 8: { // deep nesting inside the first function body
      const open = text.indexOf("{", text.search(/\)\s*\{/));
      if (open < 0) return ["nest", nest(r, text)];
      return ["nest", text.slice(0, open + 1) + nest(r, "") + text.slice(open + 1)];
    }
    case 9: return ["macro", macroRecursion(r) + text];
    case 10: { // NUL bytes
      let s = text;
      for (let k = r.range(1, 4); k > 0; k--) {
        const p = r.int(s.length + 1);
        s = s.slice(0, p) + "\0" + s.slice(p);
      }
      return ["nul", s];
    }
    case 11: return ["utf8", invalidUtf8(r, text)];
    case 12: return ["truncate", text.slice(0, r.int(text.length + 1))];
    case 13: { // random expression in place of a number or identifier
      const cands = sig.filter((i) => /^[\w]/.test(tokens[i]));
      tokens[cands.length ? r.pick(cands) : at()] = "(" + expr(r, { vars: ["c", "x", "i", "k"], depth: 0, maxDepth: 6 }) + ")";
      return ["expr", tokens.join("")];
    }
    case 14: { // line-level: CRLF, splices, duplicate lines
      const lines = text.split("\n");
      const i = r.int(lines.length);
      const op = r.int(3);
      if (op === 0) return ["crlf", lines.join("\r\n")];
      if (op === 1) lines[i] = lines[i] + "\\";
      else lines.splice(i, 0, lines[r.int(lines.length)]);
      return ["lines", lines.join("\n")];
    }
    default: { // several small mutations
      let s = text;
      for (let k = r.range(2, 5); k > 0; k--) {
        const t = tokenize(s);
        const g = significant(t);
        if (!g.length) break;
        const i = g[r.int(g.length)];
        t[i] = r.chance(0.5) ? "" : r.pick(EXTRA_TOKENS);
        s = t.join("");
      }
      return ["multi", s];
    }
  }
}

// ---- grammar generation -----------------------------------------------------------------------------

const TYPES = ["u8", "u16", "u32", "u64", "s32", "s64", "int", "char", "long", "unsigned int", "short"];
const BINOPS = ["+", "-", "*", "&", "|", "^", "<<", ">>", "==", "!=", "<", ">", "<=", ">=", "&&", "||", "/", "%"];

function literal(r) {
  return r.pick([
    String(r.int(10)),
    String(r.int(1000)),
    String(r.int(2 ** 31)),
    "0x" + r.int(2 ** 32).toString(16),
    "0xffffffffffffffffULL",
    "-1",
    "1ULL",
    "0x8000000000000000ULL",
    String(r.range(1, 63)),
  ]);
}

/** A random C expression over `ctx.vars` (all integer locals). */
export function expr(r, ctx) {
  if (ctx.depth >= ctx.maxDepth || r.chance(0.3)) {
    const readable = [...ctx.vars, ...(ctx.ro ?? [])];
    return r.chance(0.5) && readable.length ? r.pick(readable) : literal(r);
  }
  const sub = { ...ctx, depth: ctx.depth + 1 };
  switch (r.int(9)) {
    case 0: return `(${expr(r, sub)} ${r.pick(BINOPS)} ${expr(r, sub)})`;
    case 1: return `(${expr(r, sub)} ${r.pick(BINOPS)} ${expr(r, sub)})`;
    case 2: return `(${r.pick(["-", "~", "!"])} ${expr(r, sub)})`;
    case 3: return `((${r.pick(TYPES)})${expr(r, sub)})`;
    case 4: return `(${expr(r, sub)} ? ${expr(r, sub)} : ${expr(r, sub)})`;
    case 5: return r.pick(["bpf_get_current_pid_tgid()", "bpf_ktime_get_ns()", "bpf_get_smp_processor_id()", "bpf_get_prandom_u32()"]);
    case 6: return ctx.ctxSlots ? `c->a[${r.int(8)}]` : literal(r);
    case 7: return `(${expr(r, sub)} ${r.pick(["/", "%", ">>", "<<"])} ${r.range(1, 31)})`;
    default: return `sizeof(${r.pick(TYPES)})`;
  }
}

function stmt(r, ctx, indent) {
  const pad = "  ".repeat(indent);
  const sub = { ...ctx, depth: 0, maxDepth: r.range(1, 5) };
  const choice = ctx.nest > 3 ? r.pick([0, 1, 2, 4, 5]) : r.int(10);
  switch (choice) {
    case 0: case 1: {
      const name = `v${ctx.counter.n++}`;
      const line = `${pad}${r.pick(TYPES)} ${name} = ${expr(r, sub)};`;
      ctx.vars.push(name);
      return line;
    }
    case 2: return `${pad}${r.pick(ctx.vars)} ${r.pick(["=", "+=", "-=", "^=", "|=", "&=", "<<=", ">>="])} ${expr(r, sub)};`;
    case 3: { // map lookup with null check
      const m = r.pick(ctx.maps);
      const k = `k${ctx.counter.n++}`;
      const p = `p${ctx.counter.n++}`;
      return [
        `${pad}u32 ${k} = ${expr(r, sub)};`,
        `${pad}u64 *${p} = ${m}.lookup(&${k});`,
        `${pad}if (${p}) { *${p} += ${expr(r, sub)}; }`,
      ].join("\n");
    }
    case 4: {
      const m = r.pick(ctx.maps);
      return `${pad}${m}.increment(${expr(r, sub)});`;
    }
    case 5: return ctx.ctxSlots ? `${pad}c->a[${r.int(8)}] = ${expr(r, sub)};` : `${pad}bpf_trace_printk("f %d\\n", ${expr(r, sub)});`;
    case 6: case 7: {
      const inner = { ...ctx, vars: [...ctx.vars], nest: ctx.nest + 1 };
      const body = block(r, inner, indent + 1, r.range(1, 4));
      const els = r.chance(0.4) ? ` else {\n${block(r, { ...ctx, vars: [...ctx.vars], nest: ctx.nest + 1 }, indent + 1, r.range(1, 3))}\n${pad}}` : "";
      return `${pad}if (${expr(r, sub)}) {\n${body}\n${pad}}${els}`;
    }
    case 8: {
      // One loop level only: nested bounded loops multiply the verifier's work past its 1M
      // instruction budget, which says nothing about the compiler.
      if (ctx.inLoop) return `${pad}${r.pick(ctx.vars)} ^= ${expr(r, sub)};`;
      const i = `i${ctx.counter.n++}`;
      // The loop counter is readable but never assigned: the loop must stay bounded.
      const inner = { ...ctx, vars: [...ctx.vars], ro: [...(ctx.ro ?? []), i], nest: ctx.nest + 1, inLoop: true };
      return `${pad}#pragma unroll\n${pad}for (int ${i} = 0; ${i} < ${r.range(1, 8)}; ${i}++) {\n${block(r, inner, indent + 1, r.range(1, 3))}\n${pad}}`;
    }
    default: {
      const name = `arr${ctx.counter.n++}`;
      // Few small arrays: the 512-byte stack limit is the compiler's to diagnose, not the point here.
      if (ctx.counter.arrays++ > 2) return `${pad}${r.pick(ctx.vars)} += ${expr(r, sub)};`;
      const n = r.range(1, 8);
      const idx = r.int(n);
      ctx.vars.push(`${name}[${idx}]`);
      return `${pad}u64 ${name}[${n}] = {};\n${pad}${name}[${idx}] = ${expr(r, sub)};`;
    }
  }
}

function block(r, ctx, indent, n) {
  const out = [];
  for (let k = 0; k < n; k++) out.push(stmt(r, ctx, indent));
  return out.join("\n");
}

/**
 * A random program that is meant to compile: maps, one or more probe functions (kprobe-named, so
 * they load as KPROBE; or `test(struct ctx *c)` functions that load as SYSCALL programs).
 * `lines` roughly bounds the size (10k-line programs come from here too).
 */
export function generateProgram(r, lines = r.range(4, 30)) {
  const tag = r.int(1e6).toString(36);
  const maps = [`hm_${tag}`, `ar_${tag}`];
  const out = [];
  const syscallStyle = r.chance(0.4);
  if (syscallStyle) out.push(CTX_PRELUDE.trim());
  out.push(`BPF_HASH(${maps[0]}, u32, u64, ${r.pick([1, 16, 1024, 10240])});`);
  out.push(`BPF_ARRAY(${maps[1]}, u64, ${r.pick([1, 8, 64, 256])});`);
  const flat = lines > 1000;
  const fns = Math.max(1, Math.min(20, Math.floor(lines / 40)));
  const perFn = Math.max(1, Math.floor(lines / fns / (flat ? 1 : 2)));
  // Big programs are flat (nest 99 disables ifs and loops) so `lines` is close to the line count.
  for (let f = 0; f < fns; f++) {
    const ctx = { vars: syscallStyle ? [] : ["x"], maps, counter: { n: 0, arrays: 0 }, nest: flat ? 99 : 0, ctxSlots: syscallStyle };
    const head = syscallStyle ? `int test${f === 0 ? "" : f}(struct ctx *c) {` : `int kprobe__fuzz_${tag}_${f}(struct pt_regs *ctx) {\n  u64 x = bpf_get_current_pid_tgid();`;
    out.push(head);
    if (syscallStyle) { out.push("  u64 x = c->a[0];"); ctx.vars.push("x"); }
    out.push(block(r, ctx, 1, perFn));
    out.push("  return 0;\n}");
  }
  return out.join("\n") + "\n";
}

/**
 * Case `index` of a run with `seed`: { index, seed, label, origin, source }. The mix: ~45% single
 * mutations of a corpus file, ~15% stacked mutations, ~35% generated programs (a few of them 10k
 * lines, some then mutated), ~5% pathological inputs from scratch.
 */
export function makeCase(corpus, seed, index, family = "any") {
  const cs = caseSeed(seed, index);
  const r = rng(cs);
  // family "gen": only generated, unmutated programs (the kernel slice: they should all load).
  const roll = family === "gen" ? 0.6 + r.next() * 0.35 : r.next();
  if (roll < 0.45) {
    const f = r.pick(corpus);
    const [label, source] = mutate(r, f.text);
    return { index, seed: cs, label: `mutate:${label}`, origin: f.path, source };
  }
  if (roll < 0.6) {
    const f = r.pick(corpus);
    let s = f.text;
    const labels = [];
    for (let k = r.range(2, 4); k > 0; k--) {
      const [label, t] = mutate(r, s);
      labels.push(label);
      s = t.length > 400_000 ? s : t;
    }
    return { index, seed: cs, label: `stack:${labels.join("+")}`, origin: f.path, source: s };
  }
  if (roll < 0.95) {
    const big = family !== "gen" && r.chance(0.01);
    const src = generateProgram(r, big ? 10_000 : undefined);
    if (family !== "gen" && r.chance(0.2)) {
      const [label, t] = mutate(r, src);
      return { index, seed: cs, label: `gen+${label}`, origin: "generated", source: t };
    }
    return { index, seed: cs, label: big ? "gen:10k" : "gen", origin: "generated", source: src };
  }
  const pathological = [
    () => "",
    () => "\0".repeat(r.range(1, 1000)),
    () => "{".repeat(r.range(1000, 20000)),
    () => "(".repeat(r.range(1000, 20000)),
    () => "int f(){" + "return ".repeat(r.range(10, 3000)) + "0;}",
    () => macroRecursion(r),
    () => Array.from({ length: 10_000 }, (_, i) => `int g${i}(void) { return ${i}; }`).join("\n"),
    () => "int kprobe__x(struct pt_regs *ctx) {\n" + Array.from({ length: 10_000 }, (_, i) => `  u64 v${i} = ${i};`).join("\n") + "\n  return 0;\n}\n",
    () => "#if " + "(".repeat(5000) + "1" + ")".repeat(5000) + "\n#endif\n",
    () => "/*" + "x".repeat(100000),
    () => "\"" + "\\".repeat(1001),
    () => longIdentifier(r) + ";",
    () => invalidUtf8(r, "int kprobe__u(struct pt_regs *ctx) { return 0; }"),
    () => "struct s {" + "struct {".repeat(2000) + "int x;" + "};".repeat(2000) + "};",
    () => "typedef int t0;\n" + Array.from({ length: 3000 }, (_, i) => `typedef t${i} t${i + 1};`).join("\n") + "\nt3000 z;\n",
    () => "int kprobe__y(struct pt_regs *ctx) { int a[" + "9".repeat(30) + "]; return 0; }",
  ];
  return { index, seed: cs, label: "pathological", origin: "scratch", source: r.pick(pathological)() };
}
