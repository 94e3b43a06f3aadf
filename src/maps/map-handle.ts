/**
 * @fileoverview MapHandle: what every map object shares, keyed or not — the spec it came from, the
 * descriptor (owned or borrowed), and the kernel-error translation that puts the map's name into
 * messages.
 */
import type { CTypeDesc, MapKind, MapSpec } from "../spec/index.ts";
import { CodecCache } from "../codec/index.ts";
import { ERRNO, Fd, KernelError, possibleCpus, type FdLike } from "../sys/index.ts";
import { MapFullError, withMapContext } from "./create-map.ts";

export interface TableOptions {
  /**
   * Whether close() closes the descriptor. Default: true for an `Fd`, false for a raw number
   * (a borrowed descriptor stays the caller's).
   */
  owned?: boolean;
  /** Codec cache shared across the tables of one BPF object (compiles each type once). */
  codecs?: CodecCache;
  /** Possible CPU count (per-CPU values); read from /sys when omitted. */
  possibleCpus?: number;
  /** Where print_*_hist writes (default: process.stdout). */
  write?: (text: string) => void;
  /** Actual max_entries when it differs from the spec (createMap's maxEntries override, perf arrays). */
  maxEntries?: number;
  /**
   * Perf event arrays and ring buffers: the C type of the records the program submits (what BCC
   * infers from `events.perf_submit(ctx, &data, ...)`), used by `event(data)`.
   */
  eventType?: CTypeDesc;
}

/** Kinds whose "no room" error (E2BIG on update) means the map is full. */
const FILLABLE: ReadonlySet<MapKind> = new Set<MapKind>([
  "hash", "percpu_hash", "lpm_trie", "hash_of_maps", "queue", "stack",
]);

export class MapHandle implements Disposable {
  readonly spec: MapSpec;
  readonly name: string;
  readonly kind: MapKind;
  readonly maxEntries: number;
  /** BPF_F_* flags from the spec. */
  readonly flags: number;
  protected readonly options: TableOptions;
  readonly #fd: FdLike;
  readonly #owned: boolean;
  #closed = false;

  constructor(spec: MapSpec, fd: FdLike, options: TableOptions = {}) {
    this.spec = spec;
    this.name = spec.name;
    this.kind = spec.kind;
    this.flags = spec.flags;
    this.options = options;
    this.#fd = fd;
    this.#owned = options.owned ?? fd instanceof Fd;
    let max = options.maxEntries ?? spec.maxEntries;
    if (spec.kind === "perf_event_array" && max === 0) max = this.possibleCpuCount();
    this.maxEntries = max;
  }

  /** The map's descriptor number (what BPF programs' map relocations and perf readers need). */
  get fd(): number {
    if (this.#closed) throw new Error(`map '${this.name}' is closed`);
    return typeof this.#fd === "number" ? this.#fd : this.#fd.raw;
  }

  /** BCC's name for `fd`. */
  get_fd(): number {
    return this.fd;
  }

  /** The descriptor as given (an Fd when owned), for APIs taking FdLike. */
  get fdLike(): FdLike {
    return this.#fd;
  }

  get closed(): boolean {
    return this.#closed;
  }

  protected possibleCpuCount(): number {
    return this.options.possibleCpus ?? possibleCpus().length;
  }

  /** Rethrows a kernel error from an operation on this map with the map named (E2BIG → MapFullError). Internal. */
  fail(e: unknown, op: string): never {
    if (e instanceof KernelError && e.code === ERRNO.E2BIG && FILLABLE.has(this.kind) && /UPDATE/.test(e.command)) {
      throw new MapFullError(this.name, this.maxEntries, e.command, e.code);
    }
    throw withMapContext(e, this.name, op);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#owned && this.#fd instanceof Fd) this.#fd.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
