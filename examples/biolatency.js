// biolatency.js — port of BCC's tools/biolatency.py: block device I/O latency as a histogram.
// block:block_io_start) to block:block_io_done; this port uses the tracepoints at the same two
// moments, block:block_rq_issue (or block:block_rq_insert with -Q) and block:block_rq_complete, so it
// runs on kernels without kprobes too.
// USAGE: biolatency.js [-h] [-T] [-Q] [-m] [interval] [count]
// (BCC's -D/--disks, -F/--flags, -e/--extension and -j/--json are not ported)
// needs: tracepoints. BCC times requests from the blk_mq_start_request kprobe (or, with -Q, from
import { BPF } from "bcc-ts";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { strftimeHMS } from "./lib/fmt.js";
import { every } from "./lib/runtime.js";

const examples = `examples:
    ./biolatency                    # summarize block I/O latency as a histogram
    ./biolatency 1 10               # print 1 second summaries, 10 times
    ./biolatency -mT 1              # 1s summaries, milliseconds, and timestamps
    ./biolatency -Q                 # include OS queued time in I/O time`;

const args = yargs(hideBin(process.argv))
  .scriptName("biolatency")
  .usage("Summarize block device I/O latency as a histogram\n\n$0 [-h] [-T] [-Q] [-m] [interval] [count]")
  .epilog(examples)
  .option("T", { alias: "timestamp", type: "boolean", describe: "include timestamp on output" })
  .option("Q", { alias: "queued", type: "boolean", describe: "include OS queued time in I/O time" })
  .option("m", { alias: "milliseconds", type: "boolean", describe: "millisecond histogram" })
  .option("ebpf", { type: "boolean", hidden: true })
  .help("h").alias("h", "help")
  .strictOptions()
  .parseSync();
const interval = args._.length > 0 ? Number(args._[0]) : 99999999;
const countdown0 = args._.length > 1 ? Number(args._[1]) : 99999999;

let bpf_text = `
#include <uapi/linux/ptrace.h>

// The tracepoints carry no struct request pointer: a request is known by device and sector.
struct start_key {
    u32 dev;
    u32 _pad;
    u64 sector;
};

BPF_HASH(start, struct start_key);
BPF_HISTOGRAM(dist);

// time block I/O
TRACEPOINT_PROBE(block, START_EVENT)
{
    struct start_key key = {};
    key.dev = args->dev;
    key.sector = args->sector;
    u64 ts = bpf_ktime_get_ns();
    start.update(&key, &ts);
    return 0;
}

// output
TRACEPOINT_PROBE(block, block_rq_complete)
{
    struct start_key key = {};
    u64 *tsp, delta;

    key.dev = args->dev;
    key.sector = args->sector;

    // fetch timestamp and calculate delta
    tsp = start.lookup(&key);
    if (tsp == 0) {
        return 0;   // missed issue
    }
    delta = bpf_ktime_get_ns() - *tsp;
    FACTOR

    // store as histogram
    dist.atomic_increment(bpf_log2l(delta));

    start.delete(&key);
    return 0;
}
`;

let label;
if (args.milliseconds) {
  bpf_text = bpf_text.replace("FACTOR", "delta /= 1000000;");
  label = "msecs";
} else {
  bpf_text = bpf_text.replace("FACTOR", "delta /= 1000;");
  label = "usecs";
}
bpf_text = bpf_text.replace("START_EVENT", args.queued ? "block_rq_insert" : "block_rq_issue");
if (args.ebpf) {
  console.log(bpf_text);
  process.exit(0);
}

// load BPF program
const b = new BPF({ text: bpf_text });
console.log("Tracing block device I/O... Hit Ctrl-C to end.");

const dist = b.get_table("dist");
let countdown = countdown0;
const output = () => {
  console.log();
  if (args.timestamp) console.log(strftimeHMS());
  dist.print_log2_hist(label);
  dist.clear();
};
every(
  interval,
  () => {
    output();
    return --countdown > 0;
  },
  (interrupted) => {
    if (interrupted) output();
  },
);
