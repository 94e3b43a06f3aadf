// sys_sync.js — BCC tutorial lesson 2.
// Prints "sys_sync() called" whenever any process calls sync(). Run: sudo bcc-ts run examples/sys_sync.js
// needs: kprobes (falls back to syscall tracepoints)
import { BPF } from "bcc-ts";

const b = new BPF({ text: 'int kprobe__sys_sync(void *ctx) { bpf_trace_printk("sys_sync() called\\n"); return 0; }' });
console.log("Tracing sys_sync()... Ctrl-C to end.");
b.trace_print();
