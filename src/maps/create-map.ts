/**
 * @fileoverview MapSpec → kernel map. Everything that depends on the running machine is resolved
 * here, not in the compiler: the possible-CPU count (perf arrays, per-CPU value buffers), the
 * kernel's name charset, and flags the kernel insists on for some kinds.
 */
import { BtfBuilder } from "../btf/index.ts";
import { MAP_TYPE_IDS, type CTypeDesc, type MapKind, type MapSpec } from "../spec/index.ts";
import {
  BPF_MAP_FLAG, btfLoad, KernelError, kernelError, mapCreate, mapUpdateElem, possibleCpus, sanitizeObjectName,
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
  /**
   * Attach key/value BTF (default true) so `bpftool map dump` pretty-prints entries. False
   * creates the map without (tests, debugging); BTF the kernel refuses is dropped anyway.
   */
  btf?: boolean;
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
 * Kinds that take key/value BTF. The others refuse it (perf_event_array, stack_trace, prog_array
 * and the other fd arrays: "map type does not support BTF") or have no key/value to describe
 * (queue/stack/ringbuf).
 */
const BTF_KINDS: ReadonlySet<MapKind> = new Set<MapKind>(["hash", "array", "percpu_hash", "percpu_array", "lru_hash", "lru_percpu_hash", "lpm_trie"]);

/** A map's key/value BTF: the blob and the ids of the two types in it. */
export interface MapBtf {
  blob: Uint8Array;
  keyTypeId: number;
  valueTypeId: number;
}

const U32: CTypeDesc = { kind: "int", name: "unsigned int", size: 4, signed: false };

/**
 * Key/value BTF for a spec, or undefined when its types cannot describe the map: void or
 * size-mismatched types (the kernel insists the BTF sizes equal key_size/value_size), or a kind
 * that takes no BTF. Array maps whose spec has no key type get `unsigned int` (their key).
 */
export function mapBtfFor(spec: MapSpec): MapBtf | undefined {
  if (!BTF_KINDS.has(spec.kind)) return undefined;
  const isArray = spec.kind === "array" || spec.kind === "percpu_array";
  const key = isArray && spec.key.kind === "void" && spec.keySize === 4 ? U32 : spec.key;
  if (key.kind === "void" || spec.value.kind === "void") return undefined;
  if (key.size !== spec.keySize || spec.value.size !== spec.valueSize) return undefined;
  const b = new BtfBuilder();
  const enc = new CTypeEncoder(b);
  const keyTypeId = enc.encode(key);
  const valueTypeId = enc.encode(spec.value);
  return { blob: b.build(), keyTypeId, valueTypeId };
}

/** A BTF INT name for a size and signedness (names of C types the desc did not spell usably). */
function plainIntName(size: number, signed: boolean): string {
  const base = size === 1 ? "char" : size === 2 ? "short" : size === 4 ? "int" : "long long";
  return signed ? (size === 1 ? "signed char" : base) : `unsigned ${base}`;
}

/** CTypeDesc → BTF types, each desc object encoded once and each named record once. */
class CTypeEncoder {
  readonly #b: BtfBuilder;
  readonly #done = new Map<CTypeDesc, number>();
  readonly #records = new Map<string, number>();
  #voidPtr: number | undefined;

  constructor(b: BtfBuilder) {
    this.#b = b;
  }

  encode(t: CTypeDesc): number {
    const known = this.#done.get(t);
    if (known !== undefined) return known;
    const id = this.#encode(t);
    this.#done.set(t, id);
    return id;
  }

  #encode(t: CTypeDesc): number {
    const b = this.#b;
    switch (t.kind) {
      case "void": return 0;
      case "bool": return b.addInt("_Bool", 1, { bool: true });
      case "int": {
        const name = /^[A-Za-z_][A-Za-z0-9_ ]*$/.test(t.name) ? t.name : plainIntName(t.size, t.signed);
        return b.addInt(name, t.size, { signed: t.signed });
      }
      case "float": return b.add({ kind: "float", name: t.size === 4 ? "float" : "double", size: t.size });
      case "enum": {
        const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(t.name) ? t.name : "";
        // A desc without its enumerators says only "an integer of this size": say that.
        if (t.values.length === 0) return b.addInt(plainIntName(t.size, t.signed), t.size, { signed: t.signed });
        return b.addEnum(name, t.size, t.values, t.signed);
      }
      // Pointers in map values are addresses the program stored; `void *` keeps them 8 bytes
      // without pulling the pointee's type in.
      case "pointer": return (this.#voidPtr ??= b.addPtr(0));
      case "array": return b.addArray(this.encode(t.element), t.length);
      case "struct": case "union": return this.#record(t);
    }
  }

  #record(t: Extract<CTypeDesc, { kind: "struct" | "union" }>): number {
    const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(t.name) ? t.name : "";
    const key = `${t.kind} ${name}/${t.size}`;
    if (name) {
      const known = this.#records.get(key);
      if (known !== undefined) return known;
    }
    // Members of anonymous inner structs/unions arrive flattened into this record; the kernel
    // wants struct member offsets non-decreasing and union members at offset 0, so sort them, and
    // describe a union with members elsewhere as a struct (overlapping members are accepted).
    const members = t.fields
      .map((f) => ({
        name: /^[A-Za-z_][A-Za-z0-9_]*$/.test(f.name) ? f.name : undefined,
        type: this.encode(f.type),
        bitOffset: f.offset * 8 + (f.bitSize !== undefined ? (f.bitOffset ?? 0) : 0),
        bitSize: f.bitSize ?? 0,
      }))
      .sort((a, b) => a.bitOffset - b.bitOffset);
    const union = t.kind === "union" && members.every((m) => m.bitOffset === 0);
    const id = union ? this.#b.addUnion(name, t.size, members) : this.#b.addStruct(name, t.size, members);
    if (name) this.#records.set(key, id);
    return id;
  }
}

/** BPF_BTF_LOAD of a map's BTF; undefined when the kernel takes none (the map goes without). */
function loadMapBtf(spec: MapSpec, options: CreateMapOptions): { fd: Fd; btf: MapBtf } | undefined {
  if (options.btf === false) return undefined;
  let btf: MapBtf | undefined;
  try {
    btf = mapBtfFor(spec);
  } catch (e) {
    // The writer refuses what BTF cannot say (e.g. a name it cannot encode): no BTF then.
    if (e instanceof RangeError) return undefined;
    throw e;
  }
  if (!btf) return undefined;
  try {
    return { fd: btfLoad(btf.blob, options.tracker ? { tracker: options.tracker } : {}).fd, btf };
  } catch (e) {
    if (e instanceof KernelError) return undefined;
    throw e;
  }
}

/**
 * BPF_MAP_CREATE for a spec; global-data maps get their initial value written. Errors name the map.
 * Key/value BTF is attached when the spec's types describe the map (see mapBtfFor); a kernel that
 * refuses it gets the map without: BTF never makes map creation fail.
 */
export function createMap(spec: MapSpec, options: CreateMapOptions = {}): Fd {
  const attr = mapCreateAttrFor(spec, options);
  let fd: Fd | undefined;
  const btf = loadMapBtf(spec, options);
  if (btf) {
    try {
      fd = mapCreate({ ...attr, btfFd: btf.fd, btfKeyTypeId: btf.btf.keyTypeId, btfValueTypeId: btf.btf.valueTypeId }, options);
    } catch (e) {
      if (!(e instanceof KernelError)) throw e;
      // Retried below without BTF: if the map itself is at fault, that attempt says so.
    } finally {
      // The map keeps its own reference to the BTF object.
      btf.fd.close();
    }
  }
  if (!fd) {
    try {
      fd = mapCreate(attr, options);
    } catch (e) {
      throw withMapContext(e, spec.name, `create ${spec.kind} key ${attr.keySize} value ${attr.valueSize} max_entries ${attr.maxEntries}`);
    }
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
