struct ctx { long long a[(0xf707ba11)]; ;
int test(struct ctx *c) {
  int r = 0;
  }
  return r;
