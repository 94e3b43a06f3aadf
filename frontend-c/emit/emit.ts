/**
 * @fileoverview Final assembly: resolves symbolic jump targets to slot offsets (an LD_IMM64 counts
 * as two slots, as the kernel counts), and packages instructions, spans and map relocations.
 */
import type { DiagnosticSink, Span } from "../diagnostics/diagnostic.ts";
import { insn, slotCount, type Instruction } from "../../src/isa/instruction.ts";
import type { MapRelocation, SourceLocation } from "../../src/spec/program-spec.ts";
import type { MItem } from "./select.ts";

export interface Assembled {
  instructions: Instruction[];
  spans: (SourceLocation | undefined)[];
  mapRelocations: MapRelocation[];
}

export function assemble(items: MItem[], sink: DiagnosticSink, fnSpan: Span): Assembled {
  const labelSlot = new Map<number, number>();
  let slot = 0;
  for (const m of items) {
    if (m.kind === "label") labelSlot.set(m.id, slot);
    else slot += slotCount(m.insn);
  }
  const instructions: Instruction[] = [];
  const spans: (SourceLocation | undefined)[] = [];
  const mapRelocations: MapRelocation[] = [];
  slot = 0;
  for (const m of items) {
    if (m.kind === "label") continue;
    let i = m.insn;
    if (m.target !== undefined) {
      const to = labelSlot.get(m.target);
      if (to === undefined) throw new Error(`internal: jump to unknown label ${m.target}`);
      const off = to - (slot + 1);
      if (off < -0x8000 || off > 0x7fff) {
        sink.error("backend/jump-too-far", m.span ?? fnSpan, `jump of ${off} instructions does not fit BPF's 16-bit offset`);
      } else i = insn(i.code, i.dst, i.src, off, i.imm);
    }
    if (m.reloc !== undefined) mapRelocations.push({ index: instructions.length, ...m.reloc });
    instructions.push(i);
    spans.push(m.span);
    slot += slotCount(i);
  }
  return { instructions, spans, mapRelocations };
}
