// disksnoop.js — BCC tutorial lesson 6 (examples/tracing/disksnoop.py).
// One line per block I/O: completion time, type (R/W/M), bytes and latency.
// needs: kprobes (see disksnoop_tp.js for the tracepoint version, lesson 13)
import { BPF } from "bcc-ts";
import { printf } from "./lib/fmt.js";
import { traceFieldsLoop } from "./lib/runtime.js";

const REQ_WRITE = 1; // from include/linux/blk_types.h

const b = new BPF({ text: `
#include <uapi/linux/ptrace.h>
#include <linux/blk-mq.h>

BPF_HASH(start, struct request *);

void trace_start(struct pt_regs *ctx, struct request *req) {
	// stash start timestamp by request ptr
	u64 ts = bpf_ktime_get_ns();

	start.update(&req, &ts);
}

void trace_completion(struct pt_regs *ctx, struct request *req) {
	u64 *tsp, delta;

	tsp = start.lookup(&req);
	if (tsp != 0) {
		delta = bpf_ktime_get_ns() - *tsp;
		bpf_trace_printk("%d %x %d\\n", req->__data_len,
		    req->cmd_flags, delta / 1000);
		start.delete(&req);
	}
}
` });

if (BPF.get_kprobe_functions("blk_start_request").length > 0) b.attach_kprobe({ event: "blk_start_request", fn_name: "trace_start" });
b.attach_kprobe({ event: "blk_mq_start_request", fn_name: "trace_start" });
if (BPF.get_kprobe_functions("__blk_account_io_done").length > 0) {
  // __blk_account_io_done is available before kernel v6.4.
  b.attach_kprobe({ event: "__blk_account_io_done", fn_name: "trace_completion" });
} else if (BPF.get_kprobe_functions("blk_account_io_done").length > 0) {
  // blk_account_io_done is traceable (not inline) before v5.16.
  b.attach_kprobe({ event: "blk_account_io_done", fn_name: "trace_completion" });
} else {
  b.attach_kprobe({ event: "blk_mq_end_request", fn_name: "trace_completion" });
}

// header
printf("%-18s %-2s %-7s %8s", "TIME(s)", "T", "BYTES", "LAT(ms)");

// format output
traceFieldsLoop(b, (_task, _pid, _cpu, _flags, ts, msg) => {
  const [bytes_s, bflags_s, us_s] = msg.split(/\s+/);
  let type_s;
  if (parseInt(bflags_s, 16) & REQ_WRITE) type_s = "W";
  else if (bytes_s === "0") type_s = "M"; // see blk_fill_rwbs() for logic
  else type_s = "R";
  printf("%-18.9f %-2s %-7s %8.2f", ts, type_s, bytes_s, parseInt(us_s, 10) / 1000);
});
