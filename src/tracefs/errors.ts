/**
 * Errors raised by the tracefs layer.
 *
 * Callers branch on the class and on `code` (an errno name such as "ENOENT" or one of our own
 * "TRACEFS_*" codes), never on the message, which is meant for humans: one line saying what failed,
 * where, and what to do about it.
 */

export class TracefsError extends Error {
  override name = "TracefsError";
  constructor(
    message: string,
    /** errno name from the failing fs call ("ENOENT", "EBUSY"...) or a TRACEFS_* code of ours. */
    readonly code: string,
    /** The tracefs file or directory involved, when there is one. */
    readonly path?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** No tracefs mount could be found or made. */
export class TracefsUnavailableError extends TracefsError {
  override name = "TracefsUnavailableError";
}

/** `category:event` does not exist under events/. */
export class TracefsEventNotFoundError extends TracefsError {
  override name = "TracefsEventNotFoundError";
  constructor(
    readonly category: string,
    readonly event: string,
    path: string,
  ) {
    super(
      `tracepoint ${category}:${event} not found (no ${path}): check the name with \`bcc-ts tplist '${category}:*'\``,
      "ENOENT",
      path,
    );
  }
}

/** A `format` file that does not follow the layout the kernel prints. */
export class FormatParseError extends TracefsError {
  override name = "FormatParseError";
  constructor(message: string, readonly line: number, source?: string) {
    super(`${source ?? "format"}:${line}: ${message}`, "TRACEFS_BAD_FORMAT", source);
  }
}

/** errno name of a Node fs error, or undefined for anything else. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err === "object" && err !== null && "code" in err) {
    const code = (err as { code: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}
