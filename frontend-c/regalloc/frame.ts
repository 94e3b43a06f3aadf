/**
 * @fileoverview Stack frame layout: gives every frame object (C locals in memory and spill slots)
 * an offset below r10. BPF's stack is 512 bytes per program and the verifier requires aligned
 * stack accesses, so objects are packed in decreasing alignment order and each is aligned to its
 * own alignment. Overflow is a user error ("backend/stack-overflow"), reported with the largest
 * locals so the user knows what to move into a per-CPU array map.
 */
import type { DiagnosticSink, Note } from "../diagnostics/diagnostic.ts";
import type { IrFunction } from "../ir/ir.ts";

export const MAX_STACK = 512;

export interface FrameLayout {
  /** Frame object id → offset from r10 (negative). */
  offsets: Map<number, number>;
  /** Total bytes of stack used (multiple of 8). */
  size: number;
}

export function layoutFrame(fn: IrFunction, sink: DiagnosticSink): FrameLayout {
  const objs = [...fn.frame].sort((a, b) => b.align - a.align || b.size - a.size || a.id - b.id);
  const offsets = new Map<number, number>();
  let cursor = 0;
  for (const o of objs) {
    const align = Math.max(1, Math.min(8, o.align));
    cursor += Math.max(1, o.size);
    cursor = Math.ceil(cursor / align) * align;
    offsets.set(o.id, -cursor);
  }
  const size = Math.ceil(cursor / 8) * 8;
  if (size > MAX_STACK) {
    const largest = [...fn.frame].sort((a, b) => b.size - a.size).slice(0, 3);
    const notes: Note[] = largest.map((o) =>
      o.span === undefined
        ? { message: `'${o.name}' uses ${o.size} bytes` }
        : { message: `'${o.name}' uses ${o.size} bytes`, span: o.span },
    );
    notes.push({ message: "move large buffers into a BPF_PERCPU_ARRAY map value to keep them off the stack" });
    sink.error(
      "backend/stack-overflow",
      fn.span,
      `function '${fn.name}' needs ${size} bytes of stack, more than the ${MAX_STACK} BPF allows`,
      notes,
    );
  }
  return { offsets, size };
}
