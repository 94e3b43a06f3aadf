/**
 * The BCC dialect's semantics, by running programs on the real kernel and reading their maps:
 * map macros with their default types and sizes, map methods, implicit probe reads through kernel
 * pointers, probe arguments, and the syscall-tracepoint ABI for kprobe functions. Every program
 * filters on this process's tgid (other tracing may run on the machine).
 */
import { afterAll, describe, expect, it } from "vitest";
import { describeKernel } from "../../harness/kernel.ts";
import { loadKernelBtf } from "../../../src/btf/kernel.ts";
import { Tracefs } from "../../../src/tracefs/index.ts";
import { type Fd, FdTracker, getpid, getppid, mapLookupElem } from "../../../src/sys/index.ts";
import { createMap } from "../../../src/maps/index.ts";
import { loadProgram } from "../../../src/programs/index.ts";
import { attachTracepoint } from "../../../src/attach/index.ts";
import { BPF } from "../../../src/bpf/index.ts";
import { BtfExternalTypes, KernelTypes } from "../../../frontend-c/kernel-types/index.ts";
import { compile } from "../../../frontend-c/index.ts";

const pid = getpid();

type Items = { items(): [unknown, unknown][] };
const items = (b: BPF, name: string): Map<unknown, unknown> => new Map((b.get_table(name) as unknown as Items).items());

describeKernel("BCC dialect semantics (real kernel)", () => {
  const tracker = new FdTracker();
  afterAll(() => tracker.assertNoLeaks());

  it("hash/array/lru/histogram/queue macros and lookup, update, insert, delete, increment, lookup_or_try_init, push/pop", () => {
    using b = new BPF({
      text: `
struct v_t { u32 a; u32 b; };
BPF_HASH(h1);
BPF_HASH(h2, u32, struct v_t, 16);
BPF_ARRAY(arr, u32, 4);
BPF_TABLE("lru_hash", u32, u64, lru, 8);
BPF_HISTOGRAM(hist);
BPF_QUEUE(q, u32, 4);
TRACEPOINT_PROBE(syscalls, sys_enter_getppid) {
    if ((bpf_get_current_pid_tgid() >> 32) != ${pid}) return 0;
    u64 k = 7, v = 42;
    h1.update(&k, &v);
    h1.increment(k, 5);
    u64 k2 = 8;
    h1.insert(&k2, &v);
    h1.insert(&k2, &k);          /* exists: not replaced */
    u64 k3 = 9;
    h1.update(&k3, &v);
    h1.delete(&k3);
    u32 key = 3;
    struct v_t init = { .a = 1, .b = 2 };
    struct v_t *p = h2.lookup_or_try_init(&key, &init);
    if (p) p->b += 10;
    arr.increment(2);
    arr.atomic_increment(2, 3);
    u64 *missing = h1.lookup(&k3);
    if (!missing) arr.increment(1);
    hist.increment(bpf_log2l(1000));
    lru.update(&key, &v);
    u32 in = 77, out = 0;
    q.push(&in, 0);
    if (q.pop(&out) == 0) { u32 slot = 0; arr.update(&slot, &out); }
    return 0;
}`,
      fdTracker: tracker,
    });
    getppid();
    expect(items(b, "h1")).toEqual(new Map([[7n, 47n], [8n, 42n]]));
    expect(items(b, "h2")).toEqual(new Map([[3, { a: 1, b: 12 }]]));
    expect([...items(b, "arr")].sort()).toEqual([[0, 77], [1, 1], [2, 4], [3, 0]]);
    expect(items(b, "lru")).toEqual(new Map([[3, 42n]]));
    // bpf_log2l(1000) = floor(log2(1000)) + 1 = 10; BCC's histogram with an int key is an array of 64.
    const hist = items(b, "hist");
    expect(hist.size).toBe(64);
    expect(hist.get(10)).toBe(1n);
    expect([...hist.values()].reduce((x, y) => (x as bigint) + (y as bigint), 0n)).toBe(1n);
    const specs = new Map(b.spec.maps.map((m) => [m.name, m]));
    expect(specs.get("h1")).toMatchObject({ kind: "hash", keySize: 8, valueSize: 8, maxEntries: 10240 });
    expect(specs.get("arr")).toMatchObject({ kind: "array", keySize: 4, valueSize: 4, maxEntries: 4 });
    expect(specs.get("hist")).toMatchObject({ kind: "array", keySize: 4, valueSize: 8, maxEntries: 64 });
    expect(specs.get("lru")).toMatchObject({ kind: "lru_hash", maxEntries: 8 });
    expect(specs.get("q")).toMatchObject({ kind: "queue", keySize: 0, valueSize: 4, maxEntries: 4 });
  });

  it("per-CPU maps, stack/peek, lookup_or_init, LPM tries, and ring buffer reserve/submit", () => {
    using b = new BPF({
      text: `
struct ev { u32 pid; u64 tag; };
struct lpm_key { u32 prefixlen; u32 addr; };
BPF_PERCPU_ARRAY(pc, u64, 2);
BPF_PERCPU_HASH(ph, u32, u32);
BPF_STACK(st, u32, 8);
BPF_HASH(li, u32, u64);
BPF_LPM_TRIE(trie, struct lpm_key, u32, 16);
BPF_HASH(out, u32, u64);
BPF_RINGBUF_OUTPUT(rb, 1);
TRACEPOINT_PROBE(syscalls, sys_enter_getppid) {
    u32 tgid = bpf_get_current_pid_tgid() >> 32;
    if (tgid != ${pid}) return 0;
    pc.increment(1, 7);
    u32 hk = 5;
    ph.increment(hk);
    u32 a = 1, b2 = 2, top = 0;
    st.push(&a, 0);
    st.push(&b2, 0);
    u32 k = 0; u64 v;
    if (st.peek(&top) == 0) { v = top; out.update(&k, &v); }
    u64 zero = 0;
    u64 *p = li.lookup_or_init(&hk, &zero);
    *p += 3;
    struct lpm_key net = { 24, 0x0001a8c0 };       /* 192.168.1.0/24 */
    u32 label = 42;
    trie.update(&net, &label);
    struct lpm_key host = { 32, 0x0501a8c0 };      /* 192.168.1.5 */
    u32 *hit = trie.lookup(&host);
    k = 1; v = hit ? *hit : 0; out.update(&k, &v);
    struct ev *e = rb.ringbuf_reserve(sizeof(struct ev));
    if (!e) return 0;
    e->pid = tgid;
    e->tag = 0xabcdef;
    rb.ringbuf_submit(e, 0);
    return 0;
}`,
      fdTracker: tracker,
    });
    const rb = b["rb"] as unknown as { open_ring_buffer(cb: (ctx: unknown, data: Uint8Array, size: number) => void): void; event(d: Uint8Array): unknown };
    const got: unknown[] = [];
    rb.open_ring_buffer((_c, data) => got.push(rb.event(data)));
    getppid();
    for (let i = 0; i < 20 && got.length < 1; i++) b.ring_buffer_poll(100);
    expect(got).toEqual([{ pid, tag: 0xabcdefn }]);
    expect((b.get_table("pc") as unknown as { sum(k: number): bigint }).sum(1)).toBe(7n);
    expect(BigInt((b.get_table("ph") as unknown as { sum(k: number): bigint | number }).sum(5))).toBe(1n);
    expect(items(b, "out")).toEqual(new Map([[0, 2n], [1, 42n]]));
    expect(items(b, "li")).toEqual(new Map([[5, 3n]]));
    const st = b.get_table("st") as unknown as { pop(): unknown };
    expect([st.pop(), st.pop(), st.pop()]).toEqual([2, 1, undefined]);
  });

  it("BPF_PROG_ARRAY .call() tail-calls into another program and does not return", () => {
    using b = new BPF({
      text: `
BPF_PROG_ARRAY(progs, 4);
BPF_HASH(out, u32, u64);
int tail_target(void *ctx) {
    u32 k = 1; u64 v = 11; out.update(&k, &v);
    return 0;
}
TRACEPOINT_PROBE(syscalls, sys_enter_getppid) {
    if ((bpf_get_current_pid_tgid() >> 32) != ${pid}) return 0;
    progs.call(args, 2);
    u32 k = 2; u64 v = 22; out.update(&k, &v);  /* only reached when the slot is empty */
    return 0;
}`,
      fdTracker: tracker,
    });
    getppid();
    expect(items(b, "out")).toEqual(new Map([[2, 22n]]));
    const fn = b.load_func("tail_target", "tracepoint");
    (b.get_table("progs") as unknown as { set(k: number, v: number): void }).set(2, fn.fd);
    (b.get_table("out") as unknown as { clear(): void }).clear();
    getppid();
    expect(items(b, "out")).toEqual(new Map([[1, 11n]]));
  });

  it("implicit probe reads: task->real_parent->tgid, a char array element, flags through a local pointer", () => {
    using b = new BPF({
      text: `
BPF_HASH(out, u32, u64);
TRACEPOINT_PROBE(syscalls, sys_enter_getppid) {
    u32 tgid = bpf_get_current_pid_tgid() >> 32;
    if (tgid != ${pid}) return 0;
    struct task_struct *t = (struct task_struct *)bpf_get_current_task();
    u32 k = 0;
    u64 v = t->real_parent->tgid;
    out.update(&k, &v);
    k = 1; v = t->tgid; out.update(&k, &v);
    char comm[16] = {};
    bpf_get_current_comm(&comm, sizeof(comm));
    k = 2; v = t->comm[0] == comm[0] && t->comm[1] == comm[1]; out.update(&k, &v);
    struct task_struct *parent = t->real_parent;
    k = 3; v = (parent->flags & PF_KTHREAD) != 0; out.update(&k, &v);
    k = 4; v = (u64)&t->tgid - (u64)t; out.update(&k, &v);
    return 0;
}`,
      fdTracker: tracker,
    });
    getppid();
    const out = items(b, "out");
    expect(out.get(0)).toBe(BigInt(getppid()));
    expect(out.get(1)).toBe(BigInt(pid));
    expect(out.get(2)).toBe(1n);
    expect(out.get(3)).toBe(0n);
    // &t->tgid stays address arithmetic: the member's offset, nothing read.
    const btf = new BtfExternalTypes(loadKernelBtf());
    const task = btf.lookupStruct("task_struct", false) as { rec: { fields: { name?: string; offset: number }[] } };
    expect(out.get(4)).toBe(BigInt(task.rec.fields.find((f) => f.name === "tgid")!.offset));
  });

  describe("kprobe functions compiled for syscall tracepoints (syscallTracepointAbi)", () => {
    const types = new KernelTypes({ btf: new BtfExternalTypes(loadKernelBtf()), tracefs: Tracefs.open() });

    function runOn(src: string, fn: string, abi: "enter" | "exit", event: string, trigger: () => void): Map<number, bigint> {
      const r = compile(src, { file: "abi.c", externalTypes: types, syscallTracepointAbi: { [fn]: abi } });
      expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const maps = new Map<string, Fd>();
      try {
        for (const m of r.maps) maps.set(m.name, createMap(m, { tracker }));
        using prog = loadProgram(r.programs.find((p) => p.name === fn)!, { kind: "tracepoint", maps, tracker, sourceText: () => src }).fd;
        using _link = attachTracepoint(prog, "syscalls", event, { tracefs: Tracefs.open(), tracker, useLink: true });
        trigger();
        const got = new Map<number, bigint>();
        for (let k = 0; k < 4; k++) {
          const key = new Uint8Array(4);
          new DataView(key.buffer).setUint32(0, k, true);
          const v = new Uint8Array(8);
          if (mapLookupElem(maps.get("out")!, key, v)) got.set(k, new DataView(v.buffer).getBigUint64(0, true));
        }
        return got;
      } finally {
        for (const fd of maps.values()) fd.close();
      }
    }

    it("syscall__kill's named arguments and PT_REGS_PARMn / ctx->si read the sys_enter record", () => {
      const src = `
BPF_HASH(out, u32, u64);
int syscall__kill(struct pt_regs *ctx, int target, int sig) {
    if ((bpf_get_current_pid_tgid() >> 32) != ${pid}) return 0;
    u32 k = 0; u64 v = target; out.update(&k, &v);
    k = 1; v = sig; out.update(&k, &v);
    k = 2; v = PT_REGS_PARM1(ctx); out.update(&k, &v);
    k = 3; v = ctx->si + 100; out.update(&k, &v);
    return 0;
}`;
      const got = runOn(src, "syscall__kill", "enter", "sys_enter_kill", () => process.kill(pid, 0));
      expect(got).toEqual(new Map([[0, BigInt(pid)], [1, 0n], [2, BigInt(pid)], [3, 100n]]));
    });

    it("PT_REGS_RC reads the sys_exit record's return value", () => {
      const src = `
BPF_HASH(out, u32, u64);
int kretprobe__sys_kill(struct pt_regs *ctx) {
    if ((bpf_get_current_pid_tgid() >> 32) != ${pid}) return 0;
    u32 k = 0; u64 v = (u64)PT_REGS_RC(ctx); out.update(&k, &v);
    return 0;
}`;
      const got = runOn(src, "kretprobe__sys_kill", "exit", "sys_exit_kill", () => {
        // A pid that cannot exist: kill fails with ESRCH (3).
        expect(() => process.kill(0x3ffffff0, 0)).toThrow();
      });
      expect(got.get(0)).toBe(BigInt.asUintN(64, -3n));
    });
  });
});
