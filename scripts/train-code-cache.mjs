// Training run of the V8 code cache (scripts/build.mjs runs it after bundling): loads dist/load.cjs
// without a cache, runs what a typical start-up runs so V8 compiles those functions, and writes
// dist/bcc-ts.cjs.v8cache. Compiling is pure (no kernel); as root it also goes through the BPF
// class once (a tracepoint program is loaded, attached, read and closed: every object is fd-owned
// and closed before exit), so the runtime's start-up path is in the cache too.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const loader = require("../dist/load.cjs");
const { compiler, BPF } = loader.bundle;

const programs = [
  // BCC hello world styles: trace_printk, perf output, tracepoint args, maps and histograms.
  `int kprobe__sys_clone(void *ctx) { bpf_trace_printk("Hello, World!\\n"); return 0; }`,
  `struct data_t { u32 pid; u64 ts; char comm[TASK_COMM_LEN]; };
BPF_PERF_OUTPUT(events);
int hello(struct pt_regs *ctx) {
    struct data_t data = {};
    data.pid = bpf_get_current_pid_tgid() >> 32;
    data.ts = bpf_ktime_get_ns();
    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    events.perf_submit(ctx, &data, sizeof(data));
    return 0;
}`,
  `BPF_HASH(start, u32, u64);
BPF_HISTOGRAM(dist);
BPF_RINGBUF_OUTPUT(ring, 8);
TRACEPOINT_PROBE(sched, sched_switch) {
    u32 pid = args->next_pid;
    u64 ts = bpf_ktime_get_ns(), *tsp = start.lookup(&pid);
    if (tsp != 0) { dist.increment(bpf_log2l(ts - *tsp)); start.delete(&pid); }
    start.update(&pid, &ts);
    u64 *slot = ring.ringbuf_reserve(sizeof(u64));
    if (slot) { *slot = ts; ring.ringbuf_submit(slot, 0); }
    for (int i = 0; i < 4; i++) { if (i == pid) return 1; }
    return 0;
}`,
];
for (const text of programs) {
  for (const isa of ["v3", "v4"]) compiler.compile(text, { file: "train.c", backend: { isa } });
}

if (process.getuid?.() === 0) {
  try {
    const b = new BPF({
      text: `struct hello_t { u32 pid; };
BPF_PERF_OUTPUT(events);
int tracepoint__syscalls__sys_enter_getppid(void *args) {
    struct hello_t d = {};
    d.pid = bpf_get_current_pid_tgid() >> 32;
    events.perf_submit(args, &d, sizeof(d));
    return 0;
}`,
      log: () => {},
    });
    try {
      b["events"].open_perf_buffer(() => {});
      process.ppid; // a getppid() call: one event
      b.perf_buffer_poll(0);
    } finally {
      b.close();
    }
  } catch {
    // No BPF here (container, lockdown): the compiler part of the cache still helps.
  }
}
loader.writeCodeCache();
