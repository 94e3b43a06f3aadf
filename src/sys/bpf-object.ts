/** bpf(2) object ids (walk kernel objects, reopen by id) and OBJ_GET_INFO_BY_FD decoders. */
import * as L from "./attr-layout.ts";
import { encode, readName, readU32, readU64, type Layout } from "./attr-layout.ts";
import { bpfCall, bpfRaw, decodeCString, ptr } from "./bpf.ts";
import { ERRNO, kernelError } from "./errors.ts";
import { Fd, rawFd, type FdLike, type FdOptions } from "./fd.ts";
import { addressOf } from "./ffi.ts";

// ---- object ids -----------------------------------------------------------------------------------

/** Object kinds with ids: BPF_{PROG,MAP,LINK,BTF}_GET_NEXT_ID / _GET_FD_BY_ID. */
export type IdKind = "PROG" | "MAP" | "LINK" | "BTF";

/** BPF_{PROG,MAP,LINK,BTF}_GET_NEXT_ID: the next id after `startId`, or undefined at the end. */
export function getNextId(kind: IdKind, startId: number): number | undefined {
  const cmd = `${kind}_GET_NEXT_ID` as const;
  const attr = encode(L.GET_ID, { start_id: startId });
  const r = bpfRaw(cmd, attr);
  if (r.ok) return readU32(attr, L.GET_ID.next_id);
  if (r.errno === ERRNO.ENOENT) return undefined;
  throw kernelError({ syscall: "bpf", command: cmd, code: r.errno });
}

/** All ids of one kind currently in the kernel (a snapshot; objects may come and go meanwhile). */
export function listIds(kind: IdKind): number[] {
  const ids: number[] = [];
  for (let id = getNextId(kind, 0); id !== undefined; id = getNextId(kind, id)) ids.push(id);
  return ids;
}

/** BPF_{PROG,MAP,LINK,BTF}_GET_FD_BY_ID. Undefined when the object is gone (ENOENT). */
export function getFdById(kind: IdKind, id: number, options?: FdOptions & { openFlags?: number }): Fd | undefined {
  const cmd = `${kind}_GET_FD_BY_ID` as const;
  const r = bpfRaw(cmd, encode(L.GET_ID, { id, open_flags: options?.openFlags }));
  if (r.ok) return Fd.adopt(r.value, `${kind.toLowerCase()} id ${id}`, options);
  if (r.errno === ERRNO.ENOENT) return undefined;
  throw kernelError({ syscall: "bpf", command: cmd, code: r.errno, detail: `id ${id}` });
}

// ---- object info ----------------------------------------------------------------------------------

/** BPF_OBJ_GET_INFO_BY_FD into a zeroed buffer of `size` bytes (the caller may pre-set pointers). */
export function objGetInfoByFd(fd: FdLike, info: Uint8Array, keepAlive?: readonly unknown[]): number {
  const attr = encode(L.INFO, { bpf_fd: rawFd(fd), info_len: info.byteLength, info: ptr(info) });
  bpfCall("OBJ_GET_INFO_BY_FD", attr, [info, ...(keepAlive ?? [])]);
  return readU32(attr, L.INFO.info_len);
}

function infoSize(layout: Layout): number {
  return L.layoutSize(layout);
}

export interface ProgInfo {
  type: number;
  id: number;
  /** 8-byte program tag as hex. */
  tag: string;
  name: string;
  jitedProgLen: number;
  xlatedProgLen: number;
  loadTime: bigint;
  createdByUid: number;
  nrMapIds: number;
  mapIds: number[];
  btfId: number;
  runTimeNs: bigint;
  runCnt: bigint;
  recursionMisses: bigint;
  verifiedInsns: number;
}

/** Info about a loaded program, including the ids of the maps it uses. */
export function progInfo(fd: FdLike): ProgInfo {
  const info = new Uint8Array(infoSize(L.PROG_INFO));
  objGetInfoByFd(fd, info);
  const nrMapIds = readU32(info, L.PROG_INFO.nr_map_ids);
  let mapIds: number[] = [];
  if (nrMapIds > 0) {
    // Second call with room for the map ids (the kernel only fills arrays we provide).
    const ids = new Uint32Array(nrMapIds);
    const info2 = encode(L.PROG_INFO, { nr_map_ids: nrMapIds, map_ids: addressOf(ids) }, info.byteLength);
    objGetInfoByFd(fd, info2, [ids]);
    mapIds = [...ids.subarray(0, Math.min(nrMapIds, readU32(info2, L.PROG_INFO.nr_map_ids)))];
  }
  const tag = [...info.subarray(8, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return {
    type: readU32(info, L.PROG_INFO.type),
    id: readU32(info, L.PROG_INFO.id),
    tag,
    name: readName(info, L.PROG_INFO.name),
    jitedProgLen: readU32(info, L.PROG_INFO.jited_prog_len),
    xlatedProgLen: readU32(info, L.PROG_INFO.xlated_prog_len),
    loadTime: readU64(info, L.PROG_INFO.load_time),
    createdByUid: readU32(info, L.PROG_INFO.created_by_uid),
    nrMapIds,
    mapIds,
    btfId: readU32(info, L.PROG_INFO.btf_id),
    runTimeNs: readU64(info, L.PROG_INFO.run_time_ns),
    runCnt: readU64(info, L.PROG_INFO.run_cnt),
    recursionMisses: readU64(info, L.PROG_INFO.recursion_misses),
    verifiedInsns: readU32(info, L.PROG_INFO.verified_insns),
  };
}

/** The translated (post-verifier) instructions of a program, 8 bytes each. */
export function progXlatedInsns(fd: FdLike): Uint8Array {
  const info = new Uint8Array(infoSize(L.PROG_INFO));
  objGetInfoByFd(fd, info);
  const len = readU32(info, L.PROG_INFO.xlated_prog_len);
  const insns = new Uint8Array(len);
  const info2 = encode(L.PROG_INFO, { xlated_prog_len: len, xlated_prog_insns: ptr(insns) }, info.byteLength);
  objGetInfoByFd(fd, info2, [insns]);
  return insns;
}

export interface MapInfo {
  type: number;
  id: number;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  mapFlags: number;
  name: string;
  btfId: number;
  btfKeyTypeId: number;
  btfValueTypeId: number;
  mapExtra: bigint;
}

export function mapInfo(fd: FdLike): MapInfo {
  const info = new Uint8Array(infoSize(L.MAP_INFO));
  objGetInfoByFd(fd, info);
  return {
    type: readU32(info, L.MAP_INFO.type),
    id: readU32(info, L.MAP_INFO.id),
    keySize: readU32(info, L.MAP_INFO.key_size),
    valueSize: readU32(info, L.MAP_INFO.value_size),
    maxEntries: readU32(info, L.MAP_INFO.max_entries),
    mapFlags: readU32(info, L.MAP_INFO.map_flags),
    name: readName(info, L.MAP_INFO.name),
    btfId: readU32(info, L.MAP_INFO.btf_id),
    btfKeyTypeId: readU32(info, L.MAP_INFO.btf_key_type_id),
    btfValueTypeId: readU32(info, L.MAP_INFO.btf_value_type_id),
    mapExtra: readU64(info, L.MAP_INFO.map_extra),
  };
}

export interface LinkInfo {
  type: number;
  id: number;
  progId: number;
  /** For raw_tracepoint links: the tracepoint name. */
  rawTracepointName?: string;
  /** For tracing links. */
  tracing?: { attachType: number; targetObjId: number; targetBtfId: number };
}

export function linkInfo(fd: FdLike): LinkInfo {
  const info = new Uint8Array(L.LINK_INFO_SIZE);
  objGetInfoByFd(fd, info);
  const type = readU32(info, L.LINK_INFO.type);
  const out: LinkInfo = { type, id: readU32(info, L.LINK_INFO.id), progId: readU32(info, L.LINK_INFO.prog_id) };
  if (type === 1) {
    const nameLen = readU32(info, L.LINK_INFO.raw_tp_name_len);
    if (nameLen > 0) {
      const name = new Uint8Array(nameLen);
      const info2 = encode(L.LINK_INFO, { raw_tp_name: ptr(name), raw_tp_name_len: nameLen }, L.LINK_INFO_SIZE);
      objGetInfoByFd(fd, info2, [name]);
      out.rawTracepointName = decodeCString(name);
    }
  } else if (type === 2) {
    out.tracing = {
      attachType: readU32(info, L.LINK_INFO.tracing_attach_type),
      targetObjId: readU32(info, L.LINK_INFO.tracing_target_obj_id),
      targetBtfId: readU32(info, L.LINK_INFO.tracing_target_btf_id),
    };
  }
  return out;
}

export interface BtfInfo {
  id: number;
  btfSize: number;
  name: string;
  kernelBtf: boolean;
}

export function btfInfo(fd: FdLike): BtfInfo {
  const name = new Uint8Array(64);
  const info = encode(L.BTF_INFO, { name: ptr(name), name_len: name.byteLength });
  objGetInfoByFd(fd, info, [name]);
  return {
    id: readU32(info, L.BTF_INFO.id),
    btfSize: readU32(info, L.BTF_INFO.btf_size),
    name: decodeCString(name),
    kernelBtf: readU32(info, L.BTF_INFO.kernel_btf) !== 0,
  };
}

/** True when `err` is a KernelError with errno `name` (e.g. isErrno(e, "ENOENT")). */
