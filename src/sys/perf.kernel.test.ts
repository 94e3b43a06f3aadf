/**
 * perf_event_open, perf links, ioctls, ring mmaps and epoll waits against the real kernel.
 * Events are opened for this process only (pid = our pid), so other activity on the machine cannot
 * change the counts.
 */
import { readFileSync } from "node:fs";
import koffi from "koffi";
import { afterEach, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import {
  BPF_ATTACH_TYPE,
  BPF_MAP_TYPE,
  BPF_PROG_TYPE,
  FdTracker,
  KernelError,
  linkCreate,
  linkInfo,
  mapCreate,
  mapLookupElem,
  mmapPerfRing,
  pageSize,
  PERF_COUNT_SW,
  PERF_MMAP_PAGE,
  PERF_SAMPLE_RAW,
  PERF_TYPE,
  perfEventDisable,
  perfEventEnable,
  perfEventId,
  perfEventOpen,
  perfEventSetBpf,
  progLoad,
} from "./index.ts";

const libc = koffi.load("libc.so.6");
const getppid = libc.func("int getppid()") as () => number;

function insn(op: number, dst: number, src: number, off: number, imm: number): number[] {
  const b = new Uint8Array(8);
  const dv = new DataView(b.buffer);
  b[0] = op;
  b[1] = (dst & 0xf) | ((src & 0xf) << 4);
  dv.setInt16(2, off, true);
  dv.setInt32(4, imm, true);
  return [...b];
}

/**
 * A tracepoint program that atomically increments element 0 of an array map for calls made by
 * process `pid` (a tracepoint's programs run for every process, whatever the perf event's pid):
 *   if (bpf_get_current_pid_tgid() >> 32 != pid) goto out;
 *   *(u32 *)(r10 - 4) = 0; r2 = r10; r2 += -4; r1 = map (ld_imm64 pseudo map fd);
 *   r0 = map_lookup_elem(r1, r2); if r0 == 0 goto out; r1 = 1; lock *(u64 *)(r0 + 0) += r1;
 *   out: r0 = 0; exit
 */
function counterProgram(mapFd: number, pid: number): Uint8Array {
  return new Uint8Array(
    [
      insn(0x85, 0, 0, 0, 14), // call bpf_get_current_pid_tgid
      insn(0x77, 0, 0, 0, 32), // r0 >>= 32
      insn(0x55, 0, 0, 10, pid), // if r0 != pid goto out
      insn(0x62, 10, 0, -4, 0),
      insn(0xbf, 2, 10, 0, 0),
      insn(0x07, 2, 0, 0, -4),
      insn(0x18, 1, 1, 0, mapFd), // BPF_LD|BPF_IMM|BPF_DW, src_reg = BPF_PSEUDO_MAP_FD
      insn(0x00, 0, 0, 0, 0),
      insn(0x85, 0, 0, 0, 1), // call bpf_map_lookup_elem
      insn(0x15, 0, 0, 2, 0), // if r0 == 0 goto +2
      insn(0xb7, 1, 0, 0, 1),
      insn(0xdb, 0, 1, 0, 0), // BPF_STX|BPF_ATOMIC|BPF_DW, imm = BPF_ADD
      insn(0xb7, 0, 0, 0, 0),
      insn(0x95, 0, 0, 0, 0),
    ].flat(),
  );
}

function tracepointId(name: string): number {
  for (const root of ["/sys/kernel/tracing", "/sys/kernel/debug/tracing"]) {
    try {
      return Number(readFileSync(`${root}/events/${name}/id`, "utf8"));
    } catch {
      // try the next mount point
    }
  }
  throw new Error(`tracepoint ${name} not found`);
}

function counterValue(map: Parameters<typeof mapLookupElem>[0]): bigint {
  const v = new Uint8Array(8);
  expect(mapLookupElem(map, new Uint8Array(4), v)).toBe(true);
  return new DataView(v.buffer).getBigUint64(0, true);
}

describeKernel("sys/perf against the kernel", () => {
  const tracker = new FdTracker();
  afterEach(() => tracker.assertNoLeaks());
  const opts = { tracker };

  it("opens a software event, reads its id, enables/disables it, and closes", () => {
    using ev = perfEventOpen({ type: PERF_TYPE.SOFTWARE, config: PERF_COUNT_SW.CPU_CLOCK, samplePeriod: 1_000_000, flags: { disabled: true } }, { pid: 0, cpu: -1 }, opts);
    expect(ev.raw).toBeGreaterThan(2);
    expect(perfEventId(ev)).toBeGreaterThan(0n);
    perfEventEnable(ev);
    perfEventDisable(ev);
  });

  it("a tracepoint perf event + BPF_PERF_EVENT link counts this process's getppid() calls", () => {
    using map = mapCreate({ mapType: BPF_MAP_TYPE.ARRAY, keySize: 4, valueSize: 8, maxEntries: 1, name: "sys_test_cnt" }, opts);
    const { fd } = progLoad({ progType: BPF_PROG_TYPE.TRACEPOINT, insns: counterProgram(map.raw, process.pid), license: "GPL", name: "sys_test_tp" }, opts);
    using prog = fd;
    using ev = perfEventOpen(
      { type: PERF_TYPE.TRACEPOINT, config: tracepointId("syscalls/sys_enter_getppid"), samplePeriod: 1, wakeupEvents: 1 },
      { pid: process.pid, cpu: -1 },
      opts,
    );
    {
      using link = linkCreate({ progFd: prog, targetFd: ev, attachType: BPF_ATTACH_TYPE.PERF_EVENT, perfEventCookie: 0x1234n }, opts);
      expect(linkInfo(link).type).toBe(7); // BPF_LINK_TYPE_PERF_EVENT
      for (let i = 0; i < 25; i++) getppid();
      expect(counterValue(map)).toBe(25n);
    }
    // Link closed: the program is detached and the count stays.
    for (let i = 0; i < 5; i++) getppid();
    expect(counterValue(map)).toBe(25n);
  });

  it("PERF_EVENT_IOC_SET_BPF attaches the legacy way", () => {
    using map = mapCreate({ mapType: BPF_MAP_TYPE.ARRAY, keySize: 4, valueSize: 8, maxEntries: 1, name: "sys_test_cnt2" }, opts);
    const { fd } = progLoad({ progType: BPF_PROG_TYPE.TRACEPOINT, insns: counterProgram(map.raw, process.pid), license: "GPL" }, opts);
    using prog = fd;
    using ev = perfEventOpen(
      { type: PERF_TYPE.TRACEPOINT, config: tracepointId("syscalls/sys_enter_getppid"), samplePeriod: 1, flags: { disabled: true } },
      { pid: process.pid, cpu: -1 },
      opts,
    );
    perfEventSetBpf(ev, prog);
    // Measured on 6.18: a tracepoint's BPF program runs once attached even while the perf event is
    // disabled (the probe is registered at open time), so enabling is not what starts the counting.
    for (let i = 0; i < 3; i++) getppid();
    expect(counterValue(map)).toBe(3n);
    perfEventEnable(ev);
    getppid();
    expect(counterValue(map)).toBe(4n);
  });

  it("maps a perf ring (1 + 2^n pages) and sees the kernel's metadata page", () => {
    using ev = perfEventOpen(
      { type: PERF_TYPE.SOFTWARE, config: PERF_COUNT_SW.BPF_OUTPUT, sampleType: PERF_SAMPLE_RAW, samplePeriod: 1, wakeupEvents: 1 },
      { pid: -1, cpu: 0 },
      opts,
    );
    using ring = mmapPerfRing(ev, 8);
    expect(ring.length).toBe(9 * pageSize());
    const meta = ring.dataView(0, pageSize());
    expect(meta.getBigUint64(PERF_MMAP_PAGE.data_offset.offset, true)).toBe(BigInt(pageSize()));
    expect(meta.getBigUint64(PERF_MMAP_PAGE.data_size.offset, true)).toBe(BigInt(8 * pageSize()));
    expect(meta.getBigUint64(PERF_MMAP_PAGE.data_head.offset, true)).toBe(0n);
    ring.close();
    expect(ring.closed).toBe(true);
    expect(() => ring.buffer).toThrow(/unmapped/);
    expect(() => mmapPerfRing(ev, 3)).toThrow(RangeError);
  });

  it("reports perf_event_open failures as KernelError with the syscall name", () => {
    let err: unknown;
    try {
      perfEventOpen({ type: PERF_TYPE.TRACEPOINT, config: 0x7fff_ffff }, { pid: process.pid, cpu: -1 }, opts);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KernelError);
    expect((err as KernelError).syscall).toBe("perf_event_open");
    expect((err as KernelError).message).not.toContain("\n");
  });
});
