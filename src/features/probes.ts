/**
 * @fileoverview Kernel feature probes. Each one finds out by trying (loading a tiny program,
 * creating a map, opening a perf event), never by comparing kernel versions: distributions
 * backport and configure features independently of the version number.
 *
 * A probe answers "available", "unsupported" (conclusive: the kernel said no in a way that means
 * the feature is missing) or "inconclusive" (we could not tell, e.g. not root). Only conclusive
 * answers are cached, by the FeatureCache that owns them.
 */
import { existsSync, readFileSync } from "node:fs";
import { Assembler, R0, R1, R2, R3, R10, encode, Helper } from "../isa/index.ts";
import {
  BPF_ATTACH_TYPE,
  BPF_MAP_TYPE,
  BPF_PROG_TYPE,
  KernelError,
  PERF_TYPE,
  PermissionError,
  getpid,
  linkCreate,
  mapCreate,
  perfEventOpen,
  progLoad,
  rawTracepointOpen,
} from "../sys/index.ts";
import { elfEntryFileOffset } from "./elf-entry.ts";

export type FeatureStatus = "available" | "unsupported" | "inconclusive";

export interface FeatureResult {
  name: FeatureName;
  status: FeatureStatus;
  /** One line: how the verdict was reached, or what the kernel said. */
  detail: string;
}

export interface ProbeEnv {
  /** tracefs root, e.g. /sys/kernel/tracing; undefined when tracefs is unavailable. */
  tracefs?: string | undefined;
  /** Kernel BTF path. */
  btfPath: string;
  /** Looks up the BTF id of a kernel function, for the fentry probe. */
  funcBtfId?: ((name: string) => number | undefined) | undefined;
}

type ProbeFn = (env: ProbeEnv) => FeatureResult;

const ok = (name: FeatureName, detail: string): FeatureResult => ({ name, status: "available", detail });
const no = (name: FeatureName, detail: string): FeatureResult => ({ name, status: "unsupported", detail });
const unsure = (name: FeatureName, detail: string): FeatureResult => ({ name, status: "inconclusive", detail });

/** A kernel error means "unsupported" unless it is about permissions, which says nothing. */
function fromError(name: FeatureName, what: string, err: unknown): FeatureResult {
  if (err instanceof PermissionError) return unsure(name, `${what}: ${err.errno} (not privileged enough to tell)`);
  if (err instanceof KernelError) return no(name, `${what}: ${err.errno}`);
  throw err;
}

const RET0 = () => encode(new Assembler().mov64Imm(R0, 0).exit().build());

function tryLoad(progType: number, insns: Uint8Array, extra: { expectedAttachType?: number; attachBtfId?: number } = {}) {
  return progLoad({ progType, insns, license: "GPL", name: "bcc_ts_probe", ...extra });
}

function pmuType(pmu: string): number | undefined {
  const path = `/sys/bus/event_source/devices/${pmu}/type`;
  if (!existsSync(path)) return undefined;
  return Number.parseInt(readFileSync(path, "utf8"), 10);
}

/** A kernel function that exists on every kernel with kprobes; used as the probe target. */
const KPROBE_TARGET_CANDIDATES = ["vfs_read", "do_sys_openat2", "ksys_read"];

function kallsymsHas(name: string): boolean | undefined {
  try {
    const text = readFileSync("/proc/kallsyms", "utf8");
    return new RegExp(`^[0-9a-f]+ [tT] ${name}$`, "m").test(text);
  } catch {
    return undefined;
  }
}

const probeBpf: ProbeFn = () => {
  try {
    mapCreate({ mapType: BPF_MAP_TYPE.ARRAY, keySize: 4, valueSize: 4, maxEntries: 1, name: "bcc_ts_probe" }).close();
    return ok("bpf", "BPF_MAP_CREATE of an array map succeeded");
  } catch (err) {
    return fromError("bpf", "BPF_MAP_CREATE", err);
  }
};

const probeKprobePmu: ProbeFn = () => {
  const type = pmuType("kprobe");
  if (type === undefined) return no("kprobe_pmu", "no /sys/bus/event_source/devices/kprobe (CONFIG_KPROBES off or kernel < 4.17)");
  const target = KPROBE_TARGET_CANDIDATES.find((f) => kallsymsHas(f) !== false) ?? "vfs_read";
  try {
    perfEventOpen({ type, kprobeFunc: target, probeOffset: 0 }, { pid: -1, cpu: 0 }).close();
    return ok("kprobe_pmu", `perf_event_open on the kprobe PMU (type ${type}) at ${target} succeeded`);
  } catch (err) {
    return fromError("kprobe_pmu", `perf_event_open kprobe ${target}`, err);
  }
};

const probeKprobeEvents: ProbeFn = (env) => {
  if (env.tracefs === undefined) return unsure("kprobe_events", "tracefs is not available");
  if (!existsSync(`${env.tracefs}/kprobe_events`)) return no("kprobe_events", `no ${env.tracefs}/kprobe_events (CONFIG_KPROBE_EVENTS off)`);
  return ok("kprobe_events", `${env.tracefs}/kprobe_events exists`);
};

const probeUprobePmu: ProbeFn = () => {
  const type = pmuType("uprobe");
  if (type === undefined) return no("uprobe_pmu", "no /sys/bus/event_source/devices/uprobe (CONFIG_UPROBE_EVENTS off or kernel < 4.17)");
  const exe = process.execPath;
  const off = elfEntryFileOffset(exe);
  if (off === undefined) return unsure("uprobe_pmu", `cannot find the entry point of ${exe}`);
  try {
    perfEventOpen({ type, uprobePath: exe, probeOffset: off }, { pid: getpid(), cpu: -1 }).close();
    return ok("uprobe_pmu", `perf_event_open on the uprobe PMU (type ${type}) at ${exe}+0x${off.toString(16)} succeeded`);
  } catch (err) {
    return fromError("uprobe_pmu", "perf_event_open uprobe", err);
  }
};

const probeRingbuf: ProbeFn = () => {
  try {
    mapCreate({ mapType: BPF_MAP_TYPE.RINGBUF, keySize: 0, valueSize: 0, maxEntries: 4096, name: "bcc_ts_probe" }).close();
    return ok("ringbuf", "BPF_MAP_CREATE of a 4 KiB ring buffer succeeded");
  } catch (err) {
    return fromError("ringbuf", "BPF_MAP_CREATE ringbuf", err);
  }
};

const probeRawTracepoint: ProbeFn = () => {
  try {
    using prog = tryLoad(BPF_PROG_TYPE.RAW_TRACEPOINT, RET0()).fd;
    rawTracepointOpen("sys_enter", prog).close();
    return ok("raw_tracepoint", "a raw_tracepoint program attached to sys_enter");
  } catch (err) {
    return fromError("raw_tracepoint", "raw tracepoint load/attach", err);
  }
};

const probePerfLink: ProbeFn = (env) => {
  if (env.tracefs === undefined) return unsure("perf_link", "tracefs is not available");
  const idPath = `${env.tracefs}/events/syscalls/sys_enter_getppid/id`;
  if (!existsSync(idPath)) return unsure("perf_link", `no ${idPath}`);
  try {
    using prog = tryLoad(BPF_PROG_TYPE.TRACEPOINT, RET0()).fd;
    using ev = perfEventOpen({ type: PERF_TYPE.TRACEPOINT, config: Number(readFileSync(idPath, "utf8")), samplePeriod: 1 }, { pid: getpid(), cpu: -1 });
    linkCreate({ progFd: prog, targetFd: ev, attachType: BPF_ATTACH_TYPE.PERF_EVENT }).close();
    return ok("perf_link", "BPF_LINK_CREATE for a tracepoint perf event succeeded");
  } catch (err) {
    return fromError("perf_link", "BPF_LINK_CREATE perf_event", err);
  }
};

const probeProbeReadKernel: ProbeFn = () => {
  const insns = encode(
    new Assembler()
      .mov64Reg(R1, R10).add64Imm(R1, -8)
      .mov64Imm(R2, 8)
      .mov64Imm(R3, 0)
      .call(Helper.probe_read_kernel)
      .mov64Imm(R0, 0)
      .exit()
      .build(),
  );
  try {
    tryLoad(BPF_PROG_TYPE.TRACEPOINT, insns).fd.close();
    return ok("probe_read_kernel", "a program calling bpf_probe_read_kernel was accepted");
  } catch (err) {
    return fromError("probe_read_kernel", "load with bpf_probe_read_kernel", err);
  }
};

/** cpu v4 instructions (sign-extending moves/loads, sdiv/smod, bswap): Linux 6.6+. */
const probeIsaV4: ProbeFn = () => {
  const insns = encode(new Assembler().mov64Imm(R1, -1).movsx64(R0, R1, 8).mov64Imm(R0, 0).exit().build());
  try {
    tryLoad(BPF_PROG_TYPE.SOCKET_FILTER, insns).fd.close();
    return ok("isa_v4", "a program with a sign-extending move (cpu v4) was accepted");
  } catch (err) {
    return fromError("isa_v4", "load with a v4 instruction", err);
  }
};

const probeBtf: ProbeFn = (env) =>
  existsSync(env.btfPath) ? ok("btf", `${env.btfPath} exists`) : no("btf", `no ${env.btfPath} (kernel built without CONFIG_DEBUG_INFO_BTF)`);

const probeFentry: ProbeFn = (env) => {
  if (!existsSync(env.btfPath)) return no("fentry", `fentry needs kernel BTF; no ${env.btfPath}`);
  const id = env.funcBtfId?.("bpf_fentry_test1") ?? env.funcBtfId?.("vfs_read");
  if (id === undefined) return unsure("fentry", "no BTF function id available to attach to");
  try {
    const fd = tryLoad(BPF_PROG_TYPE.TRACING, RET0(), { expectedAttachType: BPF_ATTACH_TYPE.TRACE_FENTRY, attachBtfId: id }).fd;
    try {
      rawTracepointOpen(null, fd).close();
    } finally {
      fd.close();
    }
    return ok("fentry", "an fentry program loaded and attached");
  } catch (err) {
    // This is the one place where EPERM as root means "refused": the tracing program type is
    // gated separately (lockdown or a missing JIT trampoline), so report it as unsupported.
    if (err instanceof PermissionError && process.getuid?.() === 0) return no("fentry", `fentry load refused: ${err.errno} (kernel refuses tracing programs here)`);
    return fromError("fentry", "fentry load/attach", err);
  }
};

export const FEATURE_PROBES = Object.freeze({
  bpf: probeBpf,
  btf: probeBtf,
  kprobe_pmu: probeKprobePmu,
  kprobe_events: probeKprobeEvents,
  uprobe_pmu: probeUprobePmu,
  fentry: probeFentry,
  ringbuf: probeRingbuf,
  raw_tracepoint: probeRawTracepoint,
  perf_link: probePerfLink,
  probe_read_kernel: probeProbeReadKernel,
  isa_v4: probeIsaV4,
} satisfies Record<string, ProbeFn>);

export type FeatureName = keyof typeof FEATURE_PROBES;

export const FEATURE_DESCRIPTIONS: Readonly<Record<FeatureName, string>> = Object.freeze({
  bpf: "bpf() syscall usable (root or CAP_BPF)",
  btf: "kernel BTF (/sys/kernel/btf/vmlinux)",
  kprobe_pmu: "kprobes through the perf kprobe PMU",
  kprobe_events: "kprobes through tracefs kprobe_events",
  uprobe_pmu: "uprobes through the perf uprobe PMU",
  fentry: "fentry/fexit (BPF trampolines)",
  ringbuf: "BPF ring buffer maps",
  raw_tracepoint: "raw tracepoints",
  perf_link: "BPF links for perf events",
  probe_read_kernel: "bpf_probe_read_kernel helper",
  isa_v4: "eBPF cpu v4 instructions (sign-extending moves, sdiv, bswap)",
});
