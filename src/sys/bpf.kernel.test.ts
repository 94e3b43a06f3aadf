/**
 * bpf() commands against the real kernel: maps, program load with verifier logs, test runs, object
 * info and ids, stats. Every object is created here and closed in the test (the tracker proves it).
 */
import { afterEach, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import {
  BPF_ATTACH_TYPE,
  BPF_EXIST,
  BPF_MAP_TYPE,
  BPF_NOEXIST,
  BPF_PROG_FLAG,
  BPF_PROG_TYPE,
  btfInfo,
  btfLoad,
  enableStats,
  ERRNO,
  FdTracker,
  getFdById,
  getNextId,
  KernelError,
  linkInfo,
  listIds,
  mapCreate,
  mapDeleteBatch,
  mapDeleteElem,
  mapGetNextKey,
  mapInfo,
  mapLookupAndDeleteBatch,
  mapLookupAndDeleteElem,
  mapLookupBatch,
  mapLookupElem,
  mapUpdateBatch,
  mapUpdateElem,
  NotSupportedError,
  progInfo,
  progLoad,
  progTestRun,
  progXlatedInsns,
  rawTracepointOpen,
  VerifierError,
} from "./index.ts";

/** Hand-encoded instructions: opcode, dst|src<<4, off (le16), imm (le32). */
function insn(op: number, dst: number, src: number, off: number, imm: number): number[] {
  const b = new Uint8Array(8);
  const dv = new DataView(b.buffer);
  b[0] = op;
  b[1] = (dst & 0xf) | ((src & 0xf) << 4);
  dv.setInt16(2, off, true);
  dv.setInt32(4, imm, true);
  return [...b];
}
const MOV64_IMM = 0xb7; // r_dst = imm
const EXIT = 0x95;
const ST_MEM_W = 0x62; // *(u32 *)(dst + off) = imm
const LDX_MEM_W = 0x61; // dst = *(u32 *)(src + off)
const ADD64_IMM = 0x07;
const prog = (...parts: number[][]): Uint8Array => new Uint8Array(parts.flat());

const u32 = (v: number): Uint8Array => new Uint8Array(new Uint32Array([v]).buffer);
const u64 = (v: bigint): Uint8Array => new Uint8Array(new BigUint64Array([v]).buffer);
const readU32 = (b: Uint8Array, i = 0): number => new DataView(b.buffer, b.byteOffset).getUint32(i * 4, true);
const readU64 = (b: Uint8Array): bigint => new DataView(b.buffer, b.byteOffset).getBigUint64(0, true);

describeKernel("sys/bpf against the kernel", () => {
  const tracker = new FdTracker();
  afterEach(() => tracker.assertNoLeaks());
  const opts = { tracker };

  it("ARRAY map: update, lookup, EXIST/NOEXIST semantics, info", () => {
    using map = mapCreate({ mapType: BPF_MAP_TYPE.ARRAY, keySize: 4, valueSize: 8, maxEntries: 4, name: "sys_test_array" }, opts);
    const value = new Uint8Array(8);
    expect(mapLookupElem(map, u32(1), value)).toBe(true);
    expect(readU64(value)).toBe(0n);
    mapUpdateElem(map, u32(1), u64(0xdead_beef_cafen));
    expect(mapLookupElem(map, u32(1), value)).toBe(true);
    expect(readU64(value)).toBe(0xdead_beef_cafen);
    // Array elements always exist: NOEXIST is refused, out-of-range keys are absent.
    expect(() => mapUpdateElem(map, u32(1), u64(1n), BPF_NOEXIST)).toThrow(KernelError);
    expect(mapLookupElem(map, u32(9), value)).toBe(false);
    const info = mapInfo(map);
    expect(info).toMatchObject({ type: BPF_MAP_TYPE.ARRAY, keySize: 4, valueSize: 8, maxEntries: 4, name: "sys_test_array" });
    expect(info.id).toBeGreaterThan(0);
  });

  it("HASH map: insert, NOEXIST/EXIST, delete, iterate with get_next_key", () => {
    using map = mapCreate({ mapType: BPF_MAP_TYPE.HASH, keySize: 4, valueSize: 4, maxEntries: 16, name: "sys-test hash!" }, opts);
    expect(mapInfo(map).name).toBe("sys_test_hash_");
    for (const k of [3, 1, 2]) mapUpdateElem(map, u32(k), u32(k * 10), BPF_NOEXIST);
    let err: unknown;
    try {
      mapUpdateElem(map, u32(3), u32(0), BPF_NOEXIST);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KernelError);
    expect((err as KernelError).errno).toBe("EEXIST");
    expect(() => mapUpdateElem(map, u32(99), u32(0), BPF_EXIST)).toThrow(/ENOENT/);
    mapUpdateElem(map, u32(3), u32(33), BPF_EXIST);

    const keys: number[] = [];
    const next = new Uint8Array(4);
    let cur: Uint8Array | null = null;
    while (mapGetNextKey(map, cur, next)) {
      keys.push(readU32(next));
      cur = next.slice();
    }
    expect(keys.sort()).toEqual([1, 2, 3]);

    const v = new Uint8Array(4);
    expect(mapLookupElem(map, u32(3), v)).toBe(true);
    expect(readU32(v)).toBe(33);
    expect(mapDeleteElem(map, u32(3))).toBe(true);
    expect(mapDeleteElem(map, u32(3))).toBe(false);
    expect(mapLookupElem(map, u32(3), v)).toBe(false);
  });

  it("batch lookup / lookup-and-delete / update / delete", () => {
    using map = mapCreate({ mapType: BPF_MAP_TYPE.HASH, keySize: 4, valueSize: 8, maxEntries: 64, name: "sys_test_batch" }, opts);
    const n = 10;
    const keys = new Uint32Array(n).map((_, i) => i + 100);
    const values = new BigUint64Array(n).map((_, i) => BigInt(i) * 7n);
    expect(mapUpdateBatch(map, new Uint8Array(keys.buffer), new Uint8Array(values.buffer), n)).toBe(n);

    // Walk in chunks of 4 to exercise the cursor.
    const seen = new Map<number, bigint>();
    let inBatch: Uint8Array | null = null;
    for (let round = 0; round < 10; round++) {
      const outBatch = new Uint8Array(4);
      const kb = new Uint8Array(4 * 4);
      const vb = new Uint8Array(4 * 8);
      const r = mapLookupBatch(map, { inBatch, outBatch, keys: kb, values: vb, count: 4 });
      const kv = new Uint32Array(kb.buffer);
      const vv = new BigUint64Array(vb.buffer);
      for (let i = 0; i < r.count; i++) seen.set(kv[i]!, vv[i]!);
      if (r.done) break;
      inBatch = outBatch;
    }
    expect(seen.size).toBe(n);
    for (let i = 0; i < n; i++) expect(seen.get(i + 100)).toBe(BigInt(i) * 7n);

    expect(mapDeleteBatch(map, new Uint8Array(keys.buffer, 0, 8), 2)).toBe(2);
    const kb = new Uint8Array(4 * 16);
    const vb = new Uint8Array(8 * 16);
    const r = mapLookupAndDeleteBatch(map, { inBatch: null, outBatch: new Uint8Array(4), keys: kb, values: vb, count: 16 });
    expect(r).toEqual({ count: n - 2, done: true });
    expect(mapGetNextKey(map, null, new Uint8Array(4))).toBe(false);
  });

  it("QUEUE map: push and pop with lookup_and_delete", () => {
    using q = mapCreate({ mapType: BPF_MAP_TYPE.QUEUE, keySize: 0, valueSize: 4, maxEntries: 4, name: "sys_test_queue" }, opts);
    mapUpdateElem(q, new Uint8Array(0), u32(5));
    mapUpdateElem(q, new Uint8Array(0), u32(6));
    const v = new Uint8Array(4);
    expect(mapLookupAndDeleteElem(q, null, v)).toBe(true);
    expect(readU32(v)).toBe(5);
    expect(mapLookupAndDeleteElem(q, null, v)).toBe(true);
    expect(readU32(v)).toBe(6);
    expect(mapLookupAndDeleteElem(q, null, v)).toBe(false);
  });

  it("loads `r0 = 0; exit` as a SYSCALL program and test-runs it with a ctx", () => {
    const { fd, log } = progLoad(
      {
        progType: BPF_PROG_TYPE.SYSCALL,
        insns: prog(insn(MOV64_IMM, 0, 0, 0, 0), insn(EXIT, 0, 0, 0, 0)),
        license: "GPL",
        progFlags: BPF_PROG_FLAG.SLEEPABLE,
        name: "sys_test_ret0",
      },
      opts,
    );
    using p = fd;
    expect(log).toBe("");
    const ctx = new Uint8Array(16);
    expect(progTestRun(p, { ctxIn: ctx }).retval).toBe(0);
    const info = progInfo(p);
    expect(info.name).toBe("sys_test_ret0");
    expect(info.type).toBe(BPF_PROG_TYPE.SYSCALL);
    expect(info.xlatedProgLen).toBe(16);
    expect(info.tag).toMatch(/^[0-9a-f]{16}$/);
    expect(progXlatedInsns(p).byteLength).toBe(16);
  });

  it("a SYSCALL program's writes to its ctx are copied back into ctx_in; retval comes from r0", () => {
    const { fd } = progLoad(
      {
        progType: BPF_PROG_TYPE.SYSCALL,
        insns: prog(
          insn(LDX_MEM_W, 0, 1, 4, 0), // r0 = *(u32 *)(r1 + 4)
          insn(ADD64_IMM, 0, 0, 0, 1), // r0 += 1
          insn(ST_MEM_W, 1, 0, 0, 42), // *(u32 *)(r1 + 0) = 42
          insn(EXIT, 0, 0, 0, 0),
        ),
        license: "GPL",
        progFlags: BPF_PROG_FLAG.SLEEPABLE,
        name: "sys_test_ctx",
      },
      opts,
    );
    using p = fd;
    const ctx = new Uint8Array(8);
    new DataView(ctx.buffer).setUint32(4, 1000, true);
    const r = progTestRun(p, { ctxIn: ctx });
    expect(r.retval).toBe(1001);
    expect(readU32(ctx, 0)).toBe(42);
  });

  it("an invalid program surfaces the verifier's message through VerifierError", () => {
    let err: unknown;
    try {
      progLoad({ progType: BPF_PROG_TYPE.SYSCALL, insns: prog(insn(EXIT, 0, 0, 0, 0)), license: "GPL", progFlags: BPF_PROG_FLAG.SLEEPABLE, name: "sys_test_bad" }, opts);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(VerifierError);
    const v = err as VerifierError;
    expect(v.log).toContain("R0 !read_ok");
    expect(v.summary).toContain("R0 !read_ok");
    expect(v.message).toContain("R0 !read_ok");
    expect(v.message).not.toContain("\n");
    expect(v.command).toBe("PROG_LOAD");
    expect(v.code).toBe(ERRNO.EACCES);
    expect(v.truncated).toBe(false);
  });

  it("grows the log buffer on ENOSPC and returns the log when asked for it", () => {
    // A successful load with log_level 2 and a tiny first buffer: the kernel answers ENOSPC until the
    // buffer holds the whole log.
    const insns = prog(...Array.from({ length: 200 }, () => insn(MOV64_IMM, 0, 0, 0, 0)), insn(EXIT, 0, 0, 0, 0));
    const { fd, log } = progLoad(
      { progType: BPF_PROG_TYPE.SYSCALL, insns, license: "GPL", progFlags: BPF_PROG_FLAG.SLEEPABLE, name: "sys_test_log" },
      { ...opts, logLevel: 2, logSize: 256 },
    );
    fd.close();
    expect(log.length).toBeGreaterThan(256);
    expect(log).toContain("processed 201 insns");
  });

  it("uninitialised register reads are reported (R2 !read_ok)", () => {
    const insns = prog(insn(0xbf, 0, 2, 0, 0), insn(EXIT, 0, 0, 0, 0)); // r0 = r2; exit
    expect(() => progLoad({ progType: BPF_PROG_TYPE.SYSCALL, insns, license: "GPL", progFlags: BPF_PROG_FLAG.SLEEPABLE }, opts)).toThrow(/R2 !read_ok/);
  });

  it("walks object ids and reopens a program by id", () => {
    const { fd } = progLoad(
      { progType: BPF_PROG_TYPE.SYSCALL, insns: prog(insn(MOV64_IMM, 0, 0, 0, 7), insn(EXIT, 0, 0, 0, 0)), license: "GPL", progFlags: BPF_PROG_FLAG.SLEEPABLE, name: "sys_test_ids" },
      opts,
    );
    using p = fd;
    const id = progInfo(p).id;
    expect(listIds("PROG")).toContain(id);
    // Ids are ints: the kernel answers EINVAL past INT_MAX, ENOENT past the last id.
    expect(getNextId("PROG", 0x7fff_fff0)).toBeUndefined();
    const again = getFdById("PROG", id, opts);
    expect(again).toBeDefined();
    using reopened = again!;
    expect(progInfo(reopened).name).toBe("sys_test_ids");
    expect(progTestRun(reopened, { ctxIn: new Uint8Array(8) }).retval).toBe(7);
    expect(getFdById("MAP", 0x7fff_fff0, opts)).toBeUndefined();
  });

  it("ENABLE_STATS makes run_time_ns/run_cnt count test runs of a raw_tp program", () => {
    const { fd } = progLoad(
      { progType: BPF_PROG_TYPE.RAW_TRACEPOINT, insns: prog(insn(MOV64_IMM, 0, 0, 0, 0), insn(EXIT, 0, 0, 0, 0)), license: "GPL", name: "sys_test_stats" },
      opts,
    );
    using p = fd;
    {
      using stats = enableStats(undefined, opts);
      expect(stats.raw).toBeGreaterThan(2);
      progTestRun(p, { ctxIn: new Uint8Array(8) });
      const info = progInfo(p);
      expect(info.runCnt).toBeGreaterThanOrEqual(1n);
    }
  });

  it("PROG_TEST_RUN of a tracepoint program is reported as NotSupportedError (ENOTSUPP)", () => {
    const { fd } = progLoad({ progType: BPF_PROG_TYPE.TRACEPOINT, insns: prog(insn(MOV64_IMM, 0, 0, 0, 0), insn(EXIT, 0, 0, 0, 0)), license: "GPL" }, opts);
    using p = fd;
    let err: unknown;
    try {
      progTestRun(p, { ctxIn: new Uint8Array(8) });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NotSupportedError);
    expect((err as NotSupportedError).errno).toBe("ENOTSUPP");
    expect((err as NotSupportedError).code).toBe(524);
  });

  it("BTF_LOAD accepts a minimal BTF blob and explains a broken one through VerifierError", () => {
    // Header (24 bytes) + one INT type "int" (16 bytes) + strings "\0int\0".
    function btfBlob(nameOff: number): Uint8Array {
      const strings = new TextEncoder().encode("\0int\0");
      const buf = new Uint8Array(24 + 16 + strings.length);
      const dv = new DataView(buf.buffer);
      dv.setUint16(0, 0xeb9f, true); // magic
      buf[2] = 1; // version
      dv.setUint32(4, 24, true); // hdr_len
      dv.setUint32(8, 0, true); // type_off
      dv.setUint32(12, 16, true); // type_len
      dv.setUint32(16, 16, true); // str_off
      dv.setUint32(20, strings.length, true); // str_len
      dv.setUint32(24, nameOff, true); // name_off
      dv.setUint32(28, 1 << 24, true); // info: kind INT
      dv.setUint32(32, 4, true); // size
      dv.setUint32(36, (1 << 24) | 32, true); // signed, 32 bits
      buf.set(strings, 40);
      return buf;
    }
    const { fd } = btfLoad(btfBlob(1), opts);
    using btf = fd;
    const info = btfInfo(btf);
    expect(info.id).toBeGreaterThan(0);
    expect(info.btfSize).toBe(45);
    expect(info.kernelBtf).toBe(false);
    expect(listIds("BTF")).toContain(info.id);

    let err: unknown;
    try {
      btfLoad(btfBlob(100), opts);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(VerifierError);
    expect((err as VerifierError).command).toBe("BTF_LOAD");
    expect((err as VerifierError).log).toMatch(/name_offset/i);
    expect((err as VerifierError).message).toContain("BTF rejected by the kernel");
  });

  it("raw tracepoint attach creates a link whose info names the tracepoint", () => {
    const { fd } = progLoad(
      { progType: BPF_PROG_TYPE.RAW_TRACEPOINT, insns: prog(insn(MOV64_IMM, 0, 0, 0, 0), insn(EXIT, 0, 0, 0, 0)), license: "GPL", name: "sys_test_rawtp" },
      opts,
    );
    using p = fd;
    using link = rawTracepointOpen("sys_enter", p, opts);
    const info = linkInfo(link);
    expect(info.type).toBe(1);
    expect(info.progId).toBe(progInfo(p).id);
    expect(info.rawTracepointName).toBe("sys_enter");
    expect(listIds("LINK")).toContain(info.id);
    expect(BPF_ATTACH_TYPE.TRACE_RAW_TP).toBe(23);
  });
});
