// input: 1
int test(struct ctx *c) {
  long long x = c->a[0];
  long long r = 0;
  {
    long long x = 10;
    r += x;
    {
      int x = 100;
      r += x;
    }
  }
  for (int x = 0; x < 3; x++) r += x;
  r += x;
  c->a[1] = r;
  return (int)r;
}
