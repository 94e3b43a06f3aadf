// syscount.js — port of BCC's tools/syscount.py: summarize syscall counts and latencies.
// USAGE: syscount.js [-h] [-p PID] [-t TID] [-i INTERVAL] [-d DURATION] [-T TOP] [-x] [-e ERRNO] [-L] [-m] [-P] [-l] [--syscall SYSCALL]
// (BCC's --ppid, --cgroupmap and --mntnsmap are not ported)
// needs: tracepoints
import { BPF } from "bcc-ts";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { printf, sprintf, strftimeHMS, cstr } from "./lib/fmt.js";
import { every } from "./lib/runtime.js";
import { syscall_name, syscall_nr } from "./lib/syscalls.js";
import { errnoNumber } from "./lib/errno.js";

const args = yargs(hideBin(process.argv))
  .scriptName("syscount")
  .usage("Summarize syscall counts and latencies.")
  .option("p", { alias: "pid", type: "number", describe: "trace only this pid" })
  .option("t", { alias: "tid", type: "number", describe: "trace only this tid" })
  .option("i", { alias: "interval", type: "number", describe: "print summary at this interval (seconds)" })
  .option("d", { alias: "duration", type: "number", describe: "total duration of trace, in seconds" })
  .option("T", { alias: "top", type: "number", default: 10, describe: "print only the top syscalls by count or latency" })
  .option("x", { alias: "failures", type: "boolean", describe: "trace only failed syscalls (return < 0)" })
  .option("e", { alias: "errno", type: "string", describe: "trace only syscalls that return this error (numeric or EPERM, etc.)" })
  .option("L", { alias: "latency", type: "boolean", describe: "collect syscall latency" })
  .option("m", { alias: "milliseconds", type: "boolean", describe: "display latency in milliseconds (default: microseconds)" })
  .option("P", { alias: "process", type: "boolean", describe: "count by process and not by syscall" })
  .option("l", { alias: "list", type: "boolean", describe: "print list of recognized syscalls and exit" })
  .option("syscall", { type: "string", describe: "trace this syscall only (use option -l to get all recognized syscalls)" })
  .option("ebpf", { type: "boolean", hidden: true })
  .help("h").alias("h", "help")
  .strictOptions()
  .parseSync();

if (args.duration && !args.interval) args.interval = args.duration;
if (!args.interval) args.interval = 99999999;

if (args.list) {
  for (let nr = 0; nr < 1024; nr++) {
    const name = syscall_name(nr);
    if (!name.startsWith("[unknown")) console.log(name);
  }
  process.exit(0);
}

let text = `
#include <linux/sched.h>

#ifdef LATENCY
struct data_t {
    u64 count;
    u64 total_ns;
};

BPF_HASH(start, u64, u64);
BPF_HASH(data, u32, struct data_t);
#else
BPF_HASH(data, u32, u64);
#endif

#ifdef LATENCY
TRACEPOINT_PROBE(raw_syscalls, sys_enter) {
    u64 pid_tgid = bpf_get_current_pid_tgid();
    u32 pid = pid_tgid >> 32;
    u32 tid = (u32)pid_tgid;

#ifdef FILTER_SYSCALL_NR
    if (args->id != FILTER_SYSCALL_NR)
        return 0;
#endif

#ifdef FILTER_PID
    if (pid != FILTER_PID)
        return 0;
#endif

#ifdef FILTER_TID
    if (tid != FILTER_TID)
        return 0;
#endif

#ifdef FILTER_PPID
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    u32 ppid = task->real_parent->tgid;
    if (ppid != FILTER_PPID)
        return 0;
#endif

    u64 t = bpf_ktime_get_ns();
    start.update(&pid_tgid, &t);
    return 0;
}
#endif

TRACEPOINT_PROBE(raw_syscalls, sys_exit) {
    u64 pid_tgid = bpf_get_current_pid_tgid();
    u32 pid = pid_tgid >> 32;
    u32 tid = (u32)pid_tgid;

#ifdef FILTER_SYSCALL_NR
    if (args->id != FILTER_SYSCALL_NR)
        return 0;
#endif

#ifdef FILTER_PID
    if (pid != FILTER_PID)
        return 0;
#endif

#ifdef FILTER_TID
    if (tid != FILTER_TID)
        return 0;
#endif

#ifdef FILTER_PPID
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    u32 ppid = task->real_parent->tgid;
    if (ppid != FILTER_PPID)
        return 0;
#endif

#ifdef FILTER_FAILED
    if (args->ret >= 0)
        return 0;
#endif

#ifdef FILTER_ERRNO
    if (args->ret != -FILTER_ERRNO)
        return 0;
#endif

#ifdef BY_PROCESS
    u32 key = pid_tgid >> 32;
#else
    u32 key = args->id;
#endif

#ifdef LATENCY
    struct data_t *val, zero = {};
    u64 *start_ns = start.lookup(&pid_tgid);
    if (!start_ns)
        return 0;

    val = data.lookup_or_try_init(&key, &zero);
    if (val) {
        lock_xadd(&val->count, 1);
        lock_xadd(&val->total_ns, bpf_ktime_get_ns() - *start_ns);
    }
#else
    u64 *val, zero = 0;
    val = data.lookup_or_try_init(&key, &zero);
    if (val) {
        lock_xadd(val, 1);
    }
#endif
    return 0;
}
`;

if (args.pid !== undefined) text = `#define FILTER_PID ${args.pid}\n` + text;
else if (args.tid !== undefined) text = `#define FILTER_TID ${args.tid}\n` + text;
if (args.failures) text = "#define FILTER_FAILED\n" + text;
if (args.errno !== undefined) {
  const n = errnoNumber(args.errno);
  if (n === undefined) {
    console.error(`syscount: error: argument -e/--errno: ${args.errno} is not a valid errno`);
    process.exit(2);
  }
  text = `#define FILTER_ERRNO ${n}\n` + text;
}
if (args.latency) text = "#define LATENCY\n" + text;
if (args.process) text = "#define BY_PROCESS\n" + text;
if (args.syscall !== undefined) {
  const nr = syscall_nr(args.syscall);
  if (nr === undefined) {
    console.log(`Error: syscall '${args.syscall}' not found. Exiting.`);
    process.exit(1);
  }
  text = `#define FILTER_SYSCALL_NR ${nr}\n` + text;
}
if (args.ebpf) {
  console.log(text);
  process.exit(0);
}

const bpf = new BPF({ text });

const agg_colname = args.process ? "PID    COMM" : "SYSCALL";
const time_colname = args.milliseconds ? "TIME (ms)" : "TIME (us)";

// /proc is readable only outside the sandbox (bcc-ts run --node); BCC prints "[unknown]" too when
// the process is gone
const fs = typeof process.getBuiltinModule === "function" ? process.getBuiltinModule("fs") : undefined;
function comm_for_pid(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "[unknown]";
  }
}

function agg_colval(key) {
  return args.process ? sprintf("%-6d %-15s", key, comm_for_pid(key)) : syscall_name(key);
}

const bigDesc = (a, b) => (a > b ? -1 : a < b ? 1 : 0);

function print_count_stats() {
  const data = bpf["data"];
  console.log(`[${strftimeHMS()}]`);
  printf("%-22s %8s", agg_colname, "COUNT");
  const items = data.items().sort((x, y) => bigDesc(BigInt(x[1]), BigInt(y[1]))).slice(0, args.top);
  for (const [k, v] of items) {
    if (Number(k) === 0xffffffff) continue; // happens occasionally, we don't need it
    printf("%-22s %8d", agg_colval(Number(k)), v);
  }
  console.log("");
  data.clear();
}

function print_latency_stats() {
  const data = bpf["data"];
  console.log(`[${strftimeHMS()}]`);
  printf("%-22s %8s %16s", agg_colname, "COUNT", time_colname);
  const items = data.items().sort((x, y) => bigDesc(BigInt(x[1].total_ns), BigInt(y[1].total_ns))).slice(0, args.top);
  for (const [k, v] of items) {
    if (Number(k) === 0xffffffff) continue; // happens occasionally, we don't need it
    printf("%-22s %8d " + (args.milliseconds ? "%16.6f" : "%16.3f"), agg_colval(Number(k)), v.count, Number(v.total_ns) / (args.milliseconds ? 1e6 : 1e3));
  }
  console.log("");
  data.clear();
}

const print_stats = () => (args.latency ? print_latency_stats() : print_count_stats());

console.log(`Tracing ${args.failures ? "failed " : ""}syscalls, printing top ${args.top}... Ctrl+C to quit.`);
let seconds = 0;
every(
  args.interval,
  () => {
    seconds += args.interval;
    print_stats();
    if (args.duration && seconds >= args.duration) return false;
    return true;
  },
  (interrupted) => {
    if (interrupted) print_stats();
    console.log("Detaching...");
  },
);
