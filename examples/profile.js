// profile.js — port of BCC's tools/profile.py: sample stack traces at a timed interval (CPU
// profiler).
// USAGE: profile.js [-h] [-p PID | -L TID] [-U | -K] [-F FREQUENCY | -c COUNT] [-d] [-a] [-I] [-f]
//                   [--stack-storage-size STACK_STORAGE_SIZE] [-C CPU] [duration]
// (BCC's --cgroupmap/--mntnsmap are not ported; pids are those of the root pid namespace)
// needs: perf_event
import { BPF } from "bcc-ts";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { printf, cstr } from "./lib/fmt.js";
import { every } from "./lib/runtime.js";
import { stack_id_err, walk, byValueAscending } from "./lib/stacks.js";

const examples = `examples:
    ./profile             # profile stack traces at 49 Hertz until Ctrl-C
    ./profile -F 99       # profile stack traces at 99 Hertz
    ./profile -c 1000000  # profile stack traces every 1 in a million events
    ./profile 5           # profile at 49 Hertz for 5 seconds only
    ./profile -f 5        # output in folded format for flame graphs
    ./profile -p 185      # only profile process with PID 185
    ./profile -L 185      # only profile thread with TID 185
    ./profile -U          # only show user space stacks (no kernel)
    ./profile -K          # only show kernel space stacks (no user)`;

const args = yargs(hideBin(process.argv))
  .scriptName("profile")
  .usage("Profile CPU stack traces at a timed interval\n\n$0 [options] [duration]")
  .epilog(examples)
  .option("p", { alias: "pid", type: "string", describe: "profile process with one or more comma separated PIDs only" })
  .option("L", { alias: "tid", type: "string", describe: "profile thread with one or more comma separated TIDs only" })
  .option("U", { alias: "user-stacks-only", type: "boolean", describe: "show stacks from user space only (no kernel space stacks)" })
  .option("K", { alias: "kernel-stacks-only", type: "boolean", describe: "show stacks from kernel space only (no user space stacks)" })
  .option("F", { alias: "frequency", type: "number", describe: "sample frequency, Hertz" })
  .option("c", { alias: "count", type: "number", describe: "sample period, number of events" })
  .option("d", { alias: "delimited", type: "boolean", describe: "insert delimiter between kernel/user stacks" })
  .option("a", { alias: "annotations", type: "boolean", describe: "add _[k] annotations to kernel frames" })
  .option("I", { alias: "include-idle", type: "boolean", describe: "include CPU idle stacks" })
  .option("f", { alias: "folded", type: "boolean", describe: "output folded format, one line per stack (for flame graphs)" })
  .option("stack-storage-size", { type: "number", default: 16384, describe: "the number of unique stack traces that can be stored and displayed (default 16384)" })
  .option("C", { alias: "cpu", type: "number", default: -1, describe: "cpu number to run profile on" })
  .option("ebpf", { type: "boolean", hidden: true })
  .conflicts("p", "L").conflicts("U", "K").conflicts("F", "c")
  .help("h").alias("h", "help")
  .strictOptions()
  .parseSync();
const duration = args._.length > 0 ? Number(args._[0]) : 99999999;
if (args.frequency === undefined && args.count === undefined) args.frequency = 49;
const need_delimiter = args.delimited && !(args["kernel-stacks-only"] || args["user-stacks-only"]);

let bpf_text = `
#include <uapi/linux/ptrace.h>
#include <uapi/linux/bpf_perf_event.h>
#include <linux/sched.h>

struct key_t {
    u32 pid;
    u64 kernel_ip;
    int user_stack_id;
    int kernel_stack_id;
    char name[TASK_COMM_LEN];
};
BPF_HASH(counts, struct key_t, u64, 40960);
BPF_STACK_TRACE(stack_traces, STACK_STORAGE_SIZE);

// This code gets a bit complex. Probably not suitable for casual hacking.

int do_perf_event(struct bpf_perf_event_data *ctx) {
    u64 id = bpf_get_current_pid_tgid();
    u32 tgid = id >> 32;
    u32 pid = id;

    if (IDLE_FILTER)
        return 0;

    if (!(THREAD_FILTER))
        return 0;

    // create map key
    struct key_t key = {.pid = tgid};
    bpf_get_current_comm(&key.name, sizeof(key.name));

    // get stacks
    key.user_stack_id = USER_STACK_GET;
    key.kernel_stack_id = KERNEL_STACK_GET;

    if (key.kernel_stack_id >= 0) {
        // populate extras to fix the kernel stack
        u64 ip = PT_REGS_IP(&ctx->regs);
        // if ip isn't sane (not a kernel address), leave key ips as zero for later checking
        if (ip > 0xffff800000000000ULL) {
            key.kernel_ip = ip;
        }
    }

    counts.increment(key);
    return 0;
}
`;

const idle_filter = args["include-idle"] ? "0" : "pid == 0";
let thread_filter = "1";
let thread_context = "all threads";
if (args.pid !== undefined) {
  thread_context = `PID ${args.pid}`;
  thread_filter = args.pid.split(",").map((p) => `tgid == ${p}`).join(" || ");
} else if (args.tid !== undefined) {
  thread_context = `TID ${args.tid}`;
  thread_filter = args.tid.split(",").map((t) => `pid == ${t}`).join(" || ");
}
bpf_text = bpf_text.replace("IDLE_FILTER", idle_filter).replace("THREAD_FILTER", thread_filter);
bpf_text = bpf_text.replace("STACK_STORAGE_SIZE", String(args["stack-storage-size"]));
bpf_text = bpf_text.replace("USER_STACK_GET", args["kernel-stacks-only"] ? "-1" : "stack_traces.get_stackid(&ctx->regs, BPF_F_USER_STACK)");
bpf_text = bpf_text.replace("KERNEL_STACK_GET", args["user-stacks-only"] ? "-1" : "stack_traces.get_stackid(&ctx->regs, 0)");
const stack_context = args["user-stacks-only"] ? "user" : args["kernel-stacks-only"] ? "kernel" : "user + kernel";
const sample_context = args.frequency !== undefined ? `${args.frequency} Hertz` : `every ${args.count} events`;
if (args.ebpf) {
  console.log(bpf_text);
  process.exit(0);
}

// header
if (!args.folded) {
  let line = `Sampling at ${sample_context} of ${thread_context} by ${stack_context} stack`;
  line += duration < 99999999 ? ` for ${duration} secs.` : "... Hit Ctrl-C to end.";
  console.log(line);
}

// initialize BPF & perf_events
const PERF_TYPE_SOFTWARE = 1;
const PERF_COUNT_SW_CPU_CLOCK = 0;
const b = new BPF({ text: bpf_text });
b.attach_perf_event({
  ev_type: PERF_TYPE_SOFTWARE,
  ev_config: PERF_COUNT_SW_CPU_CLOCK,
  fn_name: "do_perf_event",
  ...(args.frequency !== undefined ? { sample_freq: args.frequency } : { sample_period: args.count }),
  cpu: args.cpu,
});

const aksym = (addr) => b.ksym(addr) + (args.annotations ? "_[k]" : "");

function print_output() {
  if (!args.folded) console.log();
  const counts = b.get_table("counts");
  const stack_traces = b.get_table("stack_traces");
  let missing_stacks = 0;
  for (const [k, v] of byValueAscending(counts.items())) {
    // handle get_stackid errors
    if (!args["user-stacks-only"] && stack_id_err(k.kernel_stack_id)) missing_stacks += 1;
    if (!args["kernel-stacks-only"] && stack_id_err(k.user_stack_id)) missing_stacks += 1;
    const user_stack = walk(stack_traces, k.user_stack_id);
    const kernel_stack = [];
    const kernel_tmp = walk(stack_traces, k.kernel_stack_id);
    // fix kernel stack: the sampled ip goes first when the walk did not start there
    if (k.kernel_ip && BigInt(k.kernel_ip) !== 0n && (kernel_tmp.length === 0 || BigInt(kernel_tmp[0]) !== BigInt(k.kernel_ip))) kernel_stack.push(k.kernel_ip);
    kernel_stack.push(...kernel_tmp);
    const name = cstr(k.name);
    if (args.folded) {
      // print folded stack output
      const ustack = user_stack.map((a) => b.sym(a, k.pid)).reverse();
      const kstack = kernel_stack.map((a) => aksym(a)).reverse();
      let line = [name];
      if (!args["kernel-stacks-only"]) line = line.concat(stack_id_err(k.user_stack_id) ? ["[Missed User Stack]"] : ustack);
      if (!args["user-stacks-only"]) {
        if (need_delimiter && k.kernel_stack_id >= 0 && k.user_stack_id >= 0) line.push("-");
        line = line.concat(stack_id_err(k.kernel_stack_id) ? ["[Missed Kernel Stack]"] : kstack);
      }
      console.log(`${line.join(";")} ${v}`);
    } else {
      // print default multi-line stack output
      if (!args["user-stacks-only"]) {
        if (stack_id_err(k.kernel_stack_id)) console.log("    [Missed Kernel Stack]");
        else for (const addr of kernel_stack) console.log(`    ${aksym(addr)}`);
      }
      if (!args["kernel-stacks-only"]) {
        if (need_delimiter && k.user_stack_id >= 0 && k.kernel_stack_id >= 0) console.log("    --");
        if (stack_id_err(k.user_stack_id)) console.log("    [Missed User Stack]");
        else for (const addr of user_stack) console.log(`    ${b.sym(addr, k.pid)}`);
      }
      printf("    %-16s %s (%d)", "-", name, k.pid);
      console.log(`        ${v}\n`);
    }
  }
  if (missing_stacks > 0) {
    const enomem_str = " Consider increasing --stack-storage-size.";
    process.stderr.write(`WARNING: ${missing_stacks} stack traces could not be displayed.${enomem_str}\n`);
  }
}

// as BCC: wait for the duration or Ctrl-C, then print once
every(duration, () => false, () => print_output());
