/**
 * bpf(2) commands with typed arguments. Each function builds the command's slice of union bpf_attr
 * (layouts in attr-layout.ts), makes the call, and either returns the result or throws a typed
 * KernelError. "Not found" outcomes that callers routinely expect (ENOENT on lookup/delete/next-key)
 * are returned as false/undefined instead of thrown.
 */
import * as L from "./attr-layout.ts";
import { encode, readName, readU32, readU64, type Layout } from "./attr-layout.ts";
import { BPF_ANY, BPF_CMD, BPF_LOG_MAX, BPF_LOG_MAX_LEGACY, BPF_STATS, type BpfCmdName } from "./bpf-constants.ts";
import { ERRNO, kernelError, VerifierError, KernelError } from "./errors.ts";
import { Fd, rawFd, type FdLike, type FdOptions } from "./fd.ts";
import { addressOf, lastErrno, sysBpf } from "./ffi.ts";

/** Result of a raw bpf() call: the return value, or the errno when it failed. */
export type BpfResult = { ok: true; value: number } | { ok: false; errno: number };

/**
 * The raw call. `keepAlive` holds the buffers whose addresses are inside `attr`, so they stay
 * reachable (their backing stores never move) until the kernel has used them.
 */
export function bpfRaw(cmd: BpfCmdName, attr: Uint8Array, keepAlive?: readonly unknown[]): BpfResult {
  const ret = sysBpf(BPF_CMD[cmd], attr, attr.byteLength);
  const errno = ret < 0 ? lastErrno() : 0;
  void keepAlive?.length;
  return ret < 0 ? { ok: false, errno } : { ok: true, value: ret };
}

/** bpf() that throws a typed KernelError on failure. */
export function bpfCall(cmd: BpfCmdName, attr: Uint8Array, keepAlive?: readonly unknown[], detail?: string): number {
  const r = bpfRaw(cmd, attr, keepAlive);
  if (!r.ok) throw kernelError({ syscall: "bpf", command: cmd, code: r.errno, detail });
  return r.value;
}

function ptr(buf: Uint8Array | null | undefined): bigint {
  return buf ? addressOf(buf) : 0n;
}

function optFd(fd: FdLike | undefined): number | undefined {
  return fd === undefined ? undefined : rawFd(fd);
}

/** Keep [A-Za-z0-9_.] (what the kernel accepts in object names) and at most 15 characters. */
export function sanitizeObjectName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.]/g, "_").slice(0, 15);
}

// ---- maps ------------------------------------------------------------------------------------

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

// ---- programs ----------------------------------------------------------------------------------

export interface ProgLoadAttr {
  progType: number;
  /** Encoded instructions, 8 bytes each. */
  insns: Uint8Array;
  license: string;
  kernVersion?: number;
  progFlags?: number;
  /** Sanitized to the kernel's charset and 15 characters. */
  name?: string;
  progIfindex?: number;
  expectedAttachType?: number;
  progBtfFd?: FdLike;
  funcInfo?: Uint8Array;
  funcInfoRecSize?: number;
  lineInfo?: Uint8Array;
  lineInfoRecSize?: number;
  attachBtfId?: number;
  attachProgFd?: FdLike;
  attachBtfObjFd?: FdLike;
  /** Map/BTF fds referenced by BPF_PSEUDO_MAP_IDX / kfunc btf_fd_idx. */
  fdArray?: Int32Array;
}

export interface LoadOptions extends FdOptions {
  /**
   * Verifier log level to always request (1 = instructions on failure paths, 2 = everything,
   * |4 = statistics). 0/undefined: load without a log first (fast path) and only on failure retry
   * with level 1 to explain the error.
   */
  logLevel?: number;
  /** First log buffer size when logging; grows on ENOSPC. Default 64 KiB. */
  logSize?: number;
  /** Largest log buffer to try when the kernel does not report the size it needs. Default 16 MiB - 1. */
  maxLogSize?: number;
}

export interface LoadResult {
  fd: Fd;
  /** Verifier/BTF log ("" unless options.logLevel asked for one). */
  log: string;
}

interface LogSpec {
  level: number;
  size: number;
  buf: Uint8Array | null;
}

interface LogAttempt {
  result: BpfResult;
  log: string;
  trueSize: number;
}

const LOG_START = 64 * 1024;

/**
 * The log-retry protocol shared by PROG_LOAD and BTF_LOAD: run without a log (unless asked), and on
 * failure rerun with a log, growing the buffer on ENOSPC. Since Linux 6.4 the kernel reports the
 * size it needed (log_true_size), so one retry suffices there; on older kernels we double up to
 * maxLogSize and then report the (head-truncated) log as is.
 */
function loadWithLog(
  command: "PROG_LOAD" | "BTF_LOAD",
  label: string,
  attempt: (log: LogSpec) => LogAttempt,
  options: LoadOptions | undefined,
): LoadResult {
  const wanted = options?.logLevel ?? 0;
  const maxSize = Math.min(options?.maxLogSize ?? BPF_LOG_MAX_LEGACY, BPF_LOG_MAX);
  let size = Math.max(128, Math.min(options?.logSize ?? LOG_START, maxSize));

  if (wanted === 0) {
    const quick = attempt({ level: 0, size: 0, buf: null });
    if (quick.result.ok) return { fd: Fd.adopt(quick.result.value, label, options), log: "" };
    // Any failure is retried with a log: the verifier explains EINVAL/EACCES/E2BIG/ENOTSUPP..., and
    // for errors it cannot explain the retry costs one more failing call on an already-failed path.
  }

  const level = wanted === 0 ? 1 : wanted;
  for (;;) {
    const buf = new Uint8Array(size);
    const a = attempt({ level, size, buf });
    if (a.result.ok) return { fd: Fd.adopt(a.result.value, label, options), log: a.log };
    const code = a.result.errno;
    if (code === ERRNO.ENOSPC) {
      // Linux 6.4+ reports the exact size needed (log_true_size, including the NUL).
      if (a.trueSize > size && a.trueSize <= BPF_LOG_MAX) {
        size = a.trueSize;
        continue;
      }
      if (size < maxSize) {
        size = Math.min(size * 2, maxSize);
        continue;
      }
    }
    if (a.log.length === 0) throw kernelError({ syscall: "bpf", command, code, detail: label });
    throw new VerifierError({ syscall: "bpf", command, code, detail: label, log: a.log, truncated: code === ERRNO.ENOSPC });
  }
}

function cString(s: string): Uint8Array {
  const bytes = new TextEncoder().encode(s);
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}

function decodeLog(buf: Uint8Array | null): string {
  if (buf === null) return "";
  const nul = buf.indexOf(0);
  return new TextDecoder().decode(nul < 0 ? buf : buf.subarray(0, nul));
}

export function encodeProgLoad(a: ProgLoadAttr, license: Uint8Array, log: LogSpec): Uint8Array {
  if (a.insns.byteLength % 8 !== 0) throw new RangeError(`PROG_LOAD: insns length ${a.insns.byteLength} is not a multiple of 8`);
  const fdArray = a.fdArray ? new Uint8Array(a.fdArray.buffer, a.fdArray.byteOffset, a.fdArray.byteLength) : null;
  return encode(L.PROG_LOAD, {
    prog_type: a.progType,
    insn_cnt: a.insns.byteLength / 8,
    insns: ptr(a.insns),
    license: ptr(license),
    log_level: log.level,
    log_size: log.size,
    log_buf: ptr(log.buf),
    kern_version: a.kernVersion,
    prog_flags: a.progFlags,
    prog_name: a.name === undefined ? undefined : sanitizeObjectName(a.name),
    prog_ifindex: a.progIfindex,
    expected_attach_type: a.expectedAttachType,
    prog_btf_fd: optFd(a.progBtfFd),
    func_info_rec_size: a.funcInfo ? a.funcInfoRecSize : undefined,
    func_info: a.funcInfo ? ptr(a.funcInfo) : undefined,
    func_info_cnt: a.funcInfo && a.funcInfoRecSize ? a.funcInfo.byteLength / a.funcInfoRecSize : undefined,
    line_info_rec_size: a.lineInfo ? a.lineInfoRecSize : undefined,
    line_info: a.lineInfo ? ptr(a.lineInfo) : undefined,
    line_info_cnt: a.lineInfo && a.lineInfoRecSize ? a.lineInfo.byteLength / a.lineInfoRecSize : undefined,
    attach_btf_id: a.attachBtfId,
    attach_prog_fd: optFd(a.attachProgFd ?? a.attachBtfObjFd),
    fd_array: fdArray ? ptr(fdArray) : undefined,
  });
}

/**
 * BPF_PROG_LOAD. On rejection throws VerifierError carrying the verifier's log (retrying with a log
 * only after a quick log-less attempt failed); other failures throw KernelError subclasses.
 */
export function progLoad(a: ProgLoadAttr, options?: LoadOptions): LoadResult {
  const license = cString(a.license);
  const label = `prog ${a.name ?? "(unnamed)"}`;
  return loadWithLog(
    "PROG_LOAD",
    label,
    (log) => {
      const attr = encodeProgLoad(a, license, log);
      const result = bpfRaw("PROG_LOAD", attr, [a.insns, license, log.buf, a.funcInfo, a.lineInfo, a.fdArray]);
      return { result, log: decodeLog(log.buf), trueSize: readU32(attr, L.PROG_LOAD.log_true_size) };
    },
    options,
  );
}

/** BPF_BTF_LOAD with the same log protocol as progLoad. */
export function btfLoad(btf: Uint8Array, options?: LoadOptions): LoadResult {
  return loadWithLog(
    "BTF_LOAD",
    "btf",
    (log) => {
      const attr = encode(L.BTF_LOAD, {
        btf: ptr(btf),
        btf_size: btf.byteLength,
        btf_log_buf: ptr(log.buf),
        btf_log_size: log.size,
        btf_log_level: log.level,
      });
      const result = bpfRaw("BTF_LOAD", attr, [btf, log.buf]);
      return { result, log: decodeLog(log.buf), trueSize: readU32(attr, L.BTF_LOAD.btf_log_true_size) };
    },
    options,
  );
}

export interface TestRunArgs {
  ctxIn?: Uint8Array;
  /**
   * Receives the ctx after the run. Must be absent for BPF_PROG_TYPE_SYSCALL: those programs write
   * into ctxIn itself (the kernel copies the ctx back into ctx_in and rejects ctx_out).
   */
  ctxOut?: Uint8Array;
  dataIn?: Uint8Array;
  dataOut?: Uint8Array;
  repeat?: number;
  flags?: number;
  cpu?: number;
  batchSize?: number;
}

export interface TestRunResult {
  retval: number;
  /** Average run time in ns reported by the kernel (0 for program types that do not time runs). */
  duration: number;
  dataSizeOut: number;
  ctxSizeOut: number;
}

/** BPF_PROG_TEST_RUN (BPF_PROG_RUN). */
export function progTestRun(prog: FdLike, a: TestRunArgs = {}): TestRunResult {
  const attr = encode(L.TEST_RUN, {
    prog_fd: rawFd(prog),
    data_size_in: a.dataIn?.byteLength,
    data_size_out: a.dataOut?.byteLength,
    data_in: ptr(a.dataIn),
    data_out: ptr(a.dataOut),
    repeat: a.repeat,
    ctx_size_in: a.ctxIn?.byteLength,
    ctx_size_out: a.ctxOut?.byteLength,
    ctx_in: ptr(a.ctxIn),
    ctx_out: ptr(a.ctxOut),
    flags: a.flags,
    cpu: a.cpu,
    batch_size: a.batchSize,
  });
  const r = bpfRaw("PROG_TEST_RUN", attr, [a.ctxIn, a.ctxOut, a.dataIn, a.dataOut]);
  if (!r.ok) {
    if (r.errno === ERRNO.ENOTSUPP || r.errno === ERRNO.EOPNOTSUPP) {
      throw kernelError({ syscall: "bpf", command: "PROG_TEST_RUN", code: r.errno, detail: "this program type cannot be test-run" });
    }
    throw kernelError({ syscall: "bpf", command: "PROG_TEST_RUN", code: r.errno });
  }
  return {
    retval: readU32(attr, L.TEST_RUN.retval),
    duration: readU32(attr, L.TEST_RUN.duration),
    dataSizeOut: readU32(attr, L.TEST_RUN.data_size_out),
    ctxSizeOut: readU32(attr, L.TEST_RUN.ctx_size_out),
  };
}

// ---- links and attachment -------------------------------------------------------------------------

export interface LinkCreateAttr {
  progFd: FdLike;
  /** Perf event fd for BPF_PERF_EVENT; 0 for tracing links. */
  targetFd?: FdLike;
  attachType: number;
  flags?: number;
  /** BPF_PERF_EVENT: value returned by bpf_get_attach_cookie(). */
  perfEventCookie?: bigint | number;
  /** Tracing (fentry/fexit/...): BTF id of the target when re-targeting, plus cookie. */
  tracingTargetBtfId?: number;
  tracingCookie?: bigint | number;
}

export function encodeLinkCreate(a: LinkCreateAttr): Uint8Array {
  return encode(L.LINK_CREATE, {
    prog_fd: rawFd(a.progFd),
    target_fd: optFd(a.targetFd),
    attach_type: a.attachType,
    flags: a.flags,
    perf_event_bpf_cookie: a.perfEventCookie,
    tracing_target_btf_id: a.perfEventCookie === undefined ? a.tracingTargetBtfId : undefined,
    tracing_cookie: a.perfEventCookie === undefined ? a.tracingCookie : undefined,
  });
}

/** BPF_LINK_CREATE: a link fd; closing it detaches. */
export function linkCreate(a: LinkCreateAttr, options?: FdOptions): Fd {
  const fd = bpfCall("LINK_CREATE", encodeLinkCreate(a));
  return Fd.adopt(fd, `link attach_type=${a.attachType}`, options);
}

/** BPF_RAW_TRACEPOINT_OPEN: attach a raw_tracepoint program (name) or a tracing program (name null). */
export function rawTracepointOpen(name: string | null, prog: FdLike, options?: FdOptions): Fd {
  const cname = name === null ? null : cString(name);
  const attr = encode(L.RAW_TRACEPOINT, { name: ptr(cname), prog_fd: rawFd(prog) });
  const fd = bpfCall("RAW_TRACEPOINT_OPEN", attr, [cname], name ?? undefined);
  return Fd.adopt(fd, `raw_tracepoint ${name ?? "(btf)"}`, options);
}

/** BPF_LINK_DETACH: detach without closing the link fd (Linux 5.9+). */
export function linkDetach(link: FdLike): void {
  bpfCall("LINK_DETACH", encode(L.LINK_DETACH, { link_fd: rawFd(link) }));
}

/** BPF_ENABLE_STATS: run-time statistics stay on while the returned fd is open. */
export function enableStats(type: number = BPF_STATS.RUN_TIME, options?: FdOptions): Fd {
  const fd = bpfCall("ENABLE_STATS", encode(L.ENABLE_STATS, { type }));
  return Fd.adopt(fd, "bpf stats", options);
}

/** BPF_OBJ_PIN: pin to a bpffs path. */
export function objPin(fd: FdLike, path: string): void {
  const cpath = cString(path);
  bpfCall("OBJ_PIN", encode(L.OBJ, { pathname: ptr(cpath), bpf_fd: rawFd(fd) }), [cpath], path);
}

/** BPF_OBJ_GET: open a pinned object. */
export function objGet(path: string, fileFlags = 0, options?: FdOptions): Fd {
  const cpath = cString(path);
  const fd = bpfCall("OBJ_GET", encode(L.OBJ, { pathname: ptr(cpath), file_flags: fileFlags }), [cpath], path);
  return Fd.adopt(fd, `pinned ${path}`, options);
}

// ---- object ids -----------------------------------------------------------------------------------

type IdKind = "PROG" | "MAP" | "LINK" | "BTF";

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
      out.rawTracepointName = decodeLog(name);
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
    name: decodeLog(name),
    kernelBtf: readU32(info, L.BTF_INFO.kernel_btf) !== 0,
  };
}

/** True when `err` is a KernelError with errno `name` (e.g. isErrno(e, "ENOENT")). */
export function isErrno(err: unknown, name: keyof typeof ERRNO): boolean {
  return err instanceof KernelError && err.code === ERRNO[name];
}
