/**
 * bpf(2) program and BTF loading with the verifier-log protocol, and BPF_PROG_TEST_RUN.
 */
import * as L from "./attr-layout.ts";
import { encode, readU32 } from "./attr-layout.ts";
import { bpfRaw, cString, decodeCString, optFd, ptr, sanitizeObjectName, type BpfResult } from "./bpf.ts";
import { BPF_LOG_MAX, BPF_LOG_MAX_LEGACY } from "./bpf-constants.ts";
import { ERRNO, kernelError, VerifierError } from "./errors.ts";
import { Fd, rawFd, type FdLike, type FdOptions } from "./fd.ts";
import { withSignalsBlocked } from "./ffi.ts";

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

/** The log buffer part of a PROG_LOAD/BTF_LOAD attempt (level 0 and buf null: no log). */
export interface LogSpec {
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
/** Attempts of a load that keeps failing with EAGAIN (interrupted by a signal). */
const EAGAIN_ATTEMPTS = 5;

/**
 * The log-retry protocol shared by PROG_LOAD and BTF_LOAD: run without a log (unless asked), and on
 * failure rerun with a log, growing the buffer on ENOSPC. Since Linux 6.4 the kernel reports the
 * size it needed (log_true_size), so one retry suffices there; on older kernels we double up to
 * maxLogSize and then report the truncated log (kernels before 6.4 keep its head, later ones its tail).
 */
function loadWithLog(
  command: "PROG_LOAD" | "BTF_LOAD",
  label: string,
  attempt: (log: LogSpec) => LogAttempt,
  options: LoadOptions | undefined,
): LoadResult {
  const wanted = options?.logLevel ?? 0;
  const maxSize = Math.min(options?.maxLogSize ?? BPF_LOG_MAX_LEGACY, BPF_LOG_MAX);
  // The verifier gives up with EAGAIN when a signal is pending (it checks as it goes): a
  // profiler's SIGPROF or a tool's timer signals would fail loads at random. libbpf retries a few
  // times; with signals every few µs (V8's sampling profiler) a long verification never finishes
  // between two, so the retries run with signals blocked (they arrive when the call returns).
  const retrying = (log: LogSpec): LogAttempt => {
    let a = attempt(log);
    for (let n = 1; n < EAGAIN_ATTEMPTS && !a.result.ok && a.result.errno === ERRNO.EAGAIN; n++) a = withSignalsBlocked(() => attempt(log));
    return a;
  };
  let size = Math.max(128, Math.min(options?.logSize ?? LOG_START, maxSize));

  if (wanted === 0) {
    const quick = retrying({ level: 0, size: 0, buf: null });
    if (quick.result.ok) return { fd: Fd.adopt(quick.result.value, label, options), log: "" };
    // Any failure is retried with a log: the verifier explains EINVAL/EACCES/E2BIG/ENOTSUPP..., and
    // for errors it cannot explain the retry costs one more failing call on an already-failed path.
  }

  const level = wanted === 0 ? 1 : wanted;
  for (;;) {
    const buf = new Uint8Array(size);
    const a = retrying({ level, size, buf });
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
      return { result, log: decodeCString(log.buf), trueSize: readU32(attr, L.PROG_LOAD.log_true_size) };
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
      return { result, log: decodeCString(log.buf), trueSize: readU32(attr, L.BTF_LOAD.btf_log_true_size) };
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
