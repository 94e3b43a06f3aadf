// trace_fields.js — port of BCC's examples/tracing/trace_fields.py: trace_print with a field format.
// needs: kprobes (falls back to syscall tracepoints)
import { BPF } from "bcc-ts";
import { isInterrupt } from "./lib/runtime.js";

const prog = `
int hello(void *ctx) {
  bpf_trace_printk("Hello, World!\\n");
  return 0;
}
`;
const b = new BPF({ text: prog });
b.attach_kprobe({ event: b.get_syscall_fnname("clone"), fn_name: "hello" });
console.log("PID MESSAGE");
try {
  b.trace_print({ fmt: "{1} {5}" });
} catch (e) {
  if (!isInterrupt(e)) throw e;
}
