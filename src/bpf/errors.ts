/** Errors the BPF class raises for user mistakes: one line each, what and what to do. */
import type { Diagnostic } from "../../frontend-c/diagnostics/index.ts";

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
