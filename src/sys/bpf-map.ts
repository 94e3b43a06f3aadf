/** bpf(2) map commands: create, element access, iteration, batches. */
import * as L from "./attr-layout.ts";
import { encode, readU32 } from "./attr-layout.ts";
import { bpfCall, bpfRaw, optFd, ptr, sanitizeObjectName } from "./bpf.ts";
import { BPF_ANY } from "./bpf-constants.ts";
import { ERRNO, kernelError } from "./errors.ts";
import { Fd, rawFd, type FdLike, type FdOptions } from "./fd.ts";

export interface MapCreateAttr {
  mapType: number;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  mapFlags?: number;
  innerMapFd?: FdLike;
  numaNode?: number;
  /** Sanitized to the kernel's charset and 15 characters. */
  name?: string;
  mapIfindex?: number;
  btfFd?: FdLike;
  btfKeyTypeId?: number;
  btfValueTypeId?: number;
  btfVmlinuxValueTypeId?: number;
  mapExtra?: bigint | number;
}

export function encodeMapCreate(a: MapCreateAttr): Uint8Array {
  return encode(L.MAP_CREATE, {
    map_type: a.mapType,
    key_size: a.keySize,
    value_size: a.valueSize,
    max_entries: a.maxEntries,
    map_flags: a.mapFlags,
    inner_map_fd: optFd(a.innerMapFd),
    numa_node: a.numaNode,
    map_name: a.name === undefined ? undefined : sanitizeObjectName(a.name),
    map_ifindex: a.mapIfindex,
    btf_fd: optFd(a.btfFd),
    btf_key_type_id: a.btfKeyTypeId,
    btf_value_type_id: a.btfValueTypeId,
    btf_vmlinux_value_type_id: a.btfVmlinuxValueTypeId,
    map_extra: a.mapExtra,
  });
}

/** BPF_MAP_CREATE: a new map. */
export function mapCreate(a: MapCreateAttr, options?: FdOptions): Fd {
  const label = `map ${a.name ?? "(unnamed)"}`;
  const fd = bpfCall("MAP_CREATE", encodeMapCreate(a), undefined, a.name);
  return Fd.adopt(fd, label, options);
}

function elemAttr(map: FdLike, key: Uint8Array | null, value: Uint8Array | null, flags: number | bigint): Uint8Array {
  return encode(L.MAP_ELEM, { map_fd: rawFd(map), key: ptr(key), value: ptr(value), flags });
}

/** BPF_MAP_LOOKUP_ELEM into `value`. False when the key is absent. */
export function mapLookupElem(map: FdLike, key: Uint8Array, value: Uint8Array, flags = 0): boolean {
  const r = bpfRaw("MAP_LOOKUP_ELEM", elemAttr(map, key, value, flags), [key, value]);
  if (r.ok) return true;
  if (r.errno === ERRNO.ENOENT) return false;
  throw kernelError({ syscall: "bpf", command: "MAP_LOOKUP_ELEM", code: r.errno });
}

/** BPF_MAP_UPDATE_ELEM with BPF_ANY / BPF_NOEXIST / BPF_EXIST (| BPF_F_LOCK). */
export function mapUpdateElem(map: FdLike, key: Uint8Array, value: Uint8Array, flags: number = BPF_ANY): void {
  bpfCall("MAP_UPDATE_ELEM", elemAttr(map, key, value, flags), [key, value]);
}

/** BPF_MAP_DELETE_ELEM. False when the key was absent. */
export function mapDeleteElem(map: FdLike, key: Uint8Array): boolean {
  const r = bpfRaw("MAP_DELETE_ELEM", elemAttr(map, key, null, 0), [key]);
  if (r.ok) return true;
  if (r.errno === ERRNO.ENOENT) return false;
  throw kernelError({ syscall: "bpf", command: "MAP_DELETE_ELEM", code: r.errno });
}

/**
 * BPF_MAP_GET_NEXT_KEY: writes the key after `key` (or the first key when `key` is null) into
 * `nextKey`. False at the end of the map.
 */
export function mapGetNextKey(map: FdLike, key: Uint8Array | null, nextKey: Uint8Array): boolean {
  const attr = encode(L.MAP_ELEM, { map_fd: rawFd(map), key: ptr(key), next_key: ptr(nextKey) });
  const r = bpfRaw("MAP_GET_NEXT_KEY", attr, [key, nextKey]);
  if (r.ok) return true;
  if (r.errno === ERRNO.ENOENT) return false;
  throw kernelError({ syscall: "bpf", command: "MAP_GET_NEXT_KEY", code: r.errno });
}

/**
 * BPF_MAP_LOOKUP_AND_DELETE_ELEM: pop from a queue/stack (key null) or take an element from a hash.
 * False when empty / absent.
 */
export function mapLookupAndDeleteElem(map: FdLike, key: Uint8Array | null, value: Uint8Array, flags = 0): boolean {
  const r = bpfRaw("MAP_LOOKUP_AND_DELETE_ELEM", elemAttr(map, key, value, flags), [key, value]);
  if (r.ok) return true;
  if (r.errno === ERRNO.ENOENT) return false;
  throw kernelError({ syscall: "bpf", command: "MAP_LOOKUP_AND_DELETE_ELEM", code: r.errno });
}

/** BPF_MAP_FREEZE: make the map read-only for user space. */
export function mapFreeze(map: FdLike): void {
  bpfCall("MAP_FREEZE", encode(L.MAP_ELEM, { map_fd: rawFd(map) }));
}

export interface MapBatchArgs {
  /** Opaque cursor from the previous call's `outBatch`, or null to start. */
  inBatch: Uint8Array | null;
  /** Receives the cursor for the next call (at least key_size bytes; for hash maps use key_size). */
  outBatch: Uint8Array;
  /** count * key_size bytes. */
  keys: Uint8Array;
  /** count * value_size bytes (value_size rounded to 8 × possible CPUs for per-CPU maps). */
  values: Uint8Array;
  /** Capacity in elements. */
  count: number;
  elemFlags?: number;
  flags?: number;
}

export interface MapBatchResult {
  /** Elements transferred. */
  count: number;
  /** True when the map has been fully walked (the kernel returned ENOENT). */
  done: boolean;
}

function batchAttr(map: FdLike, a: Partial<MapBatchArgs> & { count: number }): Uint8Array {
  return encode(L.MAP_BATCH, {
    in_batch: ptr(a.inBatch),
    out_batch: ptr(a.outBatch),
    keys: ptr(a.keys),
    values: ptr(a.values),
    count: a.count,
    map_fd: rawFd(map),
    elem_flags: a.elemFlags,
    flags: a.flags,
  });
}

function lookupBatch(cmd: "MAP_LOOKUP_BATCH" | "MAP_LOOKUP_AND_DELETE_BATCH", map: FdLike, a: MapBatchArgs): MapBatchResult {
  const attr = batchAttr(map, a);
  const r = bpfRaw(cmd, attr, [a.inBatch, a.outBatch, a.keys, a.values]);
  const count = readU32(attr, L.MAP_BATCH.count);
  if (r.ok) return { count, done: false };
  // ENOENT means "no more elements"; the kernel still reports how many it copied in this call.
  if (r.errno === ERRNO.ENOENT) return { count, done: true };
  throw kernelError({ syscall: "bpf", command: cmd, code: r.errno });
}

/** BPF_MAP_LOOKUP_BATCH (Linux 5.6+). */
export function mapLookupBatch(map: FdLike, a: MapBatchArgs): MapBatchResult {
  return lookupBatch("MAP_LOOKUP_BATCH", map, a);
}

/** BPF_MAP_LOOKUP_AND_DELETE_BATCH (Linux 5.6+). */
export function mapLookupAndDeleteBatch(map: FdLike, a: MapBatchArgs): MapBatchResult {
  return lookupBatch("MAP_LOOKUP_AND_DELETE_BATCH", map, a);
}

/** BPF_MAP_UPDATE_BATCH: returns the number of elements written. */
export function mapUpdateBatch(map: FdLike, keys: Uint8Array, values: Uint8Array, count: number, elemFlags = 0): number {
  const attr = batchAttr(map, { keys, values, count, elemFlags });
  bpfCall("MAP_UPDATE_BATCH", attr, [keys, values]);
  return readU32(attr, L.MAP_BATCH.count);
}

/** BPF_MAP_DELETE_BATCH: returns the number of elements deleted. */
export function mapDeleteBatch(map: FdLike, keys: Uint8Array, count: number, elemFlags = 0): number {
  const attr = batchAttr(map, { keys, count, elemFlags });
  const r = bpfRaw("MAP_DELETE_BATCH", attr, [keys]);
  if (r.ok || r.errno === ERRNO.ENOENT) return readU32(attr, L.MAP_BATCH.count);
  throw kernelError({ syscall: "bpf", command: "MAP_DELETE_BATCH", code: r.errno });
}
