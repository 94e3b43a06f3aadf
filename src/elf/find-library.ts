/**
 * @fileoverview Finding the file behind a uprobe/USDT target name, as BCC does:
 * BPF.find_library("c") → "/lib/x86_64-linux-gnu/libc.so.6" (bcc_procutils_which_so: the libraries a
 * pid has mapped, then the ld.so cache), BPF.find_exe("bash") → a PATH search, and absolute or
 * relative paths (anything containing "/") used as given.
 */
import { accessSync, closeSync, constants, openSync, readSync, readdirSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { isX8664Entry, readLdCache, type LdCacheEntry } from "./ld-cache.ts";
import { readProcMaps } from "./proc-maps.ts";

/** Directories searched when the ld.so cache has no entry (the multiarch and classic ones). */
export const DEFAULT_LIBRARY_DIRS: readonly string[] = [
  "/lib/x86_64-linux-gnu",
  "/usr/lib/x86_64-linux-gnu",
  "/lib64",
  "/usr/lib64",
  "/lib",
  "/usr/lib",
  "/usr/local/lib",
];

export interface LibraryResolverOptions {
  readonly ldCachePath?: string;
  readonly libraryDirs?: readonly string[];
  /** PATH to search for executables (default process.env.PATH). */
  readonly path?: string;
}

/** Library and executable lookup; parses the ld.so cache once per instance. */
export class LibraryResolver {
  #cache: LdCacheEntry[] | undefined | null = null;

  constructor(private readonly options: LibraryResolverOptions = {}) {}

  get ldCache(): readonly LdCacheEntry[] {
    if (this.#cache === null) this.#cache = readLdCache(this.options.ldCachePath);
    return this.#cache ?? [];
  }

  /**
   * BCC's find_library: "c", "pthread", "libc.so.6", "c.so.6" → full path, or undefined. With a
   * pid, the libraries that process has mapped win (so a container's or a custom build's copy is
   * found); then the ld.so cache; then the standard directories.
   */
  findLibrary(name: string, pid?: number): string | undefined {
    if (name.includes("/")) return name;
    if (pid !== undefined && pid > 0) {
      const mapped = findLibraryInProcess(name, pid);
      if (mapped !== undefined) return mapped;
    }
    const prefixes = sonamePrefixes(name);
    const entries = this.ldCache.filter((e) => isX8664Entry(e) && prefixes.some((p) => e.name.startsWith(p)));
    // Prefer the baseline copy over glibc-hwcaps (x86-64-v2/v3) ones: the same file any CPU loads.
    const best = entries.find((e) => e.hwcap === 0n) ?? entries[0];
    if (best) return best.path;
    return this.#searchDirs(prefixes);
  }

  /** BCC's find_exe: `name` with a "/" if it is an executable file, else the first one on PATH. */
  findExecutable(name: string): string | undefined {
    if (name.includes("/")) return isExecutableFile(name) ? name : undefined;
    const path = this.options.path ?? process.env.PATH ?? "";
    for (const dir of path.split(delimiter)) {
      if (dir === "") continue;
      const candidate = join(dir.replace(/^"|"$/g, ""), name);
      if (isExecutableFile(candidate)) return candidate;
    }
    return undefined;
  }

  /**
   * The file behind a uprobe `name`: a path as given, a library name (find_library), or else an
   * executable on PATH. Undefined when nothing is found.
   */
  resolveBinary(name: string, pid?: number): string | undefined {
    if (name.includes("/")) return name;
    return this.findLibrary(name, pid) ?? this.findExecutable(name);
  }

  #searchDirs(prefixes: readonly string[]): string | undefined {
    for (const dir of this.options.libraryDirs ?? DEFAULT_LIBRARY_DIRS) {
      let files: string[];
      try {
        files = readdirSync(dir);
      } catch {
        continue;
      }
      // "libc.so" is often a linker script; prefer versioned names (libc.so.6) and real ELF files.
      const hits = files
        .filter((f) => prefixes.some((p) => f.startsWith(p)))
        .sort((a, b) => Number(b.includes(".so.")) - Number(a.includes(".so.")) || a.localeCompare(b));
      for (const f of hits) {
        const full = join(dir, f);
        if (isElfFile(full)) return full;
      }
    }
    return undefined;
  }
}

/**
 * Prefixes a cache key may start with. BCC turns "c" into "libc.so" and "c.so.6" into "libc.so.6";
 * names that already start with "lib" ("libc.so.6", "libpthread") are also taken literally.
 */
function sonamePrefixes(name: string): string[] {
  const hasSo = name.includes(".so");
  const out = [hasSo ? `lib${name}` : `lib${name}.so`];
  if (name.startsWith("lib")) out.push(hasSo ? name : `${name}.so`);
  return out;
}

/** A library mapped by `pid` whose file name is lib<name>.… or lib<name>-… (e.g. libc-2.31.so). */
export function findLibraryInProcess(name: string, pid: number): string | undefined {
  const hasSo = name.includes(".so");
  const needles = hasSo ? [`/lib${name}`, `/${name}`] : [`/lib${name}.`, `/lib${name}-`];
  let maps;
  try {
    maps = readProcMaps(pid);
  } catch {
    return undefined;
  }
  for (const m of maps) {
    if (m.path === undefined || !m.path.includes(".so")) continue;
    const base = m.path.slice(m.path.lastIndexOf("/"));
    if (needles.some((n) => base.startsWith(n))) return m.path;
  }
  return undefined;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function isElfFile(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return false;
  }
  try {
    const magic = new Uint8Array(4);
    return readSync(fd, magic, 0, 4, 0) === 4 && Buffer.from(magic).toString("latin1") === "\x7fELF";
  } finally {
    closeSync(fd);
  }
}

/** One-off BPF.find_library(name, pid); use a LibraryResolver to parse the ld.so cache only once. */
export function findLibrary(name: string, pid?: number): string | undefined {
  return new LibraryResolver().findLibrary(name, pid);
}

/** One-off BPF.find_exe(name). */
export function findExecutable(name: string): string | undefined {
  return new LibraryResolver().findExecutable(name);
}
