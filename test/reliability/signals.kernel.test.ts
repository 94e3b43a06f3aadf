/**
 * Ctrl-C during a blocking poll: SIGINT must end the script promptly (< 200 ms from the signal to
 * the process being gone) even while it sits in a synchronous perf_buffer_poll() without timeout,
 * ring_buffer_poll() or trace_print(), and leave nothing in the kernel (cleanup.ts: no JS handler,
 * the default action ends the process and the fds take the kernel objects with them).
 * The sandbox (`bcc-ts run`) cases come when src/sandbox has its host loop.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
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
      expect(e.signal).toBe("SIGINT");
      expect(latency).toBeLessThan(200);
      const left = await waitForNoLeftovers(sfx, r.child.pid);
      expect(left).toEqual({ progs: [], maps: [], links: [], probes: [] });
    });
  }
});
