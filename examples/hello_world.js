// hello_world.js — needs: kprobes (on kernels without kprobes, bcc-ts attaches the syscalls:sys_enter_clone tracepoint instead)
// Prints a line each time a process calls clone(). Run: sudo bcc-ts run examples/hello_world.js
// (or, without the sandbox: sudo node examples/hello_world.js). Ctrl-C ends it.
import { BPF } from "bcc-ts";
const b = new BPF({ text: 'int kprobe__sys_clone(void *ctx) { bpf_trace_printk("Hello, World!\\n"); return 0; }' });
b.trace_print();
