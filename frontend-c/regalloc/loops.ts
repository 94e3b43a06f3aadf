/**
 * @fileoverview Loop nesting depth per block (natural loops of DFS back edges). The allocator
 * weights spill costs by 10^depth so values used inside loops stay in registers.
 */
import { blockMap, predecessors } from "../ir/cfg.ts";
import { successors, type IrFunction } from "../ir/ir.ts";

export function loopDepths(fn: IrFunction): Map<number, number> {
  const map = blockMap(fn);
  const preds = predecessors(fn);
  const depth = new Map<number, number>(fn.blocks.map((b) => [b.id, 0]));
  const state = new Map<number, 1 | 2>(); // 1 = on the DFS stack, 2 = finished
  const backEdges: [number, number][] = [];
  // Iterative DFS so deep CFGs (long unrolled code) cannot overflow the JS stack.
  const stack: [number, number[]][] = [[fn.blocks[0]!.id, successors(map.get(fn.blocks[0]!.id)!.term!)]];
  state.set(fn.blocks[0]!.id, 1);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const next = top[1].pop();
    if (next === undefined) {
      state.set(top[0], 2);
      stack.pop();
      continue;
    }
    const st = state.get(next);
    if (st === 1) backEdges.push([top[0], next]);
    else if (st === undefined) {
      state.set(next, 1);
      stack.push([next, successors(map.get(next)!.term!)]);
    }
  }
  for (const [tail, header] of backEdges) {
    const body = new Set<number>([header]);
    const work = [tail];
    while (work.length > 0) {
      const b = work.pop()!;
      if (body.has(b)) continue;
      body.add(b);
      for (const p of preds.get(b) ?? []) work.push(p);
    }
    for (const b of body) depth.set(b, depth.get(b)! + 1);
  }
  return depth;
}
