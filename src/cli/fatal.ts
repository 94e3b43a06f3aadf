import { userErrorText } from "../bpf/uncaught.ts";

/**
 * Turns any error that reaches the top of the CLI into one clear line on stderr and an exit code.
 * Known error classes carry their own one-line message; anything else is a bug and says so.
 * An error raised in a user's script (`bcc-ts run --node script.js`) names the script line, as the
 * sandbox and plain Node (src/bpf/uncaught.ts) do.
 */
export function reportFatal(err: unknown): number {
  const debug = process.env.BCC_TS_DEBUG === "1";
  if (err instanceof Error) {
    const exitCode = (err as { exitCode?: unknown }).exitCode;
    const known = (err as { userFacing?: unknown }).userFacing === true || err.name.endsWith("Error") && err.name !== "Error" && err.name !== "TypeError" && err.name !== "RangeError" && err.name !== "ReferenceError";
    if (known) {
      process.stderr.write(`${userErrorText(err)}\n`);
      if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
      return typeof exitCode === "number" ? exitCode : 1;
    }
    process.stderr.write(`bcc-ts: internal error: ${firstLine(err.message)} (please report; BCC_TS_DEBUG=1 shows the stack)\n`);
    if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    return 70;
  }
  process.stderr.write(`bcc-ts: ${String(err)}\n`);
  return 1;
}

function firstLine(s: string): string {
  // Multi-line messages (diagnostic lists) are printed whole; everything else on one line.
  return s.trimEnd();
}
