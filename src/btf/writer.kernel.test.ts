/**
 * The kernel accepts what the writer builds: BPF_BTF_LOAD of a program/map BTF blob, a map created
 * with btf_key_type_id/btf_value_type_id, and a program loaded with func_info + line_info pointing
 * into that BTF. The kernel's copies are read back (BPF_OBJ_GET_INFO_BY_FD) and checked, and a
 * deliberately broken blob must be refused, so acceptance is not vacuous.
 */
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { PROG_INFO } from "../sys/attr-layout.ts";
import { addressOf } from "../sys/ffi.ts";
import {
  BPF_MAP_TYPE, BPF_PROG_TYPE, Fd, KernelError, btfInfo, btfLoad, mapCreate, mapInfo, mapLookupElem, mapUpdateElem,
  objGetInfoByFd, progInfo, progLoad,
} from "../sys/index.ts";
import { BtfFuncLinkage, BtfKind, infoKind, infoVlen, trailingBytes } from "./btf-format.ts";
import type { BtfType, BtfTypeSpec } from "./btf-types.ts";
import { ExtInfoBuilder, decodeLineInfo } from "./ext-info.ts";
import { loadKernelBtf } from "./kernel.ts";
import { Btf } from "./reader.ts";
import { BtfTypeDescriber } from "./types.ts";
import { BtfBuilder } from "./writer.ts";

/** r0 = 0; exit */
const RETURN_ZERO = new Uint8Array([0xb7, 0, 0, 0, 0, 0, 0, 0, 0x95, 0, 0, 0, 0, 0, 0, 0]);

interface Sample {
  blob: Uint8Array;
  keyId: number;
  valueId: number;
  funcId: number;
  ext: ExtInfoBuilder;
}

/**
 * struct key { u32 pid; char comm[16]; };
 * struct value { u64 count; unsigned int flags:3, kind:5; union { u32 a; u16 b; }; };
 * int btf_test_prog(void *ctx) { <line 2> r0 = 0; <line 3> return r0; }
 */
function buildSample(): Sample {
  const b = new BtfBuilder();
  const uint = b.addInt("unsigned int", 4);
  const u32 = b.addTypedef("u32", uint);
  const u16 = b.addTypedef("u16", b.addInt("unsigned short", 2));
  const u64 = b.addTypedef("u64", b.addInt("long long unsigned int", 8));
  const char = b.addInt("char", 1, { signed: true });
  const comm = b.addArray(char, 16);
  const keyId = b.addStruct("key", 20, [
    { name: "pid", type: u32, bitOffset: 0, bitSize: 0 },
    { name: "comm", type: comm, bitOffset: 32, bitSize: 0 },
  ]);
  const anon = b.addUnion("", 4, [
    { name: "a", type: u32, bitOffset: 0, bitSize: 0 },
    { name: "b", type: u16, bitOffset: 0, bitSize: 0 },
  ]);
  const valueId = b.addStruct("value", 16, [
    { name: "count", type: u64, bitOffset: 0, bitSize: 0 },
    { name: "flags", type: uint, bitOffset: 64, bitSize: 3 },
    { name: "kind", type: uint, bitOffset: 67, bitSize: 5 },
    { name: undefined, type: anon, bitOffset: 96, bitSize: 0 },
  ]);
  const int = b.addInt("int", 4, { signed: true });
  const proto = b.addFuncProto(int, [{ name: "ctx", type: b.addPtr(0) }]);
  const funcId = b.addFunc("btf_test_prog", proto, BtfFuncLinkage.GLOBAL);
  const ext = new ExtInfoBuilder(b);
  ext.addFunc(0, funcId);
  ext.addLine(0, "/virtual/btf_test.c", "  int r0 = 0;", 2, 3);
  ext.addLine(1, "/virtual/btf_test.c", "  return r0;", 3, 3);
  // Strings added by ext must be in the blob: build after the line records are registered.
  return { blob: b.build(), keyId, valueId, funcId, ext };
}

/** The BTF bytes the kernel holds for `btfFd` (bpf_btf_info.btf). */
function kernelBtfBytes(btfFd: Fd, size: number): Uint8Array {
  const out = new Uint8Array(size);
  const info = new Uint8Array(32);
  const dv = new DataView(info.buffer);
  dv.setBigUint64(0, addressOf(out), true);
  dv.setUint32(8, size, true);
  objGetInfoByFd(btfFd, info, [out]);
  return out;
}

/** The line_info records the kernel kept for a program. */
function kernelLineInfo(prog: Fd, count: number): Uint8Array {
  const recSize = 16;
  const out = new Uint8Array(count * recSize);
  const info = new Uint8Array(256);
  const dv = new DataView(info.buffer);
  dv.setUint32(PROG_INFO.nr_line_info.offset, count, true);
  dv.setUint32(PROG_INFO.line_info_rec_size.offset, recSize, true);
  dv.setBigUint64(PROG_INFO.line_info.offset, addressOf(out), true);
  objGetInfoByFd(prog, info, [out]);
  return out;
}

describeKernel("btf writer: the kernel accepts our BTF", () => {
  it("BPF_BTF_LOAD accepts the blob and holds exactly our bytes", () => {
    const s = buildSample();
    using btf = btfLoad(s.blob, { logLevel: 1 }).fd;
    const info = btfInfo(btf);
    expect(info.btfSize).toBe(s.blob.byteLength);
    expect(info.kernelBtf).toBe(false);
    const back = kernelBtfBytes(btf, info.btfSize);
    expect(back).toEqual(s.blob);
    const parsed = new Btf(back);
    expect(parsed.lookupStruct("key")?.id).toBe(s.keyId);
    const value = new BtfTypeDescriber(parsed).record(s.valueId);
    expect(value.fields.map((f) => [f.name, f.offset, f.bitOffset, f.bitWidth])).toEqual([
      ["count", 0, undefined, undefined], ["flags", 8, 0, 3], ["kind", 8, 3, 5], [undefined, 12, undefined, undefined],
    ]);
  });

  it("a map created with btf key/value type ids reports them and works", () => {
    const s = buildSample();
    using btf = btfLoad(s.blob).fd;
    using map = mapCreate({
      mapType: BPF_MAP_TYPE.HASH, keySize: 20, valueSize: 16, maxEntries: 4, name: "btf_test_map",
      btfFd: btf, btfKeyTypeId: s.keyId, btfValueTypeId: s.valueId,
    });
    const mi = mapInfo(map);
    expect(mi.btfId).toBe(btfInfo(btf).id);
    expect(mi.btfKeyTypeId).toBe(s.keyId);
    expect(mi.btfValueTypeId).toBe(s.valueId);
    const key = new Uint8Array(20);
    new DataView(key.buffer).setUint32(0, process.pid, true);
    const value = new Uint8Array(16).fill(7);
    mapUpdateElem(map, key, value);
    const got = new Uint8Array(16);
    expect(mapLookupElem(map, key, got)).toBe(true);
    expect(got).toEqual(value);
  });

  it("a map whose BTF value size disagrees with value_size is refused", () => {
    const s = buildSample();
    using btf = btfLoad(s.blob).fd;
    expect(() => mapCreate({
      mapType: BPF_MAP_TYPE.HASH, keySize: 20, valueSize: 24, maxEntries: 4, name: "btf_bad_map",
      btfFd: btf, btfKeyTypeId: s.keyId, btfValueTypeId: s.valueId,
    })).toThrow(KernelError);
  });

  it("a program loads with func_info and line_info that the kernel keeps", () => {
    const s = buildSample();
    using btf = btfLoad(s.blob).fd;
    const lines = s.ext.lineInfo();
    using prog = progLoad({
      progType: BPF_PROG_TYPE.SOCKET_FILTER, insns: RETURN_ZERO, license: "GPL", name: "btf_test_prog",
      progBtfFd: btf, funcInfo: s.ext.funcInfo(), funcInfoRecSize: 8, lineInfo: lines, lineInfoRecSize: 16,
    }, { logLevel: 1 }).fd;
    const pi = progInfo(prog);
    expect(pi.btfId).toBe(btfInfo(btf).id);
    const kept = decodeLineInfo(kernelLineInfo(prog, s.ext.lineCount));
    const parsed = new Btf(s.blob);
    expect(kept.map((l) => [l.insnOff, parsed.string(l.fileNameOff), parsed.string(l.lineOff), l.line, l.col])).toEqual([
      [0, "/virtual/btf_test.c", "  int r0 = 0;", 2, 3],
      [1, "/virtual/btf_test.c", "  return r0;", 3, 3],
    ]);
  });

  it("func_info naming a non-FUNC type is refused (the kernel does check it)", () => {
    const s = buildSample();
    using btf = btfLoad(s.blob).fd;
    const bad = new ExtInfoBuilder(new BtfBuilder());
    bad.addFunc(0, s.keyId);
    expect(() => progLoad({
      progType: BPF_PROG_TYPE.SOCKET_FILTER, insns: RETURN_ZERO, license: "GPL", name: "btf_bad_prog",
      progBtfFd: btf, funcInfo: bad.funcInfo(), funcInfoRecSize: 8,
    })).toThrow(KernelError);
  });

  it("kernel types copied from vmlinux load (whole sk_buff, a cyclic list_head, a map of in6_addr)", () => {
    const vmlinux = loadKernelBtf();
    const b = new BtfBuilder();
    const u32 = b.addInt("unsigned int", 4);
    const skb = b.copyFrom(vmlinux, vmlinux.lookupStruct("sk_buff")!.id);
    const list = b.copyFrom(vmlinux, vmlinux.lookupStruct("list_head")!.id, { opaquePointees: false });
    const in6 = b.copyFrom(vmlinux, vmlinux.lookupStruct("in6_addr")!.id);
    const vfsRead = b.copyFrom(vmlinux, vmlinux.lookupFunc("vfs_read")!.func.id);
    const blob = b.build();
    using btf = btfLoad(blob, { logLevel: 1 }).fd;
    const parsed = new Btf(blob);
    expect(parsed.sizeOf(skb)).toBe(vmlinux.lookupStruct("sk_buff")!.size);
    expect(parsed.memberPath(skb, "dev").bitOffset).toBe(vmlinux.memberPath(vmlinux.lookupStruct("sk_buff")!.id, "dev").bitOffset);
    expect(parsed.resolve((parsed.typeById(parsed.memberPath(list, "next").member.type) as { type: number }).type)).toBe(list);
    expect(parsed.lookupFunc("vfs_read")?.func.id).toBe(vfsRead);
    using map = mapCreate({
      mapType: BPF_MAP_TYPE.HASH, keySize: 4, valueSize: 16, maxEntries: 1, name: "btf_in6_map",
      btfFd: btf, btfKeyTypeId: u32, btfValueTypeId: in6,
    });
    expect(mapInfo(map).btfValueTypeId).toBe(in6);
  });

  it("all of vmlinux re-encoded by the writer decodes identically and passes BPF_BTF_LOAD", () => {
    const vmlinux = loadKernelBtf();
    const b = new BtfBuilder();
    let misnumbered = 0;
    for (let id = 1; id < vmlinux.typeCount; id++) {
      const { id: _id, ...spec } = vmlinux.typeById(id) as Exclude<BtfType, { kind: "void" }>;
      if (b.add(spec as BtfTypeSpec) !== id) misnumbered++;
    }
    expect(misnumbered).toBe(0);
    const blob = b.build();
    const again = new Btf(blob);
    expect(again.typeCount).toBe(vmlinux.typeCount);
    let mismatches = 0;
    for (let id = 1; id < vmlinux.typeCount; id++) {
      if (!isDeepStrictEqual(again.typeById(id), vmlinux.typeById(id))) mismatches++;
    }
    expect(mismatches).toBe(0);
    using btf = btfLoad(blob, { logLevel: 1 }).fd;
    expect(btfInfo(btf).btfSize).toBe(blob.byteLength);
  });

  describe("malformed BTF", () => {
    it("is refused by BPF_BTF_LOAD with the kernel's explanation", () => {
      const s = buildSample();
      const broken = s.blob.slice();
      // Make `struct key`'s size (third word of its record) smaller than its members' extent.
      const parsed = new Btf(broken);
      const dv = new DataView(broken.buffer);
      const keyRecord = findTypeRecord(parsed, broken, s.keyId);
      dv.setUint32(keyRecord + 8, 4, true);
      let err: unknown;
      try {
        btfLoad(broken, { logLevel: 1 }).fd.close();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(KernelError);
      expect((err as KernelError).errno).toBe("EINVAL");
    });
  });
});

/** Byte offset of type `id`'s record in `bytes` (walks the records by their decoded sizes). */
function findTypeRecord(btf: Btf, bytes: Uint8Array, id: number): number {
  const dv = new DataView(bytes.buffer, bytes.byteOffset);
  let off = btf.header.hdrLen + btf.header.typeOff;
  for (let cur = 1; cur < id; cur++) {
    const info = dv.getUint32(off + 4, true);
    off += 12 + trailingBytes(infoKind(info), infoVlen(info));
  }
  expect(infoKind(dv.getUint32(off + 4, true))).toBe(BtfKind.STRUCT);
  return off;
}
