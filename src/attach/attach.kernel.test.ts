import { execFileSync } from "node:child_process";
import { afterAll, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { countingProgram } from "../../test/harness/programs.ts";
import { BPF_PROG_TYPE, FdTracker, PERF_COUNT_SW, PERF_TYPE, getpid, getppid } from "../sys/index.ts";
import { ProbeEvents, Tracefs } from "../tracefs/index.ts";
import { FeatureCache } from "../features/index.ts";
import { AttachUnsupportedError, attachKprobe, attachPerfEvent, attachRawTracepoint, attachTracepoint, attachUprobe } from "./index.ts";

/** File offset of a libc function, from readelf (the ELF reader is tested on its own). */
function libcOffset(sym: string): { path: string; offset: bigint } {
  const path = "/lib/x86_64-linux-gnu/libc.so.6";
  const syms = execFileSync("readelf", ["-Ws", "--dyn-syms", path], { encoding: "utf8" });
  const m = new RegExp(`:\\s+([0-9a-f]+)\\s+\\d+\\s+FUNC\\s+\\w+\\s+DEFAULT\\s+\\d+\\s+${sym}@@`).exec(syms);
  if (!m?.[1]) throw new Error(`no ${sym} in ${path}`);
  const vaddr = BigInt(`0x${m[1]}`);
  const phdrs = execFileSync("readelf", ["-lW", path], { encoding: "utf8" });
  for (const line of phdrs.split("\n")) {
    const p = /^\s*LOAD\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x[0-9a-f]+\s+0x([0-9a-f]+)\s+0x[0-9a-f]+\s+R E/.exec(line);
    if (!p) continue;
    const off = BigInt(`0x${p[1]}`), va = BigInt(`0x${p[2]}`), sz = BigInt(`0x${p[3]}`);
    if (vaddr >= va && vaddr < va + sz) return { path, offset: vaddr - va + off };
  }
  throw new Error(`no executable segment holds ${sym}`);
}

describeKernel("attach (real kernel)", () => {
  const tracker = new FdTracker();
  const pid = getpid();
  const tracefs = Tracefs.open();
  const features = new FeatureCache({ tracefs: tracefs.root });
  afterAll(() => tracker.assertNoLeaks());

  for (const useLink of [true, false]) {
    it(`tracepoint via ${useLink ? "BPF link" : "ioctl"} counts exactly and detaches`, () => {
      const p = countingProgram(BPF_PROG_TYPE.TRACEPOINT, pid, tracker);
      try {
        const link = attachTracepoint(p.prog, "syscalls", "sys_enter_getppid", { tracefs, useLink, tracker });
        expect(link.method).toBe(useLink ? "bpf_link" : "ioctl");
        for (let i = 0; i < 5; i++) getppid();
        link.close();
        link.close();
        getppid();
        expect(p.count()).toBe(5n);
      } finally {
        p.prog.close();
        p.map.close();
      }
    });
  }

  it("a missing tracepoint is one clear error", () => {
    const p = countingProgram(BPF_PROG_TYPE.TRACEPOINT, pid, tracker);
    try {
      expect(() => attachTracepoint(p.prog, "syscalls", "sys_enter_nope", { tracefs, useLink: true })).toThrow(/tracepoint syscalls:sys_enter_nope does not exist on this kernel/);
    } finally {
      p.prog.close();
      p.map.close();
    }
  });

  it("raw tracepoint sys_enter sees our getppid calls", () => {
    const p = countingProgram(BPF_PROG_TYPE.RAW_TRACEPOINT, pid, tracker);
    try {
      const before = p.count();
      using link = attachRawTracepoint(p.prog, "sys_enter", { tracker });
      expect(link.kind).toBe("raw_tracepoint");
      for (let i = 0; i < 3; i++) getppid();
      expect(p.count() - before).toBeGreaterThanOrEqual(3n);
    } finally {
      p.prog.close();
      p.map.close();
    }
  });

  for (const forceTracefs of [false, true]) {
    for (const retprobe of [false, true]) {
      it(`${retprobe ? "uretprobe" : "uprobe"} on libc getppid via ${forceTracefs ? "tracefs uprobe_events" : "the uprobe PMU"}`, () => {
        const { path, offset } = libcOffset("getppid");
        const p = countingProgram(BPF_PROG_TYPE.KPROBE, pid, tracker);
        try {
          const link = attachUprobe(p.prog, path, offset, { retprobe, pid, tracefs, useLink: features.has("perf_link"), forceTracefs, tracker });
          expect(link.via).toBe(forceTracefs ? "tracefs" : "pmu");
          for (let i = 0; i < 4; i++) getppid();
          link.close();
          expect(p.count()).toBe(4n);
          expect(ProbeEvents.uprobes(tracefs).listOwn(pid)).toEqual([]);
        } finally {
          p.prog.close();
          p.map.close();
        }
      });
    }
  }

  it("software perf event (cpu-clock sampling) runs the program on every CPU", async () => {
    const p = countingProgram(BPF_PROG_TYPE.PERF_EVENT, pid, tracker);
    try {
      using link = attachPerfEvent(p.prog, { type: PERF_TYPE.SOFTWARE, config: PERF_COUNT_SW.CPU_CLOCK, sampleFreq: 999, useLink: true, tracker });
      const end = Date.now() + 150;
      while (Date.now() < end); // burn CPU in this process so samples land on us
      expect(p.count()).toBeGreaterThan(0n);
      expect(link.kind).toBe("perf_event");
    } finally {
      p.prog.close();
      p.map.close();
    }
  });

  it("kprobes: attach through the PMU where the kernel has one, otherwise a clear unsupported error", () => {
    const p = countingProgram(BPF_PROG_TYPE.KPROBE, pid, tracker);
    try {
      if (features.has("kprobe_pmu")) {
        using link = attachKprobe(p.prog, "__x64_sys_getppid", { retprobe: false, tracefs, useLink: true, tracker });
        getppid();
        expect(p.count()).toBe(1n);
        expect(link.via).toBe("pmu");
      } else {
        let err: unknown;
        try {
          attachKprobe(p.prog, "vfs_read", { retprobe: false, tracefs, useLink: true });
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(AttachUnsupportedError);
        expect((err as Error).message).toMatch(/^cannot attach kprobe to vfs_read: this kernel has no kprobes/);
      }
    } finally {
      p.prog.close();
      p.map.close();
    }
  });
});
