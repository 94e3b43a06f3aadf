/* Soak driver: waits for a line on stdin, then calls getppid() N times (argv[1]) and exits.
 * syscall(2) directly so no libc caching can skip the kernel entry the tracepoint sees. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000;
  char line[16];
  if (!fgets(line, sizeof line, stdin)) return 1;
  for (long i = 0; i < n; i++) syscall(SYS_getppid);
  return 0;
}
