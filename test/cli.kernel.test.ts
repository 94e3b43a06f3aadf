import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";
import { AS_NOBODY, describeKernel, letOthersTraverse } from "./harness/kernel.ts";

const bin = new URL("../bin/bcc-ts.js", import.meta.url).pathname;

describeKernel("bcc-ts CLI on the real kernel", () => {
  it("as a non-root user, a kernel command fails with one clear line and no stack trace", () => {
    // Drop to nobody for the child only (we are root here).
    const restoreModes = letOthersTraverse(bin);
    let r;
    try {
      r = spawnSync(AS_NOBODY[0]!, [...AS_NOBODY.slice(1), process.execPath, bin, "trace-pipe"], { encoding: "utf8", timeout: 20_000 });
    } finally {
      restoreModes();
    }
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/needs root \(or CAP_BPF and CAP_PERFMON\)/);
  });

  it("features reports this kernel's facts", () => {
    const r = spawnSync(process.execPath, [bin, "features", "--json"], { encoding: "utf8", timeout: 20_000 });
    expect(r.status).toBe(0);
    const results = JSON.parse(r.stdout) as { name: string; status: string }[];
    expect(results.find((x) => x.name === "bpf")?.status).toBe("available");
    expect(results.find((x) => x.name === "ringbuf")?.status).toBe("available");
  });

  it("tplist -v prints a tracepoint's fields", () => {
    const r = spawnSync(process.execPath, [bin, "tplist", "sched:sched_switch", "-v"], { encoding: "utf8", timeout: 20_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("sched:sched_switch");
    expect(r.stdout).toContain("char prev_comm[16];");
  });
});
