/**
 * @fileoverview ELF notes (build id, SystemTap SDT), .gnu_debuglink, and locating the separate
 * debug file that holds the .symtab a stripped distribution binary lacks.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { ElfFile, SHT_NOTE, cString, viewOf, type SectionHeader } from "./elf-file.ts";

export const NT_GNU_BUILD_ID = 3;
export const NT_STAPSDT = 3;

export interface ElfNote {
  readonly name: string;
  readonly type: number;
  readonly desc: Uint8Array;
}

/**
 * The notes of one SHT_NOTE section. Each is {namesz u32, descsz u32, type u32, name, desc}. The
 * descriptor and the next note start at the section's alignment (4, or 8 for .note.gnu.property),
 * measured from the start of the section, so an 8-aligned note keeps its 4-byte "GNU\0" name right
 * after the 12-byte header and its descriptor at 16.
 */
export function readNotes(elf: ElfFile, section: SectionHeader): ElfNote[] {
  const bytes = elf.readSection(section);
  const dv = viewOf(bytes);
  const align = section.addralign === 8 ? 8 : 4;
  const up = (n: number) => (n + align - 1) & ~(align - 1);
  const out: ElfNote[] = [];
  let at = 0;
  while (at + 12 <= bytes.length) {
    const namesz = dv.getUint32(at, true);
    const descsz = dv.getUint32(at + 4, true);
    const type = dv.getUint32(at + 8, true);
    const nameAt = at + 12;
    const descAt = up(nameAt + namesz);
    if (descAt + descsz > bytes.length) break;
    // namesz counts the terminating NUL.
    const name = namesz > 0 ? cString(bytes.subarray(nameAt, nameAt + namesz), 0) : "";
    out.push({ name, type, desc: bytes.subarray(descAt, descAt + descsz) });
    at = up(descAt + descsz);
  }
  return out;
}

/** All notes of all SHT_NOTE sections, optionally only those of one section name. */
export function allNotes(elf: ElfFile, sectionName?: string): ElfNote[] {
  return elf.sections
    .filter((s) => s.type === SHT_NOTE && (sectionName === undefined || s.name === sectionName))
    .flatMap((s) => readNotes(elf, s));
}

/** The GNU build id as lowercase hex, or undefined when the file has none. */
export function buildId(elf: ElfFile): string | undefined {
  const note = allNotes(elf).find((n) => n.name === "GNU" && n.type === NT_GNU_BUILD_ID);
  return note ? Buffer.from(note.desc).toString("hex") : undefined;
}

export interface DebugLink {
  readonly file: string;
  readonly crc: number;
}

/** .gnu_debuglink: the debug file's name, then padding to 4, then a CRC32 of that file. */
export function debugLink(elf: ElfFile): DebugLink | undefined {
  const sec = elf.section(".gnu_debuglink");
  if (!sec) return undefined;
  const bytes = elf.readSection(sec);
  const file = cString(bytes, 0);
  const crcAt = (file.length + 1 + 3) & ~3;
  if (crcAt + 4 > bytes.length) return undefined;
  return { file, crc: viewOf(bytes).getUint32(crcAt, true) };
}

/**
 * Where the separate debug info of `path` lives, trying the places gdb and BCC use: the build-id
 * tree under /usr/lib/debug, then the debuglink name beside the binary, in its .debug/ directory and
 * under /usr/lib/debug/<dir>. The CRC is not verified (that would mean reading the whole debug
 * file); the build-id path is tried first because it cannot name the wrong file.
 */
export function findDebugFile(elf: ElfFile, debugRoot = "/usr/lib/debug"): string | undefined {
  const id = buildId(elf);
  if (id !== undefined && id.length > 2) {
    const p = join(debugRoot, ".build-id", id.slice(0, 2), `${id.slice(2)}.debug`);
    if (existsSync(p)) return p;
  }
  const link = debugLink(elf);
  if (!link) return undefined;
  const dir = dirname(elf.path);
  for (const p of [join(dir, link.file), join(dir, ".debug", link.file), join(debugRoot, dir, link.file)]) {
    if (p !== elf.path && existsSync(p)) return p;
  }
  return undefined;
}
