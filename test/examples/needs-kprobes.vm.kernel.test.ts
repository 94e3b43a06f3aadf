/**
 * The kprobe examples, on a kernel with kprobes (the qemu guest: `npm run test:kernels`). Kept
 * small: everything runs ~20x slower there.
 */
import { createServer, connect, type AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { FeatureCache } from "../../src/features/index.ts";
import { describeFeature } from "../harness/kernel.ts";
import { linesWith, runExample } from "./run-example.ts";

const features = new FeatureCache();

describeFeature("kprobe examples", "kprobes", () => features.has("kprobe_pmu") || features.has("kprobe_events"), () => {
  it("tcpconnect prints our connect() to a local port", async () => {
    const server = createServer((s) => s.destroy());
    await new Promise<void>((res) => server.listen(0, "127.0.0.1", res));
    const port = (server.address() as AddressInfo).port;
    try {
      const r = await runExample("tcpconnect.js", {
        args: ["-P", String(port)],
        ready: /DPORT/,
        every: 500,
        trigger: () =>
          new Promise<void>((res) => {
            const c = connect(port, "127.0.0.1", () => c.end());
            c.on("close", () => res());
            c.on("error", () => res());
          }),
        until: (o) => o.includes(` ${port}`),
      });
      expect(r.stdout).toMatch(/^PID\s+COMM\s+IP SADDR\s+DADDR\s+DPORT$/m);
      expect(r.matched).toBe(true);
      expect(linesWith(r.stdout, ` ${port}`)[0]).toMatch(new RegExp(`^${process.pid}\\s+\\S+\\s+4\\s+127\\.0\\.0\\.1\\s+127\\.0\\.0\\.1\\s+${port}\\s*$`));
      expect(r.code, r.stderr).toBe(0);
    } finally {
      server.close();
    }
  });

  it("task_switch counts context switches for a second and prints them", async () => {
    const r = await runExample("task_switch.js", { selfExit: true, timeoutMs: 0 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^task_switch\[\s*\d+->\s*\d+\]=[1-9]\d*$/m);
  });

  it("vfsreadlat prints a vfs_read() latency histogram (kprobe + kretprobe on vfs_read)", async () => {
    const { readFileSync } = await import("node:fs");
    const r = await runExample("vfsreadlat.js", {
      args: ["1", "2"],
      ready: /Tracing/,
      every: 200,
      trigger: () => {
        for (let i = 0; i < 20; i++) readFileSync("/proc/self/status");
      },
      until: (o) => /usecs\s+: count\s+distribution/.test(o),
      timeoutMs: 30_000,
    });
    expect(r.matched, r.stderr).toBe(true);
    expect(r.stdout).toMatch(/^\s+\d+ -> \d+\s+: [1-9]\d*\s+\|\*+/m);
    expect(r.stderr).not.toMatch(/attached to tracepoint/);
  });

  it("hello_world takes the real kprobe path (no tracepoint fallback notice) and prints hello lines", async () => {
    const { spawnSync } = await import("node:child_process");
    const r = await runExample("hello_world.js", {
      every: 300,
      trigger: () => void spawnSync("sh", ["-c", "/bin/true; /bin/true"]),
      until: (o) => o.includes("Hello, World!"),
      timeoutMs: 30_000,
    });
    expect(r.matched, r.stderr).toBe(true);
    expect(r.stderr).not.toMatch(/no kprobes/);
  });
});
