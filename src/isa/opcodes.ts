/**
 * @fileoverview eBPF opcode field values (RFC 9669 plus the Linux extensions up to 6.18).
 *
 * An opcode byte is split into fields whose meaning depends on the instruction class:
 *   arithmetic/jump classes: | op (4 bits) | source (1 bit) | class (3 bits) |
 *   load/store classes:      | mode (3 bits) | size (2 bits) | class (3 bits) |
 * The constants below are the already-shifted field values, so an opcode is the bitwise OR of its
 * fields, e.g. `Class.ALU64 | AluOp.MOV | Source.K` is 0xb7 ("r0 = 0").
 * Names follow the kernel's BPF_* spellings without the prefix.
 */

/** Instruction class: the low 3 bits of the opcode. */
export const Class = {
  LD: 0x00,
  LDX: 0x01,
  ST: 0x02,
  STX: 0x03,
  ALU: 0x04,
  JMP: 0x05,
  JMP32: 0x06,
  ALU64: 0x07,
} as const;
export type Class = (typeof Class)[keyof typeof Class];

/** Access size of load/store classes (bits 3-4). */
export const Size = {
  W: 0x00,
  H: 0x08,
  B: 0x10,
  DW: 0x18,
} as const;
export type Size = (typeof Size)[keyof typeof Size];

/** Bytes accessed by each `Size`. */
export const SIZE_BYTES: Readonly<Record<Size, 1 | 2 | 4 | 8>> = Object.freeze({
  [Size.W]: 4,
  [Size.H]: 2,
  [Size.B]: 1,
  [Size.DW]: 8,
});

/** Addressing mode of load/store classes (bits 5-7). */
export const Mode = {
  IMM: 0x00,
  /** Legacy packet access (socket filters only); still accepted by the kernel. */
  ABS: 0x20,
  IND: 0x40,
  MEM: 0x60,
  /** Sign-extending load (LDX only, kernel 6.6+). */
  MEMSX: 0x80,
  ATOMIC: 0xc0,
} as const;
export type Mode = (typeof Mode)[keyof typeof Mode];

/** Operand source bit (bit 3) for ALU/ALU64/JMP/JMP32: immediate or register. */
export const Source = {
  K: 0x00,
  X: 0x08,
} as const;
export type Source = (typeof Source)[keyof typeof Source];

/**
 * Byte-order conversion direction, stored in the source bit of `ALU|END`.
 * `ALU64|END` (source bit 0) is the unconditional byte swap (kernel 6.6+).
 */
export const Endian = {
  TO_LE: 0x00,
  TO_BE: 0x08,
} as const;
export type Endian = (typeof Endian)[keyof typeof Endian];

/** Arithmetic operation (bits 4-7) of ALU/ALU64. */
export const AluOp = {
  ADD: 0x00,
  SUB: 0x10,
  MUL: 0x20,
  DIV: 0x30,
  OR: 0x40,
  AND: 0x50,
  LSH: 0x60,
  RSH: 0x70,
  NEG: 0x80,
  MOD: 0x90,
  XOR: 0xa0,
  MOV: 0xb0,
  ARSH: 0xc0,
  END: 0xd0,
} as const;
export type AluOp = (typeof AluOp)[keyof typeof AluOp];

/** Jump operation (bits 4-7) of JMP/JMP32. */
export const JmpOp = {
  JA: 0x00,
  JEQ: 0x10,
  JGT: 0x20,
  JGE: 0x30,
  JSET: 0x40,
  JNE: 0x50,
  JSGT: 0x60,
  JSGE: 0x70,
  CALL: 0x80,
  EXIT: 0x90,
  JLT: 0xa0,
  JLE: 0xb0,
  JSLT: 0xc0,
  JSLE: 0xd0,
  /** Conditional pseudo-jump (`may_goto`, kernel 6.9+): JMP|JCOND|K with src = JcondSrc.MAY_GOTO. */
  JCOND: 0xe0,
} as const;
export type JmpOp = (typeof JmpOp)[keyof typeof JmpOp];

/** `src` values of JMP|JCOND. */
export const JcondSrc = {
  MAY_GOTO: 0,
} as const;

/**
 * Operation selector stored in `imm` of STX|ATOMIC instructions. FETCH (0x01) is a flag that makes
 * the old memory value land in the source register; XCHG and CMPXCHG always fetch.
 * LOAD_ACQ/STORE_REL are the load-acquire/store-release forms (kernel 6.15+): LOAD_ACQ loads into
 * dst from [src+off], STORE_REL stores src to [dst+off].
 */
export const AtomicOp = {
  ADD: 0x00,
  OR: 0x40,
  AND: 0x50,
  XOR: 0xa0,
  FETCH: 0x01,
  XCHG: 0xe0 | 0x01,
  CMPXCHG: 0xf0 | 0x01,
  LOAD_ACQ: 0x100,
  STORE_REL: 0x110,
} as const;
export type AtomicOp = (typeof AtomicOp)[keyof typeof AtomicOp];

/** `src` values of a CALL instruction (how `imm` is interpreted). */
export const CallSrc = {
  /** imm is a helper id (see helpers.ts). */
  HELPER: 0,
  /** imm is the pc-relative offset of a BPF-to-BPF call target (BPF_PSEUDO_CALL). */
  PSEUDO_CALL: 1,
  /** imm is a BTF id of a kernel function (BPF_PSEUDO_KFUNC_CALL); off selects the module BTF fd slot. */
  PSEUDO_KFUNC_CALL: 2,
} as const;
export type CallSrc = (typeof CallSrc)[keyof typeof CallSrc];

/** `src` values of LD_IMM64 (BPF_PSEUDO_*): how the 64-bit immediate is interpreted. */
export const PseudoSrc = {
  /** Plain 64-bit constant. */
  NONE: 0,
  /** Low 32 bits are a map fd; the loader replaces it with the map pointer. */
  MAP_FD: 1,
  /** Low 32 bits are a map fd, high 32 bits an offset into its value (global data). */
  MAP_VALUE: 2,
  /** Low 32 bits are a BTF id of a kernel variable (ksym). */
  BTF_ID: 3,
  /** Low 32 bits are the pc-relative offset of a BPF function (callback address). */
  FUNC: 4,
  /** Like MAP_FD but the low 32 bits index fd_array. */
  MAP_IDX: 5,
  /** Like MAP_VALUE but the low 32 bits index fd_array. */
  MAP_IDX_VALUE: 6,
} as const;
export type PseudoSrc = (typeof PseudoSrc)[keyof typeof PseudoSrc];

/** `off` values selecting the signed variants of DIV/MOD (RFC 9669, kernel 6.6+). */
export const SIGNED_DIVMOD_OFF = 1;

/**
 * `off` of ALU64|MOV|X that turns it into `addr_space_cast` (kernel 6.9+, arena programs);
 * imm carries (dst address space << 16) | src address space.
 */
export const ADDR_SPACE_CAST_OFF = 1;

/** Opcodes that have a special shape (whole byte values). */
export const Opcode = {
  /** LD|IMM|DW: the two-slot 64-bit immediate load. */
  LD_IMM64: 0x18,
  CALL: 0x85,
  EXIT: 0x95,
  /** JMP|JA (offset in `off`). */
  JA: 0x05,
  /** JMP32|JA (`gotol`, offset in `imm`, kernel 6.6+). */
  JA32: 0x06,
} as const;

/** Register numbers. R10 is the read-only frame pointer; R0 holds return values and r1-r5 call arguments. */
export const R0 = 0;
export const R1 = 1;
export const R2 = 2;
export const R3 = 3;
export const R4 = 4;
export const R5 = 5;
export const R6 = 6;
export const R7 = 7;
export const R8 = 8;
export const R9 = 9;
export const R10 = 10;
export type Register = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;
export const FP = R10;

/** Field extractors. */
export const classOf = (code: number): Class => (code & 0x07) as Class;
export const sizeOf = (code: number): Size => (code & 0x18) as Size;
export const modeOf = (code: number): Mode => (code & 0xe0) as Mode;
export const opOf = (code: number): number => code & 0xf0;
export const sourceOf = (code: number): Source => (code & 0x08) as Source;
