/* A cut-down BCC-style prelude for tests: table macros, printk wrapper, helpers. */
#ifndef TEST_PRELUDE_H
#define TEST_PRELUDE_H
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
#define SEC(NAME) __attribute__((section(NAME), used))
#define BPF_F_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries, _flags) \
struct _name##_table_t { \
  _key_type key; \
  _leaf_type leaf; \
  _leaf_type * (*lookup) (_key_type *); \
  _leaf_type * (*lookup_or_try_init) (_key_type *, _leaf_type *); \
  int (*update) (_key_type *, _leaf_type *); \
  int (*delete) (_key_type *); \
  void (*increment) (_key_type, ...); \
  u32 max_entries; \
  int flags; \
}; \
__attribute__((section("maps/" _table_type))) \
struct _name##_table_t _name = { .flags = (_flags), .max_entries = (_max_entries) }
#define BPF_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries) \
  BPF_F_TABLE(_table_type, _key_type, _leaf_type, _name, _max_entries, 0)
#define BPF_HASH1(_name) BPF_TABLE("hash", u64, u64, _name, 10240)
#define BPF_HASH2(_name, _key_type) BPF_TABLE("hash", _key_type, u64, _name, 10240)
#define BPF_HASH3(_name, _key_type, _leaf_type) BPF_TABLE("hash", _key_type, _leaf_type, _name, 10240)
#define BPF_HASH4(_name, _key_type, _leaf_type, _size) BPF_TABLE("hash", _key_type, _leaf_type, _name, _size)
#define BPF_HASHX(_1, _2, _3, _4, NAME, ...) NAME
#define BPF_HASH(...) BPF_HASHX(__VA_ARGS__, BPF_HASH4, BPF_HASH3, BPF_HASH2, BPF_HASH1)(__VA_ARGS__)
#define BPF_HISTOGRAM1(_name) BPF_TABLE("histogram", int, u64, _name, 64)
#define BPF_HISTOGRAM2(_name, _key_type) BPF_TABLE("histogram", _key_type, u64, _name, 64)
#define BPF_HISTOGRAMX(_1, _2, NAME, ...) NAME
#define BPF_HISTOGRAM(...) BPF_HISTOGRAMX(__VA_ARGS__, BPF_HISTOGRAM2, BPF_HISTOGRAM1)(__VA_ARGS__)
#define BPF_PERF_OUTPUT(_name) \
struct _name##_table_type { \
  int key; \
  u32 leaf; \
  int (*perf_submit) (void *, void *, u32); \
  u32 max_entries; \
}; \
__attribute__((section("maps/perf_output"))) \
struct _name##_table_type _name = { .max_entries = 0 }
#define bpf_trace_printk(fmt, ...) \
  ({ char _fmt[] = fmt; bpf_trace_printk_(_fmt, sizeof(_fmt), ##__VA_ARGS__); })
#define TRACEPOINT_PROBE(category, event) \
int tracepoint__##category##__##event(struct tracepoint__##category##__##event *args)
#define KERNEL_VERSION(a,b,c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define READ_ONCE(x) (*(volatile typeof(x) *)&(x))
#define offsetof(TYPE, MEMBER) ((unsigned long)&((TYPE *)0)->MEMBER)
#define container_of(ptr, type, member) ({ const typeof(((type *)0)->member) *__mptr = (ptr); (type *)((char *)__mptr - offsetof(type, member)); })
#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))
#endif
