import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ScriptCache } from "./script-cache.ts";
import { cacheKey } from "../bpf/compile-cache.ts";

describe("ScriptCache", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), "bcc-ts-sc-"));
    dirs.push(d);
    return d;
  };

  it("returns a bundle while its inputs are unchanged, and misses when one changes or vanishes", () => {
    const work = tmp();
    writeFileSync(join(work, "tool.js"), "import './lib.js';\n");
    writeFileSync(join(work, "lib.js"), "console.log(1);\n");
    const cache = new ScriptCache(join(work, "cache"), "k1");
    expect(cache.get()).toBeUndefined();
    cache.put({ code: "CODE", map: "MAP" }, ["tool.js", "lib.js", "bcc-virtual:bcc-ts"], work);
    expect(cache.get()).toEqual({ code: "CODE", map: "MAP" });
    // Another key does not see it.
    expect(new ScriptCache(join(work, "cache"), "k2").get()).toBeUndefined();
    // Same size, new modification time: a miss.
    writeFileSync(join(work, "lib.js"), "console.log(2);\n");
    utimesSync(join(work, "lib.js"), new Date(), new Date(Date.now() + 5000));
    expect(cache.get()).toBeUndefined();
    cache.put({ code: "CODE2", map: "MAP2" }, ["tool.js", "lib.js"], work);
    expect(cache.get()?.code).toBe("CODE2");
    rmSync(join(work, "lib.js"));
    expect(cache.get()).toBeUndefined();
  });

  it("a corrupt entry is a miss; an input that is gone at put time is not cached", () => {
    const work = tmp();
    writeFileSync(join(work, "tool.js"), "x");
    const cache = new ScriptCache(join(work, "cache"), "k");
    cache.put({ code: "C", map: "M" }, ["tool.js", "missing.js"], work);
    expect(cache.get()).toBeUndefined();
    cache.put({ code: "C", map: "M" }, ["tool.js"], work);
    for (const n of readdirSync(join(work, "cache", "scripts"))) writeFileSync(join(work, "cache", "scripts", n), "{ not json");
    expect(cache.get()).toBeUndefined();
  });

  it("cache keys: stable names, different for different material (and the material is kept whole)", () => {
    expect(cacheKey("abc")).toEqual(cacheKey("abc"));
    const names = new Set<string>();
    for (let i = 0; i < 5000; i++) names.add(cacheKey(`prog ${i}\0int x = ${i};`).name);
    expect(names.size).toBe(5000);
    expect(cacheKey("a\0b").material).toBe("a\0b");
    expect(cacheKey("x").name).toMatch(/^[0-9a-f]+$/);
  });
});
