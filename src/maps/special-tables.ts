/**
 * @fileoverview Map kinds with their own user-space surface: stack traces (walk), program arrays
 * (tail-call slots take program fds), perf event arrays and ring buffers (table side only: the
 * readers live in src/perf and src/ringbuf), queues/stacks (push/pop/peek) and LPM tries.
 */
import { Codec, CodecCache } from "../codec/index.ts";
import type { CTypeDesc, MapSpec } from "../spec/index.ts";
import {
  BPF_MAP_FLAG, Fd, mapLookupAndDeleteElem, mapLookupElem, mapUpdateElem, rawFd, type FdLike,
} from "../sys/index.ts";
import { MapHandle, type TableOptions } from "./map-handle.ts";
import { Table, typeFor } from "./table.ts";
import { ArrayBase } from "./tables.ts";

/** One frame of a BPF_F_STACK_BUILD_ID stack: the object's build id and the offset in it. */
export interface BuildIdFrame {
  buildId: string;
  offset: bigint;
}

/** struct bpf_stack_build_id: s32 status; u8 build_id[20]; union { u64 offset; u64 ip; } → 32 bytes. */
const BUILD_ID_FRAME = 32;
const BPF_STACK_BUILD_ID_VALID = 1;

export class StackTrace extends Table<number, unknown> {
  /** BCC's cap on frames per stack (PERF_MAX_STACK_DEPTH). */
  static readonly MAX_DEPTH = 127;

  /**
   * The instruction pointers of stack `stackId`, innermost first, stopping at the first 0. Negative
   * ids (bpf_get_stackid errors such as -EFAULT) and absent ids give an empty array. Symbolising the
   * addresses is the BPF object's job (ksym/sym).
   */
  walk(stackId: number | bigint): bigint[] {
    const raw = this.#raw(stackId);
    if (raw === undefined || (this.flags & BPF_MAP_FLAG.STACK_BUILD_ID) !== 0) return [];
    const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const out: bigint[] = [];
    for (let off = 0; off + 8 <= raw.length && out.length < StackTrace.MAX_DEPTH; off += 8) {
      const ip = dv.getBigUint64(off, true);
      if (ip === 0n) break;
      out.push(ip);
    }
    return out;
  }

  /** For maps created with BPF_F_STACK_BUILD_ID: frames until the first one without a valid build id. */
  walkBuildIds(stackId: number | bigint): BuildIdFrame[] {
    const raw = this.#raw(stackId);
    if (raw === undefined) return [];
    const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const out: BuildIdFrame[] = [];
    for (let off = 0; off + BUILD_ID_FRAME <= raw.length && out.length < StackTrace.MAX_DEPTH; off += BUILD_ID_FRAME) {
      if (dv.getInt32(off, true) !== BPF_STACK_BUILD_ID_VALID) break;
      const buildId = Buffer.from(raw.subarray(off + 4, off + 24)).toString("hex");
      out.push({ buildId, offset: dv.getBigUint64(off + 24, true) });
    }
    return out;
  }

  #raw(stackId: number | bigint): Uint8Array | undefined {
    const id = Number(stackId);
    if (!Number.isInteger(id) || id < 0) return undefined;
    const buf = new Uint8Array(this.valueSize);
    try {
      return mapLookupElem(this.fdLike, this.encodeKey(id), buf) ? buf : undefined;
    } catch (e) {
      this.fail(e, "lookup");
    }
  }
}

/** Something that carries a program descriptor (the BPF class's Function objects do). */
export type ProgramRef = FdLike | { readonly fd: FdLike };

export class ProgArray extends ArrayBase<number> {
  /** Puts program `prog` into tail-call slot `index` (BCC: `prog_array[i] = fn`, `= fd`). */
  override set(index: unknown, prog: unknown, flags?: number): this {
    return super.set(index, fdOf(prog, "ProgArray"), flags);
  }

  /** Lookups from user space return the program's id, not its fd (kernel: bpf_fd_array_map_lookup_elem). */
  override get(index: unknown): number | undefined {
    return super.get(index);
  }
}

function fdOf(x: unknown, what: string): number {
  if (typeof x === "number" || x instanceof Fd) return rawFd(x);
  if (typeof x === "object" && x !== null && "fd" in x) return rawFd((x as { fd: FdLike }).fd);
  throw new TypeError(`${what} values must be file descriptors (a number, an Fd, or an object with .fd)`);
}

/**
 * BPF_MAP_TYPE_PERF_EVENT_ARRAY, table side: slot i holds a perf event fd (usually the per-CPU
 * buffer event of CPU i). The BPF object opens readers (src/perf PerfBuffer) on `fd`. Lookups are not
 * allowed from user space (EOPNOTSUPP), so only set/delete/clear are meaningful.
 */
export class PerfEventArray extends ArrayBase<number> {
  readonly #events: EventCodec;

  constructor(spec: MapSpec, fd: FdLike, options: TableOptions = {}) {
    super(spec, fd, options);
    this.#events = new EventCodec(spec.name, options);
  }

  /** BCC's `b["events"].event(data)`: a perf sample's raw data decoded with the event type. */
  event(data: Uint8Array): unknown {
    return this.#events.decode(data);
  }

  /** Sets (or replaces) the record type used by event(). */
  setEventType(type: CTypeDesc): void {
    this.#events.type = type;
  }

  /** Installs perf event `perfFd` at slot `cpu`. */
  override set(cpu: unknown, perfFd: unknown, flags?: number): this {
    return super.set(cpu, fdOf(perfFd, "PerfEventArray"), flags);
  }
}

/** BPF_MAP_TYPE_RINGBUF, table side: the BPF object opens a src/ringbuf RingBuffer on `fd`. */
export class RingBuf extends MapHandle {
  readonly #events: EventCodec;

  constructor(spec: MapSpec, fd: FdLike, options: TableOptions = {}) {
    super(spec, fd, options);
    this.#events = new EventCodec(spec.name, options);
  }

  /** Data area size in bytes (the map's max_entries: a power-of-two multiple of the page size). */
  get bytes(): number {
    return this.maxEntries;
  }

  /** BCC's `b["events"].event(data)`: a submitted record decoded with the event type. */
  event(data: Uint8Array): unknown {
    return this.#events.decode(data);
  }

  /** Sets (or replaces) the record type used by event(). */
  setEventType(type: CTypeDesc): void {
    this.#events.type = type;
  }
}

/**
 * Decodes submitted records. Records may be shorter than the type (variable-length tails, or a
 * program submitting a prefix): the missing bytes read as zero, as they would from BCC's zeroed
 * ctypes buffer; longer records are decoded from their start.
 */
class EventCodec {
  type: CTypeDesc | undefined;
  readonly #mapName: string;
  readonly #codecs: CodecCache;
  // The codec of `type`, looked up once per type rather than once per record.
  #codecType: CTypeDesc | undefined;
  #codec: Codec | undefined;

  constructor(mapName: string, options: TableOptions) {
    this.#mapName = mapName;
    this.type = options.eventType;
    this.#codecs = options.codecs ?? new CodecCache();
  }

  decode(data: Uint8Array): unknown {
    if (this.type === undefined) {
      throw new TypeError(`map '${this.#mapName}': the event type is unknown (no record type was recorded for this map); decode the bytes yourself or call setEventType()`);
    }
    if (this.#codecType !== this.type || this.#codec === undefined) {
      this.#codec = this.#codecs.get(this.type);
      this.#codecType = this.type;
    }
    const codec = this.#codec;
    if (data.length >= codec.size) return codec.decode(data);
    const padded = new Uint8Array(codec.size);
    padded.set(data);
    return codec.decode(padded);
  }
}

/** BPF_MAP_TYPE_QUEUE (FIFO) and BPF_MAP_TYPE_STACK (LIFO): keyless maps of values. */
export class QueueStack<V = unknown> extends MapHandle {
  /** push() flag: when full, drop the oldest element instead of failing. */
  static readonly BPF_EXIST = 2;
  readonly valueCodec: Codec<V>;
  readonly #noKey = new Uint8Array(0);

  constructor(spec: MapSpec, fd: FdLike, options: TableOptions = {}) {
    super(spec, fd, options);
    this.valueCodec = (options.codecs ?? new CodecCache()).get<V>(typeFor(spec.value, spec.valueSize, `map '${spec.name}' value`));
  }

  /** Adds a value; a full map throws MapFullError unless flags is BPF_EXIST. */
  push(value: unknown, flags = 0): void {
    try {
      mapUpdateElem(this.fdLike, this.#noKey, this.valueCodec.encode(value), flags);
    } catch (e) {
      this.fail(e, "push");
    }
  }

  /** Removes and returns the next value (FIFO for queues, LIFO for stacks); undefined when empty. */
  pop(): V | undefined {
    const buf = new Uint8Array(this.valueCodec.size);
    try {
      return mapLookupAndDeleteElem(this.fdLike, null, buf) ? this.valueCodec.decode(buf) : undefined;
    } catch (e) {
      this.fail(e, "pop");
    }
  }

  /** The next value without removing it; undefined when empty. */
  peek(): V | undefined {
    const buf = new Uint8Array(this.valueCodec.size);
    try {
      // The kernel ignores the key pointer of keyless maps (key_size 0); an empty buffer passes NULL.
      return mapLookupElem(this.fdLike, this.#noKey, buf) ? this.valueCodec.decode(buf) : undefined;
    } catch (e) {
      this.fail(e, "peek");
    }
  }

  /** Pops until empty, at most max_entries values (BCC's itervalues guard against endless refills). */
  *itervalues(): Generator<V> {
    for (let n = 0; n < this.maxEntries; n++) {
      const v = this.pop();
      if (v === undefined) return;
      yield v;
    }
  }

  values(): V[] {
    return [...this.itervalues()];
  }
}

/**
 * BPF_MAP_TYPE_LPM_TRIE: keys are `struct { u32 prefixlen; data }`; get() does a longest-prefix match
 * (the kernel's lookup), so `get({ prefixlen: 32, data: [10, 1, 2, 3] })` finds the 10.0.0.0/8 entry.
 */
export class LpmTrie<K = unknown, V = unknown> extends Table<K, V> {}
