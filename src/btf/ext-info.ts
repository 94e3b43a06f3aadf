/**
 * @fileoverview `bpf_func_info` and `bpf_line_info` records for BPF_PROG_LOAD (func_info /
 * line_info in bpf_attr). In the load attributes `insn_off` counts instructions (8-byte slots, a
 * 16-byte ld_imm64 counts two); in an ELF's .BTF.ext it counts bytes: these encoders take
 * instruction indexes. The kernel wants records sorted by insn_off, a func_info at every subprogram
 * start (the first at 0) and, when line info is given, a line_info at every subprogram start too.
 */
import { FUNC_INFO_REC_SIZE, LINE_COL_COL_MASK, LINE_COL_LINE_SHIFT, LINE_COL_MAX_LINE, LINE_INFO_REC_SIZE } from "./btf-format.ts";
import type { BtfBuilder } from "./writer.ts";

export interface FuncInfoRecord {
  /** Instruction index of the function's first instruction. */
  insnOff: number;
  /** BTF id of its FUNC type. */
  typeId: number;
}

export interface LineInfoRecord {
  insnOff: number;
  /** String offsets (in the program's BTF) of the file name and of the source line's text. */
  fileNameOff: number;
  lineOff: number;
  /** 1-based line; column is 1-based too (0 = unknown), saturating at 1023. */
  line: number;
  col: number;
}

/** line_col: the line in the high 22 bits, the column in the low 10 (columns saturate). */
export function lineCol(line: number, col: number): number {
  if (line < 0 || line > LINE_COL_MAX_LINE) throw new RangeError(`line ${line} does not fit line_info (max ${LINE_COL_MAX_LINE})`);
  return ((line << LINE_COL_LINE_SHIFT) | Math.min(Math.max(col, 0), LINE_COL_COL_MASK)) >>> 0;
}

function checkSorted(offs: number[], what: string): void {
  for (let i = 1; i < offs.length; i++) {
    if (offs[i]! <= offs[i - 1]!) throw new RangeError(`${what} records must have strictly increasing insn_off (record ${i}: ${offs[i]} after ${offs[i - 1]})`);
  }
}

export function encodeFuncInfo(records: readonly FuncInfoRecord[]): Uint8Array {
  checkSorted(records.map((r) => r.insnOff), "func_info");
  const out = new Uint8Array(records.length * FUNC_INFO_REC_SIZE);
  const dv = new DataView(out.buffer);
  records.forEach((r, i) => {
    dv.setUint32(i * FUNC_INFO_REC_SIZE, r.insnOff, true);
    dv.setUint32(i * FUNC_INFO_REC_SIZE + 4, r.typeId, true);
  });
  return out;
}

export function encodeLineInfo(records: readonly LineInfoRecord[]): Uint8Array {
  checkSorted(records.map((r) => r.insnOff), "line_info");
  const out = new Uint8Array(records.length * LINE_INFO_REC_SIZE);
  const dv = new DataView(out.buffer);
  records.forEach((r, i) => {
    const p = i * LINE_INFO_REC_SIZE;
    dv.setUint32(p, r.insnOff, true);
    dv.setUint32(p + 4, r.fileNameOff, true);
    dv.setUint32(p + 8, r.lineOff, true);
    dv.setUint32(p + 12, lineCol(r.line, r.col), true);
  });
  return out;
}

/** Decodes func_info records (e.g. read back with BPF_OBJ_GET_INFO_BY_FD). */
export function decodeFuncInfo(bytes: Uint8Array, recSize = FUNC_INFO_REC_SIZE): FuncInfoRecord[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: FuncInfoRecord[] = [];
  for (let p = 0; p + 8 <= bytes.byteLength; p += recSize) out.push({ insnOff: dv.getUint32(p, true), typeId: dv.getUint32(p + 4, true) });
  return out;
}

export function decodeLineInfo(bytes: Uint8Array, recSize = LINE_INFO_REC_SIZE): LineInfoRecord[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: LineInfoRecord[] = [];
  for (let p = 0; p + 16 <= bytes.byteLength; p += recSize) {
    const lc = dv.getUint32(p + 12, true);
    out.push({ insnOff: dv.getUint32(p, true), fileNameOff: dv.getUint32(p + 4, true), lineOff: dv.getUint32(p + 8, true), line: lc >>> LINE_COL_LINE_SHIFT, col: lc & LINE_COL_COL_MASK });
  }
  return out;
}

/**
 * Collects func/line info while code is emitted, interning file names and source lines in the
 * program's BTF string table. Records may be added in any order; they are sorted on encode, and a
 * later line record for the same instruction replaces an earlier one.
 */
export class ExtInfoBuilder {
  readonly #btf: BtfBuilder;
  readonly #funcs = new Map<number, number>();
  readonly #lines = new Map<number, LineInfoRecord>();

  constructor(btf: BtfBuilder) {
    this.#btf = btf;
  }

  addFunc(insnOff: number, funcTypeId: number): void {
    this.#funcs.set(insnOff, funcTypeId);
  }

  /** `text` is the source line itself (what bpftool prints next to the instructions). */
  addLine(insnOff: number, file: string, text: string, line: number, col = 0): void {
    this.#lines.set(insnOff, { insnOff, fileNameOff: this.#btf.addString(file), lineOff: this.#btf.addString(text), line, col });
  }

  funcInfo(): Uint8Array {
    return encodeFuncInfo([...this.#funcs].sort((a, b) => a[0] - b[0]).map(([insnOff, typeId]) => ({ insnOff, typeId })));
  }

  lineInfo(): Uint8Array {
    return encodeLineInfo([...this.#lines.values()].sort((a, b) => a.insnOff - b.insnOff));
  }

  get funcCount(): number {
    return this.#funcs.size;
  }
  get lineCount(): number {
    return this.#lines.size;
  }
}
