/**
 * Ports of BCC's examples/tracing programs: each started as a user would, its event triggered by
 * this test, its real output checked (only the lines of our own processes: the machine is shared).
 */
import { execFileSync } from "node:child_process";
import { expect, it } from "vitest";
import { describeKernel } from "../harness/kernel.ts";
import { linesWith, runExample } from "./run-example.ts";
import { cloneFrom, pythonLoop, pythonNamed } from "./triggers.ts";

describeKernel("examples/tracing ports", () => {
  it("trace_fields prints PID MESSAGE for our clone()", async () => {
    const pids: number[] = [];
    const r = await runExample("trace_fields.js", {
      trigger: () => void pids.push(cloneFrom("bcctsTF")),
      until: (o) => pids.some((p) => o.includes(`\n${p} Hello, World!`)),
    });
    expect(r.stdout.split("\n")[0]).toBe("PID MESSAGE");
    expect(r.matched).toBe(true);
    expect(r.code).toBe(0);
  });

  it("trace_perf_output prints records and the counter comparison on Ctrl-C", async () => {
    const r = await runExample("trace_perf_output.js", { trigger: () => void cloneFrom("bcctsTP"), until: (o) => /: 12345678$/m.test(o) });
    expect(r.matched).toBe(true);
    expect(r.stdout).toMatch(/^\[\d+\] \d+\.\d{6}: 12345678$/m);
    const m = /^counter = (\d+) vs (\d+)$/m.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(0);
    // the kernel counts every clone; user space saw at most that many
    expect(Number(m![2])).toBeGreaterThanOrEqual(Number(m![1]));
    expect(r.code).toBe(0);
  });

  it("setuid_monitor prints our setuid() call", async () => {
    const r = await runExample("setuid_monitor.js", {
      trigger: () => void pythonNamed("bcctsSU", "os.setuid(0)"),
      until: (o) => o.includes("bcctsSU"),
    });
    expect(r.stdout.split("\n")[0]).toBe("TIME(s)        COMMAND      PID    UID");
    expect(r.matched).toBe(true);
    expect(linesWith(r.stdout, "bcctsSU")[0]).toMatch(/^\d+\.\d{3}\s+bcctsSU\s+\d+\s+0$/);
  });

  it("strlen_hist prints a histogram of strlen() results every second", async () => {
    const r = await runExample("strlen_hist.js", {
      trigger: () => void execFileSync("python3", ["-c", "pass"]),
      every: 300,
      until: (o) => /strlen return:\s+: count\s+distribution/.test(o) && /: [1-9]\d*\s+\|\*/.test(o),
    });
    expect(r.matched).toBe(true);
    expect(r.stdout).toMatch(/^\d\d:\d\d:\d\d$/m);
    expect(r.code).toBe(0);
  });

  it("strlen_snoop prints the strings one process passes to strlen()", async () => {
    const marker = `bccts-snoop-${process.pid}`;
    const child = pythonLoop("bcctsSS", `ctypes.CDLL(None).strlen(b"${marker}")\ntime.sleep(0.05)`);
    try {
      const r = await runExample("strlen_snoop.js", { args: [String(child.pid)], until: (o) => o.includes(marker) });
      expect(r.matched).toBe(true);
      expect(linesWith(r.stdout, marker)[0]).toMatch(new RegExp(`^\\d+\\.\\d{9}\\s+bcctsSS\\s+${child.pid}\\s+${marker}$`));
      // (trace_pipe is shared: lines from other tracers on the machine may appear too, as in BCC)
    } finally {
      child.kill();
    }
  });

  it("mallocstacks sums malloc()ed bytes by user stack and prints them on Ctrl-C", async () => {
    const child = pythonLoop("bcctsMS", "ctypes.CDLL(None).malloc(1000)\ntime.sleep(0.01)");
    try {
      const r = await runExample("mallocstacks.js", { args: [String(child.pid)], ready: /Attaching to malloc/, until: () => false, timeoutMs: 1500 });
      expect(r.stdout.split("\n")[0]).toBe(`Attaching to malloc in pid ${child.pid}, Ctrl+C to quit.`);
      expect(r.stdout).toMatch(/^\d+ bytes allocated at:$/m);
      expect(r.stdout).toMatch(/^\t\S/m); // at least one symbolized frame
      expect(r.code).toBe(0);
    } finally {
      child.kill();
    }
  });

  it("biolatpcts prints latency percentiles of block I/O every 3 seconds", async () => {
    const file = `/var/tmp/bccts-biolatpcts-${process.pid}`;
    try {
      const r = await runExample("biolatpcts.js", {
        ready: /Block I\/O latency percentile example/,
        trigger: () => void execFileSync("dd", ["if=/dev/zero", `of=${file}`, "bs=4096", "count=8", "oflag=direct"], { stdio: "ignore" }),
        every: 300,
        until: (o) => /^p50=\d+us p75=\d+us p90=\d+us p99=\d+us $/m.test(o),
        timeoutMs: 8000,
      });
      expect(r.matched).toBe(true);
      // our direct writes completed, so some percentile is above zero
      expect(r.stdout).toMatch(/^p50=\d+us p75=\d+us p90=\d+us p99=[1-9]\d*us $/m);
      expect(r.code).toBe(0);
    } finally {
      execFileSync("rm", ["-f", file]);
    }
  });
});
