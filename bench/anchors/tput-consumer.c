// Event-throughput anchor, the libbpf C consumer:
//   tput-consumer OBJ perf PAGES WAKEUP   (WAKEUP 0: wake at a quarter-full ring, as bcc-ts does)
//   tput-consumer OBJ ring
// Protocol on stdin/stdout (driven by bench/sections/throughput.mjs): prints "ready" once attached,
// reads "PID SECONDS", arms the filter, prints "armed", consumes for SECONDS plus 1 s (the driver may start late on a busy machine) and
// prints "received LOST".
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

static unsigned long long received, lost;

struct event_t { unsigned long long ts; unsigned pid, tid; unsigned long long seq; char comm[16]; };

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

// Touch the record the way a consumer would (a field read), so the C side is not doing less work
// than reading the data.
static volatile unsigned long long sink;

static enum bpf_perf_event_ret on_perf(void *ctx, int cpu, struct perf_event_header *h) {
  (void)ctx; (void)cpu;
  if (h->type == PERF_RECORD_SAMPLE) {
    // header, u32 size, then the raw bytes.
    const struct event_t *e = (const void *)((const char *)h + sizeof(*h) + sizeof(__u32));
    sink += e->seq;
    received++;
  } else if (h->type == PERF_RECORD_LOST) {
    lost += ((const __u64 *)((const char *)h + sizeof(*h)))[1];
  }
  return LIBBPF_PERF_EVENT_CONT;
}

static int on_ring(void *ctx, void *data, size_t size) {
  (void)ctx; (void)size;
  sink += ((const struct event_t *)data)->seq;
  received++;
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3) { fprintf(stderr, "usage: tput-consumer OBJ perf PAGES WAKEUP | OBJ ring\n"); return 2; }
  int ring_mode = strcmp(argv[2], "ring") == 0;
  struct bpf_object *obj = bpf_object__open_file(argv[1], NULL);
  if (!obj) { perror("open"); return 1; }
  // Only the program for the chosen output is loaded.
  bpf_program__set_autoload(bpf_object__find_program_by_name(obj, ring_mode ? "tput_perf" : "tput_ring"), false);
  if (bpf_object__load(obj)) { perror("load"); return 1; }
  struct bpf_link *link = bpf_program__attach(bpf_object__find_program_by_name(obj, ring_mode ? "tput_ring" : "tput_perf"));
  if (!link) { perror("attach"); return 1; }
  struct perf_buffer *pb = NULL;
  struct ring_buffer *rb = NULL;
  if (ring_mode) {
    rb = ring_buffer__new(bpf_object__find_map_fd_by_name(obj, "ring"), on_ring, NULL, NULL);
    if (!rb) { perror("ring_buffer__new"); return 1; }
  } else {
    int pages = argc > 3 ? atoi(argv[3]) : 64;
    int wakeup = argc > 4 ? atoi(argv[4]) : 0;
    struct perf_event_attr attr;
    memset(&attr, 0, sizeof(attr));
    attr.type = PERF_TYPE_SOFTWARE;
    attr.config = PERF_COUNT_SW_BPF_OUTPUT;
    attr.sample_type = PERF_SAMPLE_RAW;
    attr.sample_period = 1;
    if (wakeup > 0) {
      attr.wakeup_events = wakeup;
    } else {
      attr.watermark = 1;
      attr.wakeup_watermark = pages * 4096 / 4;
    }
    pb = perf_buffer__new_raw(bpf_object__find_map_fd_by_name(obj, "events"), pages, &attr, on_perf, NULL, NULL);
    if (!pb) { perror("perf_buffer__new_raw"); return 1; }
  }
  printf("ready\n");
  fflush(stdout);
  unsigned pid;
  double seconds;
  if (scanf("%u %lf", &pid, &seconds) != 2) { fprintf(stderr, "bad command\n"); return 2; }
  __u32 zero = 0;
  bpf_map_update_elem(bpf_object__find_map_fd_by_name(obj, "cfg"), &zero, &pid, BPF_ANY);
  printf("armed\n");
  fflush(stdout);
  // Poll with a 10 ms timeout (bcc-ts's flush interval), so batched wakeups cannot strand records.
  double end = now_s() + seconds + 1.0;
  while (now_s() < end) {
    int r = ring_mode ? ring_buffer__poll(rb, 10) : perf_buffer__poll(pb, 10);
    if (r < 0 && r != -EINTR) { fprintf(stderr, "poll: %d\n", r); return 1; }
  }
  if (ring_mode) ring_buffer__consume(rb); else perf_buffer__consume(pb);
  printf("%llu %llu\n", received, lost);
  fflush(stdout);
  return 0;
}
