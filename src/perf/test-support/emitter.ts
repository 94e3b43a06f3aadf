/**
 * @fileoverview Test support for the event readers' kernel tests: a hand-encoded tracepoint program
 * for syscalls:sys_enter_getppid that emits one 40-byte record per call made by one process, through
 * bpf_perf_event_output or bpf_ringbuf_output, and the plumbing to attach it.
 *
 * Hand-encoded on purpose: these tests check the readers, so they should not move when the compiler
 * or the instruction builder changes. The record (all little-endian u64):
 *   +0 seq (fetch-add on counter[0], so seqs are unique and dense), +8 MAGIC, +16 pid_tgid,
 *   +24 seq * 3, +32 ~0.
 * When the output helper fails (ring full, no ring for this CPU), counter[1] is incremented, so a
 * test can account for every call: delivered + failed == calls.
 */

import { readFileSync } from "node:fs";
import {
  BPF_ATTACH_TYPE,
  BPF_MAP_TYPE,
  BPF_PROG_TYPE,
  linkCreate,
  mapCreate,
  mapLookupElem,
  perfEventOpen,
  PERF_TYPE,
  progLoad,
  type Fd,
} from "../../sys/index.ts";

export const RECORD_SIZE = 40;
export const MAGIC = 0x5eed1234n;

/** One decoded record. */
export interface EmittedRecord {
  seq: number;
  magic: bigint;
  pidTgid: bigint;
  triple: bigint;
  ones: bigint;
}

export function decodeRecord(data: Uint8Array): EmittedRecord {
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return {
    seq: Number(dv.getBigUint64(0, true)),
    magic: dv.getBigUint64(8, true),
    pidTgid: dv.getBigUint64(16, true),
    triple: dv.getBigUint64(24, true),
    ones: dv.getBigUint64(32, true),
  };
}

type Item = { bytes: number[]; jumpTo?: string } | { label: string };

function ins(op: number, dst: number, src: number, off: number, imm: number): number[] {
  const b = new Uint8Array(8);
  const dv = new DataView(b.buffer);
  b[0] = op;
  b[1] = (dst & 0xf) | ((src & 0xf) << 4);
  dv.setInt16(2, off, true);
  dv.setInt32(4, imm, true);
  return [...b];
}

/** LD_IMM64 with BPF_PSEUDO_MAP_FD: two slots. */
function ldMap(dst: number, fd: number): number[] {
  return [...ins(0x18, dst, 1, 0, fd), ...ins(0, 0, 0, 0, 0)];
}

/** Lays out items, resolving `jumpTo` labels into slot offsets (jump field `off`). */
function assemble(items: Item[]): Uint8Array {
  const slotOf = new Map<string, number>();
  let slot = 0;
  for (const it of items) {
    if ("label" in it) slotOf.set(it.label, slot);
    else slot += it.bytes.length / 8;
  }
  const out: number[] = [];
  slot = 0;
  for (const it of items) {
    if ("label" in it) continue;
    const bytes = [...it.bytes];
    slot += bytes.length / 8;
    if (it.jumpTo !== undefined) {
      const target = slotOf.get(it.jumpTo);
      if (target === undefined) throw new Error(`no label ${it.jumpTo}`);
      const off = target - slot;
      bytes[2] = off & 0xff;
      bytes[3] = (off >> 8) & 0xff;
    }
    out.push(...bytes);
  }
  return new Uint8Array(out);
}

export interface EmitterSpec {
  kind: "perf" | "ringbuf";
  /** PERF_EVENT_ARRAY or RINGBUF map fd. */
  outMap: number;
  /** ARRAY map, u32 key, u64 value, 2 entries: [0] next seq, [1] failed outputs. */
  counterMap: number;
  /** Only calls from this process (tgid) emit. */
  tgid: number;
}

export function emitterProgram(s: EmitterSpec): Uint8Array {
  const items: Item[] = [
    { bytes: ins(0xbf, 6, 1, 0, 0) }, // r6 = ctx
    { bytes: ins(0x85, 0, 0, 0, 14) }, // call get_current_pid_tgid
    { bytes: ins(0xbf, 7, 0, 0, 0) }, // r7 = pid_tgid
    { bytes: ins(0x77, 0, 0, 0, 32) }, // r0 >>= 32
    { bytes: ins(0x55, 0, 0, 0, s.tgid), jumpTo: "out" }, // if r0 != tgid goto out
    { bytes: ins(0x62, 10, 0, -4, 0) }, // *(u32 *)(r10 - 4) = 0
    { bytes: ins(0xbf, 2, 10, 0, 0) },
    { bytes: ins(0x07, 2, 0, 0, -4) },
    { bytes: ldMap(1, s.counterMap) },
    { bytes: ins(0x85, 0, 0, 0, 1) }, // map_lookup_elem
    { bytes: ins(0x15, 0, 0, 0, 0), jumpTo: "out" }, // if r0 == 0 goto out
    { bytes: ins(0xb7, 8, 0, 0, 1) }, // r8 = 1
    { bytes: ins(0xdb, 0, 8, 0, 0x01) }, // r8 = atomic_fetch_add((u64 *)r0, r8)
    { bytes: ins(0x7b, 10, 8, -48, 0) }, // rec.seq = r8
    { bytes: ins(0x7a, 10, 0, -40, Number(MAGIC)) }, // rec.magic
    { bytes: ins(0x7b, 10, 7, -32, 0) }, // rec.pid_tgid
    { bytes: ins(0xbf, 3, 8, 0, 0) },
    { bytes: ins(0x27, 3, 0, 0, 3) }, // r3 *= 3
    { bytes: ins(0x7b, 10, 3, -24, 0) }, // rec.triple
    { bytes: ins(0x7a, 10, 0, -16, -1) }, // rec.ones
  ];
  if (s.kind === "perf") {
    items.push(
      { bytes: ins(0xbf, 1, 6, 0, 0) }, // r1 = ctx
      { bytes: ldMap(2, s.outMap) },
      { bytes: ins(0xb4, 3, 0, 0, -1) }, // w3 = BPF_F_CURRENT_CPU (0xffffffff, zero-extended)
      { bytes: ins(0xbf, 4, 10, 0, 0) },
      { bytes: ins(0x07, 4, 0, 0, -48) },
      { bytes: ins(0xb7, 5, 0, 0, RECORD_SIZE) },
      { bytes: ins(0x85, 0, 0, 0, 25) }, // perf_event_output
    );
  } else {
    items.push(
      { bytes: ldMap(1, s.outMap) },
      { bytes: ins(0xbf, 2, 10, 0, 0) },
      { bytes: ins(0x07, 2, 0, 0, -48) },
      { bytes: ins(0xb7, 3, 0, 0, RECORD_SIZE) },
      { bytes: ins(0xb7, 4, 0, 0, 0) }, // flags 0: adaptive wakeup
      { bytes: ins(0x85, 0, 0, 0, 130) }, // ringbuf_output
    );
  }
  items.push(
    { bytes: ins(0x15, 0, 0, 0, 0), jumpTo: "out" }, // success → out
    { bytes: ins(0x62, 10, 0, -4, 1) }, // key = 1
    { bytes: ins(0xbf, 2, 10, 0, 0) },
    { bytes: ins(0x07, 2, 0, 0, -4) },
    { bytes: ldMap(1, s.counterMap) },
    { bytes: ins(0x85, 0, 0, 0, 1) },
    { bytes: ins(0x15, 0, 0, 0, 0), jumpTo: "out" },
    { bytes: ins(0xb7, 1, 0, 0, 1) },
    { bytes: ins(0xdb, 0, 1, 0, 0x00) }, // lock *(u64 *)r0 += 1
    { label: "out" },
    { bytes: ins(0xb7, 0, 0, 0, 0) },
    { bytes: ins(0x95, 0, 0, 0, 0) },
  );
  return assemble(items);
}

export function tracepointId(name: string): number {
  for (const root of ["/sys/kernel/tracing", "/sys/kernel/debug/tracing"]) {
    try {
      return Number(readFileSync(`${root}/events/${name}/id`, "utf8"));
    } catch {
      // not mounted there: try the next root
    }
  }
  throw new Error(`tracepoint ${name} not found under tracefs`);
}

/** Everything a test needs to emit records: counter map, program, perf event and link. */
export class GetppidEmitter implements Disposable {
  readonly counter: Fd;
  private readonly owned: Fd[] = [];

  constructor(kind: "perf" | "ringbuf", outMap: Fd) {
    this.counter = mapCreate({ mapType: BPF_MAP_TYPE.ARRAY, keySize: 4, valueSize: 8, maxEntries: 2, name: "rd_test_cnt" });
    this.owned.push(this.counter);
    try {
      const insns = emitterProgram({ kind, outMap: outMap.raw, counterMap: this.counter.raw, tgid: process.pid });
      const { fd: prog } = progLoad({ progType: BPF_PROG_TYPE.TRACEPOINT, insns, license: "GPL", name: `rd_test_${kind}` });
      this.owned.push(prog);
      // The program runs for every task hitting the tracepoint (BPF on tracepoints is global); the
      // event's own pid only scopes the perf counter. The tgid check in the program does the filtering.
      const ev = perfEventOpen(
        { type: PERF_TYPE.TRACEPOINT, config: tracepointId("syscalls/sys_enter_getppid"), samplePeriod: 1 },
        { pid: process.pid, cpu: -1 },
      );
      this.owned.push(ev);
      this.owned.push(linkCreate({ progFd: prog, targetFd: ev, attachType: BPF_ATTACH_TYPE.PERF_EVENT }));
    } catch (e) {
      this.close();
      throw e;
    }
  }

  private read(slot: number): number {
    const key = new Uint8Array(4);
    new DataView(key.buffer).setUint32(0, slot, true);
    const value = new Uint8Array(8);
    if (!mapLookupElem(this.counter, key, value)) throw new Error(`counter slot ${slot} missing`);
    return Number(new DataView(value.buffer).getBigUint64(0, true));
  }

  /** Calls that reached the output helper. */
  get emitted(): number {
    return this.read(0);
  }

  /** Calls whose output helper failed. */
  get failed(): number {
    return this.read(1);
  }

  close(): void {
    for (const fd of this.owned.reverse()) fd.close();
    this.owned.length = 0;
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
