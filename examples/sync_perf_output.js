// sync_perf_output.js — BCC tutorial lesson 8: sync_timing, reporting through BPF_PERF_OUTPUT.
// needs: kprobes (falls back to syscall tracepoints)
import { BPF } from "bcc-ts";
import { printf } from "./lib/fmt.js";
import { pollLoop } from "./lib/runtime.js";

const b = new BPF({ text: `
#include <uapi/linux/ptrace.h>

// define output data structure in C
struct data_t {
    u64 ts;
    u64 ms;
};
BPF_PERF_OUTPUT(events);

BPF_HASH(last);

int do_trace(struct pt_regs *ctx) {
    u64 ts, *tsp, delta, key = 0;

    // attempt to read stored timestamp
    tsp = last.lookup(&key);
    if (tsp != NULL) {
        delta = bpf_ktime_get_ns() - *tsp;
        if (delta < 1000000000) {
            // output if time is less than 1 second
            struct data_t data = {};
            data.ts = bpf_ktime_get_ns();
            data.ms = delta / 1000000;
            events.perf_submit(ctx, &data, sizeof(data));
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
b["events"].open_perf_buffer((_cpu, data) => {
  const event = b["events"].event(data);
  const ts = Number(event.ts);
  if (start === 0) start = ts;
  printf("At time %.2f s: multiple syncs detected, last %s ms ago", (ts - start) / 1e9, event.ms);
});
pollLoop(b);
