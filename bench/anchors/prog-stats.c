// Code-size and in-kernel-cost anchor: loads every program of a clang-built object with verifier
// log level 1 (no attach) and prints, per program, "name insn_cnt verified_insns processed", where
// insn_cnt counts instruction slots after libbpf's relocation (ld_imm64 is 2), verified_insns comes
// from bpf_prog_info and processed is the verifier log's "processed N insns".
//   prog-stats OBJ                 report and exit
//   prog-stats OBJ attach PROG     also print PROG's "id ID", then obey stdin lines on/off/done
//                                  (attach/detach/exit), answering each with "ok"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

static char logbuf[16 << 20];

static int silent(enum libbpf_print_level level, const char *fmt, va_list args) {
  if (level == LIBBPF_WARN) return vfprintf(stderr, fmt, args);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: prog-stats OBJ [attach PROG]\n"); return 2; }
  libbpf_set_print(silent);
  struct bpf_object *obj = bpf_object__open_file(argv[1], NULL);
  if (!obj) { perror("open"); return 1; }
  struct bpf_program *p;
  int n = 0;
  // One shared log buffer is fine: programs are loaded (and their logs written) one after another,
  // but we need each log after load, so give each program its own slice.
  bpf_object__for_each_program(p, obj) n++;
  size_t slice = n ? sizeof(logbuf) / n : sizeof(logbuf);
  int i = 0;
  bpf_object__for_each_program(p, obj) {
    bpf_program__set_log_level(p, 1);
    bpf_program__set_log_buf(p, logbuf + slice * i, slice);
    i++;
  }
  if (bpf_object__load(obj)) { perror("load"); return 1; }
  i = 0;
  bpf_object__for_each_program(p, obj) {
    const char *log = logbuf + slice * i++;
    const char *m = strstr(log, "processed ");
    long processed = m ? strtol(m + 10, NULL, 10) : -1;
    struct bpf_prog_info info;
    __u32 len = sizeof(info);
    memset(&info, 0, sizeof(info));
    bpf_obj_get_info_by_fd(bpf_program__fd(p), &info, &len);
    printf("%s %zu %u %ld\n", bpf_program__name(p), bpf_program__insn_cnt(p), info.verified_insns, processed);
  }
  if (argc >= 4 && strcmp(argv[2], "attach") == 0) {
    // Attach on request, so the caller can interleave runs of this program with its own.
    struct bpf_program *prog = bpf_object__find_program_by_name(obj, argv[3]);
    if (!prog) { fprintf(stderr, "no program %s\n", argv[3]); return 1; }
    struct bpf_prog_info info;
    __u32 len = sizeof(info);
    memset(&info, 0, sizeof(info));
    bpf_obj_get_info_by_fd(bpf_program__fd(prog), &info, &len);
    printf("id %u\n", info.id);
    fflush(stdout);
    struct bpf_link *link = NULL;
    char line[64];
    while (fgets(line, sizeof(line), stdin)) {
      if (strncmp(line, "on", 2) == 0 && !link) {
        link = bpf_program__attach(prog);
        if (!link) { perror("attach"); return 1; }
      } else if (strncmp(line, "off", 3) == 0 && link) {
        bpf_link__destroy(link);
        link = NULL;
      } else if (strncmp(line, "done", 4) == 0) {
        break;
      }
      printf("ok\n");
      fflush(stdout);
    }
    if (link) bpf_link__destroy(link);
  }
  fflush(stdout);
  bpf_object__close(obj);
  return 0;
}
