import { spawnSync } from "node:child_process";
import { it } from "vitest";
import { pp, tokens } from "./test-util.ts";

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
it("fuzz vs gcc", () => {
  let fails = 0;
  for (let seed = 600; seed <= 1000 && fails < 5; seed++) {
    const r = rng(seed);
    const pick = <T,>(a: T[]) => a[Math.floor(r() * a.length)] as T;
    const names = ["A", "B", "C", "D", "E"];
    const lines: string[] = [];
    const arity = new Map<string, number>();
    for (const n of names) {
      const fn = r() < 0.6;
      const np = fn ? Math.floor(r() * 3) : 0;
      const params = ["p", "q", "r"].slice(0, np);
      const va = fn && r() < 0.3;
      const body: string[] = [];
      const len = Math.floor(r() * 6);
      for (let i = 0; i < len; i++) {
        const c = r();
        if (c < 0.3 && params.length) body.push(pick(params));
        else if (c < 0.45) body.push(pick(names));
        else if (c < 0.5 && va) body.push("__VA_ARGS__");
        else if (c < 0.55 && params.length && i > 0 && i < len - 1) body.push("##");
        else if (c < 0.6 && params.length) body.push("#" + pick(params));
        else if (c < 0.75) body.push(pick(["(", ")", ","]));
        else body.push(pick(["x", "1", "+", "y2", "-"]));
      }
      const plist = [...params, ...(va ? ["..."] : [])].join(", ");
      lines.push(`#define ${n}${fn ? `(${plist})` : ""} ${body.join(" ")}`);
      arity.set(n, fn ? np : -1);
    }
    for (let k = 0; k < 4; k++) {
      const toks: string[] = [];
      const len = 3 + Math.floor(r() * 10);
      for (let i = 0; i < len; i++) {
        const c = r();
        if (c < 0.4) toks.push(pick(names));
        else if (c < 0.7) toks.push(pick(["(", ")", ","]));
        else toks.push(pick(["x", "1", "z", "+"]));
      }
      lines.push(toks.join(" ") + " ;");
    }
    const src = lines.join("\n") + "\n";
    const g = spawnSync("gcc", ["-E", "-P", "-std=gnu11", "-undef", "-x", "c", "-"], { input: src, encoding: "utf8" });
    if (g.status !== 0 || /error/.test(g.stderr)) continue;
    const ours = pp(src);
    if (ours.diags.some((d) => d.severity === "error")) { console.log("OURS ERR", seed, src, ours.diags.map(d=>d.message)); fails++; continue; }
    if (tokens(ours.text) !== tokens(g.stdout)) { fails++; console.log(`seed ${seed}\n${src}\nGCC: ${tokens(g.stdout)}\nOUR: ${tokens(ours.text)}`); }
  }
  console.log("fails", fails);
}, 120000);
