// The tracepoint hello world for the start-up anchor, libbpf style: one perf-output record per
// getppid() entry (the same work bcc-ts's and bpftrace's versions do).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
  __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
  __uint(key_size, sizeof(__u32));
  __uint(value_size, sizeof(__u32));
} events SEC(".maps");

struct hello_t {
  __u32 pid;
};

SEC("tracepoint/syscalls/sys_enter_getppid")
int hello(void *ctx) {
  struct hello_t d = { .pid = bpf_get_current_pid_tgid() >> 32 };
  bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &d, sizeof(d));
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
