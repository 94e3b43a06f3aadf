/**
 * End-to-end checks of the front end in the real kernel: C compiled by `compile()`, loaded as a
 * BPF_PROG_TYPE_SYSCALL program (its ctx is a caller buffer the program reads and writes), run with
 * BPF_PROG_RUN. Covers maps (BCC-style methods and libbpf-style declarations), struct values,
 * bitfields, initializers, builtins, atomics, case ranges and goto, which the differential corpus
 * (no maps, no helpers) does not.
 */
import { afterAll, expect, it } from "vitest";
import { MAP_TYPE_IDS } from "../../src/spec/map-spec.ts";
import { type Fd, mapCreate, mapLookupElem, mapUpdateElem } from "../../src/sys/index.ts";
import { loadSyscall, runSyscall } from "../../test/compiler/diff/syscall-runner.ts";
import { describeKernel } from "../../test/harness/kernel.ts";
import { CompileContext, compile } from "../index.ts";

const PRELUDE = "struct ctx { long long a[8]; };\n";

function run(prog: Fd, input: bigint[]): { ret: number; out: bigint[] } {
  const buf = new Uint8Array(64);
  const dv = new DataView(buf.buffer);
  input.forEach((v, i) => dv.setBigInt64(i * 8, v, true));
  const ret = runSyscall(prog, buf);
  return { ret, out: Array.from({ length: 8 }, (_, i) => dv.getBigInt64(i * 8, true)) };
}

describeKernel("front end programs in the kernel", () => {
  const ctx = new CompileContext();
  const fds: Fd[] = [];
  afterAll(() => {
    for (const f of fds) f[Symbol.dispose]();
  });

  function build(src: string): { prog: Fd; maps: Map<string, Fd> } {
    const r = compile(PRELUDE + src, { file: "k.c", context: ctx });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ok).toBe(true);
    const maps = new Map<string, Fd>();
    for (const m of r.maps) {
      const fd = mapCreate({ mapType: MAP_TYPE_IDS[m.kind], keySize: m.keySize, valueSize: m.valueSize, maxEntries: m.maxEntries, mapFlags: m.flags, name: m.name });
      fds.push(fd);
      if (m.initialValue) mapUpdateElem(fd, new Uint8Array(4), m.initialValue);
      maps.set(m.name, fd);
    }
    const raw = new Map([...maps].map(([k, v]) => [k, v.peek()]));
    const prog = loadSyscall(r.programs[0]!, raw);
    fds.push(prog);
    return { prog, maps };
  }

  it("runs BCC-style and libbpf-style map code", () => {
    const { prog, maps } = build(`
BPF_HASH(counts, u32, u64, 64);
struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 4); __type(key, u32); __type(value, u64); } arr SEC(".maps");
int test(struct ctx *c) {
  u32 k = c->a[0];
  counts.increment(k);
  counts.increment(k, 5);
  u64 *v = counts.lookup(&k);
  c->a[1] = v ? *v : 999;
  u32 i = 2;
  u64 *slot = bpf_map_lookup_elem(&arr, &i);
  if (slot) {
    __sync_fetch_and_add(slot, c->a[0]);
    c->a[2] = *slot;
  }
  u32 missing = 77;
  c->a[3] = counts.lookup(&missing) == 0;
  u64 nv = 42;
  counts.update(&missing, &nv);
  c->a[4] = bpf_map_delete_elem(&counts, &missing);
  c->a[5] = bpf_map_delete_elem(&counts, &missing);
  return 7;
}`);
    const first = run(prog, [3n]);
    expect(first.ret).toBe(7);
    expect(first.out.slice(0, 6)).toEqual([3n, 6n, 3n, 1n, 0n, -2n]);
    const second = run(prog, [3n]);
    expect(second.out.slice(1, 3)).toEqual([12n, 6n]);
    const key = new Uint8Array([3, 0, 0, 0]);
    const value = new Uint8Array(8);
    expect(mapLookupElem(maps.get("counts")!, key, value)).toBe(true);
    expect(new DataView(value.buffer).getBigUint64(0, true)).toBe(12n);
  });

  it("runs struct values, bitfields, initializers, builtins, atomics, case ranges and goto", () => {
    const { prog } = build(`
struct pt { short x, y; };
struct rec { u8 tag : 3; u8 flag : 1; u16 v; struct pt p; char name[8]; };
static struct pt mk(short x, short y) { struct pt r = { .y = y, .x = x }; return r; }
static int classify(int ch) {
  switch (ch) {
  case '0' ... '9': return 1;
  case 'a': case 'b': return 2;
  default: return 3;
  }
}
int test(struct ctx *c) {
  struct rec r = { .tag = 5, .v = 300, .name = "hey" };
  r.flag = 1;
  r.tag += 3;
  r.p = mk(c->a[0], -2);
  struct rec copy = r;
  c->a[1] = copy.tag * 100 + copy.flag * 10 + copy.p.y;
  c->a[2] = copy.p.x;
  c->a[3] = __builtin_memcmp(copy.name, "hey", 4) == 0;
  char buf[16];
  __builtin_memset(buf, 'z', sizeof(buf));
  __builtin_memcpy(buf, copy.name, 3);
  c->a[4] = buf[0] + buf[3];
  c->a[5] = classify('7') * 100 + classify('b') * 10 + classify('!');
  int x = 10;
  int old = __sync_val_compare_and_swap(&x, 10, 20);
  c->a[6] = old * 100 + x;
  int n = 0;
again:
  n++;
  if (n < 5) goto again;
  c->a[7] = n + sizeof(struct rec);
  return r.v;
}`);
    const r = run(prog, [3n]);
    expect(r.ret).toBe(300);
    expect(r.out).toEqual([3n, 8n, 3n, 1n, 226n, 123n, 1020n, 21n]);
  });

  it("reserves, fills and submits ring buffer records; reads through probe_read", () => {
    const { prog } = build(`
struct event { u32 kind; u32 len; char text[16]; };
BPF_RINGBUF_OUTPUT(rb, 1);
int test(struct ctx *c) {
  struct event *e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
  if (!e)
    return 1;
  e->kind = c->a[0];
  long n = bpf_probe_read_kernel_str(e->text, sizeof(e->text), "kernel!");
  e->len = n;
  c->a[1] = n;
  c->a[2] = ({ int t = e->kind; t * 2; });
  bpf_ringbuf_submit(e, 0);
  c->a[3] = bpf_ringbuf_query(&rb, 0) > 0;
  return 0;
}`);
    const r = run(prog, [5n]);
    expect(r.ret).toBe(0);
    // probe_read_kernel_str counts the NUL; the statement expression yields 2 * kind; BPF_RB_AVAIL_DATA (0) > 0.
    expect(r.out.slice(0, 4)).toEqual([5n, 8n, 10n, 1n]);
  });

  it("keeps global variables in .bss/.data/.rodata maps", () => {
    const { prog, maps } = build(`
u64 calls;
int step = 3;
const volatile int scale = 10;
const char tag[] = "ab";
struct pair { int a, b; } origin = { .b = 7 };
int test(struct ctx *c) {
  calls++;
  step += 1;
  c->a[1] = calls;
  c->a[2] = step * scale + tag[1];
  c->a[3] = origin.b;
  origin.a = c->a[0];
  c->a[4] = origin.a;
  return 0;
}`);
    const r1 = run(prog, [9n]);
    expect(r1.out.slice(1, 5)).toEqual([1n, 4n * 10n + 98n, 7n, 9n]);
    const r2 = run(prog, [9n]);
    expect(r2.out.slice(1, 3)).toEqual([2n, 5n * 10n + 98n]);
    const value = new Uint8Array(8);
    expect(mapLookupElem(maps.get(".bss")!, new Uint8Array(4), value)).toBe(true);
    expect(new DataView(value.buffer).getBigUint64(0, true)).toBe(2n);
  });

  it("unrolls #pragma unroll counted loops with break/continue and wrapping counters", () => {
    const src = `
int test(struct ctx *c) {
  long long s = 0;
#pragma unroll
  for (int i = 0; i < 8; i++) {
    if (i == 2) continue;
    if (i == c->a[0]) break;
    int sq = i * i;
    s += sq;
  }
  long long t = 0;
#pragma unroll
  for (unsigned char j = 250; j != 2; j += 2) t += j;
  c->a[1] = s;
  c->a[2] = t;
  return 0;
}`;
    const { prog } = build(src);
    expect(run(prog, [5n]).out.slice(1, 3)).toEqual([26n, 756n]);
    expect(run(prog, [100n]).out.slice(1, 3)).toEqual([136n, 756n]);
  });

  it("converts between integer types exactly like C", () => {
    const { prog } = build(`
int test(struct ctx *c) {
  long long v = c->a[0];
  signed char sc = v;
  unsigned char uc = v;
  short s = v;
  unsigned u = v;
  c->a[1] = sc;
  c->a[2] = uc;
  c->a[3] = s;
  c->a[4] = u;
  c->a[5] = (int)u >> 4;
  c->a[6] = u >> 4;
  c->a[7] = (v < 0u) + (sc < 0) * 10 + ((unsigned char)sc > 200) * 100;
  return sc;
}`);
    const r = run(prog, [-300n]);
    // -300 = 0x...fed4: (s8) 0xd4 = -44, (u8) 212, (s16) -300, (u32) 4294966996
    // a[7]: v < 0u compares as long long (1), sc < 0 (10), (unsigned char)sc = 212 > 200 (100).
    expect(r.out).toEqual([-300n, -44n, 212n, -300n, 4294966996n, -19n, 268435437n, 111n]);
    expect(r.ret).toBe((-44 >>> 0));
  });
});
