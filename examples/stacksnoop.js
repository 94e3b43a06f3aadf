// stacksnoop.js — port of BCC's examples/tracing/stacksnoop.py: kernel stack trace of every call
// to a kernel function.
// USAGE: stacksnoop.js [-h] [-p PID] [-s] [-v] function
// needs: kprobes
import { BPF } from "bcc-ts";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { printf, cstr } from "./lib/fmt.js";
import { pollLoop } from "./lib/runtime.js";

const examples = `examples:
    ./stacksnoop ext4_sync_fs           # print kernel stack traces for ext4_sync_fs
    ./stacksnoop -s ext4_sync_fs        # ... also show symbol offsets
    ./stacksnoop -v ext4_sync_fs        # ... show extra columns
    ./stacksnoop -p 185 ext4_sync_fs    # ... only when PID 185 is on-CPU`;

const args = yargs(hideBin(process.argv))
  .scriptName("stacksnoop")
  .usage("Trace and print kernel stack traces for a kernel function\n\n$0 [-h] [-p PID] [-s] [-v] function")
  .epilog(examples)
  .option("p", { alias: "pid", type: "string", describe: "trace this PID only" })
  .option("s", { alias: "offset", type: "boolean", describe: "show address offsets" })
  .option("v", { alias: "verbose", type: "boolean", describe: "print more fields" })
  .positional("function", { type: "string", describe: "kernel function name" })
  .demandCommand(1, "the following arguments are required: function")
  .help("h").alias("h", "help")
  .strictOptions()
  .parseSync();
const fn = String(args._[0]);
const offset = Boolean(args.offset);
const verbose = Boolean(args.verbose);

// define BPF program
let bpf_text = `
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

struct data_t {
    u64 stack_id;
    u32 pid;
    char comm[TASK_COMM_LEN];
};

BPF_STACK_TRACE(stack_traces, 128);
BPF_PERF_OUTPUT(events);

void trace_stack(struct pt_regs *ctx) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    FILTER
    struct data_t data = {};
    data.stack_id = stack_traces.get_stackid(ctx, 0),
    data.pid = pid;
    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    events.perf_submit(ctx, &data, sizeof(data));
}
`;
bpf_text = bpf_text.replace("FILTER", args.pid !== undefined ? `if (pid != ${args.pid}) { return; }` : "");

// initialize BPF
const b = new BPF({ text: bpf_text });
b.attach_kprobe({ event: fn, fn_name: "trace_stack" });

const matched = b.num_open_kprobes();
if (matched === 0) {
  console.log(`Function "${fn}" not found. Exiting.`);
  process.exit(0);
}

const stack_traces = b.get_table("stack_traces");
const start_ts = Date.now();

// header
if (verbose) printf("%-18s %-12s %-6s %-3s %s", "TIME(s)", "COMM", "PID", "CPU", "FUNCTION");
else printf("%-18s %s", "TIME(s)", "FUNCTION");

b["events"].open_perf_buffer((cpu, data) => {
  const event = b["events"].event(data);
  const ts = (Date.now() - start_ts) / 1000;
  if (verbose) printf("%-18.9f %-12.12s %-6d %-3d %s", ts, cstr(event.comm), event.pid, cpu, fn);
  else printf("%-18.9f %s", ts, fn);
  for (const addr of stack_traces.walk(event.stack_id)) printf("\t%s", b.ksym(addr, false, offset));
  console.log();
});
pollLoop(b);
