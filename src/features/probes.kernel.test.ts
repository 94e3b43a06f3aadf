import { existsSync } from "node:fs";
import { expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { FeatureCache } from "./index.ts";

describeKernel("feature probes (real kernel)", () => {
  const features = new FeatureCache({ tracefs: existsSync("/sys/kernel/tracing/events") ? "/sys/kernel/tracing" : undefined });

  it("finds the features every supported kernel (>= 5.8) has", () => {
    for (const name of ["bpf", "ringbuf", "raw_tracepoint", "perf_link", "probe_read_kernel", "uprobe_pmu"] as const) {
      const r = features.probe(name);
      expect(r, `${name}: ${r.detail}`).toMatchObject({ status: "available" });
    }
  });

  it("agrees with the kernel's own advertisement of the kprobe PMU and kprobe_events", () => {
    const pmu = features.probe("kprobe_pmu");
    expect(pmu.status).toBe(existsSync("/sys/bus/event_source/devices/kprobe") ? "available" : "unsupported");
    const ev = features.probe("kprobe_events");
    expect(ev.status).toBe(existsSync("/sys/kernel/tracing/kprobe_events") ? "available" : "unsupported");
    expect(pmu.detail.length).toBeGreaterThan(10);
  });

  it("agrees with the BTF file", () => {
    expect(features.probe("btf").status).toBe(existsSync("/sys/kernel/btf/vmlinux") ? "available" : "unsupported");
  });

  it("caches conclusive answers on the instance only", () => {
    const a = features.probe("ringbuf");
    expect(features.probe("ringbuf")).toBe(a);
    expect(new FeatureCache().probe("ringbuf")).not.toBe(a);
  });
});
