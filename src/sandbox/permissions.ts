/**
 * @fileoverview What a sandboxed script may touch besides tracing: which paths it may read or write
 * and whether it may run programs. Deny by default; `bcc-ts run --allow-read/--allow-write/--allow-run`
 * grant more. Paths are compared after resolving symlinks and `..`, so a link inside an allowed
 * directory that points outside it does not widen the grant.
 */
import { realpathSync } from "node:fs";
import { dirname, isAbsolute, resolve, sep, basename } from "node:path";

/** A sandboxed script asked for something it was not granted. */
export class PermissionError extends Error {
  override readonly name = "PermissionError";
  readonly userFacing = true;
  readonly exitCode = 1;
}

export interface PermissionOptions {
  /** Files or directories (with everything below them) the script may read. */
  allowRead?: readonly string[];
  /** Files or directories the script may write (and create files in). */
  allowWrite?: readonly string[];
  /** The script may run programs (`run()` / child_process.execFileSync). */
  allowRun?: boolean;
  /** The script's own directory: its sibling files (.c, .h) are readable by default. */
  scriptDir?: string;
  /** Working directory for relative paths (default: process.cwd()). */
  cwd?: string;
}

export class Permissions {
  readonly read: readonly string[];
  readonly write: readonly string[];
  readonly run: boolean;
  readonly cwd: string;
  readonly scriptDir: string | undefined;

  constructor(opts: PermissionOptions = {}) {
    this.cwd = opts.cwd ?? process.cwd();
    this.scriptDir = opts.scriptDir === undefined ? undefined : canonical(resolve(this.cwd, opts.scriptDir));
    this.read = (opts.allowRead ?? []).map((p) => canonical(resolve(this.cwd, p)));
    this.write = (opts.allowWrite ?? []).map((p) => canonical(resolve(this.cwd, p)));
    this.run = opts.allowRun ?? false;
  }

  /** True when some file API was granted (fs is then importable in the guest). */
  get anyFileAccess(): boolean {
    return this.read.length > 0 || this.write.length > 0;
  }

  /** Canonical path of `path` if the script may read it; throws PermissionError otherwise. */
  checkRead(path: string, what = "read"): string {
    const abs = canonical(resolve(this.cwd, path));
    const roots = this.scriptDir === undefined ? this.read : [this.scriptDir, ...this.read];
    // Written paths are readable too: a script may read back what it wrote.
    if (roots.some((r) => within(abs, r)) || this.write.some((r) => within(abs, r))) return abs;
    throw new PermissionError(`permission denied: cannot ${what} ${path} (the sandbox allows ${describe(roots)}; grant more with --allow-read PATH)`);
  }

  /** Canonical path of `path` if the script may write it; throws PermissionError otherwise. */
  checkWrite(path: string): string {
    const abs = canonical(resolve(this.cwd, path));
    if (this.write.some((r) => within(abs, r))) return abs;
    throw new PermissionError(`permission denied: cannot write ${path} (grant it with --allow-write PATH)`);
  }

  checkRun(file: string): void {
    if (!this.run) throw new PermissionError(`permission denied: cannot run ${file} (grant it with --allow-run)`);
  }

  /** Throws the error a script gets for a Node built-in it may not use. */
  deniedModule(name: string): PermissionError {
    const hint = name.replace(/^node:/, "") === "fs" || name.replace(/^node:/, "") === "fs/promises"
      ? "run with --allow-read PATH or --allow-write PATH to get a restricted fs"
      : name.replace(/^node:/, "") === "child_process" ? "run with --allow-run to get a restricted child_process" : "scripts may only import bcc-ts, yargs and their own files (or run with --node, without the sandbox)";
    return new PermissionError(`permission denied: the sandbox has no module ${name} (${hint})`);
  }
}

function describe(roots: readonly string[]): string {
  return roots.length === 0 ? "no files" : roots.join(", ");
}

/** `child` is `root` or below it. Both canonical. */
export function within(child: string, root: string): boolean {
  if (child === root) return true;
  const prefix = root.endsWith(sep) ? root : root + sep;
  return child.startsWith(prefix);
}

/**
 * The path with symlinks resolved. For a path that does not exist yet (a file about to be
 * written), the nearest existing ancestor is resolved and the rest appended, so `allowed/link/new`
 * where `link` points elsewhere is judged by where it really lands.
 */
export function canonical(path: string): string {
  const abs = isAbsolute(path) ? resolve(path) : resolve(process.cwd(), path);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    if (parent === abs) return abs;
    return resolve(canonical(parent), basename(abs));
  }
}
