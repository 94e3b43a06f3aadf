/**
 * The bpf_usdt_readarg C generator: the C for each argument location kind, and that the generated
 * text compiles with our compiler together with programs calling both macros.
 */
import { describe, expect, it } from "vitest";
import { compile } from "../../frontend-c/index.ts";
import { parseUsdtArgs } from "../elf/index.ts";
import { ctypeName, generateReadargC, widestCType, type ReadargSite } from "./readarg-gen.ts";

function site(cookie: number, argsText: string, extra: Partial<ReadargSite> = {}): ReadargSite {
  const args = parseUsdtArgs(argsText);
  return {
    cookie,
    label: `test:probe${cookie}`,
    pc: 0x1200,
    args,
    ctypes: args.map((a) => ({ size: a.size, signed: a.signed })),
    symbols: new Map(),
    ...extra,
  };
}

/** The statements of `case cookie:` in function `n`, without indentation. */
function caseOf(text: string, n: number, cookie: number): string[] {
  const fn = text.split(`static inline int __bcc_ts_usdt_readarg_${n}(`)[1]?.split("\n}\n")[0] ?? "";
  const body = fn.split(`  case ${cookie}: {`)[1]?.split("\n  }\n")[0] ?? "";
  return body.split("\n").slice(1).map((l) => l.trim());
}

const REG = (off: number) => `*(unsigned long long *)((char *)ctx + ${off})`;

describe("generateReadargC", () => {
  it("register: a 64-bit signed register", () => {
    expect(caseOf(generateReadargC([site(1, "-8@%rdi")]), 1, 1)).toEqual([
      "if (len != sizeof(long long)) return -22;",
      `*(long long *)dest = (long long)(long long)${REG(112)};`,
      "return 0;",
    ]);
  });

  it("register: a 32-bit name truncates, then sign-extends to the probe's widest type", () => {
    const s = site(1, "-4@%esi", { ctypes: [{ size: 8, signed: true }] });
    expect(caseOf(generateReadargC([s]), 1, 1)).toEqual([
      "if (len != sizeof(long long)) return -22;",
      `*(long long *)dest = (long long)(int)${REG(104)};`,
      "return 0;",
    ]);
  });

  it("register: %ah is bits 8..15 of rax; %r12b is the low byte of r12", () => {
    const text = generateReadargC([site(1, "1@%ah 1@%r12b")]);
    expect(caseOf(text, 1, 1)[1]).toBe(`*(unsigned char *)dest = (unsigned char)(unsigned char)(${REG(80)} >> 8);`);
    expect(caseOf(text, 2, 1)[1]).toBe(`*(unsigned char *)dest = (unsigned char)(unsigned char)${REG(24)};`);
  });

  it("constant", () => {
    const text = generateReadargC([site(1, "-2@$-3 8@$0x10")]);
    expect(caseOf(text, 1, 1)[1]).toBe("*(short *)dest = (short)(short)(-3LL);");
    expect(caseOf(text, 2, 1)[1]).toBe("*(unsigned long long *)dest = (unsigned long long)(unsigned long long)16LL;");
  });

  it("memory: base + index * scale + displacement, read with bpf_probe_read_user", () => {
    expect(caseOf(generateReadargC([site(3, "-4@-8(%rbp,%rcx,4)")]), 1, 3)).toEqual([
      "if (len != sizeof(int)) return -22;",
      "int v = 0;",
      `long r = bpf_probe_read_user(&v, sizeof(v), (void *)(${REG(32)} + ${REG(88)} * 4 + (unsigned long long)(-8LL)));`,
      "if (r != 0) return r;",
      "*(int *)dest = (int)v;",
      "return 0;",
    ]);
  });

  it("memory: an absolute address", () => {
    expect(caseOf(generateReadargC([site(1, "8@0x601040")]), 1, 1)[2]).toBe(
      "long r = bpf_probe_read_user(&v, sizeof(v), (void *)((unsigned long long)6295616LL));",
    );
  });

  it("memory: a RIP-relative symbol is found from the probe's ip, so the load bias cancels", () => {
    const s = site(1, "8@counter+8(%rip)", { pc: 0x120e, symbols: new Map([["counter", 0x4040]]) });
    expect(caseOf(generateReadargC([s]), 1, 1)[2]).toBe(
      `long r = bpf_probe_read_user(&v, sizeof(v), (void *)((${REG(128)} - 0x120eULL + 0x4040ULL) + (unsigned long long)8LL));`,
    );
  });

  it("memory: an unknown symbol or a bare %rip offset make the argument fail at run time, with the reason", () => {
    const text = generateReadargC([site(1, "8@nosuch(%rip) 8@16(%rip)")]);
    expect(caseOf(text, 1, 1)).toEqual(['/* symbol nosuch of argument "8@nosuch(%rip)" is not in the binary\'s symbol table */', "return -22;"]);
    expect(caseOf(text, 2, 1)).toEqual(['/* argument "8@16(%rip)" is relative to the instruction pointer without a symbol */', "return -22;"]);
  });

  it("sites are told apart by attach cookie; a site without the argument falls to -EINVAL", () => {
    const text = generateReadargC([site(1, "8@%rax 8@%rbx"), site(2, "-4@%esi")]);
    expect(text).toContain("switch (bpf_get_attach_cookie(ctx))");
    expect(caseOf(text, 1, 1)[1]).toContain(REG(80));
    expect(caseOf(text, 1, 2)[1]).toContain(REG(104));
    expect(caseOf(text, 2, 1)[1]).toContain(REG(40));
    expect(text.split("__bcc_ts_usdt_readarg_2(")[1]).not.toContain("case 2:");
    expect(text).not.toContain("__bcc_ts_usdt_readarg_3(");
  });

  it("a site whose argument string did not parse fails with the parser's message", () => {
    const s: ReadargSite = { ...site(4, ""), argsError: 'cannot parse USDT argument "8@%zz": unknown register %zz' };
    expect(caseOf(generateReadargC([s]), 1, 4)).toEqual(['/* cannot parse USDT argument "8@%zz": unknown register %zz */', "return -22;"]);
  });

  it("no sites: only the macros", () => {
    const text = generateReadargC([]);
    expect(text).not.toContain("static inline");
    expect(text).toContain("#define bpf_usdt_readarg(n, ctx, arg)");
    expect(text).toContain("#define bpf_usdt_readarg_p(n, ctx, buf, len)");
  });

  it("the generated text compiles with a program using both macros, for every location kind", () => {
    const sites = [
      site(1, "-8@%rdi 8@%r12 -4@%eax 1@%ah -2@$-3 8@(%rax,%rcx,8) -4@-4(%rsp) 8@gval(%rip)", { symbols: new Map([["gval", 0x4040]]) }),
      site(2, "8@%rax -4@%esi"),
    ];
    const program = `
struct ev_t { long long a; int n; char name[32]; };
BPF_PERF_OUTPUT(events);
int on_probe(struct pt_regs *ctx) {
    struct ev_t e = {};
    unsigned char h = 0;
    short k = 0;
    unsigned long long m = 0, g = 0;
    int s = 0;
    bpf_usdt_readarg(1, ctx, &e.a);
    bpf_usdt_readarg_p(2, ctx, &e.name, sizeof(e.name));
    bpf_usdt_readarg(3, ctx, &e.n);
    bpf_usdt_readarg(4, ctx, &h);
    bpf_usdt_readarg(5, ctx, &k);
    bpf_usdt_readarg(6, ctx, &m);
    bpf_usdt_readarg(7, ctx, &s);
    bpf_usdt_readarg(8, ctx, &g);
    e.a += h + k + m + g + s;
    events.perf_submit(ctx, &e, sizeof(e));
    return 0;
}`;
    const r = compile(generateReadargC(sites) + program);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.programs.map((p) => p.name)).toEqual(["on_probe"]);
  });

  it("an argument number the probes do not have is a compile error naming the function", () => {
    const r = compile(`${generateReadargC([site(1, "8@%rax")])}int f(struct pt_regs *ctx) { long long v; bpf_usdt_readarg(2, ctx, &v); return 0; }`);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.message).join("\n")).toContain("__bcc_ts_usdt_readarg_2");
  });
});

describe("C types", () => {
  it("names the integer types", () => {
    expect([1, 2, 4, 8].map((size) => ctypeName({ size, signed: true }))).toEqual(["signed char", "short", "int", "long long"]);
    expect([1, 2, 4, 8].map((size) => ctypeName({ size, signed: false }))).toEqual(["unsigned char", "unsigned short", "unsigned int", "unsigned long long"]);
  });

  it("the widest argument among sites decides, as in BCC", () => {
    const lists = [parseUsdtArgs("-4@%esi 1@%al"), parseUsdtArgs("8@%rax")];
    expect(widestCType(lists, 0)).toEqual({ size: 8, signed: false });
    expect(widestCType(lists, 1)).toEqual({ size: 1, signed: false });
    expect(widestCType(lists, 2)).toBeUndefined();
  });
});
