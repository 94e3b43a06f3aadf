static int f0(int x) { return x + 1; }
static int f1(int x) { if (x) return f0(x) + f0(x + 1); return 0; }
static int f2(int x) { if (x) return f1(x) + f1(x + 1); return 0; }
static int f3(int x) { if (x) return f2(x) + f2(x + 1); return 0; }
static int f4(int x) { if (x) return f3(x) + f3(x + 1); return 0; }
static int f5(int x) { if (x) return f4(x) + f4(x + 1); return 0; }
static int f6(int x) { if (x) return f5(x) + f5(x + 1); return 0; }
static int f7(int x) { if (x) return f6(x) + f6(x + 1); return 0; }
static int f8(int x) { if (x) return f7(x) + f7(x + 1); return 0; }
static int f9(int x) { if (x) return f8(x) + f8(x + 1); return 0; }
static int f10(int x) { if (x) return f9(x) + f9(x + 1); return 0; }
static int f11(int x) { if (x) return f10(x) + f10(x + 1); return 0; }
static int f12(int x) { if (x) return f11(x) + f11(x + 1); return 0; }
static int f13(int x) { if (x) return f12(x) + f12(x + 1); return 0; }
static int f14(int x) { if (x) return f13(x) + f13(x + 1); return 0; }
int prog(void *ctx) { return f14(1); }
// expect: 6:38 lower/program-too-large
