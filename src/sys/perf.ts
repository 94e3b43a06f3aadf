/**
 * perf_event_open(2): struct perf_event_attr builder, the open call, and the ioctls BPF needs.
 * Constants from include/uapi/linux/perf_event.h.
 */
import * as L from "./attr-layout.ts";
import { encode, PERF_ATTR_FLAG, PERF_ATTR_SIZE, type PerfAttrFlagName } from "./attr-layout.ts";
import { kernelError } from "./errors.ts";
import { Fd, rawFd, type FdLike, type FdOptions } from "./fd.ts";
import { addressOf, lastErrno, sysIoctl, sysIoctlPtr, sysPerfEventOpen } from "./ffi.ts";

export const PERF_TYPE = {
  HARDWARE: 0,
  SOFTWARE: 1,
  TRACEPOINT: 2,
  HW_CACHE: 3,
  RAW: 4,
  BREAKPOINT: 5,
} as const;

export const PERF_COUNT_SW = {
  CPU_CLOCK: 0,
  TASK_CLOCK: 1,
  PAGE_FAULTS: 2,
  CONTEXT_SWITCHES: 3,
  CPU_MIGRATIONS: 4,
  PAGE_FAULTS_MIN: 5,
  PAGE_FAULTS_MAJ: 6,
  ALIGNMENT_FAULTS: 7,
  EMULATION_FAULTS: 8,
  DUMMY: 9,
  BPF_OUTPUT: 10,
  CGROUP_SWITCHES: 11,
} as const;

export const PERF_COUNT_HW = {
  CPU_CYCLES: 0,
  INSTRUCTIONS: 1,
  CACHE_REFERENCES: 2,
  CACHE_MISSES: 3,
  BRANCH_INSTRUCTIONS: 4,
  BRANCH_MISSES: 5,
  BUS_CYCLES: 6,
  STALLED_CYCLES_FRONTEND: 7,
  STALLED_CYCLES_BACKEND: 8,
  REF_CPU_CYCLES: 9,
} as const;

export const PERF_SAMPLE = {
  IP: 1 << 0,
  TID: 1 << 1,
  TIME: 1 << 2,
  ADDR: 1 << 3,
  READ: 1 << 4,
  CALLCHAIN: 1 << 5,
  ID: 1 << 6,
  CPU: 1 << 7,
  PERIOD: 1 << 8,
  STREAM_ID: 1 << 9,
  RAW: 1 << 10,
  BRANCH_STACK: 1 << 11,
  REGS_USER: 1 << 12,
  STACK_USER: 1 << 13,
  WEIGHT: 1 << 14,
  DATA_SRC: 1 << 15,
  IDENTIFIER: 1 << 16,
} as const;
export const PERF_SAMPLE_RAW = PERF_SAMPLE.RAW;

/** perf_event_header.type values in the ring buffer. */
export const PERF_RECORD = {
  MMAP: 1,
  LOST: 2,
  COMM: 3,
  EXIT: 4,
  THROTTLE: 5,
  UNTHROTTLE: 6,
  FORK: 7,
  READ: 8,
  SAMPLE: 9,
  LOST_SAMPLES: 13,
} as const;
export const PERF_RECORD_SAMPLE = PERF_RECORD.SAMPLE;
export const PERF_RECORD_LOST = PERF_RECORD.LOST;

export const PERF_FLAG = {
  FD_NO_GROUP: 1 << 0,
  FD_OUTPUT: 1 << 1,
  PID_CGROUP: 1 << 2,
  FD_CLOEXEC: 1 << 3,
} as const;
export const PERF_FLAG_FD_CLOEXEC = PERF_FLAG.FD_CLOEXEC;

/** HW_BREAKPOINT_* (bp_type) */
export const HW_BREAKPOINT = {
  EMPTY: 0,
  R: 1,
  W: 2,
  RW: 3,
  X: 4,
} as const;

/**
 * ioctl request numbers: _IO('$', n) / _IOW('$', n, T) on x86_64/arm64 (asm-generic ioctl encoding:
 * dir<<30 | size<<16 | type<<8 | nr).
 */
function ioc(dir: number, nr: number, size: number): number {
  return ((dir << 30) >>> 0) + (size << 16) + (0x24 << 8) + nr;
}
const IOC_NONE = 0;
const IOC_WRITE = 1;
const IOC_READ = 2;
export const PERF_EVENT_IOC = {
  ENABLE: ioc(IOC_NONE, 0, 0),
  DISABLE: ioc(IOC_NONE, 1, 0),
  REFRESH: ioc(IOC_NONE, 2, 0),
  RESET: ioc(IOC_NONE, 3, 0),
  PERIOD: ioc(IOC_WRITE, 4, 8),
  SET_OUTPUT: ioc(IOC_NONE, 5, 0),
  SET_FILTER: ioc(IOC_WRITE, 6, 8),
  ID: ioc(IOC_READ, 7, 8),
  SET_BPF: ioc(IOC_WRITE, 8, 4),
  PAUSE_OUTPUT: ioc(IOC_WRITE, 9, 4),
  QUERY_BPF: ioc(IOC_READ | IOC_WRITE, 10, 8),
} as const;

export type PerfAttrFlags = Partial<Record<Exclude<PerfAttrFlagName, "precise_ip">, boolean>> & {
  /** 0..3 */
  precise_ip?: number;
};

export interface PerfEventAttr {
  type: number;
  config?: bigint | number;
  /** Exactly one of samplePeriod / sampleFreq (sampleFreq sets the `freq` flag). */
  samplePeriod?: bigint | number;
  sampleFreq?: bigint | number;
  sampleType?: bigint | number;
  readFormat?: bigint | number;
  flags?: PerfAttrFlags;
  /** Exactly one of wakeupEvents / wakeupWatermark (the latter sets the `watermark` flag). */
  wakeupEvents?: number;
  wakeupWatermark?: number;
  bpType?: number;
  /** config1: also bp_addr, kprobe_addr's sibling kprobe_func pointer, uprobe_path pointer. */
  config1?: bigint | number;
  /** config2: also bp_len, kprobe_addr, probe_offset. */
  config2?: bigint | number;
  /** Convenience for the kprobe/uprobe PMUs: a string placed in config1 as a pointer. */
  kprobeFunc?: string;
  uprobePath?: string;
  /** config2 aliases. */
  kprobeAddr?: bigint | number;
  probeOffset?: bigint | number;
  bpAddr?: bigint | number;
  bpLen?: bigint | number;
  branchSampleType?: bigint | number;
  sampleRegsUser?: bigint | number;
  sampleStackUser?: number;
  clockid?: number;
  sampleRegsIntr?: bigint | number;
  auxWatermark?: number;
  sampleMaxStack?: number;
  auxSampleSize?: number;
  sigData?: bigint | number;
  config3?: bigint | number;
}

/** Pack the boolean flags into the u64 bitfield at offset 40. */
export function perfFlagsWord(flags: PerfAttrFlags | undefined): bigint {
  let word = 0n;
  if (!flags) return word;
  for (const [name, value] of Object.entries(flags) as [PerfAttrFlagName, boolean | number | undefined][]) {
    const bit = PERF_ATTR_FLAG[name];
    if (bit === undefined) throw new Error(`perf_event_attr has no flag ${name}`);
    if (name === "precise_ip") word |= BigInt(Number(value ?? 0) & 3) << BigInt(bit);
    else if (value) word |= 1n << BigInt(bit);
  }
  return word;
}

function cString(s: string): Uint8Array {
  const bytes = new TextEncoder().encode(s);
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}

/**
 * Encode perf_event_attr (PERF_ATTR_SIZE bytes). Strings for kprobe/uprobe PMUs are returned in
 * `keepAlive`: their addresses are inside the attr, so they must live until the syscall returns.
 */
export function encodePerfEventAttr(a: PerfEventAttr): { attr: Uint8Array; keepAlive: Uint8Array[] } {
  const keepAlive: Uint8Array[] = [];
  let config1 = a.config1 ?? a.bpAddr;
  const path = a.kprobeFunc ?? a.uprobePath;
  if (path !== undefined) {
    const c = cString(path);
    keepAlive.push(c);
    config1 = addressOf(c);
  }
  const flags: PerfAttrFlags = { ...a.flags };
  if (a.sampleFreq !== undefined) flags.freq = true;
  if (a.wakeupWatermark !== undefined) flags.watermark = true;
  const attr = encode(
    L.PERF_EVENT_ATTR,
    {
      type: a.type,
      size: PERF_ATTR_SIZE,
      config: a.config,
      sample_period: a.sampleFreq ?? a.samplePeriod,
      sample_type: a.sampleType,
      read_format: a.readFormat,
      flags: perfFlagsWord(flags),
      wakeup_events: a.wakeupWatermark ?? a.wakeupEvents,
      bp_type: a.bpType,
      config1,
      config2: a.config2 ?? a.kprobeAddr ?? a.probeOffset ?? a.bpLen,
      branch_sample_type: a.branchSampleType,
      sample_regs_user: a.sampleRegsUser,
      sample_stack_user: a.sampleStackUser,
      clockid: a.clockid,
      sample_regs_intr: a.sampleRegsIntr,
      aux_watermark: a.auxWatermark,
      sample_max_stack: a.sampleMaxStack,
      aux_sample_size: a.auxSampleSize,
      sig_data: a.sigData,
      config3: a.config3,
    },
    PERF_ATTR_SIZE,
  );
  return { attr, keepAlive };
}

export interface PerfEventOpenArgs {
  /** -1 = all processes (needs cpu >= 0), 0 = this process, >0 = that pid (or a cgroup fd with PID_CGROUP). */
  pid: number;
  /** -1 = any cpu (needs pid >= 0). */
  cpu: number;
  groupFd?: FdLike;
  /** PERF_FLAG_* (FD_CLOEXEC is always added). */
  flags?: number;
}

/** perf_event_open(2). The fd is close-on-exec. */
export function perfEventOpen(a: PerfEventAttr, where: PerfEventOpenArgs, options?: FdOptions & { label?: string }): Fd {
  const { attr, keepAlive } = encodePerfEventAttr(a);
  const groupFd = where.groupFd === undefined ? -1 : rawFd(where.groupFd);
  const ret = sysPerfEventOpen(attr, where.pid, where.cpu, groupFd, (where.flags ?? 0) | PERF_FLAG_FD_CLOEXEC);
  const code = ret < 0 ? lastErrno() : 0;
  void keepAlive.length;
  const label = options?.label ?? `perf_event type=${a.type} config=${a.config ?? 0} cpu=${where.cpu} pid=${where.pid}`;
  if (ret < 0) throw kernelError({ syscall: "perf_event_open", code, detail: label });
  return Fd.adopt(ret, label, options);
}

/** ioctl(2) with an integer argument; throws KernelError. */
export function ioctl(fd: FdLike, request: number, arg: number | bigint = 0, name = `0x${request.toString(16)}`): number {
  const ret = sysIoctl(rawFd(fd), request, arg);
  if (ret < 0) throw kernelError({ syscall: "ioctl", command: name, code: lastErrno() });
  return ret;
}

/** ioctl(2) with a pointer argument; throws KernelError. */
export function ioctlPtr(fd: FdLike, request: number, buf: Uint8Array, name = `0x${request.toString(16)}`): number {
  const ret = sysIoctlPtr(rawFd(fd), request, buf);
  if (ret < 0) throw kernelError({ syscall: "ioctl", command: name, code: lastErrno() });
  return ret;
}

export function perfEventEnable(fd: FdLike): void {
  ioctl(fd, PERF_EVENT_IOC.ENABLE, 0, "PERF_EVENT_IOC_ENABLE");
}

export function perfEventDisable(fd: FdLike): void {
  ioctl(fd, PERF_EVENT_IOC.DISABLE, 0, "PERF_EVENT_IOC_DISABLE");
}

/** Attach a BPF program to a perf event (the pre-bpf_link way; the program stays until close). */
export function perfEventSetBpf(fd: FdLike, prog: FdLike): void {
  ioctl(fd, PERF_EVENT_IOC.SET_BPF, rawFd(prog), "PERF_EVENT_IOC_SET_BPF");
}

/** The event's kernel id (PERF_EVENT_IOC_ID). */
export function perfEventId(fd: FdLike): bigint {
  const buf = new Uint8Array(8);
  ioctlPtr(fd, PERF_EVENT_IOC.ID, buf, "PERF_EVENT_IOC_ID");
  return new DataView(buf.buffer).getBigUint64(0, true);
}

/** PERF_EVENT_IOC_SET_OUTPUT: redirect this event's records into `target`'s ring (-1 to stop). */
export function perfEventSetOutput(fd: FdLike, target: FdLike | -1): void {
  ioctl(fd, PERF_EVENT_IOC.SET_OUTPUT, target === -1 ? -1 : rawFd(target), "PERF_EVENT_IOC_SET_OUTPUT");
}
