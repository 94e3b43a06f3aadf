// Event-throughput anchor, libbpf style: a 40-byte record per getppid() entry of one process
// (its tgid is written to cfg[0] by the consumer), through a perf buffer and through a ring buffer.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct event_t {
  __u64 ts;
  __u32 pid;
  __u32 tid;
  __u64 seq;
  char comm[16];
};

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 1);
  __type(key, __u32);
  __type(value, __u32);
} cfg SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
  __uint(key_size, sizeof(__u32));
  __uint(value_size, sizeof(__u32));
} events SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_RINGBUF);
  __uint(max_entries, 256 * 1024);
} ring SEC(".maps");

static __always_inline int fill(struct event_t *e) {
  __u32 zero = 0;
  __u32 *target = bpf_map_lookup_elem(&cfg, &zero);
  __u64 id = bpf_get_current_pid_tgid();
  if (!target || (__u32)(id >> 32) != *target) return 0;
  e->ts = bpf_ktime_get_ns();
  e->pid = id >> 32;
  e->tid = (__u32)id;
  e->seq = id ^ e->ts;
  bpf_get_current_comm(e->comm, sizeof(e->comm));
  return 1;
}

SEC("tracepoint/syscalls/sys_enter_getppid")
int tput_perf(void *ctx) {
  struct event_t e = {};
  if (fill(&e)) bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &e, sizeof(e));
  return 0;
}

SEC("tracepoint/syscalls/sys_enter_getppid")
int tput_ring(void *ctx) {
  struct event_t e = {};
  if (fill(&e)) bpf_ringbuf_output(&ring, &e, sizeof(e), 0);
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
