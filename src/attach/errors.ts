/** Attach failures as typed, one-line errors: what, where, what to do. */
export class AttachError extends Error {
  override readonly name: string = "AttachError";
  readonly userFacing = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The kernel lacks the hook entirely (no kprobes, no fentry, ...). */
export class AttachUnsupportedError extends AttachError {
  override readonly name = "AttachUnsupportedError";
  constructor(
    message: string,
    readonly feature: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
