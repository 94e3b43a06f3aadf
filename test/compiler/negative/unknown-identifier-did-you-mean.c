int prog(void *ctx) {
  int counter = 0;
  return countr;
}
