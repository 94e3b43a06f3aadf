import { spawnSync } from "node:child_process";
import { it } from "vitest";
import { pp, tokens } from "./test-util.ts";

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
it("fuzz #if vs gcc", () => {
  let fails = 0;
  for (let seed = 1; seed <= 300 && fails < 5; seed++) {
    const r = rng(seed);
    const pick = <T,>(a: T[]) => a[Math.floor(r() * a.length)] as T;
    const gen = (d: number): string => {
      const c = r();
      if (d > 4 || c < 0.3) return pick(["0", "1", "2", "-1", "7u", "0xffffffffffffffff", "0x8000000000000000", "'a'", "'\\377'", "63", "64", "3ULL", "N", "UNDEF", "defined(N)", "defined UNDEF"]);
      if (c < 0.4) return `${pick(["-", "~", "!", "+"])}${gen(d + 1)}`;
      if (c < 0.5) return `(${gen(d + 1)} ? ${gen(d + 1)} : ${gen(d + 1)})`;
      return `(${gen(d + 1)} ${pick(["+", "-", "*", "/", "%", "<<", ">>", "<", ">", "<=", ">=", "==", "!=", "&", "^", "|", "&&", "||"])} ${gen(d + 1)})`;
    };
    const lines = ["#define N 5"];
    for (let k = 0; k < 20; k++) lines.push(`#if ${gen(0)}\nT${k}\n#else\nF${k}\n#endif`);
    const src = lines.join("\n") + "\n";
    // Evaluate each #if separately so one gcc error does not hide the rest.
    for (let k = 1; k < lines.length; k++) {
      const one = `${lines[0]}\n${lines[k]}\n`;
      const g = spawnSync("gcc", ["-E", "-P", "-std=gnu11", "-undef", "-x", "c", "-"], { input: one, encoding: "utf8" });
      const ours = pp(one);
      const oursErr = ours.diags.some((d) => d.severity === "error");
      const gErr = g.status !== 0;
      if (oursErr !== gErr) { fails++; console.log("ERR MISMATCH", one, g.stderr, ours.diags.map((d) => d.message)); continue; }
      if (gErr) continue;
      if (tokens(ours.text) !== tokens(g.stdout)) { fails++; console.log(`${one}\nGCC: ${tokens(g.stdout)}\nOUR: ${tokens(ours.text)}`); }
    }
    void src;
  }
  console.log("fails", fails);
}, 300000);
