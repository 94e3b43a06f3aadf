/**
 * The reader against this machine's real /sys/kernel/btf/vmlinux (readable without root). The
 * assertions are invariants of the kernel's C definitions (sizes, types, nesting) rather than
 * offsets of one build, except for a few layouts that have been stable for years (noted inline).
 */
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { BtfKind } from "./btf-format.ts";
import type { BtfType, BtfTypeOf } from "./btf-types.ts";
import { KERNEL_BTF_PATH, KernelBtfNotFoundError, loadKernelBtf } from "./kernel.ts";
import { type Btf, BtfFormatError, BtfLookupError } from "./reader.ts";

const haveBtf = existsSync(KERNEL_BTF_PATH);

describe("loadKernelBtf", () => {
  it("fails with a one-line typed error when the file is missing", () => {
    const path = "/nonexistent/btf/vmlinux";
    let err: unknown;
    try {
      loadKernelBtf(path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KernelBtfNotFoundError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/^kernel BTF not found at \/nonexistent\/btf\/vmlinux: no such file \(check the path\)/);
    expect(msg).not.toContain("\n");
  });
});

describe.skipIf(!haveBtf)(`vmlinux BTF (${KERNEL_BTF_PATH})`, () => {
  let btf: Btf;
  beforeAll(() => {
    const t0 = performance.now();
    btf = loadKernelBtf();
    const loaded = performance.now() - t0;
    const t1 = performance.now();
    btf.lookupStruct("task_struct");
    const firstLookup = performance.now() - t1;
    const t2 = performance.now();
    btf.lookupFunc("vfs_read");
    const firstFunc = performance.now() - t2;
    // A measurement for the report, not an assertion: timings depend on the machine.
    console.log(
      `vmlinux BTF: ${btf.typeCount - 1} types, ${btf.header.typeLen + btf.header.strLen} bytes; ` +
      `index pass ${btf.indexMillis.toFixed(1)} ms, read+index ${loaded.toFixed(1)} ms, first struct lookup (hashes non-func names) ${firstLookup.toFixed(1)} ms, ` +
      `first func lookup (hashes func names) ${firstFunc.toFixed(1)} ms`,
    );
  });

  const struct = (name: string): BtfTypeOf<"struct"> => {
    const s = btf.lookupStruct(name);
    if (!s) throw new Error(`struct ${name} missing`);
    return s;
  };
  const resolved = (id: number): BtfType => btf.typeById(btf.resolve(id));

  it("indexes every type and rejects ids out of range", () => {
    expect(btf.typeCount).toBeGreaterThan(10_000);
    expect(btf.typeById(0)).toEqual({ id: 0, kind: "void" });
    // Decoding every type must succeed and agree with the index's kind.
    for (let id = 1; id < btf.typeCount; id += 97) expect(btf.typeById(id).id).toBe(id);
    expect(() => btf.typeById(btf.typeCount)).toThrow(BtfLookupError);
    expect(() => btf.typeById(-1)).toThrow(BtfLookupError);
    expect(() => btf.kindOf(1.5)).toThrow(BtfLookupError);
  });

  it("struct task_struct: pid, tgid, comm, real_parent", () => {
    const ts = struct("task_struct");
    expect(ts.size).toBeGreaterThan(1000);
    const pid = btf.memberPath(ts.id, "pid");
    const tgid = btf.memberPath(ts.id, "tgid");
    // pid_t → __kernel_pid_t → int: a 4-byte signed int.
    const pidInt = resolved(pid.member.type);
    expect(pidInt).toMatchObject({ kind: "int", size: 4, signed: true, bits: 32 });
    expect(btf.nameOf(pid.member.type)).toBe("pid_t");
    expect(btf.sizeOf(pid.member.type)).toBe(4);
    // tgid directly follows pid in every kernel since 2.6.
    expect(tgid.bitOffset).toBe(pid.bitOffset + 32);
    for (const m of [pid, tgid]) {
      expect(m.bitOffset % 32).toBe(0);
      expect(m.bitOffset / 8 + 4).toBeLessThanOrEqual(ts.size);
    }
    const comm = btf.memberPath(ts.id, "comm");
    const commT = resolved(comm.member.type);
    expect(commT.kind).toBe("array");
    expect((commT as BtfTypeOf<"array">).length).toBe(16);
    expect(resolved((commT as BtfTypeOf<"array">).type)).toMatchObject({ kind: "int", size: 1, name: "char" });
    expect(btf.sizeOf(comm.member.type)).toBe(16);
    const rp = btf.memberPath(ts.id, "real_parent");
    const rpT = resolved(rp.member.type);
    expect(rpT.kind).toBe("ptr");
    expect(btf.resolve((rpT as BtfTypeOf<"ptr">).type)).toBe(ts.id);
    expect(rp.bitOffset % 64).toBe(0);
  });

  it("members in declaration order have non-decreasing offsets inside the struct", () => {
    for (const name of ["task_struct", "sk_buff", "sock", "file", "inode", "mm_struct"]) {
      const s = struct(name);
      let last = -1;
      for (const m of s.members) {
        expect(m.bitOffset).toBeGreaterThanOrEqual(last);
        expect(m.bitOffset + m.bitSize).toBeLessThanOrEqual(s.size * 8);
        last = m.bitOffset;
      }
    }
  });

  it("decodes bitfields (kind_flag members)", () => {
    const bitfields = [...struct("sock").members, ...struct("task_struct").members].filter((m) => m.bitSize > 0);
    expect(bitfields.length).toBeGreaterThan(3);
    for (const m of bitfields) {
      expect(m.bitSize).toBeLessThanOrEqual(btf.sizeOf(m.type) * 8);
    }
    // Adjacent 1-bit flags pack into consecutive bits.
    const ts = struct("task_struct");
    const reset = ts.members.find((m) => m.name === "sched_reset_on_fork");
    expect(reset?.bitSize).toBe(1);
    const next = ts.members[ts.members.indexOf(reset!) + 1]!;
    expect(next.bitSize).toBeGreaterThan(0);
    expect(next.bitOffset).toBe(reset!.bitOffset + 1);
  });

  it("finds members through anonymous unions/structs (sk_buff.dev, sk_buff.tstamp)", () => {
    const skb = struct("sk_buff");
    const dev = btf.memberPath(skb.id, "dev");
    // dev sits in an anonymous struct {next, prev, union {dev, dev_scratch}} inside an anonymous
    // union at the start of sk_buff: offset 16 since Linux 4.14.
    expect(dev.chain.length).toBeGreaterThan(1);
    expect(dev.chain.slice(0, -1).every((m) => m.name === undefined)).toBe(true);
    expect(dev.bitOffset).toBe(128);
    const devT = resolved(dev.member.type) as BtfTypeOf<"ptr">;
    expect(btf.nameOf(btf.resolve(devT.type))).toBe("net_device");
    const tstamp = btf.memberPath(skb.id, "tstamp");
    expect(tstamp.chain[0]!.name).toBeUndefined();
    expect(btf.sizeOf(tstamp.member.type)).toBe(8);
    // Dotted paths descend through named members' types.
    const nested = btf.memberPath(struct("task_struct").id, "se.vruntime");
    expect(btf.sizeOf(nested.member.type)).toBe(8);
    expect(nested.bitOffset).toBeGreaterThan(btf.memberPath(struct("task_struct").id, "se").bitOffset - 1);
  });

  it("explains a misspelt member with a suggestion", () => {
    const ts = struct("task_struct");
    expect(() => btf.memberPath(ts.id, "pidd")).toThrow("struct task_struct has no member 'pidd' (did you mean 'pid'?)");
    let err: unknown;
    try {
      btf.memberPath(ts.id, "real_parnet");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BtfLookupError);
    expect((err as BtfLookupError).suggestions[0]).toBe("real_parent");
    expect(btf.findMember(ts.id, "no_such_member_zz")).toBeUndefined();
  });

  it("enums and enumerators", () => {
    expect(btf.lookupEnumValue("BPF_ANY")?.value).toBe(0n);
    expect(btf.lookupEnumValue("BPF_NOEXIST")?.value).toBe(1n);
    const est = btf.lookupEnumValue("TCP_ESTABLISHED");
    expect(est?.value).toBe(1n);
    expect(btf.nameOf(est!.enumId)).toBe(""); // the TCP states enum is anonymous in include/net/tcp_states.h
    expect(btf.lookupEnumValue("TCP_CLOSE")?.value).toBe(7n);
    expect(btf.lookupEnumValue("NO_SUCH_ENUMERATOR_ZZ")).toBeUndefined();
    const ids = btf.lookupEnum("perf_sw_ids");
    expect(ids?.values.find((v) => v.name === "PERF_COUNT_SW_CPU_CLOCK")?.value).toBe(0n);
    expect(btf.lookupEnumValue("PERF_COUNT_SW_TASK_CLOCK")?.value).toBe(1n);
    const bpfCmd = btf.lookupEnum("bpf_cmd");
    expect(bpfCmd?.values[0]).toEqual({ name: "BPF_MAP_CREATE", value: 0n });
  });

  it("function prototypes (vfs_read)", () => {
    const f = btf.lookupFunc("vfs_read");
    expect(f).toBeDefined();
    const { proto } = f!;
    expect(proto.params.map((p) => p.name)).toEqual(["file", "buf", "count", "pos"]);
    expect(proto.variadic).toBe(false);
    const [file, buf, count, pos] = proto.params.map((p) => p.type);
    const fileT = resolved(file!) as BtfTypeOf<"ptr">;
    expect(fileT.kind).toBe("ptr");
    expect(resolved(fileT.type)).toMatchObject({ kind: "struct", name: "file" });
    expect(resolved(buf!).kind).toBe("ptr");
    expect(btf.nameOf(count!)).toBe("size_t");
    expect(resolved(count!)).toMatchObject({ kind: "int", size: 8, signed: false });
    const posT = resolved(pos!) as BtfTypeOf<"ptr">;
    expect(btf.nameOf(posT.type)).toBe("loff_t");
    expect(btf.nameOf(proto.returnType)).toBe("ssize_t");
    expect(resolved(proto.returnType)).toMatchObject({ kind: "int", size: 8, signed: true });
  });

  it("typedef chains: u64 → __u64 → unsigned long long", () => {
    const u64 = btf.lookupTypedef("u64")!;
    expect(btf.typeById(u64.type)).toMatchObject({ kind: "typedef", name: "__u64" });
    const base = btf.typeById((btf.typeById(u64.type) as BtfTypeOf<"typedef">).type);
    expect(base).toMatchObject({ kind: "int", size: 8, signed: false, name: "long long unsigned int" });
    expect(btf.resolve(u64.id)).toBe(base.id);
    expect(btf.skipQualifiers(u64.id)).toBe(u64.id);
  });

  it("name lookups distinguish kinds and miss cleanly", () => {
    expect(btf.lookupStruct("no_such_struct_zz")).toBeUndefined();
    expect(btf.lookupUnion("task_struct")).toBeUndefined();
    expect(btf.lookupKind("task_struct", BtfKind.STRUCT)).toBe(struct("task_struct").id);
    expect(btf.lookupAll("")).toEqual([]);
    expect(btf.suggestTypeNames("task_strcut", [BtfKind.STRUCT])[0]).toBe("task_struct");
  });

  it("rejects malformed blobs", () => {
    expect(() => new (btf.constructor as typeof Btf)(new Uint8Array(10))).toThrow(BtfFormatError);
    const bad = new Uint8Array(24);
    bad[0] = 0xeb;
    bad[1] = 0x9f;
    expect(() => new (btf.constructor as typeof Btf)(bad)).toThrow(/big-endian/);
  });
});
