// input: 11
struct view { long long *p; int n; };
int test(struct ctx *c) {
  long long data[3] = {c->a[0], 2, 3};
  struct view v = {data, 3};
  long long s = 0;
  for (int i = 0; i < 3; i++) s += v.p[i];
  v.p[1] = 20;
  c->a[1] = s;
  c->a[2] = data[1];
  return v.n;
}
