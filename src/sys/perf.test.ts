import { describe, expect, it } from "vitest";
import { encodePerfEventAttr, PERF_EVENT_IOC, PERF_SAMPLE_RAW, PERF_TYPE, perfFlagsWord } from "./perf.ts";
import { addressOf } from "./ffi.ts";

describe("perf_event_attr encoding", () => {
  it("encodes type/size/config/sample fields", () => {
    const { attr } = encodePerfEventAttr({
      type: PERF_TYPE.TRACEPOINT,
      config: 1234,
      samplePeriod: 1,
      sampleType: PERF_SAMPLE_RAW,
      wakeupEvents: 1,
      flags: { disabled: true, exclude_kernel: false },
    });
    const dv = new DataView(attr.buffer);
    expect(attr.byteLength).toBe(136);
    expect(dv.getUint32(0, true)).toBe(2);
    expect(dv.getUint32(4, true)).toBe(136);
    expect(dv.getBigUint64(8, true)).toBe(1234n);
    expect(dv.getBigUint64(16, true)).toBe(1n);
    expect(dv.getBigUint64(24, true)).toBe(1024n);
    expect(dv.getBigUint64(40, true)).toBe(1n);
    expect(dv.getUint32(48, true)).toBe(1);
  });

  it("sampleFreq and wakeupWatermark set their flag bits", () => {
    const { attr } = encodePerfEventAttr({ type: PERF_TYPE.SOFTWARE, sampleFreq: 99, wakeupWatermark: 4096 });
    const dv = new DataView(attr.buffer);
    expect(dv.getBigUint64(16, true)).toBe(99n);
    expect(dv.getBigUint64(40, true)).toBe((1n << 10n) | (1n << 14n));
    expect(dv.getUint32(48, true)).toBe(4096);
  });

  it("packs flags including the 2-bit precise_ip", () => {
    expect(perfFlagsWord({ disabled: true, inherit: true, precise_ip: 3, sigtrap: true })).toBe(1n | 2n | (3n << 15n) | (1n << 37n));
    expect(perfFlagsWord(undefined)).toBe(0n);
  });

  it("places a kprobe function name as a C string pointer in config1 and kprobe_addr in config2", () => {
    const { attr, keepAlive } = encodePerfEventAttr({ type: 6, kprobeFunc: "do_sys_open", probeOffset: 0 });
    const dv = new DataView(attr.buffer);
    expect(keepAlive).toHaveLength(1);
    const s = keepAlive[0]!;
    expect(new TextDecoder().decode(s.subarray(0, s.length - 1))).toBe("do_sys_open");
    expect(s[s.length - 1]).toBe(0);
    expect(dv.getBigUint64(56, true)).toBe(addressOf(s));
    expect(dv.getBigUint64(64, true)).toBe(0n);
  });

  it("ioctl numbers match <linux/perf_event.h> on x86_64", () => {
    // Values printed by a C program including the uapi header.
    expect(PERF_EVENT_IOC.ENABLE).toBe(9216);
    expect(PERF_EVENT_IOC.DISABLE).toBe(9217);
    expect(PERF_EVENT_IOC.REFRESH).toBe(9218);
    expect(PERF_EVENT_IOC.RESET).toBe(9219);
    expect(PERF_EVENT_IOC.SET_OUTPUT).toBe(9221);
    expect(PERF_EVENT_IOC.SET_BPF).toBe(1074013192);
    expect(PERF_EVENT_IOC.PERIOD).toBe(1074275332);
    expect(PERF_EVENT_IOC.ID).toBe(2148017159);
    expect(PERF_EVENT_IOC.QUERY_BPF).toBe(3221758986);
    expect(PERF_EVENT_IOC.PAUSE_OUTPUT).toBe(1074013193);
  });
});
