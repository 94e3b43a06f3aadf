// hello_perf_output.js — BCC tutorial lesson 7 (examples/tracing/hello_perf_output.py).
// One line per clone(), sent to user space through BPF_PERF_OUTPUT instead of trace_pipe.
// needs: kprobes (falls back to syscall tracepoints)
import { BPF } from "bcc-ts";
import { printf, cstr } from "./lib/fmt.js";
import { pollLoop } from "./lib/runtime.js";

const prog = `
#include <linux/sched.h>

// define output data structure in C
struct data_t {
    u32 pid;
    u64 ts;
    char comm[TASK_COMM_LEN];
};
BPF_PERF_OUTPUT(events);

int hello(struct pt_regs *ctx) {
    struct data_t data = {};

    data.pid = bpf_get_current_pid_tgid();
    data.ts = bpf_ktime_get_ns();
    bpf_get_current_comm(&data.comm, sizeof(data.comm));

    events.perf_submit(ctx, &data, sizeof(data));

    return 0;
}
`;

const b = new BPF({ text: prog });
b.attach_kprobe({ event: b.get_syscall_fnname("clone"), fn_name: "hello" });

// header
printf("%-18s %-16s %-6s %s", "TIME(s)", "COMM", "PID", "MESSAGE");

// process event
let start = 0n;
b["events"].open_perf_buffer((_cpu, data) => {
  const event = b["events"].event(data);
  const ts = BigInt(event.ts);
  if (start === 0n) start = ts;
  const time_s = Number(ts - start) / 1e9;
  printf("%-18.9f %-16s %-6d %s", time_s, cstr(event.comm), event.pid, "Hello, perf_output!");
});
pollLoop(b);
