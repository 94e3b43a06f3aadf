/**
 * The SDT argument-spec parser over the operand forms GCC and Clang emit on x86_64.
 */
import { describe, expect, it } from "vitest";
import { PT_REGS_OFFSETS, UsdtArgParseError, parseUsdtArg, parseUsdtArgs, x86Register } from "./usdt-args.ts";

describe("x86Register", () => {
  it.each([
    ["rax", "rax", 80, 8],
    ["%eax", "rax", 80, 4],
    ["ax", "rax", 80, 2],
    ["al", "rax", 80, 1],
    ["edi", "rdi", 112, 4],
    ["dil", "rdi", 112, 1],
    ["sil", "rsi", 104, 1],
    ["ebp", "rbp", 32, 4],
    ["r8d", "r8", 72, 4],
    ["r15w", "r15", 0, 2],
    ["r12b", "r12", 24, 1],
    ["rsp", "rsp", 152, 8],
    ["rip", "rip", 128, 8],
  ] as const)("%s → %s at pt_regs+%d, %d bytes", (name, canonical, offset, width) => {
    expect(x86Register(name)).toMatchObject({ canonical, ptRegsOffset: offset, width });
  });

  it("marks ah/bh/ch/dh as the high byte", () => {
    expect(x86Register("ah")).toMatchObject({ canonical: "rax", width: 1, high8: true });
    expect(x86Register("al")?.high8).toBe(false);
  });

  it("lays pt_regs out as the kernel's x86_64 struct", () => {
    const order = ["r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax", "rcx", "rdx", "rsi", "rdi"];
    order.forEach((r, i) => expect(PT_REGS_OFFSETS[r]).toBe(i * 8));
    expect(PT_REGS_OFFSETS.rip).toBe(128);
    expect(PT_REGS_OFFSETS.rsp).toBe(152);
  });

  it("rejects unknown names", () => {
    expect(x86Register("xmm0")).toBeUndefined();
  });
});

describe("parseUsdtArg", () => {
  it("parses registers with signedness from the size sign", () => {
    expect(parseUsdtArg("-4@%edi")).toMatchObject({
      size: 4,
      signed: true,
      location: { kind: "register", register: { canonical: "rdi", width: 4 } },
    });
    expect(parseUsdtArg("8@%rax")).toMatchObject({ size: 8, signed: false, location: { kind: "register" } });
    expect(parseUsdtArg("1@%r9b")).toMatchObject({ size: 1, location: { register: { canonical: "r9" } } });
  });

  it("parses constants, including negative and hex", () => {
    expect(parseUsdtArg("4@$5").location).toEqual({ kind: "constant", value: 5n });
    expect(parseUsdtArg("-4@$-1").location).toEqual({ kind: "constant", value: -1n });
    expect(parseUsdtArg("8@$0x10").location).toEqual({ kind: "constant", value: 16n });
  });

  it("parses base+displacement memory", () => {
    const a = parseUsdtArg("-8@-8(%rbp)");
    expect(a).toMatchObject({ size: 8, signed: true });
    expect(a.location).toMatchObject({ kind: "memory", base: { canonical: "rbp" }, scale: 1, displacement: -8n });
    expect(parseUsdtArg("-4@112(%rsp)").location).toMatchObject({ base: { canonical: "rsp" }, displacement: 112n });
    expect(parseUsdtArg("8@(%rdx)").location).toMatchObject({ base: { canonical: "rdx" }, displacement: 0n });
  });

  it("parses base+index*scale memory", () => {
    const l = parseUsdtArg("8@(%rdx,%rcx,8)").location;
    expect(l).toMatchObject({ kind: "memory", base: { canonical: "rdx" }, index: { canonical: "rcx" }, scale: 8 });
    expect(parseUsdtArg("4@16(%rax,%rbx)").location).toMatchObject({ scale: 1, displacement: 16n });
    const noBase = parseUsdtArg("8@table(,%rdx,8)").location;
    expect(noBase).toMatchObject({ kind: "memory", index: { canonical: "rdx" }, scale: 8, symbol: "table" });
    expect(noBase.kind === "memory" && noBase.base).toBeFalsy();
  });

  it("parses RIP-relative globals with symbol and offset", () => {
    expect(parseUsdtArg("4@counter(%rip)").location).toMatchObject({
      kind: "memory",
      base: { canonical: "rip" },
      symbol: "counter",
      displacement: 0n,
    });
    expect(parseUsdtArg("8@_ZL3var+8(%rip)").location).toMatchObject({ symbol: "_ZL3var", displacement: 8n });
    expect(parseUsdtArg("-4@tbl.1234-4(%rip)").location).toMatchObject({ symbol: "tbl.1234", displacement: -4n });
  });

  it("treats a bare operand without SIZE@ as 8 unsigned bytes", () => {
    expect(parseUsdtArg("%rsi")).toMatchObject({ size: 8, signed: false, location: { kind: "register" } });
  });

  it.each(["3@%rax", "8@%xmm0", "8@(%eax)", "8@(%rax,%rbx,3)", "8@", "4@$", "8@()"])("rejects %s", (spec) => {
    expect(() => parseUsdtArg(spec)).toThrow(UsdtArgParseError);
  });
});

describe("parseUsdtArgs", () => {
  it("splits on whitespace and keeps the text of each argument", () => {
    const args = parseUsdtArgs("-4@%edi 8@%rax -8@-8(%rbp) 8@(%rdx,%rcx,8)");
    expect(args.map((a) => a.text)).toEqual(["-4@%edi", "8@%rax", "-8@-8(%rbp)", "8@(%rdx,%rcx,8)"]);
    expect(args.map((a) => a.location.kind)).toEqual(["register", "register", "memory", "memory"]);
  });

  it("accepts an empty string", () => {
    expect(parseUsdtArgs("")).toEqual([]);
    expect(parseUsdtArgs("  ")).toEqual([]);
  });
});
