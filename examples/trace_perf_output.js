// trace_perf_output.js — port of BCC's examples/tracing/trace_perf_output.py: a perf buffer fed by
// clone(), with a kernel-side counter to compare against on exit.
// needs: kprobes (falls back to syscall tracepoints)
import { BPF } from "bcc-ts";
import { printf } from "./lib/fmt.js";
import { pollLoop } from "./lib/runtime.js";

let counter = 0;
const cb = (cpu, data, size) => {
  if (size < 16) throw new Error("short perf record");
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const ts = dv.getBigUint64(0, true);
  const magic = dv.getBigUint64(8, true);
  printf("[%0d] %f: %x", cpu, Number(ts) / 1000000, magic);
  counter += 1;
};

const prog = `
BPF_PERF_OUTPUT(events);
BPF_ARRAY(counters, u64, 10);
int do_sys_clone(void *ctx) {
  struct {
    u64 ts;
    u64 magic;
  } data = {bpf_ktime_get_ns(), 0x12345678};
  int rc;
  if ((rc = events.perf_submit(ctx, &data, sizeof(data))) < 0)
    bpf_trace_printk("perf_output failed: %d\\n", rc);
  int zero = 0;
  u64 *val = counters.lookup(&zero);
  if (val) lock_xadd(val, 1);
  return 0;
}
`;
const b = new BPF({ text: prog });
const event_name = b.get_syscall_fnname("clone");
b.attach_kprobe({ event: event_name, fn_name: "do_sys_clone" });
b["events"].open_perf_buffer(cb);

console.log("Tracing " + event_name + ", try `dd if=/dev/zero of=/dev/null`");
console.log("Tracing... Hit Ctrl-C to end.");
// BCC prints the counters from an atexit hook
pollLoop(b, { onExit: () => printf("counter = %d vs %d", counter, b["counters"].get(0)) });
