/**
 * Ctrl-C during a blocking poll: SIGINT must end the script promptly (< 200 ms from the signal to
 * the process being gone) even while it sits in a synchronous perf_buffer_poll() without timeout,
 * ring_buffer_poll() or trace_print(), and leave nothing in the kernel (cleanup.ts: no JS handler,
 * the default action ends the process and the fds take the kernel objects with them).
 * The same through the sandbox (`bcc-ts run`, needs `npm run build`): there SIGINT becomes a
 * KeyboardInterrupt in the guest, which ends it (exit 130) and the host closes everything.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeKernel } from "../harness/kernel.ts";
import { bundleScript, killAndTimeEnd, randomSuffix, runScript, waitForNoLeftovers } from "./support.ts";

describeKernel("reliability: SIGINT during blocking polls", () => {
  let script: { path: string; dispose(): void };
  beforeAll(async () => { script = await bundleScript("victim"); });
  afterAll(() => script?.dispose());

  for (const mode of ["perf", "ring", "trace"] as const) {
    it(`SIGINT in ${mode === "trace" ? "trace_print()" : `${mode === "perf" ? "perf_buffer_poll" : "ring_buffer_poll"}()`} ends the process within 200 ms`, async () => {
      const sfx = randomSuffix();
      const r = runScript(process.execPath, [script.path, mode, sfx]);
      await r.phase("poll");
      // Let it settle into the blocking call.
      await new Promise((res) => setTimeout(res, 300));
      const latency = killAndTimeEnd(r.child.pid!, "SIGINT");
      const e = await r.exited;
      console.log(`node ${mode}: SIGINT → process end in ${latency.toFixed(1)} ms`);
      expect(e.signal).toBe("SIGINT");
      expect(latency).toBeLessThan(200);
      const left = await waitForNoLeftovers(sfx, r.child.pid);
      expect(left).toEqual({ progs: [], maps: [], links: [], probes: [] });
    });
  }

  for (const mode of ["perf", "ring"] as const) {
    it(`bcc-ts run: SIGINT in ${mode}_buffer_poll() ends the sandboxed script within 200 ms, nothing left`, async () => {
      const sfx = randomSuffix();
      const dir = mkdtempSync(join(tmpdir(), "bcc-ts-sig-"));
      try {
        const script = join(dir, "poll.js");
        const decl = mode === "perf" ? `BPF_PERF_OUTPUT(ev_${sfx});` : `BPF_RINGBUF_OUTPUT(ev_${sfx}, 8);`;
        const submit = mode === "perf" ? `ev_${sfx}.perf_submit(ctx, &v, sizeof(v));` : `ev_${sfx}.ringbuf_output(&v, sizeof(v), 0);`;
        const c = `${decl} int tp_${sfx}(void *ctx) { u64 v = 1; ${submit} return 0; }`;
        writeFileSync(script, [
          `import { BPF } from "bcc-ts";`,
          `const b = new BPF({ text: ${JSON.stringify(c)} });`,
          `b.attach_tracepoint({ tp: "syscalls:sys_enter_getppid", fn_name: "tp_${sfx}" });`,
          `b.get_table("ev_${sfx}").${mode === "perf" ? "open_perf_buffer" : "open_ring_buffer"}(() => {});`,
          `console.log("phase:poll");`,
          `for (;;) b.${mode}_buffer_poll();`,
        ].join("\n") + "\n");
        const r = runScript(process.execPath, [join(import.meta.dirname, "..", "..", "bin", "bcc-ts.js"), "run", script]);
        await r.phase("poll");
        await new Promise((res) => setTimeout(res, 300));
        const latency = killAndTimeEnd(r.child.pid!, "SIGINT");
        const e = await r.exited;
        console.log(`bcc-ts run ${mode}: SIGINT → end in ${latency.toFixed(1)} ms, exit ${e.code ?? e.signal}`);
        expect(latency).toBeLessThan(200);
        expect(e.code === 130 || e.signal === "SIGINT", `exit ${e.code ?? e.signal}: ${r.stderr()}`).toBe(true);
        expect(r.stderr()).not.toMatch(/^\s+at /m);
        const left = await waitForNoLeftovers(sfx, r.child.pid);
        expect(left).toEqual({ progs: [], maps: [], links: [], probes: [] });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
