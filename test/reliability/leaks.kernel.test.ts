/**
 * Nothing left behind: a BCC-style script (scripts/victim.ts: perf + ring buffers, a hash map,
 * tracepoint, raw_tp and uprobe programs) is killed by SIGINT, SIGTERM, SIGKILL or an uncaught
 * exception during compile, load, attach and polling, at a random moment (0–40 ms after it
 * announces the phase). Afterwards the kernel must hold none of its programs, maps or links (found
 * by the random name suffix through the bpf id walk) and tracefs no probe entry of its pid.
 * The legacy tracefs uprobe path cannot be cleaned by a killed process: the next BPF start must.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describeKernel } from "../harness/kernel.ts";
import { BPF } from "../../src/index.ts";
import { bundleScript, leftovers, randomSuffix, runScript, waitForNoLeftovers } from "./support.ts";

const PHASES = ["compile", "load", "attach", "poll"] as const;
const ENDINGS = ["SIGINT", "SIGTERM", "SIGKILL", "uncaught"] as const;

describeKernel("reliability: killed scripts leave nothing behind", () => {
  let script: { path: string; dispose(): void };
  beforeAll(async () => { script = await bundleScript("victim"); });
  afterAll(() => script?.dispose());

  for (const ending of ENDINGS) {
    for (const phase of PHASES) {
      it(`${ending} during ${phase}`, async () => {
        const sfx = randomSuffix();
        const mode = phase === "poll" ? (ending === "SIGTERM" ? "ring" : ending === "SIGINT" ? "trace" : "perf") : "perf";
        const r = runScript(process.execPath, [script.path, mode, sfx], ending === "uncaught" ? { THROW_AT: phase } : {});
        await r.phase(phase);
        if (ending !== "uncaught") {
          await new Promise((res) => setTimeout(res, Math.floor(Math.random() * 40)));
          r.child.kill(ending);
        }
        const e = await r.exited;
        if (ending === "uncaught") {
          expect(e.code).toBe(1);
          expect(r.stderr()).toContain(`deliberate uncaught exception at ${phase}`);
        } else {
          expect(e.signal).toBe(ending);
        }
        const left = await waitForNoLeftovers(sfx, r.child.pid);
        expect(left).toEqual({ progs: [], maps: [], links: [], probes: [] });
      });
    }
  }

  it("a legacy tracefs uprobe left by SIGKILL is removed by the next BPF start", async () => {
    const sfx = randomSuffix();
    const r = runScript(process.execPath, [script.path, "uprobe-tracefs", sfx]);
    await r.phase("poll");
    const pid = r.child.pid!;
    // While alive, the entry is there (so the check below can fail).
    expect(leftovers(sfx, pid).probes.length).toBe(1);
    r.child.kill("SIGKILL");
    await r.exited;
    // fd-owned objects die with the process; the tracefs entry does not.
    const after = await waitForNoLeftovers(sfx, undefined);
    expect(after).toEqual({ progs: [], maps: [], links: [], probes: [] });
    expect(leftovers(sfx, pid).probes.length).toBe(1);
    const b = new BPF({ text: "int nop_probe(void *ctx) { return 0; }" });
    try {
      const tf = b.tracefs;
      const events = readFileSync(join(tf.root, "uprobe_events"), "utf8");
      expect(events).not.toContain(`bcc_ts_${pid}/`);
    } finally {
      b.close();
    }
  });
});
