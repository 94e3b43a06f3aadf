// input: 4 5
struct inner { int a; short b; };
struct outer { char tag; struct inner in; struct inner arr[2]; long long tail; };
int test(struct ctx *c) {
  struct outer o = {};
  o.tag = 1;
  o.in.a = c->a[0];
  o.in.b = c->a[1];
  o.arr[1] = o.in;
  o.arr[0].a = o.arr[1].a * 2;
  o.tail = o.arr[0].a + o.arr[1].b;
  c->a[2] = o.tail;
  c->a[3] = sizeof(o);
  c->a[4] = __builtin_offsetof(struct outer, arr[1].b);
  return o.arr[0].a;
}
