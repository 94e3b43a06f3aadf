/**
 * @fileoverview The `bcc-ts` command line. The only code that touches argv, TTY colour and exit
 * codes. Every user-facing failure ends as one line on stderr (`bcc-ts: what — what to do`) and a
 * non-zero exit code, never a stack trace (set BCC_TS_DEBUG=1 to see the stack).
 *
 * Exit codes: 0 success, 1 runtime/kernel failure, 2 usage error, 3 compile error.
 */
import { reportFatal } from "./fatal.ts";
import { plainCompileArgs } from "./commands/compile.ts";
import { RUN_VALUE_OPTIONS, runScript } from "./commands/run.ts";

/**
 * `bcc-ts run SCRIPT args...` / `bcc-ts tool NAME args...`: everything after the script belongs to
 * the script (its own --help included), so yargs only sees the words up to the script; the run
 * command takes the script's arguments from process.argv itself.
 */
export function ourWords(argv: readonly string[]): string[] {
  const cmd = argv[0];
  if (cmd !== "run" && cmd !== "tool") return [...argv];
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i]!;
    if (w === "--") return argv.slice(0, i + 2);
    if (!w.startsWith("-") || w === "-") return argv.slice(0, i + 1);
    if (RUN_VALUE_OPTIONS.has(w)) i++;
  }
  return [...argv];
}

/** Options of `bcc-ts run` itself that the fast path must leave to yargs. */
const YARGS_ONLY = new Set(["-h", "--help", "--version", "--"]);

export async function main(argv: string[]): Promise<void> {
  const words = ourWords(argv);
  // `bcc-ts run [options] SCRIPT ...`: run.ts reads its options itself (splitArgv), so the common
  // case skips loading yargs and its dependencies (~20–30 ms of start-up).
  const script = words.length >= 2 ? words[words.length - 1]! : "-";
  if (words[0] === "run" && !script.startsWith("-") && !words.some((w) => YARGS_ONLY.has(w))) {
    await runScript(argv, { script, "allow-run": false, node: false });
    return;
  }
  const compileArgs = words[0] === "compile" ? plainCompileArgs(words.slice(1)) : undefined;
  if (compileArgs) {
    const { compileHandler } = await import("./commands/compile-impl.ts");
    compileHandler(compileArgs);
    return;
  }
  const { mainWithYargs } = await import("./yargs-main.ts");
  await mainWithYargs(words);
}

/** The `bcc-ts` command: runs main() on this process's argv (the bin script calls this). */
export function runCli(): void {
  // `bcc-ts tplist | head` closes our stdout early: that is the reader's choice, not an error.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.exitCode = reportFatal(err);
  });
}
