/**
 * @fileoverview /proc/PID/maps parsing: which file backs which address range of a process.
 */
import { readFileSync } from "node:fs";

export interface ProcMapping {
  readonly start: number;
  readonly end: number;
  /** "r-xp" style permissions. */
  readonly perms: string;
  /** File offset of `start` within the mapped file. */
  readonly pgoff: number;
  /** Device as "major:minor" in hex, as printed by the kernel. */
  readonly dev: string;
  readonly inode: number;
  /** Backing file, or a pseudo name such as "[heap]", "[vdso]"; undefined for anonymous memory. */
  readonly path?: string;
  /** The file was unlinked or replaced after mapping (" (deleted)" suffix, stripped from path). */
  readonly deleted: boolean;
}

const LINE_RE = /^([0-9a-f]+)-([0-9a-f]+)\s+(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+:[0-9a-f]+)\s+(\d+)\s*(.*)$/;

export function parseProcMaps(text: string): ProcMapping[] {
  const out: ProcMapping[] = [];
  for (const line of text.split("\n")) {
    const m = LINE_RE.exec(line);
    if (!m) continue;
    let path: string | undefined = m[7] || undefined;
    let deleted = false;
    if (path?.endsWith(" (deleted)")) {
      path = path.slice(0, -" (deleted)".length);
      deleted = true;
    }
    out.push({
      start: parseInt(m[1] ?? "0", 16),
      end: parseInt(m[2] ?? "0", 16),
      perms: m[3] ?? "",
      pgoff: parseInt(m[4] ?? "0", 16),
      dev: m[5] ?? "",
      inode: Number(m[6]),
      ...(path !== undefined ? { path } : {}),
      deleted,
    });
  }
  return out;
}

/** The mappings of `pid` ("self" for this process). Throws ENOENT-style errors when it is gone. */
export function readProcMaps(pid: number | "self"): ProcMapping[] {
  return parseProcMaps(readFileSync(`/proc/${pid}/maps`, "latin1"));
}

/** True for mappings backed by a regular file (not [heap], [vdso], anon, memfd pseudo paths). */
export function isFileMapping(m: ProcMapping): boolean {
  return m.path !== undefined && m.path.startsWith("/") && m.inode !== 0;
}
