/**
 * @fileoverview Parser for SystemTap SDT argument specs on x86_64 ("-4@%edi 8@-8(%rbp) 8@$5"), into
 * the structured form the compiler turns into bpf_usdt_readarg code: how wide, signed or not, and
 * where the value lives at the probe (a pt_regs slot, a constant, or memory at base+index*scale+disp).
 *
 * Format (from the sys/sdt.h convention): each argument is `[-]SIZE@OPERAND`, separated by spaces;
 * a negative size means signed. OPERAND is a GNU assembler AT&T operand as the compiler emitted it
 * for the "nor" asm constraint: %reg, $imm, or disp(%base[,%index[,scale]]) where disp may be a
 * symbol (RIP-relative globals, e.g. `counter(%rip)`, `_ZL3var+8(%rip)`).
 */

/** Byte offsets of the registers in the kernel's x86_64 struct pt_regs (uapi asm/ptrace.h order). */
export const PT_REGS_OFFSETS: Readonly<Record<string, number>> = {
  r15: 0,
  r14: 8,
  r13: 16,
  r12: 24,
  rbp: 32,
  rbx: 40,
  r11: 48,
  r10: 56,
  r9: 64,
  r8: 72,
  rax: 80,
  rcx: 88,
  rdx: 96,
  rsi: 104,
  rdi: 112,
  orig_ax: 120,
  rip: 128,
  cs: 136,
  flags: 144,
  rsp: 152,
  ss: 160,
};

export interface X86Register {
  /** The name as written in the spec, without `%` (e.g. "edi"). */
  readonly name: string;
  /** The 64-bit register it aliases (e.g. "rdi"). */
  readonly canonical: string;
  readonly ptRegsOffset: number;
  /** How many bytes of the register the name denotes. */
  readonly width: 1 | 2 | 4 | 8;
  /** ah/bh/ch/dh: bits 8..15 of the register, i.e. ptRegsOffset + 1 on little-endian. */
  readonly high8: boolean;
}

function buildRegisterTable(): Map<string, X86Register> {
  const table = new Map<string, X86Register>();
  const add = (name: string, canonical: string, width: 1 | 2 | 4 | 8, high8 = false) => {
    const ptRegsOffset = PT_REGS_OFFSETS[canonical];
    if (ptRegsOffset === undefined) throw new Error(`no pt_regs slot for ${canonical}`);
    table.set(name, { name, canonical, ptRegsOffset, width, high8 });
  };
  // The legacy registers: rax/eax/ax/al/ah style names.
  for (const [x, hasHigh] of [["a", true], ["b", true], ["c", true], ["d", true]] as const) {
    add(`r${x}x`, `r${x}x`, 8);
    add(`e${x}x`, `r${x}x`, 4);
    add(`${x}x`, `r${x}x`, 2);
    add(`${x}l`, `r${x}x`, 1);
    if (hasHigh) add(`${x}h`, `r${x}x`, 1, true);
  }
  for (const x of ["si", "di", "bp", "sp"]) {
    add(`r${x}`, `r${x}`, 8);
    add(`e${x}`, `r${x}`, 4);
    add(x, `r${x}`, 2);
    add(`${x}l`, `r${x}`, 1);
  }
  for (let n = 8; n <= 15; n++) {
    add(`r${n}`, `r${n}`, 8);
    add(`r${n}d`, `r${n}`, 4);
    add(`r${n}w`, `r${n}`, 2);
    add(`r${n}b`, `r${n}`, 1);
    add(`r${n}l`, `r${n}`, 1);
  }
  add("rip", "rip", 8);
  add("eip", "rip", 4);
  return table;
}

/** Looks up an x86_64 register name (with or without the leading `%`). */
export function x86Register(name: string): X86Register | undefined {
  return REGISTERS.get(name.startsWith("%") ? name.slice(1) : name);
}

// Immutable lookup table, built once: not mutable module state.
const REGISTERS: ReadonlyMap<string, X86Register> = buildRegisterTable();

export type UsdtArgLocation =
  | { readonly kind: "register"; readonly register: X86Register }
  | { readonly kind: "constant"; readonly value: bigint }
  | {
      readonly kind: "memory";
      readonly base?: X86Register;
      readonly index?: X86Register;
      /** 1, 2, 4 or 8; 1 when there is no index. */
      readonly scale: number;
      readonly displacement: bigint;
      /** A symbol the displacement is relative to (RIP-relative globals); resolved by the caller. */
      readonly symbol?: string;
    };

export interface UsdtArg {
  /** Value width in bytes (1, 2, 4 or 8). */
  readonly size: number;
  readonly signed: boolean;
  readonly location: UsdtArgLocation;
  /** The spec text this argument was parsed from. */
  readonly text: string;
}

export class UsdtArgParseError extends Error {
  constructor(
    readonly spec: string,
    reason: string,
  ) {
    super(`cannot parse USDT argument "${spec}": ${reason}`);
    this.name = "UsdtArgParseError";
  }
}

/** Parses a whole argument string (may be empty: probes without arguments). */
export function parseUsdtArgs(text: string): UsdtArg[] {
  return text
    .trim()
    .split(/\s+/)
    .filter((s) => s.length > 0)
    .map(parseUsdtArg);
}

const INT = "[+-]?(?:0[xX][0-9a-fA-F]+|\\d+)";
const SIZE_RE = /^(-?)(\d+)@(.*)$/;
const CONSTANT_RE = new RegExp(`^\\$(${INT})$`);
// disp(%base[,%index[,scale]]), where disp is empty, an integer, or symbol[+-integer].
const MEMORY_RE = new RegExp(
  `^(?:(${INT})|([A-Za-z_.$][\\w.$@]*)((?:[+-](?:0[xX][0-9a-fA-F]+|\\d+))?))?` +
    `\\((%\\w+)?(?:,(%\\w+)(?:,(\\d+))?)?\\)$`,
);

/** Parses one `[-]SIZE@OPERAND` argument. Throws UsdtArgParseError when it is not understood. */
export function parseUsdtArg(spec: string): UsdtArg {
  let size = 8;
  let signed = false;
  let operand = spec;
  const sized = SIZE_RE.exec(spec);
  if (sized) {
    signed = sized[1] === "-";
    size = Number(sized[2]);
    operand = sized[3] ?? "";
    if (![1, 2, 4, 8].includes(size)) throw new UsdtArgParseError(spec, `unsupported size ${size}`);
  }
  // Old sdt.h versions wrote bare operands without SIZE@; those are treated as 8-byte unsigned.
  return { size, signed, location: parseOperand(spec, operand), text: spec };
}

function parseOperand(spec: string, operand: string): UsdtArgLocation {
  if (operand.startsWith("%")) {
    const register = x86Register(operand);
    if (!register) throw new UsdtArgParseError(spec, `unknown register ${operand}`);
    return { kind: "register", register };
  }
  const constant = CONSTANT_RE.exec(operand);
  if (constant) return { kind: "constant", value: parseInteger(constant[1] ?? "0") };
  const mem = MEMORY_RE.exec(operand);
  if (mem) {
    const [, disp, symbol, symbolOffset, baseText, indexText, scaleText] = mem;
    const base = baseText !== undefined ? reg(spec, baseText) : undefined;
    const index = indexText !== undefined ? reg(spec, indexText) : undefined;
    const scale = scaleText !== undefined ? Number(scaleText) : 1;
    if (![1, 2, 4, 8].includes(scale)) throw new UsdtArgParseError(spec, `bad scale ${scale}`);
    if (base === undefined && index === undefined) throw new UsdtArgParseError(spec, "memory operand without registers");
    const displacement = parseInteger(disp ?? (symbolOffset || "0"));
    return {
      kind: "memory",
      ...(base ? { base } : {}),
      ...(index ? { index } : {}),
      scale,
      displacement,
      ...(symbol !== undefined ? { symbol } : {}),
    };
  }
  // A bare integer is an absolute memory address in AT&T syntax.
  if (new RegExp(`^${INT}$`).test(operand)) {
    return { kind: "memory", scale: 1, displacement: parseInteger(operand) };
  }
  throw new UsdtArgParseError(spec, `unrecognised operand "${operand}"`);
}

function reg(spec: string, text: string): X86Register {
  const r = x86Register(text);
  if (!r) throw new UsdtArgParseError(spec, `unknown register ${text}`);
  if (r.width !== 8 && r.canonical !== "rip") {
    // 32-bit addressing (addr32 prefix) is legal but never emitted for x86_64 SDT probes.
    throw new UsdtArgParseError(spec, `address register ${text} is not 64-bit`);
  }
  return r;
}

function parseInteger(text: string): bigint {
  const neg = text.startsWith("-");
  const body = text.replace(/^[+-]/, "");
  const v = BigInt(body);
  return neg ? -v : v;
}
