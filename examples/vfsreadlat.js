// vfsreadlat.js — BCC tutorial lesson 11 (examples/tracing/vfsreadlat.py): vfs_read() latency
// histogram every INTERVAL seconds, COUNT times.
// USAGE: vfsreadlat.js [interval [count]]
// needs: kprobes
import { BPF } from "bcc-ts";
import { every } from "./lib/runtime.js";

const argv = process.argv.slice(2);
let interval = 5;
let count = -1;
if (argv.length > 0) {
  interval = Number(argv[0]);
  if (!Number.isInteger(interval) || interval === 0) {
    console.log("USAGE: vfsreadlat.js [interval [count]]");
    process.exit(0);
  }
  if (argv.length > 1) count = Number(argv[1]);
}

const b = new BPF({ text: `
#include <uapi/linux/ptrace.h>

BPF_HASH(start, u32);
BPF_HISTOGRAM(dist);

int do_entry(struct pt_regs *ctx)
{
	u32 pid;
	u64 ts;

	pid = bpf_get_current_pid_tgid();
	ts = bpf_ktime_get_ns();
	start.update(&pid, &ts);
	return 0;
}

int do_return(struct pt_regs *ctx)
{
	u32 pid;
	u64 *tsp, delta;

	pid = bpf_get_current_pid_tgid();
	tsp = start.lookup(&pid);

	if (tsp != 0) {
		delta = bpf_ktime_get_ns() - *tsp;
		dist.increment(bpf_log2l(delta / 1000));
		start.delete(&pid);
	}

	return 0;
}
` });
b.attach_kprobe({ event: "vfs_read", fn_name: "do_entry" });
b.attach_kretprobe({ event: "vfs_read", fn_name: "do_return" });

console.log("Tracing... Hit Ctrl-C to end.");

let loop = 0;
const output = () => {
  console.log();
  b["dist"].print_log2_hist("usecs");
  b["dist"].clear();
};
every(
  interval,
  () => {
    output();
    if (count > 0 && ++loop >= count) return false;
    return true;
  },
  (interrupted) => {
    if (interrupted) output();
  },
);
