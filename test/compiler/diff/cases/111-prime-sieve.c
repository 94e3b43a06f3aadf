int test(struct ctx *c) {
  unsigned char composite[64] = {};
  int count = 0;
  long long sum = 0;
  for (int i = 2; i < 64; i++) {
    if (composite[i]) continue;
    count++;
    sum += i;
    for (int j = i * i; j < 64; j += i) composite[j] = 1;
  }
  c->a[0] = count;
  c->a[1] = sum;
  return count;
}
