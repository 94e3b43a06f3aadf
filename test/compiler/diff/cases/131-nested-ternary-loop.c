// input: 0
int test(struct ctx *c) {
  int fizz = 0, buzz = 0, fb = 0, other = 0;
  for (int i = 1; i <= 30; i++) {
    int k = i % 15 == 0 ? 3 : i % 5 == 0 ? 2 : i % 3 == 0 ? 1 : 0;
    fizz += k == 1;
    buzz += k == 2;
    fb += k == 3;
    other += k == 0;
  }
  c->a[0] = fizz * 1000 + buzz * 100 + fb * 10;
  c->a[1] = other;
  return fizz + buzz + fb;
}
