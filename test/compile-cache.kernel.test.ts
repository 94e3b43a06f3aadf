/**
 * The compile cache (src/bpf/compile-cache.ts) as users get it: scripts run by `node` against the
 * built dist/ (the cache needs the build id), twice, with a private cache directory. A hit is
 * observable from outside: the process never loads the native C parser (tree-sitter).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeKernel } from "./harness/kernel.ts";

const DIST = new URL("../dist/index.js", import.meta.url).href;

describeKernel("compile cache (dist/, real kernel)", () => {
  let dir: string;
  let cacheDir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "bcc-ts-cc-"));
    cacheDir = join(dir, "cache");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs a script that compiles `text` with `cflags`, loads it and reports whether tree-sitter was loaded. */
  function run(text: string, cflags: string[] = [], env: Record<string, string> = {}) {
    const script = join(dir, `s${Math.random().toString(36).slice(2)}.mjs`);
    writeFileSync(script, `
import { createRequire } from "node:module";
import { BPF } from ${JSON.stringify(DIST)};
const b = new BPF({ text: ${JSON.stringify(text)}, cflags: ${JSON.stringify(cflags)} });
const loaded = Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes("/tree-sitter/"));
console.log(JSON.stringify({ parser: loaded, maps: [...b.tables.keys()] }));
b.close();
`);
    const r = spawnSync(process.execPath, [script], { encoding: "utf8", timeout: 60_000, env: { ...process.env, BCC_TS_CACHE_DIR: cacheDir, ...env }, cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout.trim().split("\n").pop()!) as { parser: boolean; maps: string[] };
  }
  const entries = () => { try { return readdirSync(cacheDir).filter((n) => n.endsWith(".bin")); } catch { return []; } };

  const PROG = `BPF_HASH(counts, u32, u64);
int tracepoint__syscalls__sys_enter_getppid(void *args) {
  u32 k = bpf_get_current_pid_tgid() >> 32;
  counts.increment(k);
  return 0;
}`;

  it("the second run of the same program skips the compiler; a changed program compiles again", () => {
    const first = run(PROG);
    expect(first.parser).toBe(true);
    expect(entries()).toHaveLength(1);
    const second = run(PROG);
    expect(second.parser).toBe(false);
    expect(second.maps).toEqual(first.maps);
    const changed = run(PROG.replace("counts.increment(k)", "counts.increment(k, 2)"));
    expect(changed.parser).toBe(true);
    expect(entries()).toHaveLength(2);
    // Different cflags are a different key too.
    expect(run(PROG, ["-DUNUSED=1"]).parser).toBe(true);
    expect(entries()).toHaveLength(3);
  });

  it("a corrupt entry is a miss, never a wrong program; BCC_TS_CACHE=0 turns the cache off", () => {
    for (const n of entries()) writeFileSync(join(cacheDir, n), readFileSync(join(cacheDir, n)).subarray(0, 40));
    expect(run(PROG).parser).toBe(true);
    expect(run(PROG).parser).toBe(false);
    expect(run(PROG, [], { BCC_TS_CACHE: "0" }).parser).toBe(true);
  });

  it("bcc-ts's own headers (<linux/...>) do not prevent caching", () => {
    const text = `#include <uapi/linux/ptrace.h>\n#include <linux/sched.h>\n${PROG}`;
    expect(run(text).parser).toBe(true);
    expect(run(text).parser).toBe(false);
  });

  it("bcc-ts run: the script bundle is cached and rebuilt when the script changes", () => {
    const bin = new URL("../bin/bcc-ts.js", import.meta.url).pathname;
    const script = join(dir, "tool.js");
    const lib = join(dir, "lib.js");
    writeFileSync(lib, "export const word = 'one';\n");
    writeFileSync(script, `import { BPF } from "bcc-ts";\nimport { word } from "./lib.js";\nconst b = new BPF({ text: ${JSON.stringify(PROG)} });\nconsole.log(word, b.get_table("counts") ? "counts" : "none");\nb.close();\n`);
    const runTool = () => {
      const r = spawnSync(process.execPath, [bin, "run", script], { encoding: "utf8", timeout: 60_000, env: { ...process.env, BCC_TS_CACHE_DIR: cacheDir }, cwd: dir });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      return r.stdout.trim();
    };
    const bundles = () => { try { return readdirSync(join(cacheDir, "scripts")); } catch { return []; } };
    expect(runTool()).toBe("one counts");
    expect(bundles()).toHaveLength(1);
    expect(runTool()).toBe("one counts");
    // An imported file changes (same length, so only its modification time tells): rebundled.
    writeFileSync(lib, "export const word = 'two';\n");
    expect(runTool()).toBe("two counts");
    expect(bundles()).toHaveLength(1);
  });

  it("a program that includes its own header is never cached", () => {
    writeFileSync(join(dir, "mine.h"), "#define STEP 3\n");
    const text = `#include "mine.h"\n${PROG.replace("counts.increment(k)", "counts.increment(k, STEP)")}`;
    const before = entries().length;
    expect(run(text).parser).toBe(true);
    expect(run(text).parser).toBe(true);
    expect(entries()).toHaveLength(before);
  });
});
