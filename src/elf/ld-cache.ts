/**
 * @fileoverview Parser for glibc's /etc/ld.so.cache (what ldconfig -p prints).
 *
 * Two layouts exist (glibc sysdeps/generic/dl-cache.h):
 *  - old "ld.so-1.7.0": magic[11], u32 nlibs at 12, then 12-byte entries {i32 flags, u32 key,
 *    u32 value}; key/value are offsets into the string table that follows the entries.
 *  - new "glibc-ld.so.cache" + "1.1": 48-byte header (nlibs u32 at 20, strings length at 24), then
 *    24-byte entries {i32 flags, u32 key, u32 value, u32 osversion, u64 hwcap}; key/value are
 *    offsets from the start of the new-format header.
 * Older ldconfig versions wrote both: the old table first, then the new one at the next 8-byte
 * boundary; glibc >= 2.32 writes only the new one. When both exist the new one is used (it carries
 * the same entries plus hwcap data).
 */
import { readFileSync } from "node:fs";
import { cString, viewOf } from "./elf-file.ts";

const OLD_MAGIC = "ld.so-1.7.0";
const NEW_MAGIC = "glibc-ld.so.cache";
const NEW_HEADER_SIZE = 48;

/** flags & 0xff: the library kind; 3 = ELF for glibc 6 (FLAG_ELF_LIBC6). */
export const FLAG_TYPE_MASK = 0x00ff;
export const FLAG_ELF_LIBC6 = 0x0003;
/** flags & 0xff00: the ABI; 0x0300 = x86-64 64-bit (FLAG_X8664_LIB64). 0 = the default 32-bit ABI. */
export const FLAG_ABI_MASK = 0xff00;
export const FLAG_X8664_LIB64 = 0x0300;
/** hwcap bit 62: the entry lives in a glibc-hwcaps subdirectory (e.g. x86-64-v3). */
export const HWCAP_EXTENSION = 1n << 62n;

export interface LdCacheEntry {
  /** The soname-like key, e.g. "libc.so.6". */
  readonly name: string;
  readonly path: string;
  readonly flags: number;
  /** Only the new format has hwcap data; 0n otherwise. */
  readonly hwcap: bigint;
}

export class LdCacheFormatError extends Error {
  constructor(reason: string) {
    super(`ld.so.cache: ${reason}`);
    this.name = "LdCacheFormatError";
  }
}

/** Parses the cache file contents. Throws LdCacheFormatError for unknown or truncated data. */
export function parseLdCache(bytes: Uint8Array): LdCacheEntry[] {
  const magic = (at: number, text: string) =>
    bytes.length >= at + text.length && Buffer.from(bytes.subarray(at, at + text.length)).toString("latin1") === text;
  if (magic(0, NEW_MAGIC)) return parseNew(bytes, 0);
  if (!magic(0, OLD_MAGIC)) throw new LdCacheFormatError("unknown magic");
  if (bytes.length < 16) throw new LdCacheFormatError("truncated header");
  const dv = viewOf(bytes);
  const nlibs = dv.getUint32(12, true);
  const entriesEnd = 16 + nlibs * 12;
  if (entriesEnd > bytes.length) throw new LdCacheFormatError("truncated entry table");
  const newAt = (entriesEnd + 7) & ~7;
  if (magic(newAt, NEW_MAGIC)) return parseNew(bytes, newAt);
  const out: LdCacheEntry[] = [];
  for (let i = 0; i < nlibs; i++) {
    const b = 16 + i * 12;
    out.push({
      flags: dv.getInt32(b, true),
      name: cString(bytes, entriesEnd + dv.getUint32(b + 4, true)),
      path: cString(bytes, entriesEnd + dv.getUint32(b + 8, true)),
      hwcap: 0n,
    });
  }
  return out;
}

function parseNew(bytes: Uint8Array, start: number): LdCacheEntry[] {
  const dv = viewOf(bytes);
  if (start + NEW_HEADER_SIZE > bytes.length) throw new LdCacheFormatError("truncated header");
  const version = Buffer.from(bytes.subarray(start + 17, start + 20)).toString("latin1");
  if (version !== "1.1") throw new LdCacheFormatError(`unsupported version ${JSON.stringify(version)}`);
  const nlibs = dv.getUint32(start + 20, true);
  if (start + NEW_HEADER_SIZE + nlibs * 24 > bytes.length) throw new LdCacheFormatError("truncated entry table");
  const strings = bytes.subarray(start);
  const out: LdCacheEntry[] = [];
  for (let i = 0; i < nlibs; i++) {
    const b = start + NEW_HEADER_SIZE + i * 24;
    out.push({
      flags: dv.getInt32(b, true),
      name: cString(strings, dv.getUint32(b + 4, true)),
      path: cString(strings, dv.getUint32(b + 8, true)),
      hwcap: dv.getBigUint64(b + 16, true),
    });
  }
  return out;
}

/** Reads and parses a cache file (default /etc/ld.so.cache); undefined when it does not exist. */
export function readLdCache(path = "/etc/ld.so.cache"): LdCacheEntry[] | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  return parseLdCache(bytes);
}

/** True for entries usable by an x86_64 process (ELF libc6 kind, x86-64 ABI). */
export function isX8664Entry(e: LdCacheEntry): boolean {
  return (e.flags & FLAG_TYPE_MASK) === FLAG_ELF_LIBC6 && (e.flags & FLAG_ABI_MASK) === FLAG_X8664_LIB64;
}
