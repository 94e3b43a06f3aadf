/**
 * @fileoverview MapSpec → kernel map. Everything that depends on the running machine is resolved
 * here, not in the compiler: the possible-CPU count (perf arrays, per-CPU value buffers), the
 * kernel's name charset, and flags the kernel insists on for some kinds.
 */
import { MAP_TYPE_IDS, type MapKind, type MapSpec } from "../spec/index.ts";
import {
  BPF_MAP_FLAG, KernelError, kernelError, mapCreate, mapUpdateElem, possibleCpus, sanitizeObjectName,
  type Fd, type FdOptions,
} from "../sys/index.ts";

/** Kinds whose values the kernel stores once per possible CPU. */
export const PER_CPU_KINDS: ReadonlySet<MapKind> = new Set<MapKind>(["percpu_hash", "percpu_array", "lru_percpu_hash"]);

/** Kinds without keys (queue/stack) or that are not key/value stores at all (ringbuf). */
export const KEYLESS_KINDS: ReadonlySet<MapKind> = new Set<MapKind>(["queue", "stack", "ringbuf"]);

export function isPerCpu(kind: MapKind): boolean {
  return PER_CPU_KINDS.has(kind);
}

/**
 * Per-CPU lookups copy one slot per possible CPU, each rounded up to 8 bytes (the kernel's
 * bpf_percpu copy loop uses round_up(value_size, 8)), so user buffers must be this large.
 */
export function perCpuStride(valueSize: number): number {
  return Math.ceil(valueSize / 8) * 8;
}

/** The user-space buffer size for one value of a map: value_size, or stride × CPUs for per-CPU kinds. */
export function userValueSize(spec: Pick<MapSpec, "kind" | "valueSize">, cpus: number): number {
  return isPerCpu(spec.kind) ? perCpuStride(spec.valueSize) * cpus : spec.valueSize;
}

export interface CreateMapOptions extends FdOptions {
  /** Possible CPU count; read from /sys when omitted (tests may pin it). */
  possibleCpus?: number;
  /** Override the kernel object name (default: the spec's name, sanitised). */
  name?: string;
  /** Override max_entries (e.g. a user's `-m` option), after spec validation. */
  maxEntries?: number;
}

/** The attributes BPF_MAP_CREATE gets for a spec on this machine. */
export function mapCreateAttrFor(spec: MapSpec, options: CreateMapOptions = {}) {
  const mapType = MAP_TYPE_IDS[spec.kind];
  if (mapType === undefined) throw new TypeError(`map '${spec.name}': unknown map kind '${String(spec.kind)}'`);
  let maxEntries = options.maxEntries ?? spec.maxEntries;
  if (spec.kind === "perf_event_array" && maxEntries === 0) {
    maxEntries = options.possibleCpus ?? possibleCpus().length;
  }
  let flags = spec.flags;
  // The kernel refuses LPM tries without BPF_F_NO_PREALLOC (trie_alloc checks it); BCC's
  // BPF_LPM_TRIE macro always sets it, so do the same for specs that forgot.
  if (spec.kind === "lpm_trie") flags |= BPF_MAP_FLAG.NO_PREALLOC;
  const keyless = KEYLESS_KINDS.has(spec.kind);
  return {
    mapType,
    keySize: keyless ? 0 : spec.keySize,
    valueSize: spec.kind === "ringbuf" ? 0 : spec.valueSize,
    maxEntries,
    mapFlags: flags,
    name: sanitizeObjectName(options.name ?? spec.name),
  };
}

/**
 * BPF_MAP_CREATE for a spec; global-data maps get their initial value written. Errors name the map.
 * BTF is not attached (optional for every kind we create).
 */
export function createMap(spec: MapSpec, options: CreateMapOptions = {}): Fd {
  const attr = mapCreateAttrFor(spec, options);
  let fd: Fd;
  try {
    fd = mapCreate(attr, options);
  } catch (e) {
    throw withMapContext(e, spec.name, `create ${spec.kind} key ${attr.keySize} value ${attr.valueSize} max_entries ${attr.maxEntries}`);
  }
  if (spec.initialValue !== undefined && spec.initialValue.length > 0) {
    try {
      const value = new Uint8Array(spec.valueSize);
      value.set(spec.initialValue.subarray(0, spec.valueSize));
      mapUpdateElem(fd, new Uint8Array(spec.keySize), value);
    } catch (e) {
      fd.close();
      throw withMapContext(e, spec.name, "initial value");
    }
  }
  return fd;
}

/** Re-throws a KernelError with the map named in its message (same class, errno and code). */
export function withMapContext(e: unknown, mapName: string, what?: string): unknown {
  if (!(e instanceof KernelError)) return e;
  const detail = `map '${mapName}'${what ? ` ${what}` : ""}`;
  const wrapped = kernelError({ syscall: e.syscall, command: e.command, code: e.code, detail });
  return wrapped;
}

/**
 * The update failed because the map has no room (E2BIG from hash-like maps and queues). One-line
 * message: "map 'name' is full (max_entries N): ...".
 */
export class MapFullError extends KernelError {
  readonly mapName: string;
  readonly maxEntries: number;
  constructor(mapName: string, maxEntries: number, command: string, code: number) {
    super({ syscall: "bpf", command, code, detail: `map '${mapName}'` });
    this.name = "MapFullError";
    this.mapName = mapName;
    this.maxEntries = maxEntries;
    this.message = `map '${mapName}' is full (max_entries ${maxEntries}): bpf(${command}) failed with ${this.errno}; delete entries or raise max_entries`;
  }
}
