// execsnoop.js — port of BCC's tools/execsnoop.py: trace new processes via exec() syscalls.
// USAGE: execsnoop.js [-h] [-T] [-t] [-x] [-u USER] [-q] [-n NAME] [-l LINE] [-U] [-P PPID] [--max-args MAX_ARGS]
// needs: kprobes (falls back to syscall tracepoints)
import { BPF } from "bcc-ts";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { printf, sprintf, strftimeHMS, cstr } from "./lib/fmt.js";
import { pollLoop } from "./lib/runtime.js";

const examples = `examples:
    ./execsnoop           # trace all exec() syscalls
    ./execsnoop -x        # include failed exec()s
    ./execsnoop -T        # include time (HH:MM:SS)
    ./execsnoop -P 181    # only trace new processes whose parent PID is 181
    ./execsnoop -U        # include UID
    ./execsnoop -u 1000   # only trace UID 1000
    ./execsnoop -t        # include timestamps
    ./execsnoop -q        # add "quotemarks" around arguments
    ./execsnoop -n main   # only print command lines containing "main"
    ./execsnoop -l tpkg   # only print command where arguments contains "tpkg"`;

const args = yargs(hideBin(process.argv))
  .scriptName("execsnoop")
  .usage("Trace exec() syscalls")
  .epilog(examples)
  .option("T", { alias: "time", type: "boolean", describe: "include time column on output (HH:MM:SS)" })
  .option("t", { alias: "timestamp", type: "boolean", describe: "include timestamp on output" })
  .option("x", { alias: "fails", type: "boolean", describe: "include failed exec()s" })
  .option("u", { alias: "uid", type: "string", describe: "trace this UID only" })
  .option("q", { alias: "quote", type: "boolean", describe: 'Add quotemarks (") around arguments.' })
  .option("n", { alias: "name", type: "string", describe: "only print commands matching this name (regex), any arg" })
  .option("l", { alias: "line", type: "string", describe: "only print commands where arg contains this line (regex)" })
  .option("U", { alias: "print-uid", type: "boolean", describe: "print UID column" })
  .option("P", { alias: "ppid", type: "string", describe: "trace this parent PID only" })
  .option("max-args", { type: "string", default: "20", describe: "maximum number of arguments parsed and displayed, defaults to 20" })
  .option("ebpf", { type: "boolean", hidden: true })
  .help("h").alias("h", "help")
  .strictOptions()
  .parseSync();

let bpf_text = `
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>
#include <linux/fs.h>

#define ARGSIZE  128

enum event_type {
    EVENT_ARG,
    EVENT_RET,
};

struct data_t {
    u32 pid;  // PID as in the userspace term (i.e. task->tgid in kernel)
    u32 ppid; // Parent PID as in the userspace term (i.e task->real_parent->tgid in kernel)
    u32 uid;
    u32 cpu;
    char comm[TASK_COMM_LEN];
    char pcomm[TASK_COMM_LEN];
    enum event_type type;
    char argv[ARGSIZE];
    int retval;
};

BPF_PERF_OUTPUT(events);

static int __submit_arg(struct pt_regs *ctx, void *ptr, struct data_t *data)
{
    bpf_probe_read_user(data->argv, sizeof(data->argv), ptr);
    events.perf_submit(ctx, data, sizeof(struct data_t));
    return 1;
}

static int submit_arg(struct pt_regs *ctx, void *ptr, struct data_t *data)
{
    const char *argp = NULL;
    bpf_probe_read_user(&argp, sizeof(argp), ptr);
    if (argp) {
        return __submit_arg(ctx, (void *)(argp), data);
    }
    return 0;
}

int syscall__execve(struct pt_regs *ctx,
    const char __user *filename,
    const char __user *const __user *__argv,
    const char __user *const __user *__envp)
{

    u32 uid = bpf_get_current_uid_gid() & 0xffffffff;

    UID_FILTER

    // create data here and pass to submit_arg to save stack space (#555)
    struct data_t data = {};
    struct task_struct *task;

    data.pid = bpf_get_current_pid_tgid() >> 32;

    task = (struct task_struct *)bpf_get_current_task();
    // Some kernels, like Ubuntu 4.13.0-generic, return 0
    // as the real_parent->tgid.
    // We use the get_ppid function as a fallback in those cases. (#1883)
    data.ppid = task->real_parent->tgid;
    bpf_probe_read_kernel_str(&data.pcomm, sizeof(data.pcomm), task->real_parent->comm);

    PPID_FILTER

    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    data.type = EVENT_ARG;

    __submit_arg(ctx, (void *)filename, &data);

    // skip first arg, as we submitted filename
    #pragma unroll
    for (int i = 1; i < MAXARG; i++) {
        if (submit_arg(ctx, (void *)&__argv[i], &data) == 0)
             goto out;
    }

    // handle truncated argument list
    char ellipsis[] = "...";
    __submit_arg(ctx, (void *)ellipsis, &data);
out:
    return 0;
}

int do_ret_sys_execve(struct pt_regs *ctx)
{
    struct data_t data = {};
    struct task_struct *task;

    u32 uid = bpf_get_current_uid_gid() & 0xffffffff;
    UID_FILTER

    data.pid = bpf_get_current_pid_tgid() >> 32;
    data.uid = uid;

    task = (struct task_struct *)bpf_get_current_task();
    // Some kernels, like Ubuntu 4.13.0-generic, return 0
    // as the real_parent->tgid.
    // We use the get_ppid function as a fallback in those cases. (#1883)
    data.ppid = task->real_parent->tgid;
    bpf_probe_read_kernel_str(&data.pcomm, sizeof(data.pcomm), task->real_parent->comm);
    data.cpu = task->thread_info.cpu;

    PPID_FILTER

    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    data.type = EVENT_RET;
    data.retval = PT_REGS_RC(ctx);
    events.perf_submit(ctx, &data, sizeof(data));

    return 0;
}
`;

bpf_text = bpf_text.replace("MAXARG", args["max-args"]);
bpf_text = bpf_text.replaceAll("UID_FILTER", args.uid !== undefined ? `if (uid != ${args.uid}) { return 0; }` : "");
bpf_text = bpf_text.replaceAll("PPID_FILTER", args.ppid !== undefined ? `if (data.ppid != ${args.ppid}) { return 0; }` : "");
if (args.ebpf) {
  console.log(bpf_text);
  process.exit(0);
}

// initialize BPF
const b = new BPF({ text: bpf_text });
const execve_fnname = b.get_syscall_fnname("execve");
b.attach_kprobe({ event: execve_fnname, fn_name: "syscall__execve" });
b.attach_kretprobe({ event: execve_fnname, fn_name: "do_ret_sys_execve" });

// header
let header = "";
if (args.time) header += sprintf("%-9s", "TIME");
if (args.timestamp) header += sprintf("%-8s", "TIME(s)");
if (args["print-uid"]) header += sprintf("%-6s", "UID");
printf(header + "%-16s %-7s %-7s %3s %s", "PCOMM", "PID", "PPID", "RET", "ARGS");

const EVENT_ARG = 0;
const EVENT_RET = 1;
const start_ts = Date.now();
const argv = new Map();
const nameRe = args.name !== undefined ? new RegExp(args.name) : undefined;
const lineRe = args.line !== undefined ? new RegExp(args.line) : undefined;

// process event
b["events"].open_perf_buffer(
  (_cpu, data) => {
    const event = b["events"].event(data);
    let skip = false;
    if (event.type === EVENT_ARG || event.type === "EVENT_ARG") {
      if (!argv.has(event.pid)) argv.set(event.pid, []);
      argv.get(event.pid).push(cstr(event.argv));
    } else if (event.type === EVENT_RET || event.type === "EVENT_RET") {
      if (event.retval !== 0 && !args.fails) skip = true;
      const comm = cstr(event.comm);
      if (nameRe && !nameRe.test(comm)) skip = true;
      let argList = argv.get(event.pid) ?? [];
      if (lineRe && !lineRe.test(argList.join(" "))) skip = true;
      if (args.quote) argList = argList.map((a) => '"' + a.replaceAll('"', '\\"') + '"');
      if (!skip) {
        let line = "";
        if (args.time) line += sprintf("%-9s", strftimeHMS());
        if (args.timestamp) line += sprintf("%-8.3f", (Date.now() - start_ts) / 1000);
        if (args["print-uid"]) line += sprintf("%-6d", event.uid);
        const ppid = event.ppid > 0 ? event.ppid : "?";
        printf(line + "%-16s %-7d %-7s %3d %s", comm, event.pid, String(ppid), event.retval, argList.join(" "));
      }
      argv.delete(event.pid);
    }
  },
  { page_cnt: 64 },
);
pollLoop(b);
