/**
 * On a kernel without kprobes (this machine: CONFIG_KPROBES off), the examples that need them must
 * say so in ONE line and exit 1, not dump a stack trace. Where kprobes exist, their real tests are
 * in needs-kprobes.vm.kernel.test.ts (the qemu guest).
 */
import { expect, it } from "vitest";
import { FeatureCache } from "../../src/features/index.ts";
import { describeKernel } from "../harness/kernel.ts";
import { runExample } from "./run-example.ts";

const KPROBE_ONLY: [string, string[]][] = [
  ["bitehist.js", []],
  ["disksnoop.js", []],
  ["disklatency.js", []],
  ["vfsreadlat.js", []],
  ["task_switch.js", []],
  ["stacksnoop.js", ["vfs_read"]],
  ["tcpconnect.js", []],
  ["tcpv4connect.js", []],
  ["nflatency.js", []],
  ["undump.js", []],
];

describeKernel("examples that need kprobes, on a kernel without them", () => {
  const features = new FeatureCache();
  const kprobes = features.has("kprobe_pmu") || features.has("kprobe_events");

  it.skipIf(kprobes)("each exits 1 with one line naming the missing feature (run and --node)", async () => {
    // three at a time: a start compiles C, and the machine has two cores
    const jobs = KPROBE_ONLY.flatMap(([script, args]) => [false, true].map((node) => ({ script, args, node })));
    const runs: { script: string; node: boolean; r: Awaited<ReturnType<typeof runExample>> }[] = [];
    for (let i = 0; i < jobs.length; i += 3) {
      runs.push(
        ...(await Promise.all(
          jobs.slice(i, i + 3).map(async ({ script, args, node }) => ({ script, node, r: await runExample(script, { args, node, selfExit: true, timeoutMs: 0 }) })),
        )),
      );
    }
    for (const { script, node, r } of runs) {
      const what = `${script}${node ? " --node" : ""}`;
      expect(r.code, what).toBe(1);
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines, what).toHaveLength(1);
      expect(lines[0], what).toMatch(/^bcc-ts: .*kprobe.*/);
      expect(lines[0], what).toMatch(/no kprobes|no kernel function matches/);
    }
  });
});
