/**
 * Realistic BCC-style programs compiled end to end and loaded (not attached) as tracepoint
 * programs: the verifier must accept the back end's code for the shapes that trip compilers up —
 * map-value pointers null-checked and then used across helper calls under register pressure
 * (so they live in r6-r9 or in 8-byte spill slots), struct buffers with padding handed to
 * perf_event_output, bounded loops updating maps, and globals.
 */
import { expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { patchMaps } from "../../test/compiler/diff/syscall-runner.ts";
import { encode } from "../../src/isa/index.ts";
import { BPF_PROG_TYPE, mapCreate, progLoad, type Fd } from "../../src/sys/index.ts";
import { MAP_TYPE_IDS } from "../../src/spec/index.ts";
import { compile } from "../index.ts";

function loadAll(source: string): number {
  const r = compile(source, { file: "shape.c" });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const maps: Fd[] = [];
  try {
    const fds = new Map<string, number>();
    for (const m of r.maps) {
      const fd = mapCreate({ mapType: MAP_TYPE_IDS[m.kind], keySize: m.keySize, valueSize: m.valueSize, maxEntries: Math.max(1, m.maxEntries), mapFlags: m.flags });
      maps.push(fd);
      fds.set(m.name, fd.peek());
    }
    for (const p of r.programs) {
      using prog = progLoad({ progType: BPF_PROG_TYPE.TRACEPOINT, insns: encode(patchMaps(p, fds)), license: "GPL", name: p.name }).fd;
      expect(prog.peek()).toBeGreaterThan(0);
    }
    return r.programs.length;
  } finally {
    for (const m of maps) m.close();
  }
}

describeKernel("verifier accepts back-end code for typical program shapes", () => {
  it("map values null-checked and used across helper calls under register pressure", () => {
    const n = loadAll(`
      struct val_t { u64 a, b, c, d; };
      BPF_HASH(h, u32, struct val_t);
      int pressure(void *ctx) {
        u32 k = bpf_get_current_pid_tgid();
        struct val_t *v = h.lookup(&k);
        if (!v) return 0;
        u64 x1 = bpf_ktime_get_ns(), x2 = bpf_get_prandom_u32(), x3 = bpf_ktime_get_ns();
        u64 x4 = bpf_get_prandom_u32(), x5 = bpf_ktime_get_ns(), x6 = bpf_get_prandom_u32();
        u64 x7 = bpf_ktime_get_ns(), x8 = bpf_get_prandom_u32();
        v->a += x1 ^ x5;
        u64 y = bpf_ktime_get_ns();
        v->b += x2 * x6 + y;
        v->c += x3 - x7;
        v->d += x4 | x8;
        return (int)(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8);
      }`);
    expect(n).toBe(1);
  });

  it("more live map-value pointers than callee-saved registers (pointers spilled and refilled)", () => {
    loadAll(`
      BPF_ARRAY(arr, u64, 8);
      int spillptrs(void *ctx) {
        int k0 = 0, k1 = 1, k2 = 2, k3 = 3, k4 = 4, k5 = 5;
        u64 *p0 = arr.lookup(&k0), *p1 = arr.lookup(&k1), *p2 = arr.lookup(&k2);
        u64 *p3 = arr.lookup(&k3), *p4 = arr.lookup(&k4), *p5 = arr.lookup(&k5);
        if (!p0 || !p1 || !p2 || !p3 || !p4 || !p5) return 0;
        u64 t = bpf_ktime_get_ns();
        *p0 += t; *p1 += t; *p2 += t;
        t = bpf_ktime_get_ns();
        *p3 += t; *p4 += t; *p5 += t;
        return (int)(*p0 + *p5);
      }`);
  });

  it("a padded struct on the stack passed to perf_event_output", () => {
    loadAll(`
      struct ev_t { u32 pid; u64 ts; u8 flag; char comm[16]; u16 port; };
      BPF_PERF_OUTPUT(events);
      int submit(void *ctx) {
        struct ev_t e = {};
        e.pid = bpf_get_current_pid_tgid() >> 32;
        e.ts = bpf_ktime_get_ns();
        e.flag = 1;
        bpf_get_current_comm(&e.comm, sizeof(e.comm));
        e.port = 8080;
        events.perf_submit(ctx, &e, sizeof(e));
        return 0;
      }`);
  });

  it("a bounded loop updating an array map and a histogram", () => {
    loadAll(`
      BPF_ARRAY(arr, u64, 16);
      BPF_HISTOGRAM(dist);
      int loop(void *ctx) {
        u64 t = bpf_ktime_get_ns();
        for (int i = 0; i < 16; i++) {
          int k = i;
          u64 *p = arr.lookup(&k);
          if (p && (t & (1ULL << i))) __sync_fetch_and_add(p, i);
        }
        dist.increment(t & 63);
        return 0;
      }`);
  });

  it("globals and a lookup_or_try_init counter", () => {
    loadAll(`
      static u64 total;
      BPF_HASH(counts, u32, u64);
      int count(void *ctx) {
        u32 pid = bpf_get_current_pid_tgid() >> 32;
        u64 zero = 0, *val = counts.lookup_or_try_init(&pid, &zero);
        if (val) (*val)++;
        total += 1;
        return 0;
      }`);
  });

  it("a helper size bounded by an inlined u32 min() of a signed length (sslsniff)", () => {
    loadAll(`
      struct data_t { u32 len; char buf[8192]; };
      BPF_PERCPU_ARRAY(bufs, struct data_t, 1);
      static inline u32 bpf_min(u32 a, u32 b) { return (a < b) ? a : b; }
      int copy(struct pt_regs *ctx) {
        u32 zero = 0;
        int len = bpf_get_prandom_u32();
        if (len <= 0) return 0;
        struct data_t *data = bufs.lookup(&zero);
        if (!data) return 0;
        data->len = (u32)len;
        u32 n = bpf_min(8192, len);
        bpf_probe_read_kernel(&data->buf, n, (void *)bpf_get_current_task());
        return 0;
      }`);
  });
});
