/**
 * BCC tutorial lessons (docs/tutorial_bcc_python_developer.md) ported to examples/: each is started
 * as a user would, its event is triggered by this test, and its real output is checked.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { expect, it } from "vitest";
import { describeKernel } from "../harness/kernel.ts";
import { linesWith, runExample } from "./run-example.ts";

const syncTwice = () => {
  execFileSync("sync");
  execFileSync("sync");
};
/** fork() (glibc's fork is the clone syscall) from a process named `comm`, so the line is ours. */
const cloneWithComm = (comm: string) => () => {
  spawnSync("python3", ["-c", `import ctypes, os; ctypes.CDLL(None).prctl(15, b"${comm}", 0, 0, 0); os.fork() or os._exit(0); os.wait()`]);
};

describeKernel("tutorial examples", () => {
  it("hello_world prints the same under run and run --node", async () => {
    const comm = "bcctsHW";
    const until = (o: string) => linesWith(o, "Hello, World!").length > 0 && o.includes(comm);
    const sandbox = await runExample("hello_world.js", { trigger: cloneWithComm(comm), until });
    const node = await runExample("hello_world.js", { node: true, trigger: cloneWithComm(comm), until });
    expect(sandbox.matched).toBe(true);
    expect(node.matched).toBe(true);
    // Same lines for our own process, up to pid and timestamp.
    const norm = (o: string) => linesWith(o, comm).map((l) => l.replace(/\d+/g, "N").trim())[0];
    expect(norm(sandbox.stdout)).toBe(norm(node.stdout));
    expect(norm(sandbox.stdout)).toMatch(/bpf_trace_printk: Hello, World!/);
  });

  it("sys_sync prints a line per sync()", async () => {
    const r = await runExample("sys_sync.js", { trigger: () => void execFileSync("sync"), until: (o) => o.includes("sys_sync() called") });
    expect(r.stdout.split("\n")[0]).toBe("Tracing sys_sync()... Ctrl-C to end.");
    expect(r.matched).toBe(true);
    expect(linesWith(r.stdout, "sys_sync() called")[0]).toMatch(/^\s*sync-\d+\s+\[\d+\].*bpf_trace_printk: sys_sync\(\) called$/);
  });

  it("hello_fields prints TIME COMM PID MESSAGE for our clone() (run and --node)", async () => {
    for (const node of [false, true]) {
      const comm = "bcctsHF";
      const r = await runExample("hello_fields.js", { node, trigger: cloneWithComm(comm), until: (o) => o.includes(comm) });
      expect(r.matched).toBe(true);
      expect(r.stdout.split("\n")[0]).toBe("TIME(s)            COMM             PID    MESSAGE");
      expect(linesWith(r.stdout, comm)[0]).toMatch(/^\d+\.\d{9}\s+bcctsHF\s+\d+\s+Hello, World!$/);
      expect(r.code).toBe(0);
    }
  });

  it("sync_timing reports quick syncs", async () => {
    const r = await runExample("sync_timing.js", { trigger: syncTwice, until: (o) => o.includes("multiple syncs detected") });
    expect(r.matched).toBe(true);
    expect(r.stdout).toMatch(/^At time \d+\.\d\d s: multiple syncs detected, last \d+ ms ago$/m);
    expect(r.code).toBe(0);
  });

  it("sync_count reports quick syncs with a running count", async () => {
    const r = await runExample("sync_count.js", { trigger: syncTwice, until: (o) => o.includes("syncs so far") });
    expect(r.matched).toBe(true);
    const counts = [...r.stdout.matchAll(/last \d+ ms ago, (\d+) syncs so far/g)].map((m) => Number(m[1]));
    expect(counts[0]).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < counts.length; i++) expect(counts[i]!).toBeGreaterThan(counts[i - 1]!);
  });

  it("sync_perf_output reports quick syncs through the perf buffer (sandbox and --node)", async () => {
    for (const node of [false, true]) {
      const r = await runExample("sync_perf_output.js", { node, trigger: syncTwice, until: (o) => o.includes("multiple syncs detected") });
      expect(r.matched).toBe(true);
      expect(r.stdout).toMatch(/^At time \d+\.\d\d s: multiple syncs detected, last \d+ ms ago$/m);
      expect(r.code).toBe(0);
    }
  });

  it("hello_perf_output prints our clone() through the perf buffer", async () => {
    const comm = "bcctsHP";
    const r = await runExample("hello_perf_output.js", { trigger: cloneWithComm(comm), until: (o) => o.includes(comm) });
    expect(r.matched).toBe(true);
    expect(r.stdout.split("\n")[0]).toBe("TIME(s)            COMM             PID    MESSAGE");
    expect(linesWith(r.stdout, comm)[0]).toMatch(/^\d+\.\d{9}\s+bcctsHP\s+\d+\s+Hello, perf_output!$/);
    expect(r.code).toBe(0);
  });

  it("disksnoop_tp prints block I/O from the block tracepoints", async () => {
    // O_DIRECT reads of a fresh file go to the disk every time, whatever the page cache holds.
    const file = `/var/tmp/bccts-disksnoop-${process.pid}`;
    execFileSync("dd", ["if=/dev/urandom", `of=${file}`, "bs=4096", "count=4", "oflag=direct"], { stdio: "ignore" });
    try {
      const r = await runExample("disksnoop_tp.js", {
        trigger: () => void execFileSync("dd", [`if=${file}`, "of=/dev/null", "bs=4096", "count=4", "iflag=direct"], { stdio: "ignore" }),
        until: (o) => /^\d+\.\d{9}\s+R\s+\d+\s+\d+\.\d\d$/m.test(o),
      });
      expect(r.stdout.split("\n")[0]).toBe("TIME(s)            T  BYTES    LAT(ms)");
      expect(r.matched).toBe(true);
    } finally {
      execFileSync("rm", ["-f", file]);
    }
  });

  it("strlen_count counts our strlen() argument and prints it on Ctrl-C", async () => {
    const marker = `bccts-strlen-${process.pid}`;
    const r = await runExample("strlen_count.js", {
      ready: /Tracing strlen/,
      // python passes its -c text through libc's strlen() while starting up
      trigger: () => void execFileSync("python3", ["-c", `pass # ${marker}`]),
      every: 300,
      until: () => false,
      timeoutMs: 1500,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("     COUNT STRING");
    expect(r.stdout).toMatch(new RegExp(`^\\s+[1-9]\\d* ".*${marker}.*"$`, "m"));
  });
});
