// runqlat.js — port of BCC's tools/runqlat.py: run queue (scheduler) latency as a histogram.
// USAGE: runqlat.js [-h] [-T] [-m] [-P] [-L] [-p PID] [interval] [count]
// (BCC's --pidnss is not ported)
// needs: raw tracepoints (BCC's raw_tp variant; its kprobe variant is for kernels before 4.17)
import { BPF } from "bcc-ts";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { strftimeHMS } from "./lib/fmt.js";
import { every } from "./lib/runtime.js";

const examples = `examples:
    ./runqlat            # summarize run queue latency as a histogram
    ./runqlat 1 10       # print 1 second summaries, 10 times
    ./runqlat -mT 1      # 1s summaries, milliseconds, and timestamps
    ./runqlat -P         # show each PID separately
    ./runqlat -p 185     # trace PID 185 only`;

const args = yargs(hideBin(process.argv))
  .scriptName("runqlat")
  .usage("Summarize run queue (scheduler) latency as a histogram\n\n$0 [-h] [-T] [-m] [-P] [-L] [-p PID] [interval] [count]")
  .epilog(examples)
  .option("T", { alias: "timestamp", type: "boolean", describe: "include timestamp on output" })
  .option("m", { alias: "milliseconds", type: "boolean", describe: "millisecond histogram" })
  .option("P", { alias: "pids", type: "boolean", describe: "print a histogram per process ID" })
  .option("L", { alias: "tids", type: "boolean", describe: "print a histogram per thread ID" })
  .option("p", { alias: "pid", type: "string", describe: "trace this PID only" })
  .option("ebpf", { type: "boolean", hidden: true })
  .help("h").alias("h", "help")
  .strictOptions()
  .parseSync();
const interval = args._.length > 0 ? Number(args._[0]) : 99999999;
const countdown0 = args._.length > 1 ? Number(args._[1]) : 99999999;

let bpf_text = `
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

typedef struct pid_key {
    u32 id;
    u64 slot;
} pid_key_t;

BPF_HASH(start, u32);
STORAGE

// record enqueue timestamp
static int trace_enqueue(u32 tgid, u32 pid)
{
    if (FILTER || pid == 0)
        return 0;
    u64 ts = bpf_ktime_get_ns();
    start.update(&pid, &ts);
    return 0;
}

RAW_TRACEPOINT_PROBE(sched_wakeup)
{
    // TP_PROTO(struct task_struct *p)
    struct task_struct *p = (struct task_struct *)ctx->args[0];
    return trace_enqueue(p->tgid, p->pid);
}

RAW_TRACEPOINT_PROBE(sched_wakeup_new)
{
    // TP_PROTO(struct task_struct *p)
    struct task_struct *p = (struct task_struct *)ctx->args[0];
    return trace_enqueue(p->tgid, p->pid);
}

RAW_TRACEPOINT_PROBE(sched_switch)
{
    // TP_PROTO(bool preempt, struct task_struct *prev, struct task_struct *next)
    struct task_struct *prev = (struct task_struct *)ctx->args[1];
    struct task_struct *next = (struct task_struct *)ctx->args[2];
    u32 pid, tgid;

    // ivcsw: treat like an enqueue event and store timestamp
    if (prev->__state == TASK_RUNNING) {
        tgid = prev->tgid;
        pid = prev->pid;
        if (!(FILTER || pid == 0)) {
            u64 ts = bpf_ktime_get_ns();
            start.update(&pid, &ts);
        }
    }

    tgid = next->tgid;
    pid = next->pid;
    if (FILTER || pid == 0)
        return 0;
    u64 *tsp, delta;

    // fetch timestamp and calculate delta
    tsp = start.lookup(&pid);
    if (tsp == 0) {
        return 0;   // missed enqueue
    }
    delta = bpf_ktime_get_ns() - *tsp;
    FACTOR

    // store as histogram
    STORE

    start.delete(&pid);
    return 0;
}
`;

bpf_text = bpf_text.replaceAll("FILTER", args.pid !== undefined ? `tgid != ${args.pid}` : "0");
let label;
if (args.milliseconds) {
  bpf_text = bpf_text.replace("FACTOR", "delta /= 1000000;");
  label = "msecs";
} else {
  bpf_text = bpf_text.replace("FACTOR", "delta /= 1000;");
  label = "usecs";
}
let section;
if (args.pids || args.tids) {
  section = args.pids ? "pid" : "tid";
  bpf_text = bpf_text.replace("STORAGE", "BPF_HISTOGRAM(dist, pid_key_t);");
  bpf_text = bpf_text.replace(
    "STORE",
    "pid_key_t key = {};\n    key.id = " + (args.pids ? "tgid" : "pid") + ";\n    key.slot = bpf_log2l(delta);\n    dist.atomic_increment(key);",
  );
} else {
  bpf_text = bpf_text.replace("STORAGE", "BPF_HISTOGRAM(dist);");
  bpf_text = bpf_text.replace("STORE", "dist.atomic_increment(bpf_log2l(delta));");
}
if (args.ebpf) {
  console.log(bpf_text);
  process.exit(0);
}

const b = new BPF({ text: bpf_text });
console.log("Tracing run queue latency... Hit Ctrl-C to end.");

const dist = b.get_table("dist");
let countdown = countdown0;
const output = () => {
  console.log();
  if (args.timestamp) console.log(strftimeHMS());
  if (section !== undefined) dist.print_log2_hist(label, section, (k) => `${k} `);
  else dist.print_log2_hist(label);
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
