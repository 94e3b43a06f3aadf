// Load generator for the benchmarks: calls getppid() either every N microseconds until killed
// (`driver interval US`), or, once a line arrives on stdin, as fast as it can for a number of seconds and then prints how many calls
// it made (`driver flood SECONDS`). Pin it with taskset so it does not share a CPU with the consumer.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: driver interval US | driver flood SECONDS\n");
    return 2;
  }
  if (strcmp(argv[1], "interval") == 0) {
    long us = atol(argv[2]);
    struct timespec ts = { 0, us * 1000 };
    // syscall() rather than getppid(): the libc wrapper must never be served from a cache.
    for (;;) {
      syscall(SYS_getppid);
      nanosleep(&ts, NULL);
    }
  }
  double seconds = atof(argv[2]);
  // Flood mode starts on a line from stdin, so the consumer can first arm its filter with our pid.
  char go[16];
  if (!fgets(go, sizeof(go), stdin)) return 2;
  double end = now_s() + seconds;
  unsigned long long calls = 0;
  // Check the clock every 1024 calls so the loop is dominated by the syscall itself.
  while (now_s() < end) {
    for (int i = 0; i < 1024; i++) syscall(SYS_getppid);
    calls += 1024;
  }
  printf("%llu\n", calls);
  return 0;
}
