// In-kernel cost benchmark program, libbpf style (twin of fixtures/cost.c).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct key_t {
  __u32 pid;
  __u32 slot;
};

struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 10240); __type(key, struct key_t); __type(value, __u64); } counts SEC(".maps");
struct { __uint(type, BPF_MAP_TYPE_HASH); __uint(max_entries, 64); __type(key, int); __type(value, __u64); } dist SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_getppid")
int cost(void *args) {
  __u64 id = bpf_get_current_pid_tgid();
  struct key_t k = {};
  k.pid = id >> 32;
  k.slot = (__u32)id & 7;
  __u64 *v = bpf_map_lookup_elem(&counts, &k);
  if (v) {
    __sync_fetch_and_add(v, 1);
  } else {
    __u64 one = 1;
    bpf_map_update_elem(&counts, &k, &one, BPF_ANY);
  }
  __u64 x = bpf_ktime_get_ns() & 0xfffff;
  int r = 0;
  for (int i = 16; i > 0; i >>= 1) {
    if (x >> i) { x >>= i; r += i; }
  }
  // BCC's increment(): add 1, or insert 1 when the slot is new.
  __u64 *c = bpf_map_lookup_elem(&dist, &r);
  if (c) {
    __sync_fetch_and_add(c, 1);
  } else {
    __u64 one = 1;
    bpf_map_update_elem(&dist, &r, &one, BPF_NOEXIST);
  }
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
