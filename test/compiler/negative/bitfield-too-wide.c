struct flags {
  unsigned int a : 33;
};
int prog(void *ctx) {
  return 0;
}
