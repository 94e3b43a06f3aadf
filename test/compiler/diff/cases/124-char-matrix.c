int test(struct ctx *c) {
  char names[3][6] = {"ab", "cde", "fghij"};
  int total = 0;
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 6; j++) {
      if (names[i][j] == 0) break;
      total += names[i][j] - 'a' + 1;
    }
  c->a[0] = total;
  c->a[1] = names[2][4];
  return total;
}
