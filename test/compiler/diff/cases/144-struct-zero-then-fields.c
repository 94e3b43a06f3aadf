// input: 3
struct ev { unsigned int pid; char comm[6]; unsigned char flags; unsigned long long ts; };
int test(struct ctx *c) {
  struct ev e;
  __builtin_memset(&e, 0, sizeof(e));
  e.pid = c->a[0];
  e.comm[0] = 'x';
  e.flags = 3;
  e.ts = 1000;
  unsigned long long words[3];
  __builtin_memcpy(words, &e, sizeof(words));
  c->a[1] = words[0];
  c->a[2] = words[1];
  c->a[3] = words[2];
  c->a[4] = sizeof(e);
  return e.pid;
}
