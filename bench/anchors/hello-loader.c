// Start-up anchor: a minimal libbpf loader (no skeleton) that opens hello.bpf.o, loads and
// attaches it, prints "hit" at the first perf record and exits. argv[1] is the object file.
#include <stdio.h>
#include <stdlib.h>
#include <bpf/libbpf.h>

static volatile int hits;

static void on_sample(void *ctx, int cpu, void *data, __u32 size) {
  (void)ctx; (void)cpu; (void)data; (void)size;
  hits++;
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: hello-loader OBJ\n"); return 2; }
  struct bpf_object *obj = bpf_object__open_file(argv[1], NULL);
  if (!obj) { perror("open"); return 1; }
  if (bpf_object__load(obj)) { perror("load"); return 1; }
  struct bpf_program *prog = bpf_object__find_program_by_name(obj, "hello");
  struct bpf_link *link = bpf_program__attach(prog);
  if (!link) { perror("attach"); return 1; }
  int map_fd = bpf_object__find_map_fd_by_name(obj, "events");
  // BCC's page count (8) and libbpf's per-record wakeup: the latency-friendly settings.
  struct perf_buffer *pb = perf_buffer__new(map_fd, 8, on_sample, NULL, NULL, NULL);
  if (!pb) { perror("perf_buffer__new"); return 1; }
  while (hits == 0) perf_buffer__poll(pb, 100);
  printf("hit\n");
  fflush(stdout);
  perf_buffer__free(pb);
  bpf_link__destroy(link);
  bpf_object__close(obj);
  return 0;
}
