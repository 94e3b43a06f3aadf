// bitehist.js — BCC tutorial lesson 9 (examples/tracing/bitehist.py).
// Block I/O size histograms (log2 and linear), printed on Ctrl-C.
// needs: kprobes
import { BPF } from "bcc-ts";
import { untilInterrupt } from "./lib/runtime.js";

const b = new BPF({ text: `
#include <uapi/linux/ptrace.h>
#include <linux/blk-mq.h>

BPF_HISTOGRAM(dist);
BPF_HISTOGRAM(dist_linear);

int trace_req_done(struct pt_regs *ctx, struct request *req)
{
    dist.increment(bpf_log2l(req->__data_len / 1024));
    dist_linear.increment(req->__data_len / 1024);
    return 0;
}
` });

if (BPF.get_kprobe_functions("__blk_account_io_done").length > 0) {
  // __blk_account_io_done is available before kernel v6.4.
  b.attach_kprobe({ event: "__blk_account_io_done", fn_name: "trace_req_done" });
} else if (BPF.get_kprobe_functions("blk_account_io_done").length > 0) {
  // blk_account_io_done is traceable (not inline) before v5.16.
  b.attach_kprobe({ event: "blk_account_io_done", fn_name: "trace_req_done" });
} else {
  b.attach_kprobe({ event: "blk_mq_end_request", fn_name: "trace_req_done" });
}

console.log("Tracing... Hit Ctrl-C to end.");

untilInterrupt(() => {
  console.log();
  console.log("log2 histogram");
  console.log("~~~~~~~~~~~~~~");
  b["dist"].print_log2_hist("kbytes");

  console.log("\nlinear histogram");
  console.log("~~~~~~~~~~~~~~~~");
  b["dist_linear"].print_linear_hist("kbytes");
});
