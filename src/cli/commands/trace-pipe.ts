/** `bcc-ts trace-pipe [--json]`: print trace_pipe lines, raw or parsed like BCC's trace_fields. */
import type { CommandModule } from "yargs";
import { Tracefs, TracePipe, parseTraceLine } from "../../tracefs/index.ts";
import { requireTracingPrivileges } from "../privileges.ts";

interface Args {
  json: boolean;
  pid?: number;
}

export const tracePipeCommand: CommandModule<object, Args> = {
  command: "trace-pipe",
  describe: "read the kernel's trace_pipe (bpf_trace_printk output) until Ctrl-C",
  builder: (y) =>
    y
      .option("json", { type: "boolean", default: false, describe: "one JSON object per line: task, pid, cpu, flags, ts, msg" })
      .option("pid", { type: "number", describe: "only lines from this pid" }),
  handler: async (args) => {
    requireTracingPrivileges("bcc-ts trace-pipe");
    const pipe = new TracePipe(Tracefs.open());
    const stop = () => pipe.close();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    try {
      for await (const line of pipe) {
        const f = parseTraceLine(line);
        if (args.pid !== undefined && f?.pid !== args.pid) continue;
        if (args.json) {
          if (f) process.stdout.write(`${JSON.stringify({ task: f.task, pid: f.pid, tgid: f.tgid, cpu: f.cpu, flags: f.flags, ts: f.ts, msg: f.msg })}\n`);
        } else {
          process.stdout.write(`${line}\n`);
        }
      }
    } finally {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      pipe.close();
    }
  },
};
