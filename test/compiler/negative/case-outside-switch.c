int prog(void *ctx) {
  case 1:
  return 0;
}
