/**
 * Test-only helpers: binutils' readelf as an independent oracle for the ELF reader, and a gcc-built
 * binary carrying hand-written SDT notes (no sys/sdt.h needed). Both skip cleanly when the tools are
 * absent.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export interface ReadelfSymbol {
  name: string;
  /** Version suffix as readelf prints it ("@@GLIBC_2.2.5" / "@GLIBC_2.2.5"), "" when none. */
  version: string;
  value: number;
  size: number;
  type: string;
  bind: string;
  ndx: string;
}

export interface ReadelfSegment {
  type: string;
  offset: number;
  vaddr: number;
  filesz: number;
  memsz: number;
  flags: string;
}

export function hasTool(tool: string): boolean {
  const r = spawnSync(tool, ["--version"], { encoding: "utf8" });
  return r.status === 0;
}

export function missingReason(paths: readonly string[], tools: readonly string[] = ["readelf"]): string | undefined {
  for (const p of paths) if (!existsSync(p)) return `${p} does not exist on this machine`;
  for (const t of tools) if (!hasTool(t)) return `${t} is not installed`;
  return undefined;
}

function run(args: string[]): string {
  const r = spawnSync("readelf", args, { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`readelf ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * `readelf -Ws --dyn-syms`: both tables (readelf prints .dynsym first, then .symtab). `containing`
 * pre-filters lines by substring, which keeps parsing node's ~185k lines cheap.
 */
export function readelfSymbols(path: string, containing?: string): ReadelfSymbol[] {
  const out: ReadelfSymbol[] = [];
  for (const line of run(["-Ws", "--dyn-syms", path]).split("\n")) {
    if (containing !== undefined && !line.includes(containing)) continue;
    const m = /^\s*\d+:\s+([0-9a-f]+)\s+(\d+|0x[0-9a-f]+)\s+(\S+)\s+(\S+)\s+\S+\s+(\S+)\s+(\S+?)((?:@@?)\S+)?(?:\s+\(\d+\))?$/.exec(line);
    if (!m) continue;
    out.push({
      value: parseInt(m[1] ?? "0", 16),
      size: Number(m[2]),
      type: m[3] ?? "",
      bind: m[4] ?? "",
      ndx: m[5] ?? "",
      name: m[6] ?? "",
      version: m[7] ?? "",
    });
  }
  return out;
}

/** `readelf -lW`: the program headers. */
export function readelfSegments(path: string): ReadelfSegment[] {
  const out: ReadelfSegment[] = [];
  for (const line of run(["-lW", path]).split("\n")) {
    const m = /^\s+([A-Z_]+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x[0-9a-f]+\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+([RWE ]+?)\s+0x[0-9a-f]+$/.exec(line);
    if (!m) continue;
    out.push({
      type: m[1] ?? "",
      offset: parseInt(m[2] ?? "0", 16),
      vaddr: parseInt(m[3] ?? "0", 16),
      filesz: parseInt(m[4] ?? "0", 16),
      memsz: parseInt(m[5] ?? "0", 16),
      flags: (m[6] ?? "").replace(/\s/g, ""),
    });
  }
  return out;
}

/** The file offset of `vaddr` computed from readelf's program headers. */
export function readelfOffsetOf(path: string, vaddr: number): number | undefined {
  const seg = readelfSegments(path).find((s) => s.type === "LOAD" && vaddr >= s.vaddr && vaddr < s.vaddr + s.filesz);
  return seg ? vaddr - seg.vaddr + seg.offset : undefined;
}

export interface ReadelfStapsdt {
  provider: string;
  name: string;
  location: number;
  base: number;
  semaphore: number;
  args: string;
}

/** `readelf -n`: the SystemTap probe descriptors. */
export function readelfStapsdt(path: string): ReadelfStapsdt[] {
  const text = run(["-n", path]);
  const out: ReadelfStapsdt[] = [];
  const re =
    /Provider: (\S+)\s+Name: (\S+)\s+Location: 0x([0-9a-f]+), Base: 0x([0-9a-f]+), Semaphore: 0x([0-9a-f]+)\s+Arguments: ?([^\n]*)/g;
  for (const m of text.matchAll(re)) {
    out.push({
      provider: m[1] ?? "",
      name: m[2] ?? "",
      location: parseInt(m[3] ?? "0", 16),
      base: parseInt(m[4] ?? "0", 16),
      semaphore: parseInt(m[5] ?? "0", 16),
      args: (m[6] ?? "").trim(),
    });
  }
  return out;
}
