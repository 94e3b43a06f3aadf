/**
 * @fileoverview Uncaught bcc-ts errors in a plain `node script.mjs`: one clear line, not a stack.
 *
 * `bcc-ts run` and the other CLI commands catch every error themselves (src/cli/fatal.ts). A script
 * run with plain Node has nobody to do that, so an uncaught `new BPF({ text: "bad C" })` would end in
 * Node's source snippet and stack trace. On import, bcc-ts listens on 'uncaughtExceptionMonitor',
 * which Node emits for every fatal error (sync throws, errors in callbacks, a rejected top-level
 * await, an unhandled rejection under the default --unhandled-rejections=throw) before it decides
 * what to do with it. For a user-facing bcc-ts error (isUserFacingError) the listener prints
 *
 *     bcc-ts: script.mjs:LINE: <the error's message: what, where, what to do>
 *
 * (a CompileError's message is its rendered diagnostics: file:line:col, the source line, a caret)
 * and calls process.exit(exit code): the 'exit' hook of cleanup.ts closes every live BPF object.
 * For any other error it does nothing, so Node's own behaviour (stack trace, exit code 1) is
 * unchanged; it also stands aside when the program handles errors itself (an 'uncaughtException'
 * listener, or a capture callback such as a domain). BCC_TS_DEBUG=1 adds the full stack.
 */
import { basename, dirname, isAbsolute, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import { isUserFacingError, userErrorExitCode } from "./errors.ts";

/** Where bcc-ts's own code lives (stack frames there are not the user's). */
const LIBRARY = libraryLocation();

function libraryLocation(): { dirs: string[]; files: string[] } {
  let here: string;
  try {
    here = fileURLToPath(import.meta.url);
  } catch {
    return { dirs: [], files: [] };
  }
  const dir = dirname(here);
  // Source tree (src/bpf/uncaught.ts): the runtime and the compiler.
  if (basename(dir) === "bpf" && basename(dirname(dir)) === "src") {
    const root = dirname(dirname(dir));
    return { dirs: [join(root, "src") + sep, join(root, "frontend-c") + sep], files: [] };
  }
  // The package's bundle (dist/index.js and its chunks).
  if (basename(dir) === "dist") return { dirs: [dir + sep], files: [] };
  // Some other bundle that inlined bcc-ts: only this file is ours for certain.
  return { dirs: [], files: [here] };
}

function isLibraryFile(file: string): boolean {
  return LIBRARY.files.includes(file) || LIBRARY.dirs.some((d) => file.startsWith(d)) || file.includes(`${sep}node_modules${sep}`);
}

/**
 * "script.mjs:LINE" for the innermost stack frame in the user's own code (not bcc-ts, not Node's
 * internals, not node_modules), relative to the working directory when it is below it; undefined
 * when the stack has no such frame (for example when bcc-ts was bundled into the script).
 */
export function userLocation(stack: string | undefined, cwd = process.cwd()): string | undefined {
  if (!stack) return undefined;
  for (const line of stack.split("\n")) {
    // "at fn (LOCATION)" (the first " (" opens it: paths may hold parentheses) or "at LOCATION".
    const m = /^\s+at (?:.*? \((.+):(\d+):\d+\)|(.+):(\d+):\d+)$/.exec(line);
    if (!m) continue;
    let file = m[1] ?? m[3] ?? "";
    const lineNo = m[2] ?? m[4];
    if (file.startsWith("file://")) {
      try {
        file = fileURLToPath(file);
      } catch {
        continue;
      }
    }
    if (!isAbsolute(file) || isLibraryFile(file)) continue;
    const rel = relative(cwd, file);
    const shown = rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
    return `${shown}:${lineNo}`;
  }
  return undefined;
}

/** The text printed for a user-facing error: `bcc-ts: where: message` (multi-line for diagnostics). */
export function userErrorText(err: Error): string {
  const where = userLocation(err.stack);
  return `bcc-ts: ${where ? `${where}: ` : ""}${err.message.trimEnd()}`;
}

let installed = false;

/** Installs the reporter (once per copy of bcc-ts; idempotent). */
export function installUncaughtErrorReporter(): void {
  if (installed) return;
  installed = true;
  process.on("uncaughtExceptionMonitor", reportUncaught);
}

function reportUncaught(err: unknown): void {
  if (!isUserFacingError(err)) return;
  // The program handles fatal errors itself: leave them to it.
  if (process.listenerCount("uncaughtException") > 0 || process.hasUncaughtExceptionCaptureCallback()) return;
  let code: number;
  try {
    code = userErrorExitCode(err);
    let text = `${userErrorText(err)}\n`;
    if (process.env.BCC_TS_DEBUG === "1") text += `${inspect(err)}\n`;
    process.stderr.write(text);
  } catch {
    // Printing failed (stderr closed?): let Node report the error its own way.
    return;
  }
  // Runs the 'exit' hooks (cleanup.ts closes every BPF object) and ends the process here, before
  // Node prints the stack.
  process.exit(code);
}
