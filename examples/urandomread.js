// urandomread.js — BCC tutorial lesson 12 (examples/tracing/urandomread.py).
// example says so and exits)
// needs: tracepoints (random:urandom_read, which Linux removed in 5.18: on newer kernels this
import { BPF } from "bcc-ts";
import { printf } from "./lib/fmt.js";
import { traceFieldsLoop } from "./lib/runtime.js";

if (!BPF.tracepoint_exists("random", "urandom_read")) {
  console.error("urandomread: this kernel has no random:urandom_read tracepoint (removed in Linux 5.18)");
  process.exit(1);
}

const b = new BPF({ text: `
TRACEPOINT_PROBE(random, urandom_read) {
    // args is from /sys/kernel/debug/tracing/events/random/urandom_read/format
    bpf_trace_printk("%d\\n", args->got_bits);
    return 0;
}
` });

// header
printf("%-18s %-16s %-6s %s", "TIME(s)", "COMM", "PID", "GOTBITS");

// format output
traceFieldsLoop(b, (task, pid, _cpu, _flags, ts, msg) => {
  printf("%-18.9f %-16s %-6d %s", ts, task, pid, msg);
});
