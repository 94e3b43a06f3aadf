// input: 1
// input: 3
struct item { short id; int weight; };
int test(struct ctx *c) {
  struct item items[4] = {{1, 10}, {2, 20}, {3, 30}, {4, 40}};
  long long k = c->a[0] & 3;
  int total = 0;
  for (int i = 0; i < 4; i++) total += items[i].id * items[i].weight;
  c->a[1] = total;
  c->a[2] = items[k].weight;
  items[k].weight = 99;
  c->a[3] = items[0].weight + items[1].weight + items[2].weight + items[3].weight;
  return sizeof(items);
}
