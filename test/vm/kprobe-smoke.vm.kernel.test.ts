/**
 * kprobes, kretprobes and fentry/fexit end to end, before the BPF class exists: programs written with
 * the ISA builder count this process's getppid() calls in an ARRAY map, attached every way the
 * kernel offers (kprobe PMU + BPF link, kprobe PMU + PERF_EVENT_IOC_SET_BPF, tracefs kprobe_events
 * + tracepoint perf event, BPF trampolines). The return-probe variants also record the value
 * getppid returned, which must be our parent's pid.
 *
 * This machine kind's kernel has no kprobes and refuses fentry, so these suites skip on the host
 * and run in the Debian 6.1 guest (`npm run test:kernels`, BCC_TS_IN_GUEST=1 makes a missing
 * feature a failure there).
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeFeature } from "../harness/kernel.ts";
import { Assembler, R0, R1, R2, R6, R7, R10, encode } from "../../src/isa/index.ts";
import {
  BPF_ATTACH_TYPE,
  BPF_MAP_TYPE,
  BPF_PROG_TYPE,
  Fd,
  FdTracker,
  PERF_TYPE,
  getpid,
  getppid,
  linkCreate,
  mapCreate,
  mapLookupElem,
  perfEventOpen,
  perfEventSetBpf,
  progLoad,
  rawTracepointOpen,
} from "../../src/sys/index.ts";
import { FeatureCache } from "../../src/features/index.ts";
import { ProbeEvents, Tracefs } from "../../src/tracefs/index.ts";
import { loadKernelBtf } from "../../src/btf/kernel.ts";
import type { Btf } from "../../src/btf/index.ts";

/** struct pt_regs on x86_64: ax is the 11th u64 (r15 r14 r13 r12 bp bx r11 r10 r9 r8 ax ...). */
const PT_REGS_AX = 10 * 8;
const KPROBE_PMU = "/sys/bus/event_source/devices/kprobe";
/** getppid's BTF-described body: the __x64_sys_* wrappers have no BTF func records. */
const FENTRY_TARGET = "__do_sys_getppid";

function lazy<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}
const kernelBtf = lazy<Btf>(() => loadKernelBtf());
const funcBtfId = (name: string): number | undefined => kernelBtf().lookupFunc(name)?.func.id;
const features = new FeatureCache({ funcBtfId });

/** The kprobe-able symbol of a syscall: x86_64 wrappers since 4.17, plain sys_* before. */
function syscallSymbol(name: string): string {
  const kallsyms = readFileSync("/proc/kallsyms", "utf8");
  for (const sym of [`__x64_sys_${name}`, `sys_${name}`]) {
    if (new RegExp(` [tT] ${sym}$`, "m").test(kallsyms)) return sym;
  }
  throw new Error(`no kprobe-able symbol for syscall ${name} in /proc/kallsyms`);
}

/** The perf kprobe PMU's type and the config bit that makes it a return probe. */
function kprobePmu(): { type: number; retprobeConfig: bigint } {
  const type = Number.parseInt(readFileSync(`${KPROBE_PMU}/type`, "utf8"), 10);
  const m = /^config:(\d+)/.exec(readFileSync(`${KPROBE_PMU}/format/retprobe`, "utf8").trim());
  if (!m) throw new Error(`unexpected ${KPROBE_PMU}/format/retprobe`);
  return { type, retprobeConfig: 1n << BigInt(m[1] ?? 0) };
}

/** One ARRAY slot: { u64 hits; u64 last return value }. */
const VALUE_SIZE = 16;

/**
 * hits += 1 (and last = the probed function's return value, when `loadRet` says where it is) for
 * calls made by `tgid` only: other processes run getppid too.
 */
function countingProgram(mapFd: number, tgid: number, loadRet?: (asm: Assembler) => void): Uint8Array {
  const asm = new Assembler().mov64Reg(R6, R1);
  if (loadRet) loadRet(asm);
  asm
    .call("get_current_pid_tgid")
    .rsh64Imm(R0, 32)
    .jneImm(R0, tgid, "out")
    .stW(R10, -4, 0)
    .ldMapFd(R1, mapFd)
    .mov64Reg(R2, R10)
    .add64Imm(R2, -4)
    .call("map_lookup_elem")
    .jeqImm(R0, 0, "out")
    .mov64Imm(R1, 1)
    .atomicAdd64(R0, R1, 0);
  if (loadRet) asm.stxDW(R0, R7, 8);
  asm.label("out").mov64Imm(R0, 0).exit();
  return encode(asm.build());
}

const retFromPtRegs = (asm: Assembler) => asm.ldxDW(R7, R6, PT_REGS_AX);
/**
 * fexit's ctx is u64 args[nr_args] followed by the return value. The argument count comes from the
 * target's BTF prototype: on 6.1 x86_64, __do_sys_getppid takes the syscall's pt_regs pointer.
 */
const retFromFexitCtx = (target: string) => (asm: Assembler) => {
  const nargs = kernelBtf().lookupFunc(target)?.proto.params.length;
  if (nargs === undefined) throw new Error(`no BTF FUNC ${target}`);
  return asm.ldxDW(R7, R6, 8 * nargs);
};

function readSlot(map: Fd): { hits: bigint; last: bigint } {
  const value = new Uint8Array(VALUE_SIZE);
  expect(mapLookupElem(map, new Uint8Array(4), value)).toBe(true);
  const view = new DataView(value.buffer);
  return { hits: view.getBigUint64(0, true), last: view.getBigUint64(8, true) };
}

function callGetppid(n: number): number {
  let ppid = 0;
  for (let i = 0; i < n; i++) ppid = getppid();
  return ppid;
}

/**
 * Loads a counting program, lets `attach` hook it up, calls getppid N times while attached and M
 * times after detaching, and checks that exactly the N attached calls were seen.
 */
function expectCountsWhileAttached(
  tracker: FdTracker,
  prog: { progType: number; expectedAttachType?: number; attachBtfId?: number; loadRet?: (asm: Assembler) => void },
  attach: (progFd: Fd) => Disposable,
): void {
  using map = mapCreate({ mapType: BPF_MAP_TYPE.ARRAY, keySize: 4, valueSize: VALUE_SIZE, maxEntries: 1, name: "vm_hits" }, { tracker });
  const insns = countingProgram(map.peek(), getpid(), prog.loadRet);
  using progFd = progLoad(
    { progType: prog.progType, insns, license: "GPL", name: "vm_smoke", expectedAttachType: prog.expectedAttachType, attachBtfId: prog.attachBtfId },
    { tracker },
  ).fd;
  const N = 13;
  let ppid: number;
  {
    using attached = attach(progFd);
    void attached;
    ppid = callGetppid(N);
  }
  callGetppid(5); // detached: must not count
  const { hits, last } = readSlot(map);
  expect(hits).toBe(BigInt(N));
  if (prog.loadRet) {
    expect(ppid).toBe(process.ppid);
    expect(last).toBe(BigInt(ppid));
  }
}

/** What an attachment holds (probe events, perf events, links), released last-acquired first. */
class Held implements Disposable {
  readonly #items: Disposable[] = [];

  add<T extends Disposable>(item: T): T {
    this.#items.push(item);
    return item;
  }

  [Symbol.dispose](): void {
    for (let item = this.#items.pop(); item !== undefined; item = this.#items.pop()) item[Symbol.dispose]();
  }
}

/** Runs `build`; if it throws half way, what it already acquired is released before rethrowing. */
function acquire(build: (held: Held) => void): Disposable {
  const held = new Held();
  try {
    build(held);
    return held;
  } catch (err) {
    held[Symbol.dispose]();
    throw err;
  }
}

describeFeature("vm: kprobes and kretprobes from ISA-built programs", "kprobes", () => features.has("kprobe_pmu"), () => {
  const tracker = new FdTracker();
  let symbol: string;
  let pmu: { type: number; retprobeConfig: bigint };
  let tracefs: Tracefs;

  const retprobeAttr = () => ({ type: pmu.type, config: pmu.retprobeConfig, kprobeFunc: symbol, probeOffset: 0 });

  beforeAll(() => {
    symbol = syscallSymbol("getppid");
    pmu = kprobePmu();
    tracefs = Tracefs.open();
  });
  afterAll(() => tracker.assertNoLeaks());

  it("feature probes report kprobes (PMU and kprobe_events) available", () => {
    const fresh = new FeatureCache();
    const viaPmu = fresh.probe("kprobe_pmu");
    expect(viaPmu.status, viaPmu.detail).toBe("available");
    const viaTracefs = new FeatureCache({ tracefs: tracefs.root }).probe("kprobe_events");
    expect(viaTracefs.status, viaTracefs.detail).toBe("available");
  });

  it("kprobe PMU + BPF link counts exactly this process's calls", () => {
    expectCountsWhileAttached(tracker, { progType: BPF_PROG_TYPE.KPROBE }, (prog) => {
      return acquire((held) => {
        const ev = held.add(perfEventOpen({ type: pmu.type, kprobeFunc: symbol, probeOffset: 0 }, { pid: -1, cpu: 0 }, { tracker }));
        held.add(linkCreate({ progFd: prog, targetFd: ev, attachType: BPF_ATTACH_TYPE.PERF_EVENT }, { tracker }));
      });
    });
  });

  it("kprobe PMU + PERF_EVENT_IOC_SET_BPF counts exactly this process's calls", () => {
    expectCountsWhileAttached(tracker, { progType: BPF_PROG_TYPE.KPROBE }, (prog) => {
      return acquire((held) => {
        const ev = held.add(perfEventOpen({ type: pmu.type, kprobeFunc: symbol, probeOffset: 0 }, { pid: -1, cpu: 0 }, { tracker }));
        perfEventSetBpf(ev, prog);
      });
    });
  });

  it("kretprobe (PMU retprobe bit) + BPF link sees getppid's return value", () => {
    expectCountsWhileAttached(tracker, { progType: BPF_PROG_TYPE.KPROBE, loadRet: retFromPtRegs }, (prog) => {
      return acquire((held) => {
        const ev = held.add(perfEventOpen(retprobeAttr(), { pid: -1, cpu: 0 }, { tracker }));
        held.add(linkCreate({ progFd: prog, targetFd: ev, attachType: BPF_ATTACH_TYPE.PERF_EVENT }, { tracker }));
      });
    });
  });

  it("kretprobe (PMU) + PERF_EVENT_IOC_SET_BPF sees getppid's return value", () => {
    expectCountsWhileAttached(tracker, { progType: BPF_PROG_TYPE.KPROBE, loadRet: retFromPtRegs }, (prog) => {
      return acquire((held) => {
        const ev = held.add(perfEventOpen(retprobeAttr(), { pid: -1, cpu: 0 }, { tracker }));
        perfEventSetBpf(ev, prog);
      });
    });
  });

  for (const kind of ["p", "r"] as const) {
    it(`tracefs kprobe_events "${kind}" probe + tracepoint perf event + BPF link`, () => {
      const events = ProbeEvents.kprobes(tracefs);
      const loadRet = kind === "r" ? retFromPtRegs : undefined;
      expectCountsWhileAttached(tracker, { progType: BPF_PROG_TYPE.KPROBE, loadRet }, (prog) => {
        // Released in reverse: the kernel refuses (EBUSY) to delete an event a perf event still uses.
        return acquire((held) => {
          const probe = held.add(events.create({ kind, event: `vm_smoke_${kind}_getppid`, target: symbol }));
          expect(events.listOwn().map((e) => e.event)).toContain(probe.event);
          const ev = held.add(perfEventOpen({ type: PERF_TYPE.TRACEPOINT, config: probe.id, samplePeriod: 1 }, { pid: -1, cpu: 0 }, { tracker }));
          held.add(linkCreate({ progFd: prog, targetFd: ev, attachType: BPF_ATTACH_TYPE.PERF_EVENT }, { tracker }));
        });
      });
      expect(events.listOwn().map((e) => e.event)).not.toContain(`vm_smoke_${kind}_getppid`);
    });
  }
});

describeFeature("vm: fentry/fexit from ISA-built programs", "fentry", () => features.has("fentry"), () => {
  const tracker = new FdTracker();
  let btfId: number;

  beforeAll(() => {
    const id = funcBtfId(FENTRY_TARGET);
    if (id === undefined) throw new Error(`no BTF FUNC ${FENTRY_TARGET} in /sys/kernel/btf/vmlinux`);
    btfId = id;
  });
  afterAll(() => tracker.assertNoLeaks());

  it("the fentry feature probe reports available", () => {
    const r = new FeatureCache({ funcBtfId }).probe("fentry");
    expect(r.status, r.detail).toBe("available");
  });

  it("fentry attached with BPF_RAW_TRACEPOINT_OPEN counts exactly this process's calls", () => {
    const prog = { progType: BPF_PROG_TYPE.TRACING, expectedAttachType: BPF_ATTACH_TYPE.TRACE_FENTRY, attachBtfId: btfId };
    expectCountsWhileAttached(tracker, prog, (fd) => rawTracepointOpen(null, fd, { tracker }));
  });

  it("fentry attached with BPF_LINK_CREATE counts exactly this process's calls", () => {
    const prog = { progType: BPF_PROG_TYPE.TRACING, expectedAttachType: BPF_ATTACH_TYPE.TRACE_FENTRY, attachBtfId: btfId };
    expectCountsWhileAttached(tracker, prog, (fd) => linkCreate({ progFd: fd, attachType: BPF_ATTACH_TYPE.TRACE_FENTRY }, { tracker }));
  });

  it("fexit sees getppid's return value", () => {
    const prog = { progType: BPF_PROG_TYPE.TRACING, expectedAttachType: BPF_ATTACH_TYPE.TRACE_FEXIT, attachBtfId: btfId, loadRet: retFromFexitCtx(FENTRY_TARGET) };
    expectCountsWhileAttached(tracker, prog, (fd) => linkCreate({ progFd: fd, attachType: BPF_ATTACH_TYPE.TRACE_FEXIT }, { tracker }));
  });
});
