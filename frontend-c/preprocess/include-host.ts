/**
 * @fileoverview How the preprocessor reads files: only through an injected IncludeHost, so the pass
 * stays pure (no node:fs) and can run in the sandbox or a browser. `MemoryIncludeHost` serves a fixed
 * set of in-memory files (tests, embedders); `NodeIncludeHost` in node-include-host.ts reads the disk.
 */

export interface IncludedFile {
  /** Canonical name: used in diagnostics, for `#pragma once` and to resolve nested quoted includes. */
  file: string;
  text: string;
}

export interface IncludeHost {
  /**
   * `#include "name"` written in `fromFile`: look next to `fromFile`, then in `searchDirs` (the -I
   * options, in order). Undefined when not found.
   */
  resolveQuote(fromFile: string, name: string, searchDirs: readonly string[]): IncludedFile | undefined;
  /**
   * `#include <name>`: a file, "ignore" for a header that is accepted but contributes nothing (kernel
   * headers: their types come from BTF), or undefined when the header is unknown and not acceptable.
   */
  resolveAngle(name: string, searchDirs: readonly string[]): IncludedFile | "ignore" | undefined;
}

/** POSIX-style path helpers without node:path, so the pure pass and MemoryIncludeHost can use them. */
export function dirnameOf(file: string): string {
  const i = file.lastIndexOf("/");
  if (i < 0) return ".";
  return i === 0 ? "/" : file.slice(0, i);
}

export function joinPath(dir: string, name: string): string {
  if (name.startsWith("/")) return normalizePath(name);
  return normalizePath(dir === "" ? name : `${dir}/${name}`);
}

export function normalizePath(p: string): string {
  const abs = p.startsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else if (part !== ".." || !abs) out.push(part);
  }
  const joined = out.join("/");
  return abs ? `/${joined}` : joined === "" ? "." : joined;
}

export interface MemoryIncludeHostOptions {
  /** Angle headers served as files (name as written between the brackets -> text). */
  system?: Record<string, string>;
  /** Which unknown angle headers are accepted as empty; by default all of them. */
  acceptUnknownAngle?: (name: string) => boolean;
}

/** An IncludeHost over in-memory files keyed by normalised path. */
export class MemoryIncludeHost implements IncludeHost {
  private readonly files = new Map<string, string>();
  private readonly system: Map<string, string>;
  private readonly accept: (name: string) => boolean;

  constructor(files: Record<string, string> = {}, opts: MemoryIncludeHostOptions = {}) {
    for (const [k, v] of Object.entries(files)) this.files.set(normalizePath(k), v);
    this.system = new Map(Object.entries(opts.system ?? {}));
    this.accept = opts.acceptUnknownAngle ?? (() => true);
  }

  resolveQuote(fromFile: string, name: string, searchDirs: readonly string[]): IncludedFile | undefined {
    for (const dir of [dirnameOf(fromFile), ...searchDirs]) {
      const file = joinPath(dir, name);
      const text = this.files.get(file);
      if (text !== undefined) return { file, text };
    }
    return undefined;
  }

  resolveAngle(name: string, searchDirs: readonly string[]): IncludedFile | "ignore" | undefined {
    for (const dir of searchDirs) {
      const file = joinPath(dir, name);
      const text = this.files.get(file);
      if (text !== undefined) return { file, text };
    }
    const sys = this.system.get(name);
    if (sys !== undefined) return { file: `<${name}>`, text: sys };
    return this.accept(name) ? "ignore" : undefined;
  }
}
