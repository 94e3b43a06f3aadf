/**
 * @fileoverview Control-flow graph utilities and CFG clean-up: unreachable-block removal, branch
 * simplification, jump threading through empty blocks and merging a block into its only
 * predecessor. These keep the emitted code free of the trivial jumps lowering naturally produces.
 */
import { invertCond } from "./fold.ts";
import { successors, type Block, type Cond, type Inst, type IrFunction, type Terminator } from "./ir.ts";

export function blockMap(fn: IrFunction): Map<number, Block> {
  return new Map(fn.blocks.map((b) => [b.id, b]));
}

/** Predecessor ids of every block. */
export function predecessors(fn: IrFunction): Map<number, number[]> {
  const preds = new Map<number, number[]>(fn.blocks.map((b) => [b.id, []]));
  for (const b of fn.blocks) for (const s of successors(b.term!)) preds.get(s)?.push(b.id);
  return preds;
}

/** Removes blocks not reachable from the entry. Returns true if any were removed. */
export function removeUnreachable(fn: IrFunction): boolean {
  const map = blockMap(fn);
  const seen = new Set<number>();
  const stack = [fn.blocks[0]!.id];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const s of successors(map.get(id)!.term!)) stack.push(s);
  }
  if (seen.size === fn.blocks.length) return false;
  fn.blocks = fn.blocks.filter((b) => seen.has(b.id));
  return true;
}

function retarget(t: Terminator, from: number, to: number): void {
  if (t.op === "jmp") {
    if (t.target === from) t.target = to;
  } else if (t.op === "br") {
    if (t.then === from) t.then = to;
    if (t.else === from) t.else = to;
  }
}

/**
 * Simplifies the CFG until nothing changes: br with equal targets → jmp; jumps to empty `jmp`
 * blocks are threaded; a block whose only predecessor ends in `jmp` to it is merged into it.
 * Returns true if anything changed.
 */
export function simplifyCfg(fn: IrFunction): boolean {
  let any = false;
  for (let round = 0; round < 20; round++) {
    let changed = removeUnreachable(fn);
    const map = blockMap(fn);
    for (const b of fn.blocks) {
      const t = b.term!;
      if (t.op === "br" && t.then === t.else) {
        b.term = { op: "jmp", target: t.then, span: t.span };
        changed = true;
      }
    }
    // Thread jumps through empty forwarding blocks (not the entry, whose id the function needs).
    const entry = fn.blocks[0]!.id;
    for (const b of fn.blocks) {
      for (const s of successors(b.term!)) {
        let target = s;
        const hops = new Set<number>();
        for (;;) {
          const tb = map.get(target)!;
          if (tb.id === entry || tb.insts.length > 0 || tb.term!.op !== "jmp" || hops.has(target)) break;
          hops.add(target);
          target = tb.term!.target;
        }
        if (target !== s) {
          retarget(b.term!, s, target);
          changed = true;
        }
      }
    }
    // Merge b → s when b ends in jmp s and s has no other predecessor.
    const preds = predecessors(fn);
    const removed = new Set<number>();
    for (const b of fn.blocks) {
      if (removed.has(b.id)) continue;
      for (;;) {
        const t = b.term!;
        if (t.op !== "jmp") break;
        const s = map.get(t.target)!;
        if (s.id === b.id || s.id === entry || removed.has(s.id) || preds.get(s.id)!.length !== 1) break;
        b.insts.push(...s.insts);
        b.term = s.term;
        removed.add(s.id);
        for (const ss of successors(s.term!)) {
          const p = preds.get(ss)!;
          for (let k = 0; k < p.length; k++) if (p[k] === s.id) p[k] = b.id;
        }
        changed = true;
      }
    }
    if (removed.size > 0) fn.blocks = fn.blocks.filter((b) => !removed.has(b.id));
    if (!changed) break;
    any = true;
  }
  return any;
}

/**
 * Orders blocks so that, as often as possible, a block is followed by the successor it would jump
 * to (greedy trace layout): each such fall-through saves a `goto` in the emitted code. The entry
 * block stays first; blocks not reached by a trace follow in their original order.
 */
export function layoutBlocks(fn: IrFunction): void {
  const map = blockMap(fn);
  const preds = predecessors(fn);
  const placed = new Set<number>();
  const order: Block[] = [];
  let rest = 0;
  let cur: Block | undefined = fn.blocks[0];
  // `if (c) { T }` is `br c ? T : J` with J the join: T first lets T fall through into J (one
  // inverted branch), where J first would leave T needing a jump back. Prefer a `then` block only
  // this branch reaches when the other side is a join point (or already placed).
  const thenFirst = (t: Terminator & { op: "br" }) =>
    invertCond(t.cond) !== undefined && !placed.has(t.then) && (preds.get(t.then)?.length ?? 0) === 1 &&
    (placed.has(t.else) || (preds.get(t.else)?.length ?? 0) > 1);
  while (cur !== undefined) {
    order.push(cur);
    placed.add(cur.id);
    const t: Terminator = cur.term!;
    const prefs = t.op === "jmp" ? [t.target] : t.op === "br" ? (thenFirst(t) ? [t.then, t.else] : [t.else, t.then]) : [];
    cur = undefined;
    for (const p of prefs) {
      if (!placed.has(p)) {
        cur = map.get(p);
        break;
      }
    }
    if (cur === undefined) {
      while (rest < fn.blocks.length && placed.has(fn.blocks[rest]!.id)) rest++;
      cur = fn.blocks[rest];
    }
  }
  fn.blocks = order;
}

/**
 * Copies bare returning blocks (no instructions, just `ret`) into the blocks that jump to them:
 * a jump to `exit` costs as much as the exit itself. Runs after register allocation (the
 * copied instructions already use physical registers) and before layout.
 */
export function duplicateSmallReturns(fn: IrFunction): void {
  const map = blockMap(fn);
  let changed = false;
  for (const b of fn.blocks) {
    const t = b.term!;
    if (t.op !== "jmp") continue;
    const target = map.get(t.target)!;
    if (target === b || target.term!.op !== "ret" || target.insts.length > 0) continue;
    b.insts.push(...target.insts);
    b.term = { ...target.term! };
    changed = true;
  }
  if (changed) removeUnreachable(fn);
}

/**
 * Turns the diamond `br c ? T : F; T: x = 1; goto J; F: x = 0; goto J` (how C comparisons and
 * logical operators used as values are lowered) into `x = setcc c; goto J`.
 */
export function diamondsToSetcc(fn: IrFunction): boolean {
  const map = blockMap(fn);
  const preds = predecessors(fn);
  let changed = false;
  for (const b of fn.blocks) {
    const t = b.term!;
    if (t.op !== "br" || t.then === t.else) continue;
    const tb = map.get(t.then)!;
    const eb = map.get(t.else)!;
    const arm = (x: Block) =>
      x.insts.length === 1 && x.insts[0]!.op === "mov" && typeof x.insts[0]!.src !== "number" && x.term!.op === "jmp" && preds.get(x.id)!.length === 1
        ? (x.insts[0] as Extract<Inst, { op: "mov" }>)
        : undefined;
    const ta = arm(tb);
    const ea = arm(eb);
    if (ta === undefined || ea === undefined || ta.dst !== ea.dst) continue;
    const tj = tb.term as Extract<Terminator, { op: "jmp" }>;
    const ej = eb.term as Extract<Terminator, { op: "jmp" }>;
    if (tj.target !== ej.target) continue;
    const tv = (ta.src as { imm: bigint }).imm;
    const ev = (ea.src as { imm: bigint }).imm;
    let cond: Cond | undefined;
    if (tv === 1n && ev === 0n) cond = t.cond;
    else if (tv === 0n && ev === 1n) cond = invertCond(t.cond);
    if (cond === undefined) continue;
    b.insts.push({ op: "setcc", dst: ta.dst, cond, a: t.a, b: t.b, width: t.width, span: t.span });
    b.term = { op: "jmp", target: tj.target, span: t.span };
    changed = true;
  }
  if (changed) removeUnreachable(fn);
  return changed;
}
