/**
 * @fileoverview The yargs-driven part of the `bcc-ts` command line: every command's options, help
 * and usage errors. main.ts loads it for everything except a plain `bcc-ts run SCRIPT`.
 */
import yargs from "yargs";
import { commands } from "./commands/index.ts";

export async function mainWithYargs(words: string[]): Promise<void> {
  let parser = yargs(words)
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
      process.stderr.write(`bcc-ts: ${msg} (see: bcc-ts --help)\n`);
      process.exit(2);
    });
  for (const c of commands) parser = parser.command(c);
  await parser.parseAsync();
}
