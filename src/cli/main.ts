/**
 * @fileoverview The `bcc-ts` command line. The only code that touches argv, TTY colour and exit
 * codes. Every user-facing failure ends as one line on stderr (`bcc-ts: what — what to do`) and a
 * non-zero exit code, never a stack trace (set BCC_TS_DEBUG=1 to see the stack).
 *
 * Exit codes: 0 success, 1 runtime/kernel failure, 2 usage error, 3 compile error.
 */
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { commands } from "./commands/index.ts";
import { reportFatal } from "./fatal.ts";

/**
 * `bcc-ts run SCRIPT args...` / `bcc-ts tool NAME args...`: everything after the script belongs to
 * the script (its own --help included), so yargs only sees the words up to the script; the run
 * command takes the script's arguments from process.argv itself.
 */
export function ourWords(argv: readonly string[]): string[] {
  const cmd = argv[0];
  if (cmd !== "run" && cmd !== "tool") return [...argv];
  const valueOptions = new Set(["--timeout", "--memory", "--allow-read", "--allow-write"]);
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i]!;
    if (w === "--") return argv.slice(0, i + 2);
    if (!w.startsWith("-") || w === "-") return argv.slice(0, i + 1);
    if (valueOptions.has(w)) i++;
  }
  return [...argv];
}

export async function main(argv: string[]): Promise<void> {
  let parser = yargs(ourWords(argv))
    .scriptName("bcc-ts")
    .usage("$0 <command> [options]\n\nBCC's workflow for Node.js: C → eBPF in-process, loaded into the running kernel.")
    .strict()
    .demandCommand(1, "name a command: see bcc-ts --help")
    .recommendCommands()
    .help()
    .alias("h", "help")
    .version()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((msg, err, y) => {
      if (err) throw err;
      process.stderr.write(`bcc-ts: ${msg}\n(see: bcc-ts --help)\n`);
      process.exit(2);
    });
  for (const c of commands) parser = parser.command(c);
  await parser.parseAsync();
}

/** The `bcc-ts` command: runs main() on this process's argv (the bin script calls this). */
export function runCli(): void {
  // `bcc-ts tplist | head` closes our stdout early: that is the reader's choice, not an error.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  main(hideBin(process.argv)).catch((err: unknown) => {
    process.exitCode = reportFatal(err);
  });
}
