/**
 * uprobe_events add/list/remove, stale-entry cleanup and an end-to-end firing check, on the real
 * kernel. The probe sits on libc's getpid: its file offset comes from readelf (symbol value mapped
 * through the PT_LOAD segment that contains it), since uprobe offsets are file offsets.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { TracefsError } from "./errors.ts";
import { findField } from "./format.ts";
import { ProbeEvents, probeGroup, removeStaleProbes, uprobeTarget } from "./probe-events.ts";
import { parseTraceLine } from "./trace-fields.ts";
import { TracePipe } from "./trace-pipe.ts";
import { Tracefs } from "./tracefs.ts";

const LIBC_CANDIDATES = ["/lib/x86_64-linux-gnu/libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6", "/lib64/libc.so.6", "/usr/lib/libc.so.6"];

/** Real path of libc and the file offset of `symbol` in it. */
function libcSymbolOffset(symbol: string): { path: string; offset: number } {
  const lib = LIBC_CANDIDATES.find((p) => fs.existsSync(p));
  if (!lib) throw new Error("libc.so.6 not found");
  const path = fs.realpathSync(lib);
  const syms = execFileSync("readelf", ["-Ws", path], { encoding: "utf8" });
  const sym = syms
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .find((cols) => cols[3] === "FUNC" && (cols[7] === symbol || cols[7]?.startsWith(`${symbol}@`)));
  if (!sym?.[1]) throw new Error(`${symbol} not in ${path}`);
  const vaddr = Number.parseInt(sym[1], 16);
  const headers = execFileSync("readelf", ["-Wl", path], { encoding: "utf8" });
  for (const line of headers.split("\n")) {
    const cols = line.trim().split(/\s+/);
    if (cols[0] !== "LOAD") continue;
    const [off, va, , , memsz] = cols.slice(1, 6).map((c) => Number.parseInt(c, 16));
    if (off === undefined || va === undefined || memsz === undefined) continue;
    if (vaddr >= va && vaddr < va + memsz) return { path, offset: vaddr - va + off };
  }
  throw new Error(`no PT_LOAD segment holds ${symbol}`);
}

/** A pid that belonged to a process that has exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync("/bin/true");
  if (!child.pid) throw new Error("spawn failed");
  return child.pid;
}

describeKernel("uprobe_events on the real kernel", () => {
  let tf: Tracefs;
  let uprobes: ProbeEvents;
  let getpid: { path: string; offset: number };
  const group = probeGroup();

  beforeAll(() => {
    tf = Tracefs.open();
    uprobes = ProbeEvents.uprobes(tf);
    getpid = libcSymbolOffset("getpid");
  });
  afterAll(() => {
    // Whatever a failed case left behind in our group.
    for (const e of uprobes.listOwn()) uprobes.remove(e.group, e.event);
  });

  it("adds, lists and removes entry and return probes in our group", () => {
    expect(uprobes.available()).toBe(true);
    const target = uprobeTarget(getpid.path, getpid.offset);
    {
      using entry = uprobes.create({ kind: "p", event: "test_probe", target });
      using ret = uprobes.create({ kind: "r", event: "test_ret", target });
      const own = uprobes.listOwn();
      expect(own.map((e) => [e.kind, e.group, e.event])).toEqual([
        ["p", group, "test_probe"],
        ["r", group, "test_ret"],
      ]);
      // The kernel lists the offset zero-padded; it names the same place.
      const listed = own[0]?.target ?? "";
      expect(listed.startsWith(`${getpid.path}:0x`)).toBe(true);
      expect(Number.parseInt(listed.slice(listed.lastIndexOf(":") + 1), 16)).toBe(getpid.offset);
      // The new events are ordinary tracepoints with ids and formats.
      expect(tf.eventExists(group, "test_probe")).toBe(true);
      expect(entry.id).toBe(tf.eventId(group, "test_probe"));
      expect(ret.id).not.toBe(entry.id);
      expect(findField(tf.format(group, "test_probe"), "__probe_ip")).toMatchObject({ size: 8 });
      expect(findField(tf.format(group, "test_ret"), "__probe_func")).toBeDefined();
      // A second definition of the same name is refused.
      let dup: unknown;
      try {
        uprobes.add({ kind: "p", event: "test_probe", target });
      } catch (e) {
        dup = e;
      }
      expect(dup).toBeInstanceOf(TracefsError);
      expect((dup as TracefsError).code).toBe("EEXIST");
    }
    // Disposal removed both.
    expect(uprobes.listOwn()).toEqual([]);
    expect(tf.eventExists(group, "test_probe")).toBe(false);
    expect(uprobes.remove(group, "test_probe")).toBe(false);
  });

  it("reports a rejected definition with the kernel's reason", () => {
    let err: unknown;
    try {
      uprobes.add({ kind: "p", event: "bad_probe", target: "/nonexistent/bcc-ts-file:0x10" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TracefsError);
    expect((err as TracefsError).code).toBe("ENOENT");
    expect((err as Error).message).toMatch(/uprobe_events/);
    // 5.5+ kernels explain the rejection in error_log; we quote it.
    if (fs.existsSync(tf.path("error_log"))) expect((err as Error).message).toMatch(/\(kernel: .*error: /);
    expect(uprobes.listOwn()).toEqual([]);
    expect(() => uprobes.add({ kind: "p", event: "bad name", target: "/bin/true:0x0" })).toThrow(/invalid probe event name/);
  });

  it("fires: an enabled probe on getpid records a child calling it", () => {
    using inst = tf.createInstance(`bcc_ts_${process.pid}_uprobe_test`);
    using probe = uprobes.create({ kind: "p", event: "fire_probe", target: uprobeTarget(getpid.path, getpid.offset) });
    using pipe = new TracePipe(inst.path("trace_pipe"));
    inst.setEventEnabled(group, "fire_probe", true);
    let childPid = 0;
    try {
      // dash calls getpid() to set $$ (measured on this machine), and echoes it back to us.
      const child = spawnSync("/bin/sh", ["-c", "echo $$"], { encoding: "utf8" });
      childPid = Number(child.stdout.trim());
      expect(childPid).toBe(child.pid);
    } finally {
      inst.setEventEnabled(group, "fire_probe", false);
    }
    const hits: string[] = [];
    const deadline = performance.now() + 3000;
    for (let line = pipe.readline(1000); line !== undefined && performance.now() < deadline; line = pipe.readline(200)) {
      const f = parseTraceLine(line);
      if (f?.pid === childPid && f.event === "fire_probe") hits.push(f.msg);
    }
    expect(hits.length).toBeGreaterThan(0);
    // The message is the probed address; its low 12 bits are the offset's (page-aligned mapping).
    const ip = Number.parseInt(/\(0x([0-9a-f]+)\)/.exec(hits[0] ?? "")?.[1] ?? "0", 16);
    expect(ip % 4096).toBe(getpid.offset % 4096);
    expect(probe.group).toBe(group);
  });

  it("removes stale entries of dead processes and keeps live ones", () => {
    const dead = deadPid();
    const staleGroup = probeGroup(dead);
    const target = uprobeTarget(getpid.path, getpid.offset);
    uprobes.add({ kind: "p", group: staleGroup, event: "stale_probe", target });
    using mine = uprobes.create({ kind: "p", event: "live_probe", target });
    try {
      const removed = removeStaleProbes(tf);
      expect(removed.map((e) => `${e.group}/${e.event}`)).toContain(`${staleGroup}/stale_probe`);
      expect(removed.some((e) => e.group === group)).toBe(false);
      const left = uprobes.list();
      expect(left.some((e) => e.group === staleGroup)).toBe(false);
      expect(left.some((e) => e.group === group && e.event === mine.event)).toBe(true);
    } finally {
      uprobes.remove(staleGroup, "stale_probe");
    }
  });

  it("reports the missing kprobe_events interface when the kernel has none", () => {
    const kprobes = ProbeEvents.kprobes(tf);
    expect(kprobes.available()).toBe(fs.existsSync(tf.path("kprobe_events")));
    if (!kprobes.available()) {
      expect(() => kprobes.list()).toThrow(TracefsError);
      expect(() => kprobes.remove(group, "x")).toThrow(/no kprobe_events/);
    } else {
      expect(Array.isArray(kprobes.list())).toBe(true);
    }
  });
});
