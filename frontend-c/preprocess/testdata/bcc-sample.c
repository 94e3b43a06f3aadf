#include <uapi/linux/ptrace.h>
#include <linux/sched.h>
#include <linux/blkdev.h>
#include "bcc-prelude.h"

#define MAX_SLOTS 26
#ifndef NUMCPUS
#define NUMCPUS 1
#endif

struct data_t {
    u32 pid;
    u64 ts;
    char comm[16];
};

BPF_HASH(start, u32);
BPF_HASH(counts, u32, u64, 1024);
BPF_HISTOGRAM(dist);
BPF_PERF_OUTPUT(events);

// probe number 0: measure something
int trace_0(struct pt_regs *ctx, struct request *req)
{
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    u64 ts = bpf_ktime_get_ns(), *tsp, delta;
    struct data_t data = {};
    if (unlikely(pid == 0))
        return 0;
    tsp = start.lookup(&pid);
    if (tsp == 0) {
        bpf_trace_printk("missed start %d\n", pid);
        return 0;
    }
    delta = min(ts - *tsp, 1000000ULL);
#if NUMCPUS > 1
    dist.increment(bpf_log2l(delta) + bpf_get_smp_processor_id());
#else
    dist.increment(bpf_log2l(delta));
#endif
    data.pid = pid; data.ts = ts;
    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    events.perf_submit(ctx, &data, sizeof(data));
    start.delete(&pid);
    return 0;
}

// probe number 1: measure something
int trace_1(struct pt_regs *ctx, struct request *req)
{
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    u64 ts = bpf_ktime_get_ns(), *tsp, delta;
    struct data_t data = {};
    if (unlikely(pid == 0))
        return 0;
    tsp = start.lookup(&pid);
    if (tsp == 0) {
        bpf_trace_printk("missed start %d\n", pid);
        return 0;
    }
    delta = min(ts - *tsp, 1000000ULL);
#if NUMCPUS > 1
    dist.increment(bpf_log2l(delta) + bpf_get_smp_processor_id());
#else
    dist.increment(bpf_log2l(delta));
#endif
    data.pid = pid; data.ts = ts;
    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    events.perf_submit(ctx, &data, sizeof(data));
    start.delete(&pid);
    return 0;
}

// probe number 2: measure something
int trace_2(struct pt_regs *ctx, struct request *req)
{
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    u64 ts = bpf_ktime_get_ns(), *tsp, delta;
    struct data_t data = {};
    if (unlikely(pid == 0))
        return 0;
    tsp = start.lookup(&pid);
    if (tsp == 0) {
        bpf_trace_printk("missed start %d\n", pid);
        return 0;
    }
    delta = min(ts - *tsp, 1000000ULL);
#if NUMCPUS > 1
    dist.increment(bpf_log2l(delta) + bpf_get_smp_processor_id());
#else
    dist.increment(bpf_log2l(delta));
#endif
    data.pid = pid; data.ts = ts;
    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    events.perf_submit(ctx, &data, sizeof(data));
    start.delete(&pid);
    return 0;
}

// probe number 3: measure something
int trace_3(struct pt_regs *ctx, struct request *req)
{
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    u64 ts = bpf_ktime_get_ns(), *tsp, delta;
    struct data_t data = {};
    if (unlikely(pid == 0))
        return 0;
    tsp = start.lookup(&pid);
    if (tsp == 0) {
        bpf_trace_printk("missed start %d\n", pid);
        return 0;
    }
    delta = min(ts - *tsp, 1000000ULL);
#if NUMCPUS > 1
    dist.increment(bpf_log2l(delta) + bpf_get_smp_processor_id());
#else
    dist.increment(bpf_log2l(delta));
#endif
    data.pid = pid; data.ts = ts;
    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    events.perf_submit(ctx, &data, sizeof(data));
    start.delete(&pid);
    return 0;
}

// probe number 4: measure something
int trace_4(struct pt_regs *ctx, struct request *req)
{
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    u64 ts = bpf_ktime_get_ns(), *tsp, delta;
    struct data_t data = {};
    if (unlikely(pid == 0))
        return 0;
    tsp = start.lookup(&pid);
    if (tsp == 0) {
        bpf_trace_printk("missed start %d\n", pid);
        return 0;
    }
    delta = min(ts - *tsp, 1000000ULL);
#if NUMCPUS > 1
    dist.increment(bpf_log2l(delta) + bpf_get_smp_processor_id());
#else
    dist.increment(bpf_log2l(delta));
#endif
    data.pid = pid; data.ts = ts;
    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    events.perf_submit(ctx, &data, sizeof(data));
    start.delete(&pid);
    return 0;
}

// probe number 5: measure something
int trace_5(struct pt_regs *ctx, struct request *req)
{
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    u64 ts = bpf_ktime_get_ns(), *tsp, delta;
    struct data_t data = {};
    if (unlikely(pid == 0))
        return 0;
    tsp = start.lookup(&pid);
    if (tsp == 0) {
        bpf_trace_printk("missed start %d\n", pid);
        return 0;
    }
    delta = min(ts - *tsp, 1000000ULL);
#if NUMCPUS > 1
    dist.increment(bpf_log2l(delta) + bpf_get_smp_processor_id());
#else
    dist.increment(bpf_log2l(delta));
#endif
    data.pid = pid; data.ts = ts;
    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    events.perf_submit(ctx, &data, sizeof(data));
    start.delete(&pid);
    return 0;
}

// probe number 6: measure something
int trace_6(struct pt_regs *ctx, struct request *req)
{
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    u64 ts = bpf_ktime_get_ns(), *tsp, delta;
    struct data_t data = {};
    if (unlikely(pid == 0))
        return 0;
    tsp = start.lookup(&pid);
    if (tsp == 0) {
        bpf_trace_printk("missed start %d\n", pid);
        return 0;
    }
    delta = min(ts - *tsp, 1000000ULL);
#if NUMCPUS > 1
    dist.increment(bpf_log2l(delta) + bpf_get_smp_processor_id());
#else
    dist.increment(bpf_log2l(delta));
#endif
    data.pid = pid; data.ts = ts;
    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    events.perf_submit(ctx, &data, sizeof(data));
    start.delete(&pid);
    return 0;
}

// probe number 7: measure something
int trace_7(struct pt_regs *ctx, struct request *req)
{
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    u64 ts = bpf_ktime_get_ns(), *tsp, delta;
    struct data_t data = {};
    if (unlikely(pid == 0))
        return 0;
    tsp = start.lookup(&pid);
    if (tsp == 0) {
        bpf_trace_printk("missed start %d\n", pid);
        return 0;
    }
    delta = min(ts - *tsp, 1000000ULL);
#if NUMCPUS > 1
    dist.increment(bpf_log2l(delta) + bpf_get_smp_processor_id());
#else
    dist.increment(bpf_log2l(delta));
#endif
    data.pid = pid; data.ts = ts;
    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    events.perf_submit(ctx, &data, sizeof(data));
    start.delete(&pid);
    return 0;
}

// probe number 8: measure something
int trace_8(struct pt_regs *ctx, struct request *req)
{
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    u64 ts = bpf_ktime_get_ns(), *tsp, delta;
    struct data_t data = {};
    if (unlikely(pid == 0))
        return 0;
    tsp = start.lookup(&pid);
    if (tsp == 0) {
        bpf_trace_printk("missed start %d\n", pid);
        return 0;
    }
    delta = min(ts - *tsp, 1000000ULL);
#if NUMCPUS > 1
    dist.increment(bpf_log2l(delta) + bpf_get_smp_processor_id());
#else
    dist.increment(bpf_log2l(delta));
#endif
    data.pid = pid; data.ts = ts;
    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    events.perf_submit(ctx, &data, sizeof(data));
    start.delete(&pid);
    return 0;
}

// probe number 9: measure something
int trace_9(struct pt_regs *ctx, struct request *req)
{
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    u64 ts = bpf_ktime_get_ns(), *tsp, delta;
    struct data_t data = {};
    if (unlikely(pid == 0))
        return 0;
    tsp = start.lookup(&pid);
    if (tsp == 0) {
        bpf_trace_printk("missed start %d\n", pid);
        return 0;
    }
    delta = min(ts - *tsp, 1000000ULL);
#if NUMCPUS > 1
    dist.increment(bpf_log2l(delta) + bpf_get_smp_processor_id());
#else
    dist.increment(bpf_log2l(delta));
#endif
    data.pid = pid; data.ts = ts;
    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    events.perf_submit(ctx, &data, sizeof(data));
    start.delete(&pid);
    return 0;
}

// probe number 10: measure something
int trace_10(struct pt_regs *ctx, struct request *req)
{
    u32 pid = bpf_get_current_pid_tgid() >> 32;
    u64 ts = bpf_ktime_get_ns(), *tsp, delta;
    struct data_t data = {};
    if (unlikely(pid == 0))
        return 0;
    tsp = start.lookup(&pid);
    if (tsp == 0) {
        bpf_trace_printk("missed start %d\n", pid);
        return 0;
    }
    delta = min(ts - *tsp, 1000000ULL);
#if NUMCPUS > 1
    dist.increment(bpf_log2l(delta) + bpf_get_smp_processor_id());
#else
    dist.increment(bpf_log2l(delta));
#endif
    data.pid = pid; data.ts = ts;
    bpf_get_current_comm(&data.comm, sizeof(data.comm));
    events.perf_submit(ctx, &data, sizeof(data));
    start.delete(&pid);
    return 0;
}

