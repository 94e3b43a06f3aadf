/**
 * Bad environments: not root (CLI and BPF class), no tracefs, no kernel BTF, a tracepoint that
 * does not exist, a library without the symbol, a pid that is gone, a full map. Each must end in
 * ONE clear line (what, where, what to do) on stderr and a non-zero exit, never a JS stack trace
 * or an "internal error", and must leave nothing in the kernel. The C side of a full map is
 * checked too: map_update_elem returns -E2BIG to the program.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { AS_NOBODY, describeKernel, letOthersTraverse } from "../harness/kernel.ts";
import { BPF } from "../../src/index.ts";
import { progTestRun } from "../../src/sys/index.ts";
import { bundleScript, randomSuffix, waitForNoLeftovers } from "./support.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const NOBODY = AS_NOBODY;

function deadPid(): number {
  const r = spawnSync("true");
  return r.pid!;
}

function expectOneClearLine(stderr: string, mustMention: RegExp): void {
  const lines = stderr.trimEnd().split("\n");
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain("internal error");
  expect(stderr).toMatch(mustMention);
}

describeKernel("reliability: bad environments give one clear line", () => {
  let script: { path: string; dispose(): void };
  let restoreModes = () => {};
  beforeAll(async () => {
    restoreModes = letOthersTraverse(ROOT);
    script = await bundleScript("bad-env");
  });
  afterAll(() => {
    restoreModes();
    script?.dispose();
  });

  const scenarios: { name: string; mention: RegExp; asNobody?: boolean; extra?: () => string[] }[] = [
    { name: "nonroot", mention: /root|CAP_BPF|permission|EPERM/i, asNobody: true },
    { name: "no-tracefs", mention: /tracefs/i },
    { name: "no-btf", mention: /BTF/ },
    { name: "no-tracepoint", mention: /nosuchcategory:nosuchevent|nosuchcategory\/nosuchevent/ },
    { name: "no-symbol", mention: /no_such_fn/ },
    { name: "dead-pid", mention: /pid|process/i, extra: () => [String(deadPid())] },
    { name: "map-full", mention: /hf_\w+/ },
  ];
  for (const s of scenarios) {
    it(`${s.name}: one clear line, non-zero exit, nothing left`, async () => {
      const sfx = randomSuffix();
      const cmd = s.asNobody ? NOBODY[0]! : process.execPath;
      const args = [...(s.asNobody ? [...NOBODY.slice(1), process.execPath] : []), script.path, s.name, sfx, ...(s.extra?.() ?? [])];
      const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 30_000 });
      expect(r.stdout, r.stderr).toMatch(/class:\w+ userFacing:/);
      expect(r.status, r.stdout + r.stderr).not.toBe(0);
      expect(r.status).not.toBeNull();
      expectOneClearLine(r.stderr, s.mention);
      const left = await waitForNoLeftovers(sfx, r.pid);
      expect(left).toEqual({ progs: [], maps: [], links: [], probes: [] });
    });
  }

  for (const cli of [["features"], ["tplist", "sched:*"], ["trace-pipe"], ["compile", "--load", "-"]]) {
    it(`not root: bcc-ts ${cli.join(" ")} says so in one line`, () => {
      const r = spawnSync(NOBODY[0]!, [...NOBODY.slice(1), process.execPath, join(ROOT, "bin", "bcc-ts.js"), ...cli], {
        encoding: "utf8", timeout: 30_000, input: "int kprobe__x(void *ctx) { return 0; }\n",
      });
      // `features` may legitimately succeed as non-root, reporting what it cannot probe.
      if (cli[0] === "features" && r.status === 0) {
        expect(r.stderr).not.toMatch(/^\s+at /m);
        return;
      }
      expect(r.status, r.stdout + r.stderr).not.toBe(0);
      expectOneClearLine(r.stderr, /root|CAP_|permission|privilege/i);
    });
  }

  it("a full hash map: the C side sees -E2BIG from map_update_elem", () => {
    const b = new BPF({ text: `
      struct ctx { long long a[8]; };
      BPF_HASH(full, u32, u64, 1);
      int test(struct ctx *c) {
        u32 k0 = 1, k1 = 2;
        u64 v = 7;
        c->a[0] = full.update(&k0, &v);
        c->a[1] = full.update(&k1, &v);
        return 0;
      }` });
    try {
      const fn = b.load_func("test", "syscall");
      const ctx = new Uint8Array(64);
      progTestRun(fn.fd, { ctxIn: ctx });
      const dv = new DataView(ctx.buffer);
      expect(dv.getBigInt64(0, true)).toBe(0n);
      expect(dv.getBigInt64(8, true)).toBe(-7n); // -E2BIG
    } finally {
      b.close();
    }
  });
});
