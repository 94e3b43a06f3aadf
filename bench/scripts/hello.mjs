// Start-up benchmark script: the tracepoint hello world, run by `node` (the built dist/, reached
// through the package's own name) and by `bcc-ts run` (the QuickJS sandbox). Prints "hit" at the
// first perf record and exits.
import { BPF } from "bcc-ts";

const b = new BPF({
  text: `
struct hello_t { u32 pid; };
BPF_PERF_OUTPUT(events);
// BCC's TRACEPOINT_PROBE(syscalls, sys_enter_getppid) expands to this auto-attached function.
int tracepoint__syscalls__sys_enter_getppid(void *args) {
    struct hello_t d = {};
    d.pid = bpf_get_current_pid_tgid() >> 32;
    events.perf_submit(args, &d, sizeof(d));
    return 0;
}`,
});
let hits = 0;
b["events"].open_perf_buffer(() => hits++);
while (hits === 0) b.perf_buffer_poll(100);
console.log("hit");
b.close();
process.exit(0);
