/**
 * The BPF class on the real kernel, each case filtered to processes this test controls.
 */
import { spawn, spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { FdTracker, getpid, getppid } from "../sys/index.ts";
import { BPF } from "./index.ts";

const pid = getpid();

describeKernel("BPF class (real kernel)", () => {
  const tracker = new FdTracker();
  afterAll(() => tracker.assertNoLeaks());

  it("hello world: kprobe__sys_clone auto-attaches (syscall tracepoint fallback without kprobes) and trace_fields reads it", () => {
    const notices: string[] = [];
    using b = new BPF({
      text: 'int kprobe__sys_clone(void *ctx) { bpf_trace_printk("Hello, World! %d\\n", 7); return 0; }',
      fdTracker: tracker,
      log: (l) => notices.push(l),
    });
    expect(b.num_open_kprobes()).toBe(1);
    // sh forks a child for the first command: one clone from sh itself.
    const child = spawnSync("sh", ["-c", "/bin/true; /bin/true"]);
    expect(child.status).toBe(0);
    const seen: [string, number, string][] = [];
    for (let i = 0; i < 200; i++) {
      const [task, tpid, , , , msg] = b.trace_fields({ nonblocking: true });
      if (task === undefined) {
        if (seen.length > 0) break;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (msg === "Hello, World! 7") seen.push([task, tpid!, msg]);
    }
    expect(seen.length).toBeGreaterThanOrEqual(1);
    if (!b.attachments()[0]!.link.via.startsWith("pmu")) {
      expect(notices.join("\n")).toMatch(/no kprobes; kprobe on syscall clone \(kprobe__sys_clone\) attached to tracepoint syscalls:sys_enter_clone instead/);
    }
  });

  it("attach_kprobe on get_syscall_fnname('sync') with a timing hash (lesson 4)", async () => {
    const child = await pausedPython("import os; os.sync(); os.sync()");
    using b = new BPF({
      text: `
#include <uapi/linux/ptrace.h>
BPF_HASH(last);
BPF_HASH(deltas, u64, u64);
int do_trace(struct pt_regs *ctx) {
    u64 ts, *tsp, delta, key = 0;
    if ((bpf_get_current_pid_tgid() >> 32) != ${child.pid}) return 0;
    tsp = last.lookup(&key);
    if (tsp != NULL) {
        delta = bpf_ktime_get_ns() - *tsp;
        if (delta < 1000000000) {
            u64 one = 1;
            deltas.update(&delta, &one);
        }
        last.delete(&key);
    }
    ts = bpf_ktime_get_ns();
    last.update(&key, &ts);
    return 0;
}`,
      fdTracker: tracker,
      log: () => undefined,
    });
    b.attach_kprobe({ event: b.get_syscall_fnname("sync"), fn_name: "do_trace" });
    expect(b.num_open_kprobes()).toBe(1);
    expect(await child.go()).toBe(0);
    const last = b.get_table("last") as unknown as { items(): [bigint, bigint][] };
    const deltas = b.get_table("deltas") as unknown as { items(): [bigint, bigint][] };
    expect(last.items()).toHaveLength(1);
    expect(deltas.items()).toHaveLength(1);
    expect(deltas.items()[0]![0]).toBeGreaterThan(0n);
  });

  it("tracepoint with args-> fields (TRACEPOINT_PROBE)", () => {
    using b = new BPF({
      text: `
BPF_HASH(seen, u32, u64);
TRACEPOINT_PROBE(syscalls, sys_enter_getppid) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    if (pid != ${pid}) return 0;
    u64 nr = args->__syscall_nr;
    seen.update(&pid, &nr);
    return 0;
}`,
      fdTracker: tracker,
    });
    getppid();
    const seen = b.get_table("seen") as unknown as { items(): [number, bigint][] };
    expect(seen.items()).toEqual([[pid, 110n]]);
  });

  it("perf output of a struct with u64, s32, char[16] and a nested struct decodes exactly", () => {
    using b = new BPF({
      text: `
struct inner_t { u16 a; s8 b; };
struct data_t { u64 big; s32 neg; char comm[16]; struct inner_t in; u32 pid; };
BPF_PERF_OUTPUT(events);
TRACEPOINT_PROBE(syscalls, sys_enter_getppid) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    if (pid != ${pid}) return 0;
    struct data_t d = {};
    d.big = 0xfedcba9876543210ULL;
    d.neg = -12345;
    __builtin_memcpy(d.comm, "bcc-ts-event", 13);
    d.in.a = 65535;
    d.in.b = -3;
    d.pid = pid;
    events.perf_submit(args, &d, sizeof(d));
    return 0;
}`,
      fdTracker: tracker,
    });
    const events = b["events"] as unknown as { open_perf_buffer(cb: (cpu: number, data: Uint8Array, size: number) => void): void; event(d: Uint8Array): unknown };
    const got: unknown[] = [];
    events.open_perf_buffer((_cpu, data) => got.push(events.event(data)));
    getppid();
    getppid();
    for (let i = 0; i < 20 && got.length < 2; i++) b.perf_buffer_poll(100);
    expect(got).toEqual([
      { big: 0xfedcba9876543210n, neg: -12345, comm: "bcc-ts-event", in: { a: 65535, b: -3 }, pid },
      { big: 0xfedcba9876543210n, neg: -12345, comm: "bcc-ts-event", in: { a: 65535, b: -3 }, pid },
    ]);
  });

  it("ring buffer output decodes the same struct", () => {
    using b = new BPF({
      text: `
struct inner_t { u16 a; s8 b; };
struct data_t { u64 big; s32 neg; char comm[16]; struct inner_t in; u32 pid; };
BPF_RINGBUF_OUTPUT(ring, 8);
TRACEPOINT_PROBE(syscalls, sys_enter_getppid) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    if (pid != ${pid}) return 0;
    struct data_t d = {};
    d.big = 1ULL << 63;
    d.neg = -1;
    __builtin_memcpy(d.comm, "ring", 5);
    d.in.a = 7;
    d.in.b = 127;
    d.pid = pid;
    ring.ringbuf_output(&d, sizeof(d), 0);
    return 0;
}`,
      fdTracker: tracker,
    });
    const ring = b["ring"] as unknown as { open_ring_buffer(cb: (ctx: unknown, data: Uint8Array, size: number) => void): void; event(d: Uint8Array): unknown };
    const got: unknown[] = [];
    ring.open_ring_buffer((_ctx, data) => got.push(ring.event(data)));
    getppid();
    for (let i = 0; i < 20 && got.length < 1; i++) b.ring_buffer_poll(100);
    expect(got).toEqual([{ big: 1n << 63n, neg: -1, comm: "ring", in: { a: 7, b: 127 }, pid }]);
  });

  it("a log2 histogram prints byte for byte like BCC", () => {
    const out: string[] = [];
    using b = new BPF({
      text: `
BPF_HISTOGRAM(dist);
TRACEPOINT_PROBE(syscalls, sys_enter_getppid) {
    if ((bpf_get_current_pid_tgid() >> 32) != ${pid}) return 0;
    u64 v = bpf_get_prandom_u32() % 1;
    dist.increment(bpf_log2l(v + 1));
    dist.increment(bpf_log2l(v + 5));
    dist.increment(bpf_log2l(v + 100));
    return 0;
}`,
      fdTracker: tracker,
    });
    for (let i = 0; i < 3; i++) getppid();
    const dist = b.get_table("dist") as unknown as { print_log2_hist(t?: string, h?: string, f?: unknown, bucket_fn?: unknown, strip?: boolean, write?: (s: string) => void): void };
    const table = b.get_table("dist") as unknown as { options?: { write?: (s: string) => void } };
    void table;
    const write = process.stdout.write.bind(process.stdout);
    (process.stdout as unknown as { write: (s: string) => boolean }).write = (s: string) => (out.push(s), true);
    try {
      dist.print_log2_hist("usecs");
    } finally {
      (process.stdout as unknown as { write: typeof write }).write = write;
    }
    expect(out.join("")).toBe(
      [
        "     usecs               : count     distribution",
        // bpf_log2l(1) = 1, bpf_log2l(5) = 3, bpf_log2l(100) = 7; BCC prints slot i as 2^(i-1)..2^i-1
        // (slot 1 as "0 -> 1").
        "         0 -> 1          : 3        |****************************************|",
        "         2 -> 3          : 0        |                                        |",
        "         4 -> 7          : 3        |****************************************|",
        "         8 -> 15         : 0        |                                        |",
        "        16 -> 31         : 0        |                                        |",
        "        32 -> 63         : 0        |                                        |",
        "        64 -> 127        : 3        |****************************************|",
        "",
      ].join("\n"),
    );
  });

  it("uprobe and uretprobe on libc strlen count calls from a child process", async () => {
    // python's ctypes calls libc's strlen directly, exactly 50 times after the go signal.
    const child = await pausedPython("import ctypes; l = ctypes.CDLL('libc.so.6'); [l.strlen(b'abcdef') for _ in range(50)]");
    using b = new BPF({
      text: `
BPF_ARRAY(calls, u64, 2);
int count_entry(struct pt_regs *ctx) { int k = 0; calls.increment(k); return 0; }
int count_return(struct pt_regs *ctx) { int k = 1; calls.increment(k); return 0; }`,
      fdTracker: tracker,
    });
    b.attach_uprobe({ name: "c", sym: "strlen", fn_name: "count_entry", pid: child.pid });
    b.attach_uretprobe({ name: "c", sym: "strlen", fn_name: "count_return", pid: child.pid });
    expect(b.num_open_uprobes()).toBe(2);
    const calls = b.get_table("calls") as unknown as { get(k: number): bigint };
    const before = [calls.get(0), calls.get(1)];
    expect(await child.go()).toBe(0);
    // The interpreter itself calls strlen too (ctypes, bytes objects): at least our 50.
    expect(calls.get(0) - before[0]!).toBeGreaterThanOrEqual(50n);
    expect(calls.get(1) - before[1]!).toBe(calls.get(0) - before[0]!);
  });

  it("a stack trace is walked and symbolised", () => {
    using b = new BPF({
      text: `
BPF_STACK_TRACE(stacks, 128);
BPF_HASH(ids, u32, int);
TRACEPOINT_PROBE(syscalls, sys_enter_getppid) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    if (pid != ${pid}) return 0;
    int id = stacks.get_stackid(args, BPF_F_USER_STACK);
    ids.update(&pid, &id);
    return 0;
}`,
      fdTracker: tracker,
    });
    getppid();
    const ids = b.get_table("ids") as unknown as { items(): [number, number][] };
    const [[, id]] = ids.items() as [[number, number]];
    expect(id).toBeGreaterThanOrEqual(0);
    const stacks = b.get_table("stacks") as unknown as { walk(id: number): bigint[] };
    const addrs = stacks.walk(id);
    expect(addrs.length).toBeGreaterThan(0);
    const names = addrs.map((a) => b.sym(a, pid));
    // The innermost user frame is libc's getppid (or its syscall stub).
    expect(names.join(" ")).toMatch(/getppid|syscall/);
  });
  it("defines LINUX_VERSION_CODE for the running kernel, as BCC does", () => {
    using b = new BPF({
      text: `
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 0, 0) && LINUX_VERSION_CODE < KERNEL_VERSION(99, 0, 0)
int tracepoint__syscalls__sys_enter_getppid(void *ctx) { return 0; }
#else
int wrong_version(void *ctx) { return 0; }
#endif
`,
      fdTracker: tracker,
    });
    expect(b.spec.programs.map((p) => p.name)).toEqual(["tracepoint__syscalls__sys_enter_getppid"]);
  });
});

describe("BPF class without a kernel", () => {
  it("a compile error is one error listing the diagnostics with file:line:col", () => {
    let err: unknown;
    try {
      new BPF({ text: "int f(void *ctx) { return nope; }" });
    } catch (e) {
      err = e;
    }
    expect((err as Error).name).toBe("CompileError");
    expect((err as Error).message).toMatch(/<text>:1:27: error: .*nope/);
  });
});

/** A python3 child that prints its pid and runs `code` once told to go; go() resolves to its exit code. */
async function pausedPython(code: string): Promise<{ pid: number; go(): Promise<number | null> }> {
  const child = spawn("python3", ["-c", `import os, sys\nsys.stdout.write(str(os.getpid()) + "\\n"); sys.stdout.flush(); sys.stdin.readline()\n${code}\n`], { stdio: ["pipe", "pipe", "inherit"] });
  const pid = await new Promise<number>((resolve, reject) => {
    let buf = "";
    child.stdout.on("data", (d: Buffer) => {
      buf += d.toString();
      if (buf.includes("\n")) resolve(Number(buf.trim()));
    });
    child.on("error", reject);
  });
  return {
    pid,
    go: () =>
      new Promise((resolve) => {
        child.on("exit", (c) => resolve(c));
        child.stdin.end("go\n");
      }),
  };
}
