/**
 * @fileoverview IncludeHost backed by the file system: quoted includes from disk (next to the
 * including file, then the -I directories), angle includes from the -I directories, then from the
 * virtual headers in `compat/include/`, and any other angle header is accepted as empty: BCC programs
 * include kernel headers (`<linux/sched.h>`, `<net/sock.h>`, `<uapi/linux/ptrace.h>`) for types that
 * we take from the running kernel's BTF instead.
 */
import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirnameOf, joinPath, type IncludedFile, type IncludeHost } from "./include-host.ts";

export interface NodeIncludeHostOptions {
  /** Directory of virtual headers; defaults to the package's `compat/include/`. */
  virtualDir?: string;
  /** Which unknown angle headers are accepted as empty; by default all of them. */
  acceptUnknownAngle?: (name: string) => boolean;
}

/** Finds `compat/include` from this module, in the source tree (frontend-c/preprocess/) or in dist/. */
function defaultVirtualDir(): string | undefined {
  for (const rel of ["../../compat/include", "../compat/include"]) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    try {
      if (statSync(dir).isDirectory()) return dir;
    } catch {
      // Not this layout; try the next one.
    }
  }
  return undefined;
}

export class NodeIncludeHost implements IncludeHost {
  private readonly virtualDir: string | undefined;
  private readonly accept: (name: string) => boolean;
  /** Per-host cache: a tool compiles the same headers many times (one compile per program). */
  private readonly cache = new Map<string, string | null>();

  constructor(opts: NodeIncludeHostOptions = {}) {
    this.virtualDir = opts.virtualDir ?? defaultVirtualDir();
    this.accept = opts.acceptUnknownAngle ?? (() => true);
  }

  private read(file: string): IncludedFile | undefined {
    let text = this.cache.get(file);
    if (text === undefined) {
      try {
        text = statSync(file).isFile() ? readFileSync(file, "utf8") : null;
      } catch {
        text = null;
      }
      this.cache.set(file, text);
    }
    return text === null ? undefined : { file, text };
  }

  resolveQuote(fromFile: string, name: string, searchDirs: readonly string[]): IncludedFile | undefined {
    for (const dir of [dirnameOf(fromFile), ...searchDirs]) {
      const found = this.read(joinPath(dir, name));
      if (found) return found;
    }
    return undefined;
  }

  resolveAngle(name: string, searchDirs: readonly string[]): IncludedFile | "ignore" | undefined {
    const dirs = this.virtualDir === undefined ? searchDirs : [...searchDirs, this.virtualDir];
    for (const dir of dirs) {
      const found = this.read(joinPath(dir, name));
      if (found) return found;
    }
    return this.accept(name) ? "ignore" : undefined;
  }
}
