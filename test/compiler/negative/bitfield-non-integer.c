struct flags {
  int *p : 3;
};
int prog(void *ctx) {
  return 0;
}
