// setuid_monitor.js — port of BCC's examples/tracing/setuid_monitor.py: one line per setuid() call.
// needs: tracepoints
import { BPF } from "bcc-ts";
import { printf, cstr } from "./lib/fmt.js";
import { pollLoop } from "./lib/runtime.js";

const b = new BPF({ text: `
#include <linux/sched.h>

// define output data structure in C
struct data_t {
    u32 pid;
    u32 uid;
    u64 ts;
    char comm[TASK_COMM_LEN];
};
BPF_PERF_OUTPUT(events);

TRACEPOINT_PROBE(syscalls, sys_enter_setuid) {
    struct data_t data = {};

    // Check /sys/kernel/debug/tracing/events/syscalls/sys_enter_setuid/format
    // for the args format
    data.uid = args->uid;
    data.ts = bpf_ktime_get_ns();
    data.pid = bpf_get_current_pid_tgid();
    bpf_get_current_comm(&data.comm, sizeof(data.comm));

    events.perf_submit(args, &data, sizeof(data));

    return 0;
}
` });

// header
printf("%-14s %-12s %-6s %s", "TIME(s)", "COMMAND", "PID", "UID");

b["events"].open_perf_buffer((_cpu, data) => {
  const event = b["events"].event(data);
  printf("%-14.3f %-12s %-6d %d", Number(event.ts) / 1000000000, cstr(event.comm), event.pid, event.uid);
});
pollLoop(b);
