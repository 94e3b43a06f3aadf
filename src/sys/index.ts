/**
 * src/sys — the syscall layer: the only code that talks to the kernel (through koffi).
 *
 * - bpf(2) commands with typed attrs: mapCreate/mapLookupElem/..., progLoad (verifier log retry →
 *   VerifierError), btfLoad, progTestRun, linkCreate, rawTracepointOpen, enableStats, object ids and
 *   info (progInfo/mapInfo/linkInfo/btfInfo).
 * - perf_event_open(2) with a perf_event_attr builder, and the perf ioctls.
 * - mmapFd/mmapPerfRing: zero-copy views over kernel pages (MappedMemory, Disposable).
 * - Epoll: sync wait(timeout) and waitAsync() on Node's event loop (no thread, no spinning).
 * - Fd: owned descriptor (Disposable, idempotent close, take(), never 0), FdTracker for leak tests.
 * - Typed errors: KernelError{syscall, command, errno, code} and PermissionError,
 *   NotSupportedError, VerifierError.
 * UAPI constants keep their spellings (BPF_MAP_TYPE.HASH is BPF_MAP_TYPE_HASH).
 */
export {
  ERRNO,
  errnoName,
  errnoHint,
  kernelError,
  summarizeLog,
  KernelError,
  PermissionError,
  NotSupportedError,
  VerifierError,
  type ErrnoName,
  type KernelErrorInit,
} from "./errors.ts";

export { Fd, FdTracker, rawFd, type FdLike, type FdOptions } from "./fd.ts";

export {
  BPF_CMD,
  BPF_MAP_TYPE,
  BPF_PROG_TYPE,
  BPF_ATTACH_TYPE,
  BPF_LINK_TYPE,
  BPF_STATS,
  BPF_ANY,
  BPF_NOEXIST,
  BPF_EXIST,
  BPF_F_LOCK,
  BPF_MAP_FLAG,
  BPF_PROG_FLAG,
  BPF_F_TEST_RUN_ON_CPU,
  BPF_F_KPROBE_MULTI_RETURN,
  BPF_OBJ_NAME_LEN,
  BPF_LOG_MAX,
  BPF_LOG_MAX_LEGACY,
  BPF_LOG_LEVEL,
  type BpfCmdName,
  type BpfMapTypeName,
  type BpfProgTypeName,
  type BpfAttachTypeName,
} from "./bpf-constants.ts";

export { bpfRaw, bpfCall, sanitizeObjectName, isErrno, type BpfResult } from "./bpf.ts";

export {
  mapCreate,
  encodeMapCreate,
  mapLookupElem,
  mapUpdateElem,
  mapDeleteElem,
  mapGetNextKey,
  mapLookupAndDeleteElem,
  mapFreeze,
  mapLookupBatch,
  mapLookupAndDeleteBatch,
  mapUpdateBatch,
  mapDeleteBatch,
  type MapCreateAttr,
  type MapBatchArgs,
  type MapBatchResult,
} from "./bpf-map.ts";

export {
  progLoad,
  encodeProgLoad,
  btfLoad,
  progTestRun,
  type ProgLoadAttr,
  type LoadOptions,
  type LoadResult,
  type LogSpec,
  type TestRunArgs,
  type TestRunResult,
} from "./bpf-prog.ts";

export {
  linkCreate,
  encodeLinkCreate,
  rawTracepointOpen,
  linkDetach,
  enableStats,
  objPin,
  objGet,
  type LinkCreateAttr,
} from "./bpf-link.ts";

export {
  getNextId,
  listIds,
  getFdById,
  objGetInfoByFd,
  progInfo,
  progXlatedInsns,
  mapInfo,
  linkInfo,
  btfInfo,
  type IdKind,
  type ProgInfo,
  type MapInfo,
  type LinkInfo,
  type BtfInfo,
} from "./bpf-object.ts";

export {
  PERF_TYPE,
  PERF_COUNT_SW,
  PERF_COUNT_HW,
  PERF_SAMPLE,
  PERF_SAMPLE_RAW,
  PERF_RECORD,
  PERF_RECORD_SAMPLE,
  PERF_RECORD_LOST,
  PERF_FLAG,
  PERF_FLAG_FD_CLOEXEC,
  PERF_EVENT_IOC,
  HW_BREAKPOINT,
  perfEventOpen,
  encodePerfEventAttr,
  perfFlagsWord,
  perfEventEnable,
  perfEventDisable,
  perfEventSetBpf,
  perfEventSetOutput,
  perfEventId,
  ioctl,
  ioctlPtr,
  type PerfEventAttr,
  type PerfAttrFlags,
  type PerfEventOpenArgs,
} from "./perf.ts";

export { PERF_ATTR_SIZE, PERF_ATTR_FLAG, PERF_MMAP_PAGE } from "./attr-layout.ts";

export { MappedMemory, mmapFd, mmapPerfRing, pageSize, PROT_READ, PROT_WRITE, MAP_SHARED, type MmapOptions } from "./mmap.ts";

export { Epoll, EPOLLIN, EPOLLPRI, EPOLLOUT, EPOLLERR, EPOLLHUP, EPOLLRDHUP, EPOLLET, type EpollEvent } from "./epoll.ts";

export { getpid, getppid, gettid, possibleCpus, onlineCpus, parseCpuList } from "./process.ts";
