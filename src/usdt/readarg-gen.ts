/**
 * @fileoverview Generates the C that implements bpf_usdt_readarg / bpf_usdt_readarg_p for a set of
 * attached USDT probe sites. Pure: every address the code needs is resolved by the caller.
 *
 * Why dispatch on the attach cookie: BCC rewrites each bpf_usdt_readarg call inside the clang AST to
 * name the probe function it sits in, and picks the site of a multi-site probe by instruction
 * pointer. Our compiler has no such rewrite hook, so every attached site gets its own
 * bpf_get_attach_cookie() value (1, 2, ...; 0 means "not a USDT attachment") and one function per
 * argument number covers every site of every probe. That works in any function, for libraries
 * mapped at unknown addresses, and for sites whose argument specs differ.
 *
 * Registers are read by their byte offset in struct pt_regs, so the text needs no kernel types.
 */
import type { UsdtArg } from "../elf/index.ts";

/** One probe site as it will be attached. */
export interface ReadargSite {
  /** The attach cookie (>= 1) this site's uprobe carries. */
  readonly cookie: number;
  /** "provider:name @ path:0xoffset", for the comment above the case. */
  readonly label: string;
  /** Link-time address of the site (the note's pc). */
  readonly pc: number;
  readonly args: readonly UsdtArg[];
  /**
   * Sizes of the C types the caller must pass for each argument (BCC: the widest size among all
   * sites of the probe, so one variable type serves every site). Signedness follows that arg.
   */
  readonly ctypes: readonly CType[];
  /** Link-time addresses of the symbols RIP-relative arguments name. */
  readonly symbols: ReadonlyMap<string, number>;
  /** Why the arguments cannot be read (unparsed spec); every readarg then fails for this site. */
  readonly argsError?: string;
}

export interface CType {
  readonly size: number;
  readonly signed: boolean;
}

/** struct pt_regs offset of the instruction pointer (x86_64): at a uprobe it is the probe site. */
const PT_REGS_IP = 128;

/** The C name of an integer type of `size` bytes. */
export function ctypeName(t: CType): string {
  switch (t.size) {
    case 1:
      return t.signed ? "signed char" : "unsigned char";
    case 2:
      return t.signed ? "short" : "unsigned short";
    case 4:
      return t.signed ? "int" : "unsigned int";
    default:
      return t.signed ? "long long" : "unsigned long long";
  }
}

/** The widest type among the sites' argument `n` (0-based), as BCC picks the C type of an argument. */
export function widestCType(argLists: readonly (readonly UsdtArg[])[], n: number): CType | undefined {
  let best: CType | undefined;
  for (const args of argLists) {
    const a = args[n];
    if (a && (!best || a.size > best.size)) best = { size: a.size, signed: a.signed };
  }
  return best;
}

function regRead(offset: number): string {
  return `*(unsigned long long *)((char *)ctx + ${offset})`;
}

function intLiteral(v: bigint): string {
  if (v < 0n) return `(${v}LL)`;
  return v > 0x7fffffffffffffffn ? `0x${v.toString(16)}ULL` : `${v}LL`;
}

/** The address expression of a memory operand, or an error string. */
function addressExpr(arg: UsdtArg, site: ReadargSite): string | { error: string } {
  const loc = arg.location;
  if (loc.kind !== "memory") throw new Error("addressExpr on a non-memory operand");
  const terms: string[] = [];
  if (loc.symbol !== undefined) {
    const addr = site.symbols.get(loc.symbol);
    if (addr === undefined) return { error: `symbol ${loc.symbol} of argument "${arg.text}" is not in the binary's symbol table` };
    // The symbol and the probe site are in the same module, so its load bias cancels out:
    // runtime(sym) = runtime(site) - linktime(site) + linktime(sym), and runtime(site) is the ip.
    terms.push(`(${regRead(PT_REGS_IP)} - 0x${site.pc.toString(16)}ULL + 0x${addr.toString(16)}ULL)`);
    if (loc.base && loc.base.canonical !== "rip") terms.push(regRead(loc.base.ptRegsOffset));
  } else if (loc.base) {
    if (loc.base.canonical === "rip") return { error: `argument "${arg.text}" is relative to the instruction pointer without a symbol` };
    terms.push(regRead(loc.base.ptRegsOffset));
  }
  if (loc.index) terms.push(`${regRead(loc.index.ptRegsOffset)} * ${loc.scale}`);
  if (loc.displacement !== 0n || terms.length === 0) terms.push(`(unsigned long long)${intLiteral(loc.displacement)}`);
  return terms.join(" + ");
}

/** The statements of one `case`: store argument `n` of `site` into dest, or fail. */
function caseBody(site: ReadargSite, n: number): string[] {
  const arg = site.args[n];
  const ct = site.ctypes[n];
  if (site.argsError !== undefined) return [`/* ${comment(site.argsError)} */`, "return -22;"];
  if (!arg || !ct) throw new Error("caseBody for a missing argument");
  const cname = ctypeName(ct);
  const tname = ctypeName(arg);
  const out = [`if (len != sizeof(${cname})) return -22;`];
  const loc = arg.location;
  switch (loc.kind) {
    case "register": {
      const raw = regRead(loc.register.ptRegsOffset);
      // %ah and friends are bits 8..15 of the register.
      const value = loc.register.high8 ? `(${raw} >> 8)` : raw;
      out.push(`*(${cname} *)dest = (${cname})(${tname})${value};`);
      break;
    }
    case "constant":
      out.push(`*(${cname} *)dest = (${cname})(${tname})${intLiteral(loc.value)};`);
      break;
    case "memory": {
      const addr = addressExpr(arg, site);
      if (typeof addr !== "string") return [`/* ${comment(addr.error)} */`, "return -22;"];
      out.push(`${tname} v = 0;`);
      out.push(`long r = bpf_probe_read_user(&v, sizeof(v), (void *)(${addr}));`);
      out.push("if (r != 0) return r;");
      out.push(`*(${cname} *)dest = (${cname})v;`);
      break;
    }
  }
  out.push("return 0;");
  return out;
}

/** Text safe inside a C comment. */
function comment(text: string): string {
  return text.replace(/\*\//g, "* /");
}

/** The name of the generated function for argument `n` (1-based). */
export function readargFunctionName(n: number): string {
  return `__bcc_ts_usdt_readarg_${n}`;
}

/**
 * The whole generated text: one function per argument number up to the largest argument count,
 * then the two macros BPF programs call. Returns the macros alone when there are no sites.
 */
export function generateReadargC(sites: readonly ReadargSite[]): string {
  // A site with unparsed arguments gets a failing case in the first function at least.
  const maxArgs = sites.reduce((m, s) => Math.max(m, s.args.length, s.argsError !== undefined ? 1 : 0), 0);
  const lines: string[] = ["/* bcc-ts: USDT argument access, generated for the enabled probes (src/usdt). */"];
  for (let n = 0; n < maxArgs; n++) {
    lines.push(`static inline int ${readargFunctionName(n + 1)}(void *ctx, void *dest, unsigned long long len) {`);
    lines.push("  switch (bpf_get_attach_cookie(ctx)) {");
    for (const site of sites) {
      // Sites without this argument fall to the default (-EINVAL), like an unknown cookie.
      if (site.argsError === undefined && site.args[n] === undefined) continue;
      lines.push(`  case ${site.cookie}: { /* ${comment(site.label)}: ${comment(site.args[n]?.text ?? "unparsed arguments")} */`);
      for (const stmt of caseBody(site, n)) lines.push(`    ${stmt}`);
      lines.push("  }");
    }
    lines.push("  }");
    lines.push("  return -22;");
    lines.push("}");
  }
  // BCC's helper signatures: (argument number, ctx, &variable) and (number, ctx, buffer, length);
  // the argument number must be a literal, as in BCC, because it selects a function by name.
  lines.push(`#define bpf_usdt_readarg(n, ctx, arg) __bcc_ts_usdt_readarg_##n((ctx), (arg), sizeof(*(arg)))`);
  lines.push(
    "#define bpf_usdt_readarg_p(n, ctx, buf, len) ({ unsigned long long __bcc_ts_usdt_addr = 0; " +
      "__bcc_ts_usdt_readarg_##n((ctx), &__bcc_ts_usdt_addr, sizeof(__bcc_ts_usdt_addr)); " +
      "bpf_probe_read_user((buf), (len), (void *)__bcc_ts_usdt_addr); })",
  );
  return `${lines.join("\n")}\n`;
}
