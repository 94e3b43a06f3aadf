/**
 * Plain `node script.mjs` (no `bcc-ts` CLI around it): an uncaught user-facing bcc-ts error —
 * thrown at top level, from a top-level await, from a timer, as an unhandled rejection — prints ONE
 * line (`bcc-ts: script.mjs:LINE: message`; a CompileError its diagnostic block), exits non-zero
 * (3 for CompileError) and leaves nothing in the kernel (src/bpf/uncaught.ts). Any other uncaught
 * error keeps Node's own output and exit code exactly, and a script's own 'uncaughtException'
 * listener still gets bcc-ts errors. SIGTERM during a blocking poll still ends the process with
 * nothing left (SIGINT: signals.kernel.test.ts).
 *
 * The scripts import a bundle of the current sources laid out as the package's dist/ (so the
 * bcc-ts frames are recognised as the library's) and live in their own directory, as a user's do.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AS_NOBODY, describeKernel, letOthersTraverse } from "../harness/kernel.ts";
import { bundleSourcesEsm } from "../harness/esm-bundle.mjs";
import { killAndTimeEnd, randomSuffix, runScript, waitForNoLeftovers } from "./support.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const NOBODY = AS_NOBODY;
const NO_LEFTOVERS = { progs: [], maps: [], links: [], probes: [] };

let libDir = "";
let lib = "";
let scripts = "";

/** src/index.ts bundled as <tmp>/dist/index.mjs, with <tmp>/compat → compat (its include dir). */
async function bundleLibrary(): Promise<void> {
  const cache = join(ROOT, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  libDir = mkdtempSync(join(cache, "bcc-ts-uncaught-"));
  chmodSync(libDir, 0o755);
  symlinkSync(join(ROOT, "compat"), join(libDir, "compat"));
  lib = join(libDir, "dist", "index.mjs");
  await bundleSourcesEsm(join(ROOT, "src", "index.ts"), lib);
  chmodSync(join(libDir, "dist"), 0o755);
}

/** Writes scripts/<name>.mjs (line 1 imports the bundle as `bcc`) and returns its file name. */
function script(name: string, lines: readonly string[]): string {
  const file = `${name}.mjs`;
  writeFileSync(join(scripts, file), [`import * as bcc from ${JSON.stringify(lib)};`, ...lines].join("\n") + "\n");
  return file;
}

function node(file: string, opts: { env?: Record<string, string>; asNobody?: boolean } = {}) {
  const cmd = opts.asNobody ? NOBODY[0]! : process.execPath;
  const args = [...(opts.asNobody ? [...NOBODY.slice(1), process.execPath] : []), file];
  const env = { ...process.env, ...opts.env };
  delete env.BCC_TS_DEBUG;
  if (opts.env?.BCC_TS_DEBUG) env.BCC_TS_DEBUG = opts.env.BCC_TS_DEBUG;
  const r = spawnSync(cmd, args, { cwd: scripts, encoding: "utf8", timeout: 30_000, env });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, pid: r.pid };
}

/** A program with a map and a tracepoint it attaches, so a missed cleanup would show. */
function liveObject(sfx: string): string[] {
  return [
    `const live = new bcc.BPF({ text: "BPF_HASH(h_${sfx}, u32, u64); int tp_${sfx}(void *ctx) { u32 k = 0; u64 v = 1; h_${sfx}.update(&k, &v); return 0; }" });`,
    `live.attach_tracepoint({ tp: "syscalls:sys_enter_getppid", fn_name: "tp_${sfx}" });`,
  ];
}

describeKernel("reliability: uncaught bcc-ts errors in plain node", () => {
  let restoreModes = () => {};
  beforeAll(async () => {
    restoreModes = letOthersTraverse(ROOT);
    await bundleLibrary();
    scripts = mkdtempSync(join(tmpdir(), "bcc-ts-uncaught-scripts-"));
    chmodSync(scripts, 0o755);
  });
  afterAll(() => {
    restoreModes();
    if (libDir) rmSync(libDir, { recursive: true, force: true });
    if (scripts) rmSync(scripts, { recursive: true, force: true });
  });

  it("a CompileError prints the diagnostic block (file:line:col, source, caret), exit 3, nothing left", async () => {
    const sfx = randomSuffix();
    const file = script(`compile_${sfx}`, [
      ...liveObject(sfx),
      `new bcc.BPF({ text: "int f(void *ctx) {\\n  return nope;\\n}\\n" });`,
    ]);
    const r = node(file);
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toBe([
      `bcc-ts: ${file}:4: 1 error compiling the BPF program:`,
      `<text>:2:10: error: use of undeclared identifier 'nope' [sema/unknown-identifier]`,
      `      return nope;`,
      `             ^~~~`,
      ``,
    ].join("\n"));
    expect(await waitForNoLeftovers(sfx, r.pid)).toEqual(NO_LEFTOVERS);
  });

  // Each: the script's lines after the live object, the line the error is reported at, what it must say.
  const oneLiners: { name: string; lines: (sfx: string) => string[]; at?: number; mention: RegExp; asNobody?: boolean }[] = [
    { name: "missing tracepoint", lines: (s) => [`live.attach_tracepoint({ tp: "nosuchcat_${s}:nosuchevt", fn_name: "tp_${s}" });`], at: 4, mention: /tracepoint nosuchcat_\w+:nosuchevt does not exist.*tplist/ },
    { name: "top-level await", lines: (s) => [`await new Promise((r) => setTimeout(r, 20));`, `live.attach_tracepoint({ tp: "nosuchcat_${s}:nosuchevt", fn_name: "tp_${s}" });`], at: 5, mention: /nosuchcat_\w+:nosuchevt/ },
    { name: "timer callback", lines: (s) => [`setTimeout(() => live.get_table("nosuchmap_${s}"), 20);`], at: 4, mention: /no map named nosuchmap_\w+ .*maps: h_\w+/ },
    { name: "unhandled rejection", lines: (s) => [`Promise.resolve().then(() => live.load_func("nosuchfn_${s}", "tracepoint"));`], at: 4, mention: /no function named nosuchfn_\w+/ },
    { name: "USDT on a dead pid", lines: () => [`new bcc.USDT({ pid: 2 ** 22 + 1 });`], at: 4, mention: /USDT.*pid/ },
  ];
  for (const s of oneLiners) {
    it(`${s.name}: one line with the script's line, exit 1, nothing left`, async () => {
      const sfx = randomSuffix();
      const file = script(`one_${sfx}`, [...liveObject(sfx), ...s.lines(sfx)]);
      const r = node(file);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr.split("\n"), r.stderr).toHaveLength(2);
      expect(r.stderr.startsWith(`bcc-ts: ${file}:${s.at}: `), r.stderr).toBe(true);
      expect(r.stderr).toMatch(s.mention);
      expect(await waitForNoLeftovers(sfx, r.pid)).toEqual(NO_LEFTOVERS);
    });
  }

  it("not root: one line that says what is missing, non-zero exit", async () => {
    const sfx = randomSuffix();
    const file = script(`nonroot_${sfx}`, liveObject(sfx));
    const r = node(file, { asNobody: true });
    expect(r.status, r.stderr).not.toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^bcc-ts: ${file}:2: .*(root|CAP_BPF).*\\n$`));
    expect(await waitForNoLeftovers(sfx, r.pid)).toEqual(NO_LEFTOVERS);
  });

  it("BCC_TS_DEBUG=1: the same line, then the stack", () => {
    const sfx = randomSuffix();
    const file = script(`debug_${sfx}`, [`new bcc.USDT({ pid: 2 ** 22 + 1 });`]);
    const r = node(file, { env: { BCC_TS_DEBUG: "1" } });
    expect(r.status).toBe(1);
    const lines = r.stderr.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^bcc-ts: ${file}:2: USDT`));
    expect(r.stderr).toMatch(/^\s+at .*dist\/index\.mjs/m);
  });

  it("the script's own 'uncaughtException' listener still receives bcc-ts errors", async () => {
    const sfx = randomSuffix();
    const file = script(`own_${sfx}`, [
      `process.on("uncaughtException", (e) => { console.log("handled:" + e.name); process.exit(5); });`,
      ...liveObject(sfx),
      `live.attach_tracepoint({ tp: "nosuchcat_${sfx}:nosuchevt", fn_name: "tp_${sfx}" });`,
    ]);
    const r = node(file);
    expect(r.status, r.stderr).toBe(5);
    expect(r.stdout).toBe("handled:AttachError\n");
    expect(r.stderr).toBe("");
    expect(await waitForNoLeftovers(sfx, r.pid)).toEqual(NO_LEFTOVERS);
  });

  // Other errors: exactly what Node prints without bcc-ts (the import is the only difference; it
  // sits on line 1 in both, so the snippets and line numbers agree), and the live object is closed.
  const foreign: { name: string; lines: string[] }[] = [
    { name: "a thrown Error", lines: [`throw new Error("boom");`] },
    { name: "a TypeError", lines: [`null.boom();`] },
    { name: "a user class named *Error", lines: [`class MyError extends Error { name = "MyError"; userFacing = false; }`, `throw new MyError("boom");`] },
    { name: "a rejected top-level await", lines: [`await new Promise((r) => setTimeout(r, 20));`, `throw new RangeError("boom");`] },
    { name: "an unhandled rejection (not an Error)", lines: [`Promise.reject("boom");`] },
    { name: "a throw in a timer", lines: [`setTimeout(() => { throw new Error("boom"); }, 20);`] },
  ];
  for (const f of foreign) {
    it(`${f.name} keeps Node's own output and exit code`, async () => {
      const sfx = randomSuffix();
      const withBcc = script(`foreign_${sfx}`, [...f.lines, `// ${"-".repeat(40)}`]);
      // Same length first line, so every column and line number in the output matches.
      const without = `plain_${sfx}.mjs`;
      const first = `import * as bcc from ${JSON.stringify(lib)};`;
      writeFileSync(join(scripts, without), [`const bcc = {}; //${" ".repeat(first.length - 17)}`, ...f.lines, `// ${"-".repeat(40)}`].join("\n") + "\n");
      const a = node(withBcc);
      const b = node(without);
      expect(a.status).toBe(1);
      expect(b.status).toBe(1);
      expect(a.stderr).toContain("boom");
      expect(a.stderr).toMatch(/Node\.js v\d+/);
      expect(a.stderr.replaceAll(withBcc, "X")).toBe(b.stderr.replaceAll(without, "X"));

      // With a live BPF object, the 'exit' hook still closes it.
      const live = script(`foreignlive_${sfx}`, [...liveObject(sfx), ...f.lines]);
      const c = node(live);
      expect(c.status).toBe(1);
      expect(c.stderr).toContain("boom");
      expect(await waitForNoLeftovers(sfx, c.pid)).toEqual(NO_LEFTOVERS);
    });
  }

  it("SIGTERM during a blocking perf_buffer_poll() ends the process, nothing left", async () => {
    const sfx = randomSuffix();
    const file = script(`term_${sfx}`, [
      `const b = new bcc.BPF({ text: "BPF_PERF_OUTPUT(ev_${sfx}); int tp_${sfx}(void *ctx) { u64 v = 1; ev_${sfx}.perf_submit(ctx, &v, sizeof(v)); return 0; }" });`,
      `b.attach_tracepoint({ tp: "syscalls:sys_enter_getppid", fn_name: "tp_${sfx}" });`,
      `b.get_table("ev_${sfx}").open_perf_buffer(() => {});`,
      `console.log("phase:poll");`,
      `for (;;) b.perf_buffer_poll();`,
    ]);
    const r = runScript(process.execPath, [join(scripts, file)]);
    await r.phase("poll");
    await new Promise((res) => setTimeout(res, 300));
    const ms = killAndTimeEnd(r.child.pid!, "SIGTERM");
    const e = await r.exited;
    expect(e.signal).toBe("SIGTERM");
    expect(ms).toBeLessThan(200);
    expect(await waitForNoLeftovers(sfx, r.child.pid)).toEqual(NO_LEFTOVERS);
  });
});
