int prog(void *ctx) {
  char big[400];
  char more[200];
  big[0] = 1;
  more[0] = 2;
  return big[0] + more[0];
}
// expect: 1:5 sema/stack-overflow "'big' (400 bytes)"
