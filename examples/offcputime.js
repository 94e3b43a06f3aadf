// offcputime.js — port of BCC's tools/offcputime.py: summarize off-CPU time by stack trace.
// back on CPU; this port uses the sched_switch raw tracepoint as libbpf-tools' offcputime does:
// the stack is taken when a thread leaves the CPU and the time is charged when it returns, which
// gives the same output and works on kernels without kprobes.
// USAGE: offcputime.js [-h] [-p PID | -t TID | -u | -k] [-U | -K] [-d] [-f]
//                      [--stack-storage-size SIZE] [-m MIN_BLOCK_TIME] [-M MAX_BLOCK_TIME] [--state STATE] [duration]
// needs: raw tracepoints. BCC's tool kprobes finish_task_switch(), running in the thread that comes
import { BPF } from "bcc-ts";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { printf, cstr } from "./lib/fmt.js";
import { every } from "./lib/runtime.js";
import { stack_id_err, walk, byValueAscending } from "./lib/stacks.js";

const examples = `examples:
    ./offcputime             # trace off-CPU stack time until Ctrl-C
    ./offcputime 5           # trace for 5 seconds only
    ./offcputime -f 5        # 5 seconds, and output in folded format
    ./offcputime -m 1000     # trace only events that last more than 1000 usec
    ./offcputime -M 10000    # trace only events that last less than 10000 usec
    ./offcputime -p 185      # only trace threads for PID 185
    ./offcputime -t 188      # only trace thread 188
    ./offcputime -u          # only trace user threads (no kernel)
    ./offcputime -k          # only trace kernel threads (no user)
    ./offcputime -U          # only show user space stacks (no kernel)
    ./offcputime -K          # only show kernel space stacks (no user)`;

const args = yargs(hideBin(process.argv))
  .scriptName("offcputime")
  .usage("Summarize off-CPU time by stack trace\n\n$0 [options] [duration]")
  .epilog(examples)
  .option("p", { alias: "pid", type: "string", describe: "trace these PIDS only. Can be a comma separated list of PIDS." })
  .option("t", { alias: "tid", type: "string", describe: "trace these TIDS only. Can be a comma separated list of TIDS." })
  .option("u", { alias: "user-threads-only", type: "boolean", describe: "user threads only (no kernel threads)" })
  .option("k", { alias: "kernel-threads-only", type: "boolean", describe: "kernel threads only (no user threads)" })
  .option("U", { alias: "user-stacks-only", type: "boolean", describe: "show stacks from user space only (no kernel space stacks)" })
  .option("K", { alias: "kernel-stacks-only", type: "boolean", describe: "show stacks from kernel space only (no user space stacks)" })
  .option("d", { alias: "delimited", type: "boolean", describe: "insert delimiter between kernel/user stacks" })
  .option("f", { alias: "folded", type: "boolean", describe: "output folded format" })
  .option("stack-storage-size", { type: "number", default: 16384, describe: "the number of unique stack traces that can be stored and displayed (default 16384)" })
  .option("m", { alias: "min-block-time", type: "number", default: 1, describe: "the amount of time in microseconds over which we store traces (default 1)" })
  .option("M", { alias: "max-block-time", type: "string", default: "18446744073709551615", describe: "the amount of time in microseconds under which we store traces (default U64_MAX)" })
  .option("state", { type: "number", describe: "filter on this thread state bitmask (eg, 2 == TASK_UNINTERRUPTIBLE) see include/linux/sched.h" })
  .option("ebpf", { type: "boolean", hidden: true })
  .conflicts("p", "t").conflicts("U", "K").conflicts("u", "k")
  .help("h").alias("h", "help")
  .strictOptions()
  .parseSync();
const duration = args._.length > 0 ? Number(args._[0]) : 99999999;
const need_delimiter = args.delimited && !(args["kernel-stacks-only"] || args["user-stacks-only"]);

let bpf_text = `
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

#define MINBLOCK_US    MINBLOCK_US_VALUEULL
#define MAXBLOCK_US    MAXBLOCK_US_VALUEULL

struct key_t {
    u32 pid;
    u32 tgid;
    int user_stack_id;
    int kernel_stack_id;
    char name[TASK_COMM_LEN];
};
// what a thread leaving the CPU left behind: when, and where
struct start_t {
    u64 ts;
    u32 tgid;
    int user_stack_id;
    int kernel_stack_id;
    char name[TASK_COMM_LEN];
};
BPF_HASH(counts, struct key_t);
BPF_HASH(start, u32, struct start_t);
BPF_STACK_TRACE(stack_traces, STACK_STORAGE_SIZE);

RAW_TRACEPOINT_PROBE(sched_switch)
{
    // TP_PROTO(bool preempt, struct task_struct *prev, struct task_struct *next)
    struct task_struct *prev = (struct task_struct *)ctx->args[1];
    struct task_struct *next = (struct task_struct *)ctx->args[2];
    u32 pid = prev->pid;
    u32 tgid = prev->tgid;

    // record previous thread sleep time (the stack is prev's: it is still current here)
    if ((THREAD_FILTER) && (STATE_FILTER)) {
        struct start_t s = {};
        s.ts = bpf_ktime_get_ns();
        s.tgid = tgid;
        s.user_stack_id = USER_STACK_GET;
        s.kernel_stack_id = KERNEL_STACK_GET;
        bpf_get_current_comm(&s.name, sizeof(s.name));
        start.update(&pid, &s);
    }

    // the thread coming back on CPU
    pid = next->pid;
    struct start_t *sp = start.lookup(&pid);
    if (sp == 0) {
        return 0;        // missed start or filtered
    }

    // calculate the thread's off-CPU time
    u64 t_end = bpf_ktime_get_ns();
    u64 delta = t_end - sp->ts;
    delta = delta / 1000;
    if ((delta < MINBLOCK_US) || (delta > MAXBLOCK_US)) {
        start.delete(&pid);
        return 0;
    }

    // create map key
    struct key_t key = {};
    key.pid = pid;
    key.tgid = sp->tgid;
    key.user_stack_id = sp->user_stack_id;
    key.kernel_stack_id = sp->kernel_stack_id;
    __builtin_memcpy(&key.name, sp->name, sizeof(key.name));
    start.delete(&pid);

    counts.increment(key, delta);
    return 0;
}
`;

// set thread filter
let thread_context, thread_filter;
if (args.tid !== undefined) {
  thread_context = `TID ${args.tid}`;
  thread_filter = args.tid.split(",").map((t) => `pid == ${t}`).join(" || ");
} else if (args.pid !== undefined) {
  thread_context = `PID ${args.pid}`;
  thread_filter = args.pid.split(",").map((p) => `tgid == ${p}`).join(" || ");
} else if (args["user-threads-only"]) {
  thread_context = "user threads";
  thread_filter = "!(prev->flags & PF_KTHREAD)";
} else if (args["kernel-threads-only"]) {
  thread_context = "kernel threads";
  thread_filter = "prev->flags & PF_KTHREAD";
} else {
  thread_context = "all threads";
  thread_filter = "1";
}
const state_filter = args.state === 0 ? "prev->__state == 0" : args.state !== undefined ? `prev->__state & ${args.state}` : "1";
bpf_text = bpf_text.replace("THREAD_FILTER", thread_filter).replace("STATE_FILTER", state_filter);
bpf_text = bpf_text.replace("STACK_STORAGE_SIZE", String(args["stack-storage-size"]));
bpf_text = bpf_text.replace("MINBLOCK_US_VALUE", String(args["min-block-time"])).replace("MAXBLOCK_US_VALUE", String(args["max-block-time"]));
bpf_text = bpf_text.replace("USER_STACK_GET", args["kernel-stacks-only"] ? "-1" : "stack_traces.get_stackid(ctx, BPF_F_USER_STACK)");
bpf_text = bpf_text.replace("KERNEL_STACK_GET", args["user-stacks-only"] ? "-1" : "stack_traces.get_stackid(ctx, 0)");
const stack_context = args["user-stacks-only"] ? "user" : args["kernel-stacks-only"] ? "kernel" : "user + kernel";
if (args.ebpf) {
  console.log(bpf_text);
  process.exit(0);
}

// initialize BPF
const b = new BPF({ text: bpf_text });

// header
if (!args.folded) {
  let line = `Tracing off-CPU time (us) of ${thread_context} by ${stack_context} stack`;
  line += duration < 99999999 ? ` for ${duration} secs.` : "... Hit Ctrl-C to end.";
  console.log(line);
}

function print_output() {
  if (!args.folded) console.log();
  let missing_stacks = 0;
  const counts = b.get_table("counts");
  const stack_traces = b.get_table("stack_traces");
  for (const [k, v] of byValueAscending(counts.items())) {
    // handle get_stackid errors
    if (!args["user-stacks-only"] && stack_id_err(k.kernel_stack_id)) missing_stacks += 1;
    if (!args["kernel-stacks-only"] && stack_id_err(k.user_stack_id)) missing_stacks += 1;
    const user_stack = walk(stack_traces, k.user_stack_id);
    const kernel_stack = walk(stack_traces, k.kernel_stack_id);
    const name = cstr(k.name);
    if (args.folded) {
      // print folded stack output
      let line = [name];
      if (!args["kernel-stacks-only"]) line = line.concat(stack_id_err(k.user_stack_id) ? ["[Missed User Stack]"] : user_stack.map((a) => b.sym(a, k.tgid)).reverse());
      if (!args["user-stacks-only"]) {
        if (need_delimiter && k.kernel_stack_id >= 0 && k.user_stack_id >= 0) line.push("-");
        line = line.concat(stack_id_err(k.kernel_stack_id) ? ["[Missed Kernel Stack]"] : kernel_stack.map((a) => b.ksym(a)).reverse());
      }
      console.log(`${line.join(";")} ${v}`);
    } else {
      // print default multi-line stack output
      if (!args["user-stacks-only"]) {
        if (stack_id_err(k.kernel_stack_id)) console.log("    [Missed Kernel Stack]");
        else for (const addr of kernel_stack) console.log(`    ${b.ksym(addr)}`);
      }
      if (!args["kernel-stacks-only"]) {
        if (need_delimiter && k.user_stack_id >= 0 && k.kernel_stack_id >= 0) console.log("    --");
        if (stack_id_err(k.user_stack_id)) console.log("    [Missed User Stack]");
        else for (const addr of user_stack) console.log(`    ${b.sym(addr, k.tgid)}`);
      }
      printf("    %-16s %s (%d)", "-", name, k.pid);
      console.log(`        ${v}\n`);
    }
  }
  if (missing_stacks > 0) {
    process.stderr.write(`WARNING: ${missing_stacks} stack traces lost and could not be displayed. Consider increasing --stack-storage-size.\n`);
  }
}

every(duration, () => false, () => print_output());
