// sync_count.js — BCC tutorial lesson 5: sync_timing, plus a count of every sync() seen.
// needs: kprobes (falls back to syscall tracepoints)
import { BPF } from "bcc-ts";
import { printf } from "./lib/fmt.js";
import { traceFieldsLoop } from "./lib/runtime.js";

const b = new BPF({ text: `
#include <uapi/linux/ptrace.h>

BPF_HASH(last);

int do_trace(struct pt_regs *ctx) {
    u64 ts, *tsp, delta, key = 0;
    u64 count_key = 1, *countp, count = 1;

    // every sync, fast or slow, bumps the counter kept under key 1
    countp = last.lookup(&count_key);
    if (countp != NULL)
        count = *countp + 1;
    last.update(&count_key, &count);

    // attempt to read stored timestamp
    tsp = last.lookup(&key);
    if (tsp != NULL) {
        delta = bpf_ktime_get_ns() - *tsp;
        if (delta < 1000000000) {
            // output if time is less than 1 second
            bpf_trace_printk("%d %d\\n", delta / 1000000, count);
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

let start = 0;
traceFieldsLoop(b, (_task, _pid, _cpu, _flags, ts, msg) => {
  const [ms, count] = msg.split(" ");
  if (start === 0) start = ts;
  printf("At time %.2f s: multiple syncs detected, last %s ms ago, %s syncs so far", ts - start, ms, count);
});
