/**
 * The file offset of an ELF executable's entry point: a place where a uprobe can certainly be
 * registered, for probing the uprobe PMU without any symbol tables.
 */
import { closeSync, openSync, readSync } from "node:fs";

export function elfEntryFileOffset(path: string): bigint | undefined {
  const fd = openSync(path, "r");
  try {
    const hdr = new Uint8Array(64);
    if (readSync(fd, hdr, 0, 64, 0) < 64) return undefined;
    const dv = new DataView(hdr.buffer);
    // ELFCLASS64, little-endian only: the x86_64 machines bcc-ts targets.
    if (dv.getUint32(0, false) !== 0x7f454c46 || hdr[4] !== 2 || hdr[5] !== 1) return undefined;
    const entry = dv.getBigUint64(24, true);
    const phoff = Number(dv.getBigUint64(32, true));
    const phentsize = dv.getUint16(54, true);
    const phnum = dv.getUint16(56, true);
    const ph = new Uint8Array(phentsize * phnum);
    readSync(fd, ph, 0, ph.length, phoff);
    const pv = new DataView(ph.buffer);
    for (let i = 0; i < phnum; i++) {
      const base = i * phentsize;
      const type = pv.getUint32(base, true);
      const flags = pv.getUint32(base + 4, true);
      if (type !== 1 /* PT_LOAD */ || (flags & 1) === 0 /* PF_X */) continue;
      const offset = pv.getBigUint64(base + 8, true);
      const vaddr = pv.getBigUint64(base + 16, true);
      const filesz = pv.getBigUint64(base + 32, true);
      if (entry >= vaddr && entry < vaddr + filesz) return entry - vaddr + offset;
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}
