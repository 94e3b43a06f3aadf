/** Attr builders: values land at the uapi offsets (checked in attr-layout.test.ts). */
import { describe, expect, it } from "vitest";
import { sanitizeObjectName } from "./bpf.ts";
import { encodeLinkCreate } from "./bpf-link.ts";
import { encodeMapCreate } from "./bpf-map.ts";
import { encodeProgLoad } from "./bpf-prog.ts";
import { BPF_ATTACH_TYPE, BPF_MAP_TYPE, BPF_PROG_TYPE } from "./bpf-constants.ts";
import { addressOf } from "./ffi.ts";

const dv = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

describe("attr builders", () => {
  it("MAP_CREATE", () => {
    const a = encodeMapCreate({ mapType: BPF_MAP_TYPE.HASH, keySize: 8, valueSize: 16, maxEntries: 1024, mapFlags: 1, innerMapFd: 9, name: "my map", btfFd: 11, btfKeyTypeId: 3, btfValueTypeId: 4, mapExtra: 5n });
    const v = dv(a);
    expect([v.getUint32(0, true), v.getUint32(4, true), v.getUint32(8, true), v.getUint32(12, true), v.getUint32(16, true), v.getUint32(20, true)]).toEqual([1, 8, 16, 1024, 1, 9]);
    expect(new TextDecoder().decode(a.subarray(28, 34))).toBe("my_map");
    expect([v.getUint32(48, true), v.getUint32(52, true), v.getUint32(56, true)]).toEqual([11, 3, 4]);
    expect(v.getBigUint64(64, true)).toBe(5n);
  });

  it("PROG_LOAD puts the log buffer at 32 and kern_version at 40", () => {
    const insns = new Uint8Array(16);
    const license = new Uint8Array([0x47, 0x50, 0x4c, 0]);
    const log = new Uint8Array(256);
    const fdArray = new Int32Array([5, 6]);
    const a = encodeProgLoad(
      { progType: BPF_PROG_TYPE.TRACEPOINT, insns, license: "GPL", kernVersion: 0x060c00, progFlags: 16, name: "p", expectedAttachType: BPF_ATTACH_TYPE.TRACE_RAW_TP, attachBtfId: 77, fdArray },
      license,
      { level: 1, size: 256, buf: log },
    );
    const v = dv(a);
    expect(v.getUint32(0, true)).toBe(BPF_PROG_TYPE.TRACEPOINT);
    expect(v.getUint32(4, true)).toBe(2);
    expect(v.getBigUint64(8, true)).toBe(addressOf(insns));
    expect(v.getBigUint64(16, true)).toBe(addressOf(license));
    expect(v.getUint32(24, true)).toBe(1);
    expect(v.getUint32(28, true)).toBe(256);
    expect(v.getBigUint64(32, true)).toBe(addressOf(log));
    expect(v.getUint32(40, true)).toBe(0x060c00);
    expect(v.getUint32(44, true)).toBe(16);
    expect(a[48]).toBe(0x70);
    expect(v.getUint32(68, true)).toBe(BPF_ATTACH_TYPE.TRACE_RAW_TP);
    expect(v.getUint32(108, true)).toBe(77);
    expect(v.getBigUint64(120, true)).toBe(addressOf(new Uint8Array(fdArray.buffer)));
    expect(() => encodeProgLoad({ progType: 1, insns: new Uint8Array(7), license: "GPL" }, license, { level: 0, size: 0, buf: null })).toThrow(/multiple of 8/);
  });

  it("LINK_CREATE for perf events carries the cookie at 16", () => {
    const v = dv(encodeLinkCreate({ progFd: 3, targetFd: 4, attachType: BPF_ATTACH_TYPE.PERF_EVENT, perfEventCookie: 0xabcdn }));
    expect([v.getUint32(0, true), v.getUint32(4, true), v.getUint32(8, true)]).toEqual([3, 4, BPF_ATTACH_TYPE.PERF_EVENT]);
    expect(v.getBigUint64(16, true)).toBe(0xabcdn);
    const t = dv(encodeLinkCreate({ progFd: 3, attachType: BPF_ATTACH_TYPE.TRACE_FENTRY, tracingTargetBtfId: 9, tracingCookie: 2n }));
    expect(t.getUint32(16, true)).toBe(9);
    expect(t.getBigUint64(24, true)).toBe(2n);
  });

  it("sanitizes object names to the kernel's charset and 15 characters", () => {
    expect(sanitizeObjectName("kprobe__do_sys_open!")).toBe("kprobe__do_sys_");
    expect(sanitizeObjectName("a-b.c d")).toBe("a_b.c_d");
  });

  it("enum values match the uapi header", () => {
    expect(BPF_PROG_TYPE.SYSCALL).toBe(31);
    expect(BPF_PROG_TYPE.TRACING).toBe(26);
    expect(BPF_MAP_TYPE.RINGBUF).toBe(27);
    expect(BPF_MAP_TYPE.PERF_EVENT_ARRAY).toBe(4);
    expect(BPF_ATTACH_TYPE.TRACE_FENTRY).toBe(24);
    expect(BPF_ATTACH_TYPE.TRACE_FEXIT).toBe(25);
    expect(BPF_ATTACH_TYPE.PERF_EVENT).toBe(41);
    expect(BPF_ATTACH_TYPE.TRACE_KPROBE_MULTI).toBe(42);
    expect(BPF_ATTACH_TYPE.TRACE_UPROBE_MULTI).toBe(48);
  });
});
