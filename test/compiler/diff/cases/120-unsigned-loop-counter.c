// input: 300
int test(struct ctx *c) {
  unsigned char i = 0;
  int iters = 0;
  unsigned short total = 0;
  do {
    total += i;
    i += 37;
    iters++;
  } while (i != 0 && iters < 300);
  c->a[1] = total;
  c->a[2] = i;
  return iters;
}
