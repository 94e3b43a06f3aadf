/**
 * @fileoverview Lazy reader for 64-bit little-endian ELF files (x86_64).
 *
 * Only the ELF header, the program headers and the section headers are read when a file is opened;
 * section contents are read on demand with positioned reads. libc is ~2 MB and the node binary
 * ~100 MB, and symbolisation opens many of them, so reading whole files is not an option.
 *
 * Addresses and offsets are JS numbers: user-space virtual addresses on x86_64 are below 2^47 and
 * file offsets below 2^53, so no precision is lost for the files this module is meant for.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

export const ET_EXEC = 2;
export const ET_DYN = 3;
export const EM_X86_64 = 62;

export const PT_LOAD = 1;
export const PT_NOTE = 4;
export const PF_X = 1;

export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_NOTE = 7;
export const SHT_NOBITS = 8;
export const SHT_DYNSYM = 11;
export const SHF_EXECINSTR = 0x4n;

/** A file that is not an ELF file this reader understands (not ELF, 32-bit, big-endian, truncated). */
export class ElfFormatError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = "ElfFormatError";
  }
}

export interface ElfHeader {
  /** e_type: ET_EXEC (non-PIE executable), ET_DYN (PIE executable or shared object), ... */
  readonly type: number;
  readonly machine: number;
  readonly entry: number;
  readonly phoff: number;
  readonly shoff: number;
  readonly phnum: number;
  readonly shnum: number;
  readonly shstrndx: number;
}

export interface ProgramHeader {
  readonly type: number;
  readonly flags: number;
  readonly offset: number;
  readonly vaddr: number;
  readonly filesz: number;
  readonly memsz: number;
  readonly align: number;
}

export interface SectionHeader {
  readonly index: number;
  readonly name: string;
  readonly type: number;
  readonly flags: bigint;
  readonly addr: number;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
  readonly info: number;
  readonly addralign: number;
  readonly entsize: number;
}

/** Reads a u64 as a number; see the file overview for why that is safe here. */
export function u64(dv: DataView, at: number): number {
  return Number(dv.getBigUint64(at, true));
}

/** A NUL-terminated string starting at `at` (latin1: ELF names are bytes, mostly ASCII). */
export function cString(bytes: Uint8Array, at: number): string {
  let end = at;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return Buffer.from(bytes.buffer, bytes.byteOffset + at, end - at).toString("latin1");
}

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export class ElfFile implements Disposable {
  #fd: number;
  /** In-memory images (the vDSO) are read from here instead of a file descriptor. */
  readonly #image: Uint8Array | undefined;
  readonly header: ElfHeader;
  readonly programHeaders: readonly ProgramHeader[];
  readonly sections: readonly SectionHeader[];
  /** Size and identity of the file when it was opened (for caches keyed on the file). */
  readonly size: number;
  readonly inode: number;
  readonly mtimeMs: number;

  private constructor(
    readonly path: string,
    fd: number,
    image?: Uint8Array,
  ) {
    this.#fd = fd;
    this.#image = image;
    if (image) {
      this.size = image.length;
      this.inode = 0;
      this.mtimeMs = 0;
    } else {
      const st = fstatSync(fd);
      this.size = st.size;
      this.inode = st.ino;
      this.mtimeMs = st.mtimeMs;
    }
    this.header = this.#readHeader();
    this.programHeaders = this.#readProgramHeaders();
    this.sections = this.#readSectionHeaders();
  }

  /** Opens and validates `path`. Throws ElfFormatError for non-ELF or unsupported files. */
  static open(path: string): ElfFile {
    const fd = openSync(path, "r");
    try {
      return new ElfFile(path, fd);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  /** An ELF image already in memory (e.g. the vDSO copied out of a process); `label` names it. */
  static fromBytes(label: string, image: Uint8Array): ElfFile {
    return new ElfFile(label, -1, image);
  }

  /** Reads exactly `length` bytes at file `offset`; throws ElfFormatError when the file is short. */
  read(offset: number, length: number): Uint8Array {
    if (this.#image) {
      if (offset + length > this.#image.length) {
        throw new ElfFormatError(this.path, `truncated: wanted ${length} bytes at ${offset}`);
      }
      return this.#image.slice(offset, offset + length);
    }
    if (this.#fd < 0) throw new Error(`${this.path}: ElfFile used after close`);
    const buf = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.#fd, buf, done, length - done, offset + done);
      if (n === 0) throw new ElfFormatError(this.path, `truncated: wanted ${length} bytes at ${offset}`);
      done += n;
    }
    return buf;
  }

  section(name: string): SectionHeader | undefined {
    return this.sections.find((s) => s.name === name);
  }

  /** The bytes of a section (empty for SHT_NOBITS such as .bss). */
  readSection(section: SectionHeader): Uint8Array {
    if (section.type === SHT_NOBITS || section.size === 0) return new Uint8Array(0);
    return this.read(section.offset, section.size);
  }

  get loadSegments(): ProgramHeader[] {
    return this.programHeaders.filter((p) => p.type === PT_LOAD);
  }

  /**
   * Virtual address (as linked, e.g. a symbol value) → file offset, through the PT_LOAD segment that
   * contains it. This is what a uprobe needs: the kernel places uprobes by inode + file offset. It is
   * the same formula for non-PIE executables (vaddr 0x400000-based), PIE executables and shared
   * objects (0-based), because it never assumes a load base. Addresses in the zero-filled tail of a
   * segment (.bss) have no file offset.
   */
  vaddrToOffset(vaddr: number): number | undefined {
    for (const p of this.programHeaders) {
      if (p.type === PT_LOAD && vaddr >= p.vaddr && vaddr < p.vaddr + p.filesz) {
        return vaddr - p.vaddr + p.offset;
      }
    }
    return undefined;
  }

  /** File offset → linked virtual address (inverse of vaddrToOffset), used to symbolise samples. */
  offsetToVaddr(offset: number): number | undefined {
    for (const p of this.programHeaders) {
      if (p.type === PT_LOAD && offset >= p.offset && offset < p.offset + p.filesz) {
        return offset - p.offset + p.vaddr;
      }
    }
    return undefined;
  }

  /** Address of the first executable section (BCC refuses USDT probes below it as corrupt). */
  firstExecutableAddress(): number | undefined {
    return this.sections.find((s) => (s.flags & SHF_EXECINSTR) !== 0n)?.addr;
  }

  close(): void {
    if (this.#fd >= 0) {
      closeSync(this.#fd);
      this.#fd = -1;
    }
  }

  [Symbol.dispose](): void {
    this.close();
  }

  #readHeader(): ElfHeader {
    if (this.size < 64) throw new ElfFormatError(this.path, "too small for an ELF header");
    const ident = this.read(0, 64);
    const dv = viewOf(ident);
    if (dv.getUint32(0, false) !== 0x7f454c46) throw new ElfFormatError(this.path, "not an ELF file");
    if (ident[4] !== 2) throw new ElfFormatError(this.path, "not a 64-bit ELF file");
    if (ident[5] !== 1) throw new ElfFormatError(this.path, "not a little-endian ELF file");
    return {
      type: dv.getUint16(16, true),
      machine: dv.getUint16(18, true),
      entry: u64(dv, 24),
      phoff: u64(dv, 32),
      shoff: u64(dv, 40),
      phnum: dv.getUint16(56, true),
      shnum: dv.getUint16(60, true),
      shstrndx: dv.getUint16(62, true),
    };
  }

  #readProgramHeaders(): ProgramHeader[] {
    const { phoff, phnum } = this.header;
    if (phnum === 0) return [];
    const dv = viewOf(this.read(phoff, phnum * 56));
    const out: ProgramHeader[] = [];
    for (let i = 0; i < phnum; i++) {
      const b = i * 56;
      out.push({
        type: dv.getUint32(b, true),
        flags: dv.getUint32(b + 4, true),
        offset: u64(dv, b + 8),
        vaddr: u64(dv, b + 16),
        filesz: u64(dv, b + 32),
        memsz: u64(dv, b + 40),
        align: u64(dv, b + 48),
      });
    }
    return out;
  }

  #readSectionHeaders(): SectionHeader[] {
    let { shnum, shstrndx } = this.header;
    const { shoff } = this.header;
    if (shoff === 0) return [];
    // With >= 0xff00 sections the real count and string-table index live in section 0 (gABI).
    const first = viewOf(this.read(shoff, 64));
    if (shnum === 0) shnum = u64(first, 32);
    if (shstrndx === 0xffff) shstrndx = first.getUint32(40, true);
    const dv = viewOf(this.read(shoff, shnum * 64));
    const raw = [];
    for (let i = 0; i < shnum; i++) {
      const b = i * 64;
      raw.push({
        index: i,
        nameOff: dv.getUint32(b, true),
        type: dv.getUint32(b + 4, true),
        flags: dv.getBigUint64(b + 8, true),
        addr: u64(dv, b + 16),
        offset: u64(dv, b + 24),
        size: u64(dv, b + 32),
        link: dv.getUint32(b + 40, true),
        info: dv.getUint32(b + 44, true),
        addralign: u64(dv, b + 48),
        entsize: u64(dv, b + 56),
      });
    }
    const strtab = raw[shstrndx];
    const names = strtab && strtab.type === SHT_STRTAB ? this.read(strtab.offset, strtab.size) : undefined;
    return raw.map(({ nameOff, ...rest }) => ({ ...rest, name: names ? cString(names, nameOff) : "" }));
  }
}
