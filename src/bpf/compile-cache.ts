/**
 * @fileoverview On-disk cache of compiled BPF programs, so running the same tool again skips the
 * compiler (and never loads the C parser): `new BPF({ text })` of a program this build has
 * compiled before on this boot of this kernel takes the cached programs and maps.
 *
 * The key covers every input of a compile: the bcc-ts build (a hash of its sources, compiler and
 * compat headers, set by scripts/build.mjs; builds without it, such as tests run from the sources,
 * never cache), the source text and file name, cflags, back-end options, the syscall-tracepoint
 * variant, the Node/V8 version (entries are V8-serialised) and the kernel's boot id (kernel types
 * come from the running kernel's BTF and tracefs, which only change across boots). A program that
 * includes files of its own (anything outside bcc-ts's compat headers) is not cached: its headers
 * could change without the key changing. Only successful compiles are stored.
 *
 * Location: $BCC_TS_CACHE_DIR, else $XDG_CACHE_HOME/bcc-ts, else ~/.cache/bcc-ts; BCC_TS_CACHE=0
 * turns it off. Entries are a few KB; the oldest are removed beyond MAX_ENTRIES. Every failure to
 * read or write the cache only means compiling again.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { IncludedFile, IncludeHost } from "../../frontend-c/preprocess/index.ts";
import type { CollectionSpec } from "../spec/index.ts";
import type { Diagnostic } from "../../frontend-c/index.ts";

declare const __BCC_TS_BUILD_ID__: string | undefined;

const FORMAT = 1;
const MAX_ENTRIES = 256;

/** What a cached compile returns: the collection and the warnings to show again. */
export interface CachedCompile {
  collection: CollectionSpec;
  warnings: Diagnostic[];
}

export interface CompileKeyInputs {
  sourceText: string;
  sourceFile: string;
  cflags: readonly string[];
  backend: unknown;
  variant: unknown;
}

/** The id of this bcc-ts build (scripts/build.mjs), or undefined when run from the sources. */
export function buildId(): string | undefined {
  return typeof __BCC_TS_BUILD_ID__ === "string" ? __BCC_TS_BUILD_ID__ : undefined;
}

/**
 * bcc-ts's cache directory ($BCC_TS_CACHE_DIR, else $XDG_CACHE_HOME/bcc-ts, else
 * ~/.cache/bcc-ts), or undefined when caching is off (BCC_TS_CACHE=0, or a build without an id).
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (buildId() === undefined || env["BCC_TS_CACHE"] === "0") return undefined;
  const dir = env["BCC_TS_CACHE_DIR"];
  if (dir) return dir;
  return join(env["XDG_CACHE_HOME"] || join(homedir(), ".cache"), "bcc-ts");
}

/** The cache, or undefined where it is off (no build id, BCC_TS_CACHE=0, no boot id). */
export function openCompileCache(env: NodeJS.ProcessEnv = process.env): CompileCache | undefined {
  const build = buildId();
  const dir = cacheDir(env);
  if (build === undefined || dir === undefined) return undefined;
  let bootId: string;
  try {
    bootId = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return undefined; // no way to tell one kernel boot from another: do not cache
  }
  return new CompileCache(dir, `${FORMAT}\0${build}\0${process.versions.v8}\0${bootId}`);
}

export class CompileCache {
  constructor(readonly dir: string, private readonly salt: string) {}

  key(inputs: CompileKeyInputs): CacheKey {
    return cacheKey(`${this.salt}\0${JSON.stringify([inputs.sourceFile, inputs.cflags, inputs.backend ?? null, inputs.variant ?? null])}\0${inputs.sourceText}`);
  }

  get(key: CacheKey): CachedCompile | undefined {
    try {
      const entry = deserialize(readFileSync(join(this.dir, `${key.name}.bin`))) as { key?: string; value?: CachedCompile };
      // The whole key is stored and compared: the file name only finds the entry, so neither a
      // hash collision nor a truncated or foreign file can give a wrong program.
      return entry.key === key.material && entry.value ? entry.value : undefined;
    } catch {
      return undefined;
    }
  }

  put(key: CacheKey, value: CachedCompile): void {
    try {
      writeCacheFile(this.dir, `${key.name}.bin`, serialize({ key: key.material, value }));
      this.prune();
    } catch {
      // A read-only or full disk only costs the next run a compile.
    }
  }

  private prune(): void {
    pruneCacheDir(this.dir, ".bin", MAX_ENTRIES);
  }
}

/** A cache key: everything the entry depends on, and the file name derived from it. */
export interface CacheKey {
  material: string;
  name: string;
}

/**
 * The key for `material`, named by a 64-bit FNV-1a hash of it (two 32-bit lanes). Not
 * cryptographic, and it need not be: entries store their whole key and are compared in full. It
 * keeps node:crypto (~5 ms to load) off the start-up path.
 */
export function cacheKey(material: string): CacheKey {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ material.length;
  for (let i = 0; i < material.length; i++) {
    const c = material.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c ^ (h1 >>> 13), 0x5bd1e995);
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
  return { material, name: `${hex(h1)}${hex(h2)}${material.length.toString(16)}` };
}

/**
 * Writes `name` in cache directory `dir` (created private) atomically: readers see the old file or
 * the whole new one, never a partial write.
 */
export function writeCacheFile(dir: string, name: string, data: string | Uint8Array): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, name);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, file);
}

/** Removes the oldest files ending in `suffix` from `dir` beyond `max`. */
export function pruneCacheDir(dir: string, suffix: string, max: number): void {
  const names = readdirSync(dir).filter((n) => n.endsWith(suffix));
  if (names.length <= max) return;
  const aged = names.map((n) => {
    try {
      return { n, t: statSync(join(dir, n)).mtimeMs };
    } catch {
      return { n, t: 0 };
    }
  }).sort((a, b) => a.t - b.t);
  for (const { n } of aged.slice(0, names.length - max)) {
    try {
      unlinkSync(join(dir, n));
    } catch {
      // gone already
    }
  }
}

/**
 * Wraps an include host and remembers whether the compile read any file outside `trustedDir`
 * (bcc-ts's compat headers, covered by the build id): such a compile must not be cached.
 */
export class RecordingIncludeHost implements IncludeHost {
  foreign = false;

  constructor(private readonly inner: IncludeHost, private readonly trustedDir: string | undefined) {}

  private note(r: IncludedFile | "ignore" | undefined): void {
    if (r === undefined || r === "ignore") return;
    if (this.trustedDir === undefined || !r.file.startsWith(`${this.trustedDir}/`)) this.foreign = true;
  }

  resolveQuote(fromFile: string, name: string, searchDirs: readonly string[]): IncludedFile | undefined {
    const r = this.inner.resolveQuote(fromFile, name, searchDirs);
    this.note(r);
    return r;
  }

  resolveAngle(name: string, searchDirs: readonly string[]): IncludedFile | "ignore" | undefined {
    const r = this.inner.resolveAngle(name, searchDirs);
    this.note(r);
    return r;
  }
}
