import { describe, expect, it } from "vitest";
import { NameIndex, hashBytes } from "./name-index.ts";

const enc = new TextEncoder();

function tableOf(names: string[]): { local: Uint8Array; offs: Uint32Array } {
  const parts: number[] = [0];
  const offs: number[] = [];
  for (const n of names) {
    offs.push(parts.length);
    parts.push(...enc.encode(n), 0);
  }
  return { local: Uint8Array.from(parts), offs: Uint32Array.from(offs) };
}

describe("NameIndex", () => {
  it("tells apart names whose sampled hashes collide", () => {
    // Same length, same first and last 8 bytes: the hash samples only those, so these collide.
    const a = "trace_ev_A_raw_sys_enter";
    const b = "trace_ev_B_raw_sys_enter";
    const ea = enc.encode(a);
    const eb = enc.encode(b);
    expect(hashBytes(ea, 0, ea.length)).toBe(hashBytes(eb, 0, eb.length));
    const names = [a, b, "pid", a, "pi", "pidd"];
    const { local, offs } = tableOf(names);
    const index = new NameIndex({ offs, values: Float64Array.from(names.map((_, i) => i)), local, localBase: 0, at: (off) => ({ bytes: local, start: off }) });
    expect(index.get(ea)).toEqual([0, 3]);
    expect(index.get(eb)).toEqual([1]);
    expect(index.get(enc.encode("pid"))).toEqual([2]);
    expect(index.get(enc.encode("pi"))).toEqual([4]);
    expect(index.get(enc.encode("p"))).toEqual([]);
    expect(index.get(enc.encode("trace_ev_C_raw_sys_enter"))).toEqual([]);
  });
});
