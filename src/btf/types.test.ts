import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { BtfKind } from "./btf-format.ts";
import { formatRecord } from "./c-format.ts";
import { KERNEL_BTF_PATH, loadKernelBtf } from "./kernel.ts";
import { Btf } from "./reader.ts";
import { BtfTypeDescriber, type KType, bitfieldUnit, kTypeToString, unwrapK } from "./types.ts";
import { BtfBuilder } from "./writer.ts";

describe("bitfieldUnit", () => {
  it("picks the smallest aligned unit holding the bits", () => {
    expect(bitfieldUnit(3, 2)).toEqual({ offset: 0, bitOffset: 3, unitSize: 1 });
    expect(bitfieldUnit(7, 2)).toEqual({ offset: 0, bitOffset: 7, unitSize: 2 });
    expect(bitfieldUnit(66, 4)).toEqual({ offset: 8, bitOffset: 2, unitSize: 1 });
    expect(bitfieldUnit(70, 4)).toEqual({ offset: 8, bitOffset: 6, unitSize: 2 });
    expect(bitfieldUnit(30, 4)).toEqual({ offset: 0, bitOffset: 30, unitSize: 8 });
    expect(bitfieldUnit(0, 64)).toEqual({ offset: 0, bitOffset: 0, unitSize: 8 });
  });
  it("falls back to an unaligned unit for straddling (packed) fields", () => {
    // Bits 60..67 straddle the 8-byte boundary: load 2 bytes from byte 7.
    expect(bitfieldUnit(60, 8)).toEqual({ offset: 7, bitOffset: 4, unitSize: 2 });
    expect(bitfieldUnit(4, 64)).toBeUndefined();
  });
});

describe("BtfTypeDescriber on built BTF", () => {
  function sample() {
    const b = new BtfBuilder();
    const int = b.addInt("int", 4, { signed: true });
    const ulong = b.addInt("long unsigned int", 8);
    const char = b.addInt("char", 1);
    const fwd = b.add({ kind: "fwd", name: "later", union: false });
    const fwdPtr = b.addPtr(fwd);
    // struct __attribute__((packed)) p { char c; int i; }  (size 5, i at byte 1)
    const packed = b.addStruct("p", 5, [{ name: "c", type: char, bitOffset: 0, bitSize: 0 }, { name: "i", type: int, bitOffset: 8, bitSize: 0 }]);
    const later = b.addStruct("later", 16, [{ name: "x", type: ulong, bitOffset: 0, bitSize: 0 }, { name: "y", type: b.addConst(b.addVolatile(int)), bitOffset: 64, bitSize: 0 }]);
    const flags = b.addStruct("flags", 4, [
      { name: "a", type: int, bitOffset: 0, bitSize: 1 },
      { name: "b", type: int, bitOffset: 1, bitSize: 12 },
      { name: "c", type: int, bitOffset: 13, bitSize: 19 },
    ]);
    const btf = new Btf(b.build());
    return { d: new BtfTypeDescriber(btf), int, ulong, fwd, fwdPtr, packed, later, flags };
  }

  it("describes ints with C ranks and qualifiers", () => {
    const s = sample();
    expect(s.d.type(s.int)).toEqual({ kind: "int", name: "int", size: 4, signed: true, bool: false, char: false, rank: 3 });
    expect(s.d.type(s.ulong)).toMatchObject({ rank: 4, signed: false, size: 8 });
    const y = s.d.record(s.later).fields[1]!.type;
    expect(y).toMatchObject({ kind: "int", const: true, volatile: true });
    expect(kTypeToString(y)).toBe("const volatile int");
    expect(unwrapK(y)).toEqual(s.d.type(s.int));
  });

  it("resolves a forward declaration to its definition", () => {
    const s = sample();
    const p = s.d.type(s.fwdPtr);
    expect(p).toMatchObject({ kind: "ptr", to: { kind: "record", name: "later", id: s.later, complete: true, size: 16 } });
    expect(s.d.record(s.fwd).id).toBe(s.later);
  });

  it("infers packing and alignment", () => {
    const s = sample();
    expect(s.d.record(s.packed)).toMatchObject({ packed: true, align: 1, size: 5 });
    expect(s.d.record(s.later)).toMatchObject({ packed: false, align: 8 });
    expect(s.d.alignOf(s.later)).toBe(8);
  });

  it("lays out bitfields as sema's FieldInfo expects", () => {
    const s = sample();
    expect(s.d.record(s.flags).fields.map((f) => [f.name, f.offset, f.bitOffset, f.bitWidth, f.unitSize])).toEqual([
      ["a", 0, 0, 1, 1], ["b", 0, 1, 12, 2], ["c", 0, 13, 19, 4],
    ]);
  });
});

describe.skipIf(!existsSync(KERNEL_BTF_PATH))("BtfTypeDescriber on vmlinux", () => {
  let d: BtfTypeDescriber;
  beforeAll(() => {
    d = new BtfTypeDescriber(loadKernelBtf());
  });

  it("struct task_struct as sema would see it", () => {
    const ts = d.struct("task_struct")!;
    expect(ts).toMatchObject({ kind: "record", union: false, name: "task_struct", complete: true });
    const rec = d.record((ts as KType & { kind: "record" }).id);
    expect(rec.align).toBeGreaterThanOrEqual(8);
    expect(rec.size % rec.align).toBe(0);
    const field = (n: string) => rec.fields.find((f) => f.name === n)!;
    expect(kTypeToString(field("pid").type)).toBe("pid_t");
    expect(unwrapK(field("pid").type)).toMatchObject({ kind: "int", size: 4, signed: true, rank: 3 });
    expect(field("tgid").offset).toBe(field("pid").offset + 4);
    expect(field("comm").type).toMatchObject({ kind: "array", length: 16, of: { kind: "int", name: "char", size: 1 } });
    expect(kTypeToString(field("real_parent").type)).toBe("struct task_struct *");
    const rp = field("real_parent").type as KType & { kind: "ptr" };
    expect(rp.to).toMatchObject({ kind: "record", id: rec.id });
    // Every bitfield's storage unit holds exactly the bits BTF gives for it.
    const btf = d.btf;
    for (const m of btf.lookupStruct("task_struct")!.members.filter((x) => x.bitSize > 0)) {
      const f = field(m.name!);
      expect(f.offset * 8 + f.bitOffset!).toBe(m.bitOffset);
      expect(f.bitOffset! + f.bitWidth!).toBeLessThanOrEqual(f.unitSize! * 8);
      expect(f.offset % f.unitSize!).toBe(0);
    }
  });

  it("typedefs, enum constants and function prototypes", () => {
    const u64 = d.typedef("u64")!;
    expect(kTypeToString(u64)).toBe("u64");
    expect(u64).toMatchObject({ kind: "typedef", name: "u64", to: { kind: "typedef", name: "__u64", to: { kind: "int", size: 8, signed: false, rank: 5 } } });
    const est = d.enumConst("TCP_ESTABLISHED")!;
    expect(est.value).toBe(1n);
    expect(est.type).toMatchObject({ kind: "enum", size: 4 });
    const vfsRead = d.func("vfs_read")!;
    expect(vfsRead.params.map((p) => kTypeToString(p.type))).toEqual(["struct file *", "char *", "size_t", "loff_t *"]);
    expect(kTypeToString(vfsRead.ret)).toBe("ssize_t");
    expect(d.struct("no_such_struct_zz")).toBeUndefined();
    expect(d.enumType("bpf_map_type")).toMatchObject({ kind: "enum", name: "bpf_map_type" });
  });

  it("describes every struct and union of vmlinux (layouts consistent with BTF)", () => {
    const btf = d.btf;
    let records = 0;
    for (let id = 1; id < btf.typeCount; id++) {
      const k = btf.kindOf(id);
      if (k !== BtfKind.STRUCT && k !== BtfKind.UNION) continue;
      const rec = d.record(id);
      records++;
      for (const f of rec.fields) {
        if (f.bitWidth !== undefined) {
          if (f.offset % f.unitSize! !== 0 && !rec.packed) throw new Error(`${rec.name}.${f.name}: unaligned unit in an unpacked record`);
          if (f.offset + f.unitSize! > rec.size) throw new Error(`${rec.name}.${f.name}: unit beyond the record`);
        }
      }
    }
    expect(records).toBeGreaterThan(1000);
    const text = formatRecord(d, btf.lookupStruct("task_struct")!.id);
    const pidOff = btf.memberPath(btf.lookupStruct("task_struct")!.id, "pid").bitOffset / 8;
    expect(text).toMatch(new RegExp(`\\tpid_t pid;\\s+/\\* ${pidOff} 4 \\*/`));
  });

  it("a union and anonymous members", () => {
    const skb = d.record(d.btf.lookupStruct("sk_buff")!.id);
    const anon = skb.fields.filter((f) => f.name === undefined);
    expect(anon.length).toBeGreaterThan(0);
    for (const f of anon) expect(f.type.kind).toBe("record");
  });
});
