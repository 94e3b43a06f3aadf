/**
 * The BPF class on a kernel with kprobes and fentry (the qemu guest of `npm run test:kernels`):
 * the real kprobe paths, not the syscall-tracepoint fallback.
 */
import { afterAll, expect, it } from "vitest";
import { describeFeature } from "../../test/harness/kernel.ts";
import { FeatureCache } from "../features/index.ts";
import { FdTracker, getpid, getppid } from "../sys/index.ts";
import { BPF } from "./index.ts";

const features = new FeatureCache({ tracefs: "/sys/kernel/tracing" });
const pid = getpid();

describeFeature("BPF class: kprobes for real (kprobe-capable kernel)", "kprobes", () => features.has("kprobe_pmu"), () => {
  const tracker = new FdTracker();
  afterAll(() => tracker.assertNoLeaks());

  it("kprobe__ auto-attach on the syscall function uses the kprobe PMU, not the tracepoint fallback", () => {
    const notices: string[] = [];
    using b = new BPF({
      text: `
BPF_ARRAY(hits, u64, 1);
int kprobe____x64_sys_getppid(void *ctx) {
    if ((bpf_get_current_pid_tgid() >> 32) != ${pid}) return 0;
    int k = 0;
    hits.increment(k);
    return 0;
}`,
      fdTracker: tracker,
      log: (l) => notices.push(l),
    });
    const [a] = b.attachments();
    expect(a?.link.kind).toBe("kprobe");
    expect(a?.link.via).toBe("pmu");
    expect(notices).toEqual([]);
    for (let i = 0; i < 9; i++) getppid();
    const hits = b.get_table("hits") as unknown as { get(k: number): bigint };
    expect(hits.get(0)).toBe(9n);
  });

  it("attach_kretprobe reads the return value with PT_REGS_RC", () => {
    using b = new BPF({
      text: `
BPF_HASH(rets, u32, u64);
int on_ret(struct pt_regs *ctx) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    if (pid != ${pid}) return 0;
    u64 rc = PT_REGS_RC(ctx);
    rets.update(&pid, &rc);
    return 0;
}`,
      fdTracker: tracker,
    });
    b.attach_kretprobe({ event: b.get_syscall_fnname("getppid"), fn_name: "on_ret" });
    expect(b.attachments()[0]?.link.via).toBe("pmu");
    getppid();
    const rets = b.get_table("rets") as unknown as { items(): [number, bigint][] };
    expect(rets.items()).toEqual([[pid, BigInt(process.ppid)]]);
  });

  it("event_re attaches to every matching kernel function", () => {
    using b = new BPF({ text: "int f(void *ctx) { return 0; }", fdTracker: tracker });
    b.attach_kprobe({ event_re: "^__x64_sys_getpp?id$", fn_name: "f" });
    expect(b.num_open_kprobes()).toBe(2);
    b.detach_kprobe({ event: "__x64_sys_getpid" });
    expect(b.num_open_kprobes()).toBe(1);
  });

  it("implicit kernel-pointer reads give correct values on this kernel's struct layout", () => {
    using b = new BPF({
      text: `
#include <linux/sched.h>
BPF_HASH(info, u32, u64);
int kprobe____x64_sys_getppid(struct pt_regs *ctx) {
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    if (pid != ${pid}) return 0;
    struct task_struct *t = (struct task_struct *)bpf_get_current_task();
    u64 ppid = t->real_parent->tgid;
    info.update(&pid, &ppid);
    return 0;
}`,
      fdTracker: tracker,
    });
    getppid();
    const info = b.get_table("info") as unknown as { items(): [number, bigint][] };
    expect(info.items()).toEqual([[pid, BigInt(process.ppid)]]);
  });
});

describeFeature("BPF class: fentry/fexit (kernel with BPF trampolines)", "fentry", () => features.has("fentry"), () => {
  it("KFUNC_PROBE on __do_sys_getppid counts exactly", () => {
    using b = new BPF({
      text: `
BPF_ARRAY(hits, u64, 1);
KFUNC_PROBE(__do_sys_getppid) {
    if ((bpf_get_current_pid_tgid() >> 32) != ${pid}) return 0;
    int k = 0;
    hits.increment(k);
    return 0;
}`,
    });
    expect(b.attachments()[0]?.link.kind).toBe("fentry");
    for (let i = 0; i < 4; i++) getppid();
    const hits = b.get_table("hits") as unknown as { get(k: number): bigint };
    expect(hits.get(0)).toBe(4n);
  });
});
