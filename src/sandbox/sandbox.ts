/**
 * @fileoverview Runs a tracing script inside QuickJS (quickjs-emscripten, asyncify build): the script
 * sees the BCC API, console, timers and sleep, and nothing of Node unless permissions grant it.
 * --timeout and --memory bound it; Ctrl-C during a blocking call becomes a KeyboardInterrupt the
 * script can catch. Whatever happens, every BPF object is closed before this returns.
 *
 * Exit codes: 0 ok (or the script's exit code), 1 script error, 3 BPF compile error,
 * 124 --timeout, 130 uncaught KeyboardInterrupt, 137 --memory exceeded.
 */
import { dirname, resolve, basename } from "node:path";
import { createRequire } from "node:module";
import { setFlagsFromString } from "node:v8";
import type { QuickJSAsyncContext, QuickJSHandle } from "quickjs-emscripten";
import { closeAllBpfObjects } from "../bpf/index.ts";
import { isUserFacingError } from "../bpf/errors.ts";
import { bundleScript, BUNDLE_FILE, type BundledScript } from "./bundle-script.ts";
import { GUEST_PRELUDE, type GuestConfig } from "./guest-prelude.ts";
import { bpfStatics, EventBatch, HostApi, SandboxTimeout, type WaitControl } from "./host-api.ts";
import { decodeValue, encodeValue } from "./marshal.ts";
import { canonical, Permissions, type PermissionOptions } from "./permissions.ts";
import { originalLine } from "./source-map.ts";

export interface InterruptSource {
  /** Listens for interrupts (Ctrl-C) while a blocking call waits; returns the unsubscribe. */
  listen(onInterrupt: () => void): () => void;
}

export interface SandboxOptions {
  script: string;
  args?: readonly string[];
  permissions?: Omit<PermissionOptions, "scriptDir">;
  /** Seconds of wall time before the script is stopped (exit 124). */
  timeout?: number;
  /** Guest heap limit in MB (exit 137 beyond it). Default 256. */
  memory?: number;
  interrupts?: InterruptSource;
  stdout?: (s: string) => void;
  stderr?: (s: string) => void;
}

export interface SandboxResult {
  exitCode: number;
  /** The one line printed for a failure (already written to stderr). */
  message?: string;
}

export const DEFAULT_MEMORY_MB = 256;

/** SIGINT while a blocking call waits; outside waits the default action (terminate) stays. */
export const sigintSource: InterruptSource = {
  listen(onInterrupt) {
    process.on("SIGINT", onInterrupt);
    return () => process.off("SIGINT", onInterrupt);
  },
};

/**
 * The QuickJS WASM module. V8 is told to keep WebAssembly on its baseline compiler (Liftoff): the
 * asyncify build's interpreter functions are huge, and optimizing them (TurboFan) costs more CPU at
 * start-up than a tracing script's JS ever wins back; measured on this project's 2-core test VM,
 * `bcc-ts run hello.js` took 1.1 s of CPU with tier-up and 0.5 s without. The flag only affects
 * WebAssembly compiled after it is set, and QuickJS is the only WebAssembly bcc-ts loads.
 */
async function loadQuickJS() {
  if (process.env.BCC_TS_WASM_TIERUP !== "1") setFlagsFromString("--liftoff-only");
  // require, not import(): dist/ is a CommonJS bundle run through vm.Script (dist/load.cjs), whose
  // import() would resolve bare names from the working directory instead of from bcc-ts.
  // quickjs-emscripten's index loads every build variant; its core and the one variant used here
  // (resolved from quickjs-emscripten's own dependencies) load in a third of the time.
  const fromPackage = createRequire(createRequire(import.meta.url).resolve("quickjs-emscripten"));
  const core = fromPackage("quickjs-emscripten-core") as typeof import("quickjs-emscripten");
  const variant = fromPackage("@jitl/quickjs-wasmfile-release-asyncify") as { default?: unknown };
  return core.newQuickJSAsyncWASMModuleFromVariant((variant.default ?? variant) as Parameters<typeof core.newQuickJSAsyncWASMModuleFromVariant>[0]);
}

export async function runSandboxed(opts: SandboxOptions): Promise<SandboxResult> {
  const stdout = opts.stdout ?? ((s: string) => void process.stdout.write(s));
  const stderr = opts.stderr ?? ((s: string) => void process.stderr.write(s));
  // The script's real location: a symlinked script's sibling files are those next to its target.
  const scriptPath = canonical(resolve(opts.script));
  const scriptName = opts.script;
  const memoryMb = opts.memory ?? DEFAULT_MEMORY_MB;
  const deadline = opts.timeout !== undefined && opts.timeout > 0 ? Date.now() + opts.timeout * 1000 : undefined;
  const perms = new Permissions({ ...opts.permissions, scriptDir: dirname(scriptPath) });
  const fail = (exitCode: number, text: string): SandboxResult => {
    stderr(`bcc-ts: ${text}\n`);
    return { exitCode, message: `bcc-ts: ${text}` };
  };

  // Bundling (esbuild) and loading QuickJS are independent: start both.
  const quickjs = loadQuickJS();
  let bundle: BundledScript;
  try {
    bundle = await bundleScript(scriptPath, perms);
  } catch (err) {
    quickjs.catch(() => undefined);
    const e = err as Error & { exitCode?: number };
    return fail(e.exitCode ?? 1, `${scriptName}: ${e.message}`);
  }

  let exitRequested: number | undefined;
  let timedOut = false;
  const interrupts = opts.interrupts ?? sigintSource;
  const waits: WaitControl = {
    begin() {
      const ac = new AbortController();
      let reason: "interrupt" | "timeout" | undefined;
      const unlisten = interrupts.listen(() => {
        reason = "interrupt";
        ac.abort();
      });
      const timer = deadline === undefined ? undefined : setTimeout(() => {
        reason = "timeout";
        timedOut = true;
        ac.abort();
      }, Math.max(0, deadline - Date.now()));
      return {
        signal: ac.signal,
        reason: () => reason,
        done() {
          unlisten();
          if (timer) clearTimeout(timer);
        },
      };
    },
  };
  const host = new HostApi({ permissions: perms, scriptDir: dirname(scriptPath), waits, stdout, onExit: (c) => void (exitRequested = c) });

  const mod = await quickjs;
  const rt = mod.newRuntime();
  rt.setMemoryLimit(memoryMb * 1024 * 1024);
  rt.setMaxStackSize(1024 * 1024);
  const ctx = rt.newContext();
  // This QuickJS build cannot size small allocations (no malloc_usable_size), so its own limit only
  // catches big single allocations; the WASM memory, which grows with the heap and never shrinks,
  // is the bound for everything else. It is checked from the interrupt handler (every ~10k ops).
  const heapBytes = () => (mod as unknown as { module?: { HEAPU8?: Uint8Array } }).module?.HEAPU8?.buffer.byteLength ?? 0;
  const heapLimit = heapBytes() + memoryMb * 1024 * 1024;
  let outOfMemory = false;
  rt.setInterruptHandler(() => {
    if (deadline !== undefined && Date.now() > deadline) timedOut = true;
    if (heapBytes() > heapLimit) outOfMemory = true;
    return timedOut || outOfMemory || exitRequested !== undefined;
  });
  try {
    installHost(ctx, host, stdout, stderr);
    const statics = bpfStatics();
    const config: GuestConfig = {
      argv: ["bcc-ts", scriptPath, ...(opts.args ?? [])],
      pid: process.pid,
      cwd: perms.cwd,
      bpfStatics: statics.functions,
      bpfConstants: statics.constants,
      columns: process.stdout.columns || 80,
    };
    const prelude = await ctx.evalCodeAsync(`${GUEST_PRELUDE}(globalThis.__host, ${JSON.stringify(config)}); delete globalThis.__host;`, "bcc-ts-prelude.js");
    ctx.unwrapResult(prelude).dispose();

    let outcome = await evalStep(ctx, bundle.code, BUNDLE_FILE);
    rt.executePendingJobs().dispose();
    while (outcome.ok && exitRequested === undefined && !timedOut) {
      const step = await evalStep(ctx, "__bccRunTimer()", "bcc-ts-timers.js");
      rt.executePendingJobs().dispose();
      outcome = step;
      if (!step.ok || step.value !== true) break;
    }

    if (outOfMemory) return fail(137, `${scriptName}: out of memory: the script needed more than ${memoryMb} MB (--memory)`);
    if (timedOut) return fail(124, `${scriptName}: timed out after ${opts.timeout} s (--timeout)`);
    if (exitRequested !== undefined) return { exitCode: exitRequested };
    if (outcome.ok) {
      const code = guestExitCode(ctx);
      return { exitCode: code };
    }
    const e = outcome.error;
    if (e.name === "SystemExit") return { exitCode: exitRequested ?? 0 };
    if (e.name === "KeyboardInterrupt") return { exitCode: 130 };
    if (/out of memory/i.test(e.message) || e.name === "OutOfMemory") return fail(137, `${scriptName}: out of memory: the script needed more than ${memoryMb} MB (--memory)`);
    const where = locate(e.stack, bundle, scriptName);
    const label = e.userFacing || ["Error", "PermissionError", "BPFError", "CompileError", "SandboxTimeout"].includes(e.name) ? "" : `${e.name}: `;
    return fail(e.name === "CompileError" ? 3 : 1, `${where}: ${label}${e.message}`);
  } catch (err) {
    if (err instanceof SandboxTimeout || timedOut) return fail(124, `${scriptName}: timed out after ${opts.timeout} s (--timeout)`);
    const msg = err instanceof Error ? err.message : String(err);
    if (/out of memory|memory access out of bounds/i.test(msg)) return fail(137, `${scriptName}: out of memory: the script needed more than ${memoryMb} MB (--memory)`);
    throw err;
  } finally {
    host.closeAll();
    closeAllBpfObjects();
    try {
      ctx.dispose();
      rt.dispose();
    } catch {
      // A guest that still holds objects makes QuickJS assert on dispose; the process ends soon anyway.
    }
  }
}

interface GuestError {
  name: string;
  message: string;
  stack: string;
  /** A bcc-ts error raised on the host for the user (isUserFacingError): its message says it all. */
  userFacing?: boolean;
}

type StepResult = { ok: true; value: unknown } | { ok: false; error: GuestError };

async function evalStep(ctx: QuickJSAsyncContext, code: string, file: string): Promise<StepResult> {
  const r = await ctx.evalCodeAsync(code, file);
  if (r.error) {
    const error = describeError(ctx, r.error);
    r.error.dispose();
    return { ok: false, error };
  }
  const value = ctx.dump(r.value) as unknown;
  r.value.dispose();
  return { ok: true, value };
}

function describeError(ctx: QuickJSAsyncContext, h: QuickJSHandle): GuestError {
  try {
    const d = ctx.dump(h) as unknown;
    if (d && typeof d === "object") {
      const o = d as { name?: unknown; message?: unknown; stack?: unknown; userFacing?: unknown };
      return { name: String(o.name ?? "Error"), message: String(o.message ?? ""), stack: String(o.stack ?? ""), ...(o.userFacing === true ? { userFacing: true } : {}) };
    }
    return { name: "Error", message: `uncaught ${String(d)}`, stack: "" };
  } catch {
    return { name: "OutOfMemory", message: "out of memory", stack: "" };
  }
}

function guestExitCode(ctx: QuickJSAsyncContext): number {
  const r = ctx.evalCode("globalThis.process && globalThis.process.exitCode");
  if (r.error) {
    r.error.dispose();
    return 0;
  }
  const v = ctx.dump(r.value) as unknown;
  r.value.dispose();
  return typeof v === "number" ? v | 0 : 0;
}

/** "script.js:LINE" for the innermost stack frame in the script's bundle. */
function locate(stack: string, bundle: BundledScript, scriptName: string): string {
  const re = new RegExp(`${BUNDLE_FILE.replace(/\./g, "\\.")}:(\\d+)`, "g");
  // The innermost frame in the user's own files (not in bcc-ts's virtual modules).
  for (const m of stack.matchAll(re)) {
    const pos = originalLine(bundle.map, Number(m[1]));
    if (!pos || pos.source.startsWith("bcc-")) continue;
    const src = basename(pos.source) === basename(scriptName) ? scriptName : pos.source;
    return `${src}:${pos.line}`;
  }
  return scriptName;
}

/** Installs __host.call / __host.wait / __host.write in the guest. */
function installHost(ctx: QuickJSAsyncContext, host: HostApi, stdout: (s: string) => void, stderr: (s: string) => void): void {
  const obj = ctx.newObject();
  const reply = (f: () => unknown): QuickJSHandle => {
    try {
      return toGuest(ctx, f());
    } catch (err) {
      return ctx.newString(encodeValue({ err: errorReply(err) }));
    }
  };
  const call = ctx.newFunction("call", (jsonH, fnsH) => reply(() => {
    const fnAt = (i: number) => guestCallable(ctx, fnsH, i);
    return host.call(decodeValue(ctx.getString(jsonH), fnAt) as unknown[]);
  }));
  const wait = ctx.newAsyncifiedFunction("wait", async (jsonH) => {
    const req = decodeValue(ctx.getString(jsonH)) as unknown[];
    try {
      return toGuest(ctx, await host.wait(req));
    } catch (err) {
      if (err instanceof SandboxTimeout) return ctx.newString(encodeValue({ err: { name: "SandboxTimeout", message: "timed out" } }));
      return ctx.newString(encodeValue({ err: errorReply(err) }));
    }
  });
  const write = ctx.newFunction("write", (fdH, textH) => {
    const text = ctx.getString(textH);
    if (ctx.getNumber(fdH) === 2) stderr(text);
    else stdout(text);
    return ctx.undefined;
  });
  ctx.setProp(obj, "call", call);
  ctx.setProp(obj, "wait", wait);
  ctx.setProp(obj, "write", write);
  ctx.setProp(ctx.global, "__host", obj);
  call.dispose();
  wait.dispose();
  write.dispose();
  obj.dispose();
}

function toGuest(ctx: QuickJSAsyncContext, value: unknown): QuickJSHandle {
  if (value instanceof EventBatch) {
    const arr = ctx.newArray();
    const meta = ctx.newString(value.meta);
    const buf = ctx.newArrayBuffer(value.bytes.buffer.slice(value.bytes.byteOffset, value.bytes.byteOffset + value.bytes.byteLength) as ArrayBuffer);
    ctx.setProp(arr, 0, meta);
    ctx.setProp(arr, 1, buf);
    meta.dispose();
    buf.dispose();
    return arr;
  }
  return ctx.newString(encodeValue({ ok: value }));
}

function errorReply(err: unknown): { name: string; message: string; base?: string; userFacing?: boolean } {
  if (err instanceof Error) {
    let base: string | undefined;
    for (let p = Object.getPrototypeOf(err) as { constructor?: { name?: string } } | null; p; p = Object.getPrototypeOf(p) as typeof p) {
      if (p.constructor?.name === "BPFError") base = "BPFError";
    }
    return { name: err.name, message: err.message, ...(base ? { base } : {}), ...(isUserFacingError(err) ? { userFacing: true } : {}) };
  }
  return { name: "Error", message: String(err) };
}

/** A host function that calls guest function `i` of this call (histogram callbacks and the like). */
function guestCallable(ctx: QuickJSAsyncContext, fnsH: QuickJSHandle, i: number): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    const fnH = ctx.getProp(fnsH, i);
    const bcc = ctx.getProp(ctx.global, "__bcc");
    const apply = ctx.getProp(bcc, "apply");
    const argsH = ctx.newString(encodeValue(args));
    try {
      const r = ctx.callFunction(apply, ctx.undefined, fnH, argsH);
      const h = ctx.unwrapResult(r);
      const text = ctx.getString(h);
      h.dispose();
      return decodeValue(text);
    } finally {
      argsH.dispose();
      apply.dispose();
      bcc.dispose();
      fnH.dispose();
    }
  };
}
