// sync_timing.js — BCC tutorial lesson 4 (examples/tracing/sync_timing.py).
// Reports sync() calls that follow the previous one by less than a second. Try: sync; sync
// needs: kprobes (falls back to syscall tracepoints)
import { BPF } from "bcc-ts";
import { printf } from "./lib/fmt.js";
import { traceFieldsLoop } from "./lib/runtime.js";

const b = new BPF({ text: `
#include <uapi/linux/ptrace.h>

BPF_HASH(last);

int do_trace(struct pt_regs *ctx) {
    u64 ts, *tsp, delta, key = 0;

    // attempt to read stored timestamp
    tsp = last.lookup(&key);
    if (tsp != NULL) {
        delta = bpf_ktime_get_ns() - *tsp;
        if (delta < 1000000000) {
            // output if time is less than 1 second
            bpf_trace_printk("%d\\n", delta / 1000000);
        }
        last.delete(&key);
    }

    // update stored timestamp
    ts = bpf_ktime_get_ns();
    last.update(&key, &ts);
    return 0;
}
` });

b.attach_kprobe({ event: b.get_syscall_fnname("sync"), fn_name: "do_trace" });
console.log("Tracing for quick sync's... Ctrl-C to end");

// format output
let start = 0;
traceFieldsLoop(b, (_task, _pid, _cpu, _flags, ts, ms) => {
  if (start === 0) start = ts;
  printf("At time %.2f s: multiple syncs detected, last %s ms ago", ts - start, ms);
});
