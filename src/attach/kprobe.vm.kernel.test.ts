/**
 * kprobe/kretprobe attach paths on a kernel that has kprobes (the qemu guest of
 * `npm run test:kernels`); on this host they skip with the reason.
 */
import { readFileSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { describeFeature } from "../../test/harness/kernel.ts";
import { countingProgram } from "../../test/harness/programs.ts";
import { FeatureCache } from "../features/index.ts";
import { BPF_PROG_TYPE, FdTracker, getpid, getppid } from "../sys/index.ts";
import { ProbeEvents, Tracefs } from "../tracefs/index.ts";
import { attachKprobe } from "./index.ts";

const features = new FeatureCache({ tracefs: "/sys/kernel/tracing" });

/** The getppid syscall's kernel entry function on this kernel (x86_64 syscall wrapper naming). */
function getppidFunc(): string {
  const syms = readFileSync("/proc/kallsyms", "utf8");
  for (const name of ["__x64_sys_getppid", "__se_sys_getppid", "sys_getppid"]) {
    if (new RegExp(` [tT] ${name}$`, "m").test(syms)) return name;
  }
  throw new Error("no getppid syscall function in kallsyms");
}

describeFeature("kprobe attach paths (kprobe-capable kernel)", "kprobes", () => features.has("kprobe_pmu"), () => {
  const tracker = new FdTracker();
  const pid = getpid();
  afterAll(() => tracker.assertNoLeaks());

  const cases = [
    { name: "kprobe via PMU + BPF link", retprobe: false, forceTracefs: false, useLink: true, via: "pmu", method: "bpf_link" },
    { name: "kprobe via PMU + ioctl", retprobe: false, forceTracefs: false, useLink: false, via: "pmu", method: "ioctl" },
    { name: "kretprobe via PMU + BPF link", retprobe: true, forceTracefs: false, useLink: true, via: "pmu", method: "bpf_link" },
    { name: "kprobe via tracefs kprobe_events", retprobe: false, forceTracefs: true, useLink: true, via: "tracefs", method: "bpf_link" },
    { name: "kretprobe via tracefs kprobe_events with maxactive", retprobe: true, forceTracefs: false, useLink: false, via: "tracefs", method: "ioctl", maxactive: 8 },
  ] as const;

  for (const c of cases) {
    it(`${c.name} counts exactly`, () => {
      const tracefs = Tracefs.open();
      const p = countingProgram(BPF_PROG_TYPE.KPROBE, pid, tracker);
      try {
        const link = attachKprobe(p.prog, getppidFunc(), {
          retprobe: c.retprobe,
          tracefs,
          useLink: c.useLink,
          forceTracefs: c.forceTracefs,
          tracker,
          ...("maxactive" in c ? { maxactive: c.maxactive } : {}),
        });
        expect(link.via).toBe(c.via);
        expect(link.method).toBe(c.method);
        for (let i = 0; i < 6; i++) getppid();
        link.close();
        getppid();
        expect(p.count()).toBe(6n);
        expect(ProbeEvents.kprobes(tracefs).listOwn(pid)).toEqual([]);
      } finally {
        p.prog.close();
        p.map.close();
      }
    });
  }
});
