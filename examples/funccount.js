// funccount.js — port of BCC's tools/funccount.py: count function calls, tracepoint hits or
// uprobe hits.
// USAGE: funccount.js [-h] [-p PID] [-i INTERVAL] [-d DURATION] [-T] [-r] [-D] [-c CPU] pattern
// Differences from BCC: t: and u: patterns name one event/function (no wildcards; kernel function
// patterns do support * and -r regexps); USDT (u:LIB:PROBE for USDT probes) is not ported.
// needs: kprobes (kernel functions, the default); tracepoints (t:CAT:EVENT); uprobes (LIB:FUNC)
import { BPF } from "bcc-ts";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { printf, strftimeHMS } from "./lib/fmt.js";
import { every } from "./lib/runtime.js";

const examples = `examples:
    ./funccount 'vfs_*'             # count kernel fns starting with "vfs"
    ./funccount -r '^vfs.*'         # same as above, using regular expressions
    ./funccount -Ti 5 'vfs_*'       # output every 5 seconds, with timestamps
    ./funccount -d 10 'vfs_*'       # trace for 10 seconds only
    ./funccount -p 185 'vfs_*'      # count vfs calls for PID 181 only
    ./funccount t:sched:sched_fork  # count calls to the sched_fork tracepoint
    ./funccount -c 1 'vfs_*'        # count vfs calls on CPU 1 only
    ./funccount c:malloc            # count all malloc() calls in libc`;

const args = yargs(hideBin(process.argv))
  .scriptName("funccount")
  .usage("Count functions, tracepoints, and USDT probes\n\n$0 [-h] [-p PID] [-i INTERVAL] [-d DURATION] [-T] [-r] [-D] [-c CPU] pattern")
  .epilog(examples)
  .option("p", { alias: "pid", type: "number", describe: "trace this PID only" })
  .option("i", { alias: "interval", type: "number", describe: "summary interval, seconds" })
  .option("d", { alias: "duration", type: "number", describe: "total duration of trace, seconds" })
  .option("T", { alias: "timestamp", type: "boolean", describe: "include timestamp on output" })
  .option("r", { alias: "regexp", type: "boolean", describe: "use regular expressions. Default is \"*\" wildcards only." })
  .option("D", { alias: "debug", type: "boolean", describe: "print BPF program before starting (for debugging purposes)" })
  .option("c", { alias: "cpu", type: "number", describe: "trace this CPU only" })
  .demandCommand(1, "the following arguments are required: pattern")
  .help("h").alias("h", "help")
  .strictOptions()
  .parseSync();
const pattern = String(args._[0]);

if (args.duration && !args.interval) args.interval = args.duration;
if (!args.interval) args.interval = 99999999;

// pattern → (kind, library, event), as BCC's Probe class parses it: "t:cat:event", "u:lib:func",
// "lib:func" (a uprobe), "p::func" / "func" (a kernel function)
const parts = pattern.split(":");
let kind, library, event;
if (parts.length === 1) [kind, library, event] = ["p", "", parts[0]];
else if (parts.length === 2) [kind, library, event] = ["p", parts[0], parts[1]];
else [kind, library, event] = parts;
if (kind === "p" && library !== "") kind = "u";
if (kind === "t") {
  event = `${library}:${event}`;
}
const toRegex = (s) => (args.regexp ? s : "^" + s.replaceAll(".", "\\.").replaceAll("*", ".*") + "$");

let functions;
if (kind === "p") functions = BPF.get_kprobe_functions(toRegex(event));
else functions = [event];
if (functions.length === 0) {
  console.error(`funccount: no functions matched "${pattern}"`);
  process.exit(1);
}
if (functions.length > 1000) {
  console.error(`funccount: ${functions.length} functions matched; the limit is 1000`);
  process.exit(1);
}

const filters = [];
if (args.pid !== undefined) filters.push(`if ((bpf_get_current_pid_tgid() >> 32) != ${args.pid}) { return 0; }`);
if (args.cpu !== undefined) filters.push(`if (bpf_get_smp_processor_id() != ${args.cpu}) { return 0; }`);
let text = `
#include <uapi/linux/ptrace.h>

BPF_ARRAY(counts, u64, NUMLOCATIONS);
`;
functions.forEach((_f, i) => {
  text += `
int trace_count_${i}(void *ctx) {
    ${filters.join("\n    ")}
    int loc = ${i};
    counts.atomic_increment(loc);
    return 0;
}
`;
});
text = text.replace("NUMLOCATIONS", String(functions.length));
if (args.debug) console.log(text);

const b = new BPF({ text });
functions.forEach((f, i) => {
  if (kind === "p") b.attach_kprobe({ event: f, fn_name: `trace_count_${i}` });
  else if (kind === "t") b.attach_tracepoint({ tp: f, fn_name: `trace_count_${i}` });
  else b.attach_uprobe({ name: library, sym: f, fn_name: `trace_count_${i}`, ...(args.pid !== undefined ? { pid: args.pid } : {}) });
});

console.log(`Tracing ${functions.length} functions for "${pattern}"... Hit Ctrl-C to end.`);

let seconds = 0;
const print_counts = () => {
  console.log();
  if (args.timestamp) console.log(strftimeHMS());
  printf("%-36s %8s", "FUNC", "COUNT");
  const counts = b["counts"];
  const items = counts.items().sort((x, y) => (BigInt(x[1]) < BigInt(y[1]) ? -1 : BigInt(x[1]) > BigInt(y[1]) ? 1 : 0));
  for (const [k, v] of items) {
    if (BigInt(v) === 0n) continue;
    printf("%-36s %8d", functions[Number(k)], v);
  }
  counts.zero();
};
every(
  args.interval,
  () => {
    seconds += args.interval;
    print_counts();
    if (args.duration && seconds >= args.duration) {
      console.log("Detaching...");
      return false;
    }
    return true;
  },
  (interrupted) => {
    if (interrupted) {
      print_counts();
      console.log("Detaching...");
    }
  },
);
