/** Errors the BPF class raises for user mistakes: one line each, what and what to do. */
import type { Diagnostic } from "../../frontend-c/diagnostics/index.ts";
import { KernelError } from "../sys/errors.ts";
import { TracefsError } from "../tracefs/errors.ts";

export class BPFError extends Error {
  override readonly name: string = "BPFError";
  readonly userFacing = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The C did not compile; the message is the rendered diagnostic list. */
export class CompileError extends BPFError {
  override readonly name = "CompileError";
  readonly exitCode = 3;
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(message);
  }
}

/** Thrown into sleeping scripts on Ctrl-C, like Python's KeyboardInterrupt. */
export class KeyboardInterrupt extends Error {
  override readonly name = "KeyboardInterrupt";
  constructor() {
    super("interrupted");
  }
}

/**
 * True for the errors bcc-ts raises for the user's mistakes or the machine's limits: each carries a
 * one-line message (what, where, what to do) and needs no stack. Classes mark themselves with
 * `userFacing = true`; kernel (syscall) and tracefs errors are user-facing by nature. Everything
 * else (a user's own errors, TypeErrors, bcc-ts's internal-bug errors) is not.
 */
export function isUserFacingError(err: unknown): err is Error & { exitCode?: number } {
  if (!(err instanceof Error)) return false;
  if ((err as { userFacing?: unknown }).userFacing === true) return true;
  return err instanceof KernelError || err instanceof TracefsError;
}

/** The exit code a user-facing error ends the process with: its own `exitCode` (3 for CompileError), else 1. */
export function userErrorExitCode(err: Error): number {
  const code = (err as { exitCode?: unknown }).exitCode;
  return typeof code === "number" && Number.isInteger(code) && code > 0 ? code : 1;
}
