/**
 * @fileoverview Kernel structs every BCC program may name even without kernel BTF (old kernels,
 * unit tests): the x86_64 `struct pt_regs` (arch/x86/include/asm/ptrace.h) and
 * `struct bpf_raw_tracepoint_args` (uapi bpf.h). Used only when neither the program nor the
 * external types define the tag; the layouts are the kernel's, so BTF and fallback agree.
 */
import type { Span } from "../diagnostics/index.ts";
import { layoutRecord } from "./layout.ts";
import { type CType, type RecordInfo, T, arrayOf } from "./types.ts";

const PT_REGS = ["r15", "r14", "r13", "r12", "bp", "bx", "r11", "r10", "r9", "r8", "ax", "cx", "dx", "si", "di", "orig_ax", "ip", "cs", "flags", "sp", "ss"];

export function fallbackStruct(tag: string, span: Span): CType | undefined {
  let fields: { name: string; type: CType }[];
  if (tag === "pt_regs") fields = PT_REGS.map((name) => ({ name, type: T.ulong }));
  else if (tag === "bpf_raw_tracepoint_args") fields = [{ name: "args", type: arrayOf(T.ullong, undefined) }];
  else return undefined;
  const rec: RecordInfo = { union: false, tag, complete: false, fields: [], size: 0, align: 1, span };
  layoutRecord(rec, fields.map((f) => ({ ...f, bitWidth: undefined, alignAttr: undefined, packedAttr: false, span })), { packed: false, aligned: undefined });
  return { kind: "record", rec };
}
