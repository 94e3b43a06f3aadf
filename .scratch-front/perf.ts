import { compile, CompileContext } from "../frontend-c/index.ts";
const src = `
struct key_t { u32 pid; u32 tgid; char comm[16]; };
BPF_HASH(counts, struct key_t, u64, 10240);
BPF_ARRAY(totals, u64, 4);
static inline int is_interesting(const char *comm) {
  return comm[0] == 'b' && comm[1] == 'a' && comm[2] == 's' && comm[3] == 'h';
}
static __always_inline u64 bucket(u64 v) {
  u64 b = 0;
  for (int i = 0; i < 16; i++) {
    if (v <= 1) break;
    v >>= 1;
    b++;
  }
  return b;
}
int __attribute__((section("tracepoint/syscalls/sys_enter_openat"))) on_open(void *ctx) {
  struct key_t key = {};
  u64 id = bpf_get_current_pid_tgid();
  key.pid = id;
  key.tgid = id >> 32;
  bpf_get_current_comm(&key.comm, sizeof(key.comm));
  if (!is_interesting(key.comm))
    return 0;
  u64 zero = 0, *val = bpf_map_lookup_elem(&counts, &key);
  if (!val) {
    bpf_map_update_elem(&counts, &key, &zero, BPF_NOEXIST);
    val = bpf_map_lookup_elem(&counts, &key);
    if (!val)
      return 0;
  }
  __sync_fetch_and_add(val, 1);
  u32 idx = bucket(bpf_ktime_get_ns()) & 3;
  u64 *t = bpf_map_lookup_elem(&totals, &idx);
  if (t)
    *t += 1;
  switch (key.comm[4]) {
  case 0: bpf_trace_printk("bash %d\\n", key.pid); break;
  case '-': bpf_trace_printk("bash- %d\\n", key.pid); break;
  default: break;
  }
  return 0;
}
`;
const ctx = new CompileContext();
for (let i = 0; i < 50; i++) compile(src, { context: ctx });
const N = 200;
const t0 = performance.now();
for (let i = 0; i < N; i++) compile(src, { context: ctx });
const r = compile(src, { context: ctx });
console.log("lines", src.split("\n").length, "ms/compile", (performance.now() - t0) / N, r.ok, r.diagnostics.map(d => d.message));
