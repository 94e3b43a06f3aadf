/** `bcc-ts tplist [PATTERN] [-v]`: list tracepoints, and with -v their fields, like BCC's tplist. */
import type { CommandModule } from "yargs";
import { Tracefs } from "../../tracefs/index.ts";

interface Args {
  pattern?: string;
  verbose: boolean;
}

export const tplistCommand: CommandModule<object, Args> = {
  command: "tplist [pattern]",
  describe: "list tracepoints matching PATTERN (glob, e.g. 'sched:*' or 'syscalls:sys_enter_open*')",
  builder: (y) =>
    y
      .positional("pattern", { type: "string", describe: "category:event glob; without ':' matches event names" })
      .option("verbose", { alias: "v", type: "boolean", default: false, describe: "also print each tracepoint's fields" }),
  handler: (args) => {
    const tracefs = Tracefs.open();
    const names = tracefs.listEventNames(args.pattern);
    const out: string[] = [];
    for (const { category, event } of names) {
      out.push(`${category}:${event}`);
      if (!args.verbose) continue;
      try {
        for (const f of tracefs.format(category, event).fields) {
          const loc = f.isDataLoc ? "__data_loc " : "";
          const arr = f.type.endsWith("]") ? f.type.slice(f.type.indexOf("[")) : "";
          const base = arr ? f.type.slice(0, f.type.indexOf("[")) : f.type;
          out.push(`    ${loc}${base} ${f.name}${arr};`);
        }
      } catch (err) {
        out.push(`    (format unreadable: ${err instanceof Error ? err.message : String(err)})`);
      }
    }
    process.stdout.write(out.length ? `${out.join("\n")}\n` : "");
    if (names.length === 0) {
      process.stderr.write(`bcc-ts: no tracepoint matches ${JSON.stringify(args.pattern ?? "*")}\n`);
      process.exitCode = 1;
    }
  },
};
