/**
 * mmap of kernel objects (perf event rings, BPF_F_MMAPABLE arrays, BPF ringbufs) as zero-copy views.
 *
 * The bytes are the kernel's own pages: reads see what the kernel wrote without a copy. After close()
 * the pages are gone, so the object refuses to hand out views then; views obtained earlier must not
 * be used after close (touching them would fault), which is why readers keep the MappedMemory and
 * not the view.
 */
import { kernelError } from "./errors.ts";
import { rawFd, type FdLike } from "./fd.ts";
import { lastErrno, MAP_FAILED, sysMmap, sysMunmap, sysPageSize, viewMemory } from "./ffi.ts";

export const PROT_READ = 1;
export const PROT_WRITE = 2;
export const MAP_SHARED = 1;

/** The system page size (perf rings are 1 + 2^n pages of this). */
export function pageSize(): number {
  return sysPageSize();
}

/** A mapped region; Disposable (munmap). */
export class MappedMemory implements Disposable {
  #buffer: ArrayBuffer | undefined;
  #address: bigint;
  readonly length: number;

  constructor(address: bigint, length: number) {
    this.#address = address;
    this.length = length;
    this.#buffer = viewMemory(address, length);
  }

  get closed(): boolean {
    return this.#buffer === undefined;
  }

  /** Zero-copy ArrayBuffer over the mapping. */
  get buffer(): ArrayBuffer {
    if (this.#buffer === undefined) throw new Error("mapping already unmapped");
    return this.#buffer;
  }

  /** Address of the first byte (for diagnostics). */
  get address(): bigint {
    return this.#address;
  }

  /** A byte view over [offset, offset+length). */
  bytes(offset = 0, length = this.length - offset): Uint8Array {
    return new Uint8Array(this.buffer, offset, length);
  }

  /** A DataView over [offset, offset+length). */
  dataView(offset = 0, length = this.length - offset): DataView {
    return new DataView(this.buffer, offset, length);
  }

  /** munmap; idempotent. */
  close(): void {
    if (this.#buffer === undefined) return;
    this.#buffer = undefined;
    sysMunmap(this.#address, this.length);
    this.#address = 0n;
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

export interface MmapOptions {
  /** PROT_READ | PROT_WRITE by default (perf rings need write access to publish data_tail). */
  prot?: number;
  /** MAP_SHARED by default. */
  flags?: number;
  /** Byte offset into the object (multiple of the page size). */
  offset?: number | bigint;
}

/** mmap(fd) as a MappedMemory. */
export function mmapFd(fd: FdLike, length: number, options: MmapOptions = {}): MappedMemory {
  const prot = options.prot ?? PROT_READ | PROT_WRITE;
  const flags = options.flags ?? MAP_SHARED;
  const addr = sysMmap(length, prot, flags, rawFd(fd), BigInt(options.offset ?? 0));
  if (addr === MAP_FAILED || addr === 0n) {
    throw kernelError({ syscall: "mmap", code: lastErrno(), detail: `${length} bytes of fd ${rawFd(fd)}` });
  }
  return new MappedMemory(addr, length);
}

/** Map a perf event ring: one metadata page plus 2^n data pages. */
export function mmapPerfRing(fd: FdLike, dataPages: number): MappedMemory {
  if (!Number.isInteger(dataPages) || dataPages < 1 || (dataPages & (dataPages - 1)) !== 0) {
    throw new RangeError(`perf ring data pages must be a power of two, got ${dataPages}`);
  }
  return mmapFd(fd, (1 + dataPages) * pageSize());
}
