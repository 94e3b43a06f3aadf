/**
 * The BCC dialect without a kernel: map macros and their defaults, BPF_TABLE forms, probe naming →
 * sections, KFUNC/RAW_TRACEPOINT macros, event types of perf/ringbuf maps, implicit probe reads
 * (counted as helper calls), probe arguments, the syscall-tracepoint ABI and diagnostics.
 */
import { describe, expect, it } from "vitest";
import { CompileContext, compile } from "../index.ts";
import type { Instruction } from "../../src/isa/instruction.ts";
import { T } from "./types.ts";
import { runBpf } from "../emit/bpf-interpreter.ts";
import { Memory } from "../ir/interpret.ts";

const ctx = new CompileContext();
const PROBE_READ_KERNEL = 113;
const CALL = 0x85;

function ok(src: string, opts: Parameters<typeof compile>[1] = {}) {
  const r = compile(src, { file: "t.c", context: ctx, ...opts });
  expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.span.line}:${d.span.col} ${d.message}`)).toEqual([]);
  return r;
}

const run = (r: ReturnType<typeof compile>): bigint => runBpf(r.programs[0]!.instructions, 0n, new Memory());
const calls = (insns: Instruction[], id: number): number => insns.filter((i) => i.code === CALL && i.src === 0 && i.imm === id).length;

describe("BCC map macros", () => {
  it("apply BCC's defaults and argument orders", () => {
    const r = ok(`
struct k_t { u32 a; u64 b; };
BPF_HASH(h1);
BPF_HASH(h2, struct k_t);
BPF_HASH(h3, u32, unsigned long, 7);
BPF_HASH(h4, struct k_t *, int);
BPF_ARRAY(a1);
BPF_ARRAY(a2, struct k_t, 3);
BPF_PERCPU_ARRAY(pa, u32, 2);
BPF_PERCPU_HASH(ph, u32);
BPF_LRU_HASH(lh, u32, u32, 5);
BPF_HISTOGRAM(hi);
BPF_HISTOGRAM(hi2, u64, 16);
BPF_TABLE("lru_percpu_hash", u32, u64, t1, 9);
BPF_F_TABLE("hash", u32, u64, t2, 11, BPF_F_NO_PREALLOC);
BPF_TABLE_PUBLIC("array", int, u64, t3, 2);
BPF_STACK_TRACE(st, 1000);
BPF_PERF_OUTPUT(ev);
BPF_RINGBUF_OUTPUT(rb, 4);
BPF_PROG_ARRAY(pr, 8);
BPF_QUEUE(q, u64, 16);
BPF_STACK(s, u32, 4);
BPF_LPM_TRIE(lpm, struct k_t, u32, 12);
int f(void *ctx) { return 0; }`);
    const m = Object.fromEntries(r.maps.map((x) => [x.name, [x.kind, x.keySize, x.valueSize, x.maxEntries, x.flags]]));
    expect(m).toEqual({
      h1: ["hash", 8, 8, 10240, 0],
      h2: ["hash", 16, 8, 10240, 0],
      h3: ["hash", 4, 8, 7, 0],
      h4: ["hash", 8, 4, 10240, 0],
      a1: ["array", 4, 8, 10240, 0],
      a2: ["array", 4, 16, 3, 0],
      pa: ["percpu_array", 4, 4, 2, 0],
      ph: ["percpu_hash", 4, 8, 10240, 0],
      lh: ["lru_hash", 4, 4, 5, 0],
      hi: ["array", 4, 8, 64, 0],
      hi2: ["hash", 8, 8, 16, 0],
      t1: ["lru_percpu_hash", 4, 8, 9, 0],
      t2: ["hash", 4, 8, 11, 1],
      t3: ["array", 4, 8, 2, 0],
      st: ["stack_trace", 4, 127 * 8, 1024, 0],
      ev: ["perf_event_array", 4, 4, 0, 0],
      rb: ["ringbuf", 0, 0, 4 * 4096, 0],
      pr: ["prog_array", 4, 4, 8, 0],
      q: ["queue", 0, 8, 16, 0],
      s: ["stack", 0, 4, 4, 0],
      lpm: ["lpm_trie", 16, 4, 12, 1],
    });
  });

  it("records the submitted struct as the event type and warns when another type is submitted", () => {
    const r = compile(`
struct a_t { u64 x; char name[16]; };
struct b_t { u32 y; };
BPF_PERF_OUTPUT(events);
BPF_RINGBUF_OUTPUT(rb, 1);
int f(struct pt_regs *ctx) {
  struct a_t a = {}; struct b_t b = {};
  events.perf_submit(ctx, &a, sizeof(a));
  events.perf_submit(ctx, &b, sizeof(b));
  struct b_t *p = rb.ringbuf_reserve(sizeof(struct b_t));
  if (!p) return 0;
  p->y = 1;
  rb.ringbuf_submit(p, 0);
  return 0;
}`, { file: "t.c", context: ctx });
    expect(r.ok).toBe(true);
    const ev = r.maps.find((m) => m.name === "events")!.eventType;
    expect(ev).toMatchObject({ kind: "struct", name: "a_t", size: 24 });
    expect(r.maps.find((m) => m.name === "rb")!.eventType).toMatchObject({ kind: "struct", name: "b_t" });
    expect(r.diagnostics.map((d) => d.message).join("\n")).toMatch(/'events' already receives struct a_t records/);
  });
});

describe("ring buffer records", () => {
  it("take the event type from the pointer a reservation is assigned to", () => {
    const r = ok(`struct ev { u32 pid; char comm[16]; };
BPF_RINGBUF_OUTPUT(rb, 1);
int f(void *ctx) {
  struct ev *e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
  if (!e) return 0;
  e->pid = 1;
  bpf_ringbuf_submit(e, 0);
  return 0;
}`);
    expect(r.maps[0]!.eventType).toMatchObject({ kind: "struct", name: "ev", size: 20 });
  });
});

describe("probe conventions", () => {
  it("gives programs sections from BCC's probe names and macros", () => {
    const r = ok(`
int kprobe__vfs_read(struct pt_regs *ctx) { return 0; }
int kretprobe__vfs_read(struct pt_regs *ctx) { return PT_REGS_RC(ctx); }
RAW_TRACEPOINT_PROBE(sched_switch) { return ctx->args[1] != 0; }
KFUNC_PROBE(do_unlinkat, int dfd, struct filename *name) { return dfd; }
KRETFUNC_PROBE(do_unlinkat, int dfd, struct filename *name, long ret) { return ret; }
int plain(struct pt_regs *ctx) { return 0; }`);
    expect(Object.fromEntries(r.programs.map((p) => [p.name, p.section]))).toEqual({
      kprobe__vfs_read: "kprobe/vfs_read",
      kretprobe__vfs_read: "kretprobe/vfs_read",
      raw_tracepoint__sched_switch: "raw_tp/sched_switch",
      kfunc__vmlinux__do_unlinkat: "fentry/do_unlinkat",
      kretfunc__vmlinux__do_unlinkat: "fexit/do_unlinkat",
      plain: "",
    });
  });

  it("reads kprobe arguments from registers, syscall wrappers from the inner pt_regs", () => {
    const r = ok(`
int kprobe__tcp_connect(struct pt_regs *ctx, void *sk, int flags) { return flags + (sk != 0); }
int syscall__openat(struct pt_regs *ctx, int dfd, const char *name) { return dfd; }`);
    const direct = r.programs.find((p) => p.name === "kprobe__tcp_connect")!.instructions;
    // flags is the second argument: pt_regs->si at offset 104, loaded straight from ctx.
    expect(direct.some((i) => (i.code & 0x07) === 0x01 && i.off === 104)).toBe(true);
    expect(calls(direct, PROBE_READ_KERNEL)).toBe(0);
    const wrapped = r.programs.find((p) => p.name === "syscall__openat")!.instructions;
    // One bpf_probe_read_kernel per named argument, from the user registers PARM1 points to.
    expect(calls(wrapped, PROBE_READ_KERNEL)).toBe(2);
  });

  it("syscallTracepointAbi retargets pt_regs reads to the syscall tracepoint record", () => {
    const src = `int kprobe__sys_kill(struct pt_regs *ctx) { return PT_REGS_PARM2(ctx) + ctx->di; }`;
    const enter = ok(src, { syscallTracepointAbi: { kprobe__sys_kill: "enter" } }).programs[0]!.instructions;
    const offs = enter.filter((i) => (i.code & 0x07) === 0x01).map((i) => i.off).sort();
    expect(offs).toEqual([16, 24]);
    const r = compile(`int kretprobe__sys_kill(struct pt_regs *ctx) { return ctx->bx; }`, { file: "t.c", context: ctx, syscallTracepointAbi: { kretprobe__sys_kill: "exit" } });
    expect(r.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/pt_regs member 'bx' has no equivalent/)]);
  });
});

describe("implicit probe reads", () => {
  const S = `struct node { int v; unsigned flag : 3; struct node *next; char name[8]; };
BPF_HASH(m, u32, struct node);`;

  it("reads through kernel pointers with bpf_probe_read_kernel, once per memory read", () => {
    const r = ok(`${S}
int f(struct pt_regs *ctx) {
  struct node *n = (struct node *)PT_REGS_PARM1(ctx);
  struct node *nx = n->next;          /* 1 */
  int a = nx->next->v;                /* 2 */
  int b = n->flag;                    /* 1: the bitfield's storage unit */
  char c = n->name[2];                /* 1 */
  struct node *addr = (struct node *)&n->next->name; /* 1: n->next; the address is arithmetic */
  return a + b + c + (addr != 0) + (nx != 0);
}`);
    expect(calls(r.programs[0]!.instructions, PROBE_READ_KERNEL)).toBe(6);
  });

  it("leaves context, map values and stack direct", () => {
    const r = ok(`${S}
int f(struct pt_regs *ctx) {
  u32 k = 0;
  struct node local = {};
  struct node *p = m.lookup(&k);
  if (!p) return 0;
  struct node *q = &local;
  return p->v + q->v + (int)ctx->si;
}`);
    expect(calls(r.programs[0]!.instructions, PROBE_READ_KERNEL)).toBe(0);
  });
});

describe("pointer spaces across inlined helpers and the context", () => {
  it("a helper's pointer parameter is read directly when every caller passes stack or map memory", () => {
    const r = ok(`struct s { int a; int b; };
static int sum(struct s *p) { return p->a + p->b; }
int f(void *ctx) { struct s x = { 1, 2 }; return sum(&x); }`);
    expect(calls(r.programs[0]!.instructions, PROBE_READ_KERNEL)).toBe(0);
  });

  it("and probe-read when some caller passes a kernel pointer", () => {
    const r = ok(`struct s { int a; int b; };
static int sum(struct s *p) { return p->a + p->b; }
int f(struct pt_regs *ctx) { struct s x = { 1, 2 }; return sum(&x) + sum((struct s *)PT_REGS_PARM1(ctx)); }`);
    // Inlined twice, two reads each: 4 (direct callers pay for the shared body: BCC-compatible and safe).
    expect(calls(r.programs[0]!.instructions, PROBE_READ_KERNEL)).toBe(4);
  });

  it("context memory at a variable index is probe-read (the verifier allows only constant ctx offsets)", () => {
    const r = ok(`struct tp { unsigned long long pad; char buf[8]; };
static int has_w(char *s) { for (int i = 0; i < 8; i++) if (s[i] == 'W') return 1; return 0; }
int tracepoint__x__y(struct tp *args) { return has_w(args->buf) + args->buf[1]; }`);
    const n = calls(r.programs[0]!.instructions, PROBE_READ_KERNEL);
    expect(n).toBeGreaterThanOrEqual(1);
  });
});

describe("kernel types next to the program's own names", () => {
  // A stand-in for kernel BTF: a typedef named like a variable, a struct the program also defines,
  // and a 1-byte enum.
  const kernelKey = { kind: "record" as const, rec: { union: false, tag: "key", complete: true, fields: [], size: 64, align: 8, span: { file: "btf", line: 1, col: 1, endLine: 1, endCol: 1 } } };
  const ext = {
    lookupStruct: (n: string) => (n === "key" ? kernelKey : undefined),
    lookupTypedef: (n: string) => (n === "code" ? T.int : undefined),
    lookupEnumConst: () => undefined,
    lookupEnum: (n: string) => (n === "small" ? T.uchar : undefined),
  };

  it("a variable shadows a kernel typedef of the same name", () => {
    const r = ok(`int f(void *ctx) { int code = 3; return (code) * 2; }`, { externalTypes: ext });
    expect(run(r)).toBe(6n);
  });

  it("the program's struct wins even where it is used before its definition", () => {
    const r = ok(`struct val { struct key *k; };
struct key { int a; };
int f(void *ctx) { struct key k = { 1 }; struct val v = { &k }; struct key *p = v.k; return sizeof(struct key) + (p == &k); }`, { externalTypes: ext });
    expect(run(r)).toBe(5n);
  });

  it("kernel enums keep their size", () => {
    const r = ok(`int f(void *ctx) { return sizeof(enum small); }`, { externalTypes: ext });
    expect(run(r)).toBe(1n);
  });
});

describe("dialect diagnostics", () => {
  it("suggests the member a misspelling meant", () => {
    const r = compile(`struct task { int pid; };
int f(struct pt_regs *ctx) {
  struct task *t = (struct task *)PT_REGS_PARM1(ctx);
  return t->pidd;
}`, { file: "t.c", context: ctx });
    const d = r.diagnostics.find((x) => x.severity === "error")!;
    expect(d.message).toBe("struct task has no member 'pidd' (did you mean 'pid'?)");
    expect([d.span.line, d.span.col]).toEqual([4, 13]);
  });

  it("reports unknown BCC table types and map methods", () => {
    const r = compile(`BPF_TABLE("hashy", u32, u64, t, 4);
BPF_HASH(h, u32, u64);
int f(void *ctx) { u32 k = 0; h.lookupp(&k); return 0; }`, { file: "t.c", context: ctx });
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'unknown BCC table type "hashy"',
      "map 'h' has no method 'lookupp'; did you mean 'lookup'?",
    ]);
  });
});
