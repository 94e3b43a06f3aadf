// opensnoop.js — port of BCC's tools/opensnoop.py: trace open(), openat() and openat2() syscalls.
// USAGE: opensnoop.js [-h] [-T] [-U] [-x] [-p PID] [-t TID] [-u UID] [-d DURATION] [-n NAME] [-e]
// (BCC's --cgroupmap/--mntnsmap, -f FLAG_FILTER, -F/--full-path and -b are not ported)
// needs: kprobes (falls back to syscall tracepoints)
import { BPF } from "bcc-ts";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { printf, sprintf, cstr } from "./lib/fmt.js";
import { pollLoop } from "./lib/runtime.js";

const examples = `examples:
    ./opensnoop                        # trace all open() syscalls
    ./opensnoop -T                     # include timestamps
    ./opensnoop -U                     # include UID
    ./opensnoop -x                     # only show failed opens
    ./opensnoop -p 181                 # only trace PID 181
    ./opensnoop -t 123                 # only trace TID 123
    ./opensnoop -u 1000                # only trace UID 1000
    ./opensnoop -d 10                  # trace for 10 seconds only
    ./opensnoop -n main                # only print process names containing "main"
    ./opensnoop -e                     # show extended fields`;

const args = yargs(hideBin(process.argv))
  .scriptName("opensnoop")
  .usage("Trace open() syscalls")
  .epilog(examples)
  .option("T", { alias: "timestamp", type: "boolean", describe: "include timestamp on output" })
  .option("U", { alias: "print-uid", type: "boolean", describe: "print UID column" })
  .option("x", { alias: "failed", type: "boolean", describe: "only show failed opens" })
  .option("p", { alias: "pid", type: "string", describe: "trace this PID only" })
  .option("t", { alias: "tid", type: "string", describe: "trace this TID only" })
  .option("u", { alias: "uid", type: "string", describe: "trace this UID only" })
  .option("d", { alias: "duration", type: "string", describe: "total duration of trace in seconds" })
  .option("n", { alias: "name", type: "string", describe: "only print process names containing this name" })
  .option("e", { alias: "extended_fields", type: "boolean", describe: "show extended fields" })
  .option("ebpf", { type: "boolean", hidden: true })
  .help("h").alias("h", "help")
  .strictOptions()
  .parseSync();

const entry = (name, params) => `
int syscall__trace_entry_${name}(struct pt_regs *ctx, ${params})
{
    struct val_t val = {};
    u64 id = bpf_get_current_pid_tgid();
    u32 pid = id >> 32; // PID is higher part
    u32 tid = id;       // Cast and get the lower part
    u32 uid = bpf_get_current_uid_gid();

    PID_TID_FILTER
    UID_FILTER

    if (bpf_get_current_comm(&val.comm, sizeof(val.comm)) == 0) {
        val.id = id;
        val.fname = filename;
        val.flags = flags;
        infotmp.update(&id, &val);
    }
    return 0;
};
`;

let bpf_text = `
#include <uapi/linux/ptrace.h>
#include <uapi/linux/limits.h>
#include <linux/sched.h>

#define NAME_MAX 255

struct val_t {
    u64 id;
    char comm[TASK_COMM_LEN];
    const char *fname;
    int flags; // EXTENDED_STRUCT_MEMBER
};

struct data_t {
    u64 id;
    u64 ts;
    u32 uid;
    int ret;
    char comm[TASK_COMM_LEN];
    u32 path_depth;
    int flags; // EXTENDED_STRUCT_MEMBER
    char name[NAME_MAX];
};

BPF_RINGBUF_OUTPUT(events, 64);
BPF_HASH(infotmp, u64, struct val_t);

int trace_return(struct pt_regs *ctx)
{
    u64 id = bpf_get_current_pid_tgid();
    struct val_t *valp;
    struct data_t *data;

    u64 tsp = bpf_ktime_get_ns();

    valp = infotmp.lookup(&id);
    if (valp == 0) {
        // missed entry
        return 0;
    }

    data = events.ringbuf_reserve(sizeof(struct data_t));
    if (!data)
        goto cleanup;

    bpf_probe_read_kernel(&data->comm, sizeof(data->comm), valp->comm);
    data->path_depth = 0;
    bpf_probe_read_user_str(&data->name, sizeof(data->name), (void *)valp->fname);
    data->id = valp->id;
    data->ts = tsp / 1000;
    data->uid = bpf_get_current_uid_gid();
    data->flags = valp->flags; // EXTENDED_STRUCT_MEMBER
    data->ret = PT_REGS_RC(ctx);

    events.ringbuf_submit(data, sizeof(*data));

cleanup:
    infotmp.delete(&id);
    return 0;
}
${entry("open", "const char __user *filename, int flags, u32 mode")}
${entry("openat", "int dfd, const char __user *filename, int flags, u32 mode")}
`;

if (args.tid !== undefined) bpf_text = bpf_text.replaceAll("PID_TID_FILTER", `if (tid != ${args.tid}) { return 0; }`);
else if (args.pid !== undefined) bpf_text = bpf_text.replaceAll("PID_TID_FILTER", `if (pid != ${args.pid}) { return 0; }`);
else bpf_text = bpf_text.replaceAll("PID_TID_FILTER", "");
bpf_text = bpf_text.replaceAll("UID_FILTER", args.uid !== undefined ? `if (uid != ${args.uid}) { return 0; }` : "");
if (args.ebpf) {
  console.log(bpf_text);
  process.exit(0);
}

// initialize BPF
const b = new BPF({ text: bpf_text });
// open() does not exist on every architecture (arm64 has only openat)
for (const name of ["open", "openat"]) {
  const fnname = b.get_syscall_fnname(name);
  if (name === "open" && BPF.get_kprobe_functions(fnname).length === 0 && !BPF.tracepoint_exists("syscalls", "sys_enter_open")) continue;
  b.attach_kprobe({ event: fnname, fn_name: `syscall__trace_entry_${name}` });
  b.attach_kretprobe({ event: fnname, fn_name: "trace_return" });
}

let initial_ts = 0n;

// header
let header = "";
if (args.timestamp) header += sprintf("%-14s", "TIME(s)");
if (args["print-uid"]) header += sprintf("%-6s", "UID");
header += sprintf("%-6s %-16s %4s %3s ", args.tid !== undefined ? "TID" : "PID", "COMM", "FD", "ERR");
if (args.extended_fields) header += sprintf("%-9s", "FLAGS");
header += "PATH";
console.log(header);

const nameFilter = args.name;
b["events"].open_ring_buffer((_ctx, data) => {
  const event = b["events"].event(data);
  const id = BigInt(event.id);
  const ret = event.ret;
  let fd_s, err;
  if (ret >= 0) {
    fd_s = ret;
    err = 0;
  } else {
    fd_s = -1;
    err = -ret;
  }
  if (args.failed && err === 0) return;
  const comm = cstr(event.comm);
  if (nameFilter !== undefined && !comm.includes(nameFilter)) return;
  const ts = BigInt(event.ts);
  if (initial_ts === 0n) initial_ts = ts;
  let line = "";
  if (args.timestamp) line += sprintf("%-14.9f", Number(ts - initial_ts) / 1000000);
  if (args["print-uid"]) line += sprintf("%-6d", event.uid);
  line += sprintf("%-6d %-16s %4d %3d ", args.tid !== undefined ? Number(id & 0xffffffffn) : Number(id >> 32n), comm, fd_s, err);
  if (args.extended_fields) line += sprintf("%08o ", event.flags);
  console.log(line + cstr(event.name));
});

const deadline = args.duration !== undefined ? Date.now() + Number(args.duration) * 1000 : undefined;
pollLoop(b, { ring: true, timeout: deadline !== undefined ? 100 : -1, tick: () => deadline === undefined || Date.now() < deadline });
