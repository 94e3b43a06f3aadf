import { describe, expect, it } from "vitest";
import { BTF_HEADER_LEN, BTF_MAGIC, BtfFuncLinkage, BtfKind, BtfVarLinkage } from "./btf-format.ts";
import type { BtfTypeOf, BtfTypeSpec } from "./btf-types.ts";
import { Btf, BtfLookupError } from "./reader.ts";
import { BtfBuilder } from "./writer.ts";

/** One of every kind, with cycles, bitfields, anonymous members, negative and 64-bit enums. */
function buildSample(): { b: BtfBuilder; ids: Record<string, number> } {
  const b = new BtfBuilder();
  const ids: Record<string, number> = {};
  ids.int = b.addInt("int", 4, { signed: true });
  ids.uint = b.addInt("unsigned int", 4);
  ids.char = b.addInt("char", 1, { signed: true });
  ids.bool = b.addInt("_Bool", 1, { bool: true });
  ids.u64 = b.addTypedef("u64", b.addInt("long long unsigned int", 8));
  ids.node = b.nextId;
  ids.nodePtr = ids.node + 1;
  // struct node { struct node *next; int val; unsigned int a:3, b:5; union { int x; char y; }; char name[8]; }
  const anon = ids.node + 2;
  const arr = ids.node + 3;
  expect(b.addStruct("node", 32, [
    { name: "next", type: ids.nodePtr, bitOffset: 0, bitSize: 0 },
    { name: "val", type: ids.int, bitOffset: 64, bitSize: 0 },
    { name: "a", type: ids.uint, bitOffset: 96, bitSize: 3 },
    { name: "b", type: ids.uint, bitOffset: 99, bitSize: 5 },
    { name: undefined, type: anon, bitOffset: 128, bitSize: 0 },
    { name: "name", type: arr, bitOffset: 160, bitSize: 0 },
  ])).toBe(ids.node);
  expect(b.addPtr(ids.node)).toBe(ids.nodePtr);
  expect(b.addUnion("", 4, [{ name: "x", type: ids.int, bitOffset: 0, bitSize: 0 }, { name: "y", type: ids.char, bitOffset: 0, bitSize: 0 }])).toBe(anon);
  expect(b.addArray(ids.char, 8, ids.uint)).toBe(arr);
  ids.enum = b.addEnum("color", 4, [{ name: "RED", value: 0n }, { name: "MINUS", value: -5n }], true);
  ids.enum64 = b.addEnum("big", 8, [{ name: "HUGE", value: 0xfedcba9876543210n }]);
  ids.fwd = b.add({ kind: "fwd", name: "later", union: true });
  ids.cv = b.addConst(b.addVolatile(ids.int));
  ids.restrict = b.add({ kind: "restrict", type: ids.nodePtr });
  ids.tag = b.add({ kind: "type_tag", name: "user", type: ids.int });
  ids.proto = b.addFuncProto(ids.int, [{ name: "ctx", type: ids.nodePtr }, { name: undefined, type: ids.u64 }], true);
  ids.func = b.addFunc("handler", ids.proto, BtfFuncLinkage.GLOBAL);
  ids.var = b.addVar("counter", ids.u64, BtfVarLinkage.GLOBAL_ALLOCATED);
  ids.sec = b.addDatasec(".bss", 8, [{ type: ids.var, offset: 0, size: 8 }]);
  ids.float = b.add({ kind: "float", name: "double", size: 8 });
  ids.decl = b.add({ kind: "decl_tag", name: "kfunc", type: ids.func, componentIdx: -1 });
  return { b, ids };
}

describe("BtfBuilder", () => {
  it("writes a header the kernel's parser accepts (magic, version, sections)", () => {
    const bytes = buildSample().b.build();
    const dv = new DataView(bytes.buffer);
    expect(dv.getUint16(0, true)).toBe(BTF_MAGIC);
    expect(dv.getUint8(2)).toBe(1);
    expect(dv.getUint32(4, true)).toBe(BTF_HEADER_LEN);
    const typeLen = dv.getUint32(12, true);
    expect(dv.getUint32(8, true)).toBe(0);
    expect(dv.getUint32(16, true)).toBe(typeLen);
    expect(BTF_HEADER_LEN + typeLen + dv.getUint32(20, true)).toBe(bytes.byteLength);
    expect(bytes[BTF_HEADER_LEN + typeLen]).toBe(0); // string section starts with the empty name
  });

  it("round-trips every kind through the reader", () => {
    const { b, ids } = buildSample();
    const btf = new Btf(b.build());
    expect(btf.typeCount).toBe(b.nextId);
    // Re-adding what the reader decoded yields byte-identical BTF.
    const again = new BtfBuilder();
    for (let id = 1; id < btf.typeCount; id++) {
      const { id: _id, ...spec } = btf.typeById(id) as Exclude<ReturnType<Btf["typeById"]>, { kind: "void" }>;
      expect(again.add(spec as BtfTypeSpec)).toBe(id);
    }
    expect(again.build()).toEqual(b.build());

    expect(btf.typeById(ids.char!)).toMatchObject({ kind: "int", name: "char", size: 1, signed: true, char: false, bits: 8 });
    expect(btf.typeById(ids.bool!)).toMatchObject({ kind: "int", bool: true, signed: false });
    const node = btf.lookupStruct("node")!;
    expect(node.members.map((m) => [m.name, m.bitOffset, m.bitSize])).toEqual([
      ["next", 0, 0], ["val", 64, 0], ["a", 96, 3], ["b", 99, 5], [undefined, 128, 0], ["name", 160, 0],
    ]);
    expect(btf.memberPath(node.id, "y")).toMatchObject({ bitOffset: 128, member: { name: "y", type: ids.char } });
    // Paths never follow pointers: that would be a memory access, not an offset.
    expect(() => btf.memberPath(node.id, "next.val")).toThrow(/non-struct type ptr/);
    expect(() => btf.memberPath(node.id, "vall")).toThrow("struct node has no member 'vall' (did you mean 'val'?)");
    expect(btf.sizeOf(btf.memberPath(node.id, "name").member.type)).toBe(8);
    expect(btf.lookupEnum("color")).toMatchObject({ kind: "enum", signed: true, values: [{ name: "RED", value: 0n }, { name: "MINUS", value: -5n }] });
    expect(btf.lookupEnum("big")).toMatchObject({ kind: "enum64", size: 8, values: [{ name: "HUGE", value: 0xfedcba9876543210n }] });
    expect(btf.lookupEnumValue("MINUS")).toEqual({ value: -5n, enumId: ids.enum, signed: true });
    expect(btf.typeById(ids.fwd!)).toMatchObject({ kind: "fwd", name: "later", union: true });
    expect(btf.resolve(ids.cv!)).toBe(ids.int);
    expect(btf.resolve(ids.tag!)).toBe(ids.int);
    expect(btf.typeById(ids.tag!)).toMatchObject({ kind: "type_tag", name: "user" });
    const f = btf.lookupFunc("handler")!;
    expect(f.func.linkage).toBe(BtfFuncLinkage.GLOBAL);
    expect(f.proto).toMatchObject({ returnType: ids.int, variadic: true, params: [{ name: "ctx", type: ids.nodePtr }, { name: undefined, type: ids.u64 }] });
    expect(btf.typeById(ids.sec!)).toMatchObject({ kind: "datasec", name: ".bss", size: 8, vars: [{ type: ids.var, offset: 0, size: 8 }] });
    expect(btf.typeById(ids.var!)).toMatchObject({ kind: "var", name: "counter", linkage: 1 });
    expect(btf.typeById(ids.decl!)).toMatchObject({ kind: "decl_tag", componentIdx: -1, type: ids.func });
    expect(btf.typeById(ids.float!)).toMatchObject({ kind: "float", size: 8 });
  });

  it("reads a blob from an oddly aligned slice", () => {
    const blob = buildSample().b.build();
    const padded = new Uint8Array(blob.length + 1);
    padded.set(blob, 1);
    const btf = new Btf(padded.subarray(1));
    expect(btf.lookupStruct("node")?.members.length).toBe(6);
    expect(btf.lookupEnumValue("MINUS")?.value).toBe(-5n);
  });

  it("deduplicates strings", () => {
    const b = new BtfBuilder();
    const o1 = b.addString("abc");
    expect(b.addString("abc")).toBe(o1);
    expect(b.addString("")).toBe(0);
    b.addTypedef("abc", b.addInt("int", 4, { signed: true }));
    const btf = new Btf(b.build());
    expect(btf.header.strLen).toBe(1 + 4 + 4); // "", "abc", "int"
    expect(btf.lookupTypedef("abc")?.name).toBe("abc");
  });

  it("rejects what the kernel would reject", () => {
    const b = new BtfBuilder();
    const int = b.addInt("int", 4, { signed: true });
    expect(() => b.addTypedef("", int)).toThrow(/needs a name/);
    expect(() => b.addInt("char", 1, { signed: true, char: true })).toThrow(/at most one/);
    expect(() => b.addTypedef("bad name", int)).toThrow(/not valid/);
    expect(() => b.add({ kind: "ptr", type: -1 })).toThrow(/invalid type id/);
    expect(() => b.addEnum("e", 4, [{ name: "X", value: 1n << 40n }], false)).not.toThrow(); // becomes ENUM64
    expect(() => b.add({ kind: "enum", name: "e2", size: 4, signed: false, values: [{ name: "Y", value: 1n << 40n }] })).toThrow(/enum64/);
    expect(() => b.addFuncProto(int, [{ name: "v", type: 0 }])).toThrow(/void/);
    b.addPtr(1000);
    expect(() => b.build()).toThrow(/type id 1000/);
  });

  it("builds split BTF on top of a base", () => {
    const base = new Btf(buildSample().b.build());
    const split = new BtfBuilder({ base });
    const node = base.lookupStruct("node")!.id;
    const p = split.addPtr(node);
    expect(p).toBe(base.typeCount);
    const td = split.addTypedef("node_ptr", p);
    const sbtf = new Btf(split.build(), { base });
    expect(sbtf.firstTypeId).toBe(base.typeCount);
    expect(sbtf.lookupTypedef("node_ptr")?.id).toBe(td);
    expect(sbtf.resolve(td)).toBe(p);
    expect(sbtf.lookupStruct("node")?.id).toBe(node); // base types are visible through the split
    expect(sbtf.lookupEnumValue("RED")?.value).toBe(0n);
    expect(sbtf.kindOf(p)).toBe(BtfKind.PTR);
    expect(() => sbtf.typeById(sbtf.typeCount)).toThrow(BtfLookupError);
  });
});

describe("BtfBuilder.copyFrom", () => {
  it("copies a cyclic type graph and dedups repeated copies", () => {
    const src = new Btf(buildSample().b.build());
    const node = src.lookupStruct("node")!.id;
    const b = new BtfBuilder();
    const full = b.copyFrom(src, node, { opaquePointees: false });
    expect(b.copyFrom(src, node, { opaquePointees: false })).toBe(full);
    const out = new Btf(b.build());
    const copied = out.typeById(full) as BtfTypeOf<"struct">;
    expect(copied.name).toBe("node");
    expect(copied.members.map((m) => m.name)).toEqual(["next", "val", "a", "b", undefined, "name"]);
    // next: struct node * pointing back at the copy itself.
    const next = out.typeById(copied.members[0]!.type);
    expect(next.kind === "ptr" && next.type).toBe(full);
    expect(out.memberPath(full, "y").bitOffset).toBe(128);
    expect(out.memberPath(full, "b")).toMatchObject({ bitOffset: 99, member: { bitSize: 5 } });
  });

  it("turns records reached only through pointers into FWDs by default", () => {
    const { b: sb, ids } = buildSample();
    const src = new Btf(sb.build());
    const b = new BtfBuilder();
    // int handler(struct node *ctx, u64, ...): node is only pointed at.
    const proto = b.copyFrom(src, ids.proto!);
    const out = new Btf(b.build());
    const p = out.typeById(proto) as BtfTypeOf<"func_proto">;
    const ctx = out.typeById(p.params[0]!.type) as BtfTypeOf<"ptr">;
    expect(ctx.kind).toBe("ptr");
    expect(out.typeById(ctx.type)).toMatchObject({ kind: "fwd", name: "node", union: false });
    expect(out.lookupAll("node").map((i) => out.typeById(i).kind)).toEqual(["fwd"]);
    expect(out.typeById(out.resolve(p.params[1]!.type))).toMatchObject({ kind: "int", size: 8 });
    expect(p.variadic).toBe(true);
    // A later full copy of node is a struct; its `next` reuses the pointer already copied (to the FWD).
    const full = b.copyFrom(src, src.lookupStruct("node")!.id);
    const out2 = new Btf(b.build());
    expect(out2.typeById(full)).toMatchObject({ kind: "struct", name: "node" });
    const next = out2.typeById((out2.typeById(full) as BtfTypeOf<"struct">).members[0]!.type) as BtfTypeOf<"ptr">;
    expect(next.id).toBe(ctx.id);
  });
});
