import { it, expect } from "vitest";
import { BPF } from "../src/bpf/index.ts";
import { getppid, getpid } from "../src/sys/index.ts";
it("bpf class smoke", () => {
  const pid = getpid();
  const b = new BPF({ text: `
BPF_HASH(counts, u32, u64);
BPF_PERF_OUTPUT(events);
struct data_t { u32 pid; u64 ts; char comm[16]; };
int tracepoint__syscalls__sys_enter_getppid(void *ctx) {
  u32 pid = bpf_get_current_pid_tgid() >> 32;
  if (pid != ${pid}) return 0;
  u32 key = 1;
  counts.increment(key);
  struct data_t d = {};
  d.pid = pid; d.ts = bpf_ktime_get_ns();
  bpf_get_current_comm(&d.comm, sizeof(d.comm));
  events.perf_submit(ctx, &d, sizeof(d));
  bpf_trace_printk("hi %d\\n", pid);
  return 0;
}` });
  const got: unknown[] = [];
  (b["events"] as any).open_perf_buffer((cpu: number, data: Uint8Array) => got.push(data.length));
  for (let i = 0; i < 3; i++) getppid();
  b.perf_buffer_poll(100);
  console.log([...(b["counts"] as any).items()], got, b.trace_fields({nonblocking: true}));
  b.close();
});
