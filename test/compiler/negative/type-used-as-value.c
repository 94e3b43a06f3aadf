typedef int myint;
int prog(void *ctx) {
  return myint + 1;
}
