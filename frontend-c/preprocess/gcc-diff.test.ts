/**
 * Differential test against `gcc -E -P`: macro-heavy snippets must give the same token stream
 * (whitespace-normalised). Skipped, with the reason, when gcc is not installed.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { SNIPPETS } from "./testdata/snippets.ts";
import { pp, tokens } from "./test-util.ts";

const gcc = spawnSync("gcc", ["--version"], { encoding: "utf8" });
const haveGcc = gcc.status === 0;

function gccE(src: string): string {
  const r = spawnSync("gcc", ["-E", "-P", "-std=gnu11", "-undef", "-x", "c", "-"], { input: src, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`gcc failed: ${r.stderr}`);
  return r.stdout;
}

describe.skipIf(!haveGcc)("differential against gcc -E -P", () => {
  for (const [name, src] of Object.entries(SNIPPETS)) {
    it(name, () => {
      const ours = pp(src);
      expect(ours.diags.filter((d) => d.severity === "error")).toEqual([]);
      expect(tokens(ours.text)).toBe(tokens(gccE(src)));
    });
  }
});

if (!haveGcc) {
  describe("differential against gcc -E -P", () => {
    it.skip("skipped: gcc not found on PATH", () => {});
  });
}

/** Deterministic PRNG (mulberry32) so a failing seed reproduces. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random macro definitions (object/function-like, variadic, #, ##, mutual references) and uses. */
function randomMacroProgram(seed: number): string {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)] as T;
  const names = ["A", "B", "C", "D", "E"];
  const lines: string[] = [];
  for (const n of names) {
    const fn = r() < 0.6;
    const params = ["p", "q", "r"].slice(0, fn ? Math.floor(r() * 3) : 0);
    const va = fn && r() < 0.3;
    const body: string[] = [];
    const len = Math.floor(r() * 6);
    for (let i = 0; i < len; i++) {
      const c = r();
      if (c < 0.3 && params.length > 0) body.push(pick(params));
      else if (c < 0.45) body.push(pick(names));
      else if (c < 0.5 && va) body.push("__VA_ARGS__");
      else if (c < 0.55 && params.length > 0 && i > 0 && i < len - 1) body.push("##");
      else if (c < 0.6 && params.length > 0) body.push(`#${pick(params)}`);
      else if (c < 0.75) body.push(pick(["(", ")", ","]));
      else body.push(pick(["x", "1", "+", "y2", "-"]));
    }
    lines.push(`#define ${n}${fn ? `(${[...params, ...(va ? ["..."] : [])].join(", ")})` : ""} ${body.join(" ")}`);
  }
  for (let k = 0; k < 4; k++) {
    const toks: string[] = [];
    const len = 3 + Math.floor(r() * 10);
    for (let i = 0; i < len; i++) {
      const c = r();
      toks.push(c < 0.4 ? pick(names) : c < 0.7 ? pick(["(", ")", ","]) : pick(["x", "1", "z", "+"]));
    }
    lines.push(`${toks.join(" ")} ;`);
  }
  return `${lines.join("\n")}\n`;
}

/** Random #if expressions (no division, so none is an error) selecting T<k> or F<k>. */
function randomIfProgram(seed: number, count: number): string {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)] as T;
  const atoms = ["0", "1", "2", "-1", "7u", "0xffffffffffffffff", "0x8000000000000000", "'a'", "'\\377'", "63", "3ULL", "N", "UNDEF", "defined(N)", "defined UNDEF"];
  const ops = ["+", "-", "*", "<<", ">>", "<", ">", "<=", ">=", "==", "!=", "&", "^", "|", "&&", "||"];
  const gen = (d: number): string => {
    const c = r();
    if (d > 4 || c < 0.3) return pick(atoms);
    if (c < 0.4) return `${pick(["-", "~", "!", "+"])} ${gen(d + 1)}`;
    if (c < 0.5) return `(${gen(d + 1)} ? ${gen(d + 1)} : ${gen(d + 1)})`;
    return `(${gen(d + 1)} ${pick(ops)} ${gen(d + 1)})`;
  };
  const lines = ["#define N 5"];
  for (let k = 0; k < count; k++) lines.push(`#if ${gen(0)}\nT${k}\n#else\nF${k}\n#endif`);
  return `${lines.join("\n")}\n`;
}

describe.skipIf(!haveGcc)("randomised differential against gcc -E -P", () => {
  it("agrees on 150 random macro programs (where gcc accepts them)", () => {
    let compared = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const src = randomMacroProgram(seed);
      const g = spawnSync("gcc", ["-E", "-P", "-std=gnu11", "-undef", "-x", "c", "-"], { input: src, encoding: "utf8" });
      if (g.status !== 0) continue;
      const ours = pp(src);
      expect(ours.diags.filter((d) => d.severity === "error"), `seed ${seed}:\n${src}`).toEqual([]);
      expect(tokens(ours.text), `seed ${seed}:\n${src}`).toBe(tokens(g.stdout));
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });

  it("agrees on 400 random #if expressions", () => {
    const src = randomIfProgram(7, 400);
    expect(tokens(pp(src).text)).toBe(tokens(gccE(src)));
  });
});
