int prog(void *ctx) {
  return do_thing(1);
}
