/**
 * @fileoverview Store merging on stack objects: a run of consecutive constant stores into frame
 * objects (typically what `= {}` / memset / field-by-field constant initialisation leaves after
 * dead-store elimination: `store8 [buf]+12, 0; store8 +13, 0; store16 +14, 0; store64 +16, 0`)
 * is re-emitted as the fewest naturally aligned stores that write the same bytes, e.g.
 * `store32 +12, 0; store64 +16, 0`.
 *
 * A run holds only immediate stores with a frame base; they read nothing, so within it only the
 * final bytes matter (a later store wins where they overlap). Anything else ends the run. An
 * 8-byte piece is used only when its value is a sign-extended 32-bit immediate (BPF ST encodes no
 * more); otherwise smaller pieces. Objects are rewritten only when that saves instructions.
 * Runs after promotion (which needs the field-shaped slots) and before immediates are legalised.
 */
import { fitsImm32 } from "./fold.ts";
import { imm, isFrame, isImm, type Inst, type IrFunction } from "./ir.ts";

type ImmStore = Extract<Inst, { op: "store" }> & { base: { frame: number } };

const isImmFrameStore = (i: Inst): i is ImmStore => i.op === "store" && isFrame(i.base) && isImm(i.value);

export function mergeFrameStores(fn: IrFunction): boolean {
  const align = new Map(fn.frame.map((f) => [f.id, Math.max(1, Math.min(8, f.align))]));
  let changed = false;
  for (const b of fn.blocks) {
    const out: Inst[] = [];
    let k = 0;
    while (k < b.insts.length) {
      const i = b.insts[k]!;
      if (!isImmFrameStore(i)) {
        out.push(i);
        k++;
        continue;
      }
      const run: ImmStore[] = [];
      while (k < b.insts.length && isImmFrameStore(b.insts[k]!)) run.push(b.insts[k++] as ImmStore);
      if (run.length < 2) {
        out.push(...run);
        continue;
      }
      const frames = [...new Set(run.map((s) => s.base.frame))];
      for (const f of frames) {
        const mine = run.filter((s) => s.base.frame === f);
        const merged = mine.length < 2 ? mine : remerge(mine, align.get(f) ?? 1);
        if (merged.length < mine.length) changed = true;
        out.push(...(merged.length < mine.length ? merged : mine));
      }
    }
    b.insts = out;
  }
  return changed;
}

/** The bytes the stores leave, re-cut into aligned pieces (lowest offset first). */
function remerge(stores: ImmStore[], frameAlign: number): ImmStore[] {
  const bytes = new Map<number, bigint>();
  for (const s of stores) {
    const v = isImm(s.value) ? BigInt.asUintN(64, s.value.imm) : 0n;
    for (let x = 0; x < s.size; x++) bytes.set(s.off + x, (v >> BigInt(8 * x)) & 0xffn);
  }
  const offs = [...bytes.keys()].sort((a, b) => a - b);
  const out: ImmStore[] = [];
  const first = stores[0]!;
  const covered = (p: number, size: number) => {
    for (let x = p; x < p + size; x++) if (!bytes.has(x)) return false;
    return true;
  };
  const valueAt = (p: number, size: number) => {
    let v = 0n;
    for (let x = size - 1; x >= 0; x--) v = (v << 8n) | bytes.get(p + x)!;
    return v;
  };
  let idx = 0;
  while (idx < offs.length) {
    const p = offs[idx]!;
    let size: 1 | 2 | 4 | 8 = 8;
    for (;;) {
      const ok = size <= frameAlign && p % size === 0 && covered(p, size) && (size < 8 || fitsImm32(valueAt(p, 8)));
      if (ok || size === 1) break;
      size = (size >> 1) as 1 | 2 | 4;
    }
    out.push({ op: "store", base: first.base, off: p, size, value: imm(valueAt(p, size)), span: first.span });
    while (idx < offs.length && offs[idx]! < p + size) idx++;
  }
  return out;
}
