// disklatency.js — BCC tutorial lesson 10: block I/O latency histogram.
// needs: kprobes
import { BPF } from "bcc-ts";
import { untilInterrupt } from "./lib/runtime.js";

const b = new BPF({ text: `
#include <uapi/linux/ptrace.h>
#include <linux/blk-mq.h>

BPF_HASH(start, struct request *);
BPF_HISTOGRAM(dist);

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
		dist.increment(bpf_log2l(delta / 1000));
		start.delete(&req);
	}
}
` });

if (BPF.get_kprobe_functions("blk_start_request").length > 0) b.attach_kprobe({ event: "blk_start_request", fn_name: "trace_start" });
b.attach_kprobe({ event: "blk_mq_start_request", fn_name: "trace_start" });
if (BPF.get_kprobe_functions("__blk_account_io_done").length > 0) {
  b.attach_kprobe({ event: "__blk_account_io_done", fn_name: "trace_completion" });
} else if (BPF.get_kprobe_functions("blk_account_io_done").length > 0) {
  b.attach_kprobe({ event: "blk_account_io_done", fn_name: "trace_completion" });
} else {
  b.attach_kprobe({ event: "blk_mq_end_request", fn_name: "trace_completion" });
}

console.log("Tracing... Hit Ctrl-C to end.");
untilInterrupt(() => {
  console.log();
  b["dist"].print_log2_hist("usecs");
});
