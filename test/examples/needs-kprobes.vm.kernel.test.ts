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

/**
 * Block I/O: the guest's scratch virtio-blk disk (test/vm/run-in-vm.mjs sets BCC_TS_VM_DISK), written
 * with O_DIRECT so every 4 KB block is one request that reaches the device instead of the page cache.
 */
const disk = process.env.BCC_TS_VM_DISK;
const DD_BLOCKS = 16;


function diskIt(name: string, fn: (dev: string) => Promise<void>): void {
  if (disk) it(name, () => fn(disk));
  else if (process.env.BCC_TS_IN_GUEST === "1") it(name, () => { throw new Error("BCC_TS_IN_GUEST=1 but BCC_TS_VM_DISK is unset: the guest has no scratch disk"); });
  else it.skip(`${name} (skipped: BCC_TS_VM_DISK unset, no scratch block device; runs in the guest, npm run test:kernels)`, () => {});
}

/** Writes DD_BLOCKS 4 KB blocks to `dev` with O_DIRECT; returns dd's failure, if any. */
async function ddWrite(dev: string): Promise<string | undefined> {
  const { spawnSync } = await import("node:child_process");
  const r = spawnSync("dd", ["if=/dev/zero", `of=${dev}`, "bs=4k", `count=${DD_BLOCKS}`, "oflag=direct"], { encoding: "utf8" });
  return r.status === 0 ? undefined : `dd exited ${r.status ?? r.signal}: ${r.stderr ?? r.error?.message}`;
}

describeFeature("kprobe block I/O examples", "kprobes", () => features.has("kprobe_pmu") || features.has("kprobe_events"), () => {
  diskIt("disksnoop prints our direct 4 KB writes to the scratch disk as W 4096 lines", async (dev) => {
    let ddError: string | undefined;
    const writes = (o: string) => linesWith(o, /^\d+\.\d{9}\s+W\s+4096\s+\d+\.\d{2}$/);
    const r = await runExample("disksnoop.js", {
      ready: /^TIME\(s\)\s+T\s+BYTES\s+LAT\(ms\)/m,
      every: 500,
      trigger: async () => {
        ddError ??= await ddWrite(dev);
      },
      until: (o) => writes(o).length >= DD_BLOCKS,
      timeoutMs: 30_000,
    });
    expect(ddError).toBeUndefined();
    expect(r.matched, r.stderr).toBe(true);
    expect(r.stdout).toMatch(/^TIME\(s\)\s+T\s+BYTES\s+LAT\(ms\)$/m);
    expect(writes(r.stdout).length).toBeGreaterThanOrEqual(DD_BLOCKS);
  });

  diskIt("bitehist counts our direct 4 KB writes in the 4 -> 7 KB bucket on Ctrl-C", async (dev) => {
    let ddError: string | undefined;
    let writes = 0;
    const r = await runExample("bitehist.js", {
      ready: /Tracing/,
      every: 300,
      trigger: async () => {
        if (writes > 0) return; // one dd: the counts below are then exact
        ddError = await ddWrite(dev);
        writes++;
      },
      timeoutMs: 30_000,
    });
    expect(ddError).toBeUndefined();
    expect(r.stdout).toMatch(/^log2 histogram$/m);
    expect(r.stdout).toMatch(/^\s+kbytes\s+: count\s+distribution$/m);
    const row = /^\s+4 -> 7\s+: (\d+)\s+\|\*+\s*\|$/m.exec(r.stdout);
    expect(row, r.stdout + r.stderr).not.toBeNull();
    expect(Number(row?.[1])).toBeGreaterThanOrEqual(DD_BLOCKS);
    // The linear histogram has its own 4 KB row with the same requests.
    const linear = /^\s+4\s+: (\d+)\s+\|\*+\s*\|$/m.exec(r.stdout.slice(r.stdout.indexOf("linear histogram")));
    expect(Number(linear?.[1])).toBe(Number(row?.[1]));
    expect(r.code, r.stderr).toBe(0);
  });

  diskIt("biolatency (tracepoint path) prints a latency histogram of our direct writes", async (dev) => {
    let ddError: string | undefined;
    const histogram = (o: string) => /^\s+usecs\s+: count\s+distribution$/m.test(o) && /^\s+\d+ -> \d+\s+: [1-9]\d*\s+\|\*+/m.test(o);
    const r = await runExample("biolatency.js", {
      args: ["1"],
      ready: /^Tracing block device I\/O/m,
      every: 500,
      trigger: async () => {
        ddError ??= await ddWrite(dev);
      },
      until: histogram,
      timeoutMs: 30_000,
    });
    expect(ddError).toBeUndefined();
    expect(r.matched, r.stdout + r.stderr).toBe(true);
    expect(r.code, r.stderr).toBe(0);
  });
});
