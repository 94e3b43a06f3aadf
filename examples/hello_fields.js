// hello_fields.js — BCC tutorial lesson 3 (examples/tracing/hello_fields.py).
// One line per clone(): time, command, pid and the bpf_trace_printk message, read with trace_fields().
// needs: kprobes (falls back to syscall tracepoints)
import { BPF } from "bcc-ts";
import { printf } from "./lib/fmt.js";
import { traceFieldsLoop } from "./lib/runtime.js";

const prog = `
int hello(void *ctx) {
    bpf_trace_printk("Hello, World!\\n");
    return 0;
}
`;

const b = new BPF({ text: prog });
b.attach_kprobe({ event: b.get_syscall_fnname("clone"), fn_name: "hello" });

printf("%-18s %-16s %-6s %s", "TIME(s)", "COMM", "PID", "MESSAGE");
traceFieldsLoop(b, (task, pid, _cpu, _flags, ts, msg) => {
  printf("%-18.9f %-16s %-6d %s", ts, task, pid, msg);
});
