/**
 * @fileoverview Cache of sandbox script bundles: `bcc-ts run tool.js` bundles the script with
 * esbuild, which starts esbuild's service process (~30–60 ms of start-up). A bundle is kept in
 * bcc-ts's cache directory (src/bpf/compile-cache.ts: same location and switches) with the list of
 * files esbuild read; the next run takes it when every one of those files still has the same size
 * and modification time, and the bcc-ts build and the permissions (which decide what an import
 * resolves to) are the same.
 */
import { readFileSync, statSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { buildId, cacheDir, cacheKey, type CacheKey, pruneCacheDir, writeCacheFile } from "../bpf/compile-cache.ts";

const FORMAT = 1;
const MAX_ENTRIES = 64;

export interface CachedBundle {
  code: string;
  map: string;
}

interface InputStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

interface Entry extends CachedBundle {
  key: string;
  inputs: InputStamp[];
}

function stamp(path: string): InputStamp | undefined {
  try {
    const st = statSync(path);
    return { path, size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return undefined;
  }
}

export class ScriptCache {
  private readonly dir: string;

  private readonly key: CacheKey;

  constructor(dir: string, key: string | CacheKey) {
    this.dir = join(dir, "scripts");
    this.key = typeof key === "string" ? cacheKey(key) : key;
  }

  private file(): string {
    return join(this.dir, `${this.key.name}.json`);
  }

  /** The cached bundle when every input is unchanged. */
  get(): CachedBundle | undefined {
    try {
      const e = JSON.parse(readFileSync(this.file(), "utf8")) as Entry;
      if (e.key !== this.key.material || !Array.isArray(e.inputs)) return undefined;
      for (const i of e.inputs) {
        const now = stamp(i.path);
        if (!now || now.size !== i.size || now.mtimeMs !== i.mtimeMs) return undefined;
      }
      return { code: e.code, map: e.map };
    } catch {
      return undefined;
    }
  }

  /**
   * Stores a bundle with the files esbuild read (metafile input paths, relative to `cwd`; virtual
   * modules such as "bcc-virtual:bcc-ts" are part of the build and need no stamp).
   */
  put(bundle: CachedBundle, inputPaths: readonly string[], cwd: string): void {
    try {
      const inputs: InputStamp[] = [];
      for (const p of inputPaths) {
        if (/^[a-z-]+:/.test(p)) continue;
        const s = stamp(isAbsolute(p) ? p : resolve(cwd, p));
        if (!s) return; // an input vanished while bundling: do not cache
        inputs.push(s);
      }
      const entry: Entry = { key: this.key.material, inputs, ...bundle };
      writeCacheFile(this.dir, `${this.key.name}.json`, JSON.stringify(entry));
      pruneCacheDir(this.dir, ".json", MAX_ENTRIES);
    } catch {
      // Caching is best effort: the next run bundles again.
    }
  }
}

/** The cache for this script and these permissions, or undefined when caching is off. */
export function openScriptCache(scriptPath: string, permissionsKey: unknown, env: NodeJS.ProcessEnv = process.env): ScriptCache | undefined {
  const dir = cacheDir(env);
  if (dir === undefined) return undefined;
  return new ScriptCache(dir, JSON.stringify([FORMAT, buildId(), scriptPath, permissionsKey]));
}
