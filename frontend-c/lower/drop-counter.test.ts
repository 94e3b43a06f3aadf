/**
 * Lost-event accounting in the compiler: failed perf/ring buffer submissions are counted per event
 * map in a hidden per-CPU array (MapSpec.dropCounterIndex). The kernel side is exercised in
 * src/bpf/lost-events.kernel.test.ts; here: which calls are counted and what the specs say.
 */
import { describe, expect, it } from "vitest";
import { CompileContext, compile } from "../index.ts";
import { DROP_COUNTER_MAP } from "../../src/spec/map-spec.ts";

const ctx = new CompileContext();
const CALL = 0x85;
const MAP_LOOKUP_ELEM = 1;

function ok(src: string) {
  const r = compile(src, { file: "t.c", context: ctx });
  expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.span.line}:${d.span.col} ${d.message}`)).toEqual([]);
  return r;
}

describe("failed-submission counters", () => {
  it("give each event map written by any program a slot, counted by method or raw helper", () => {
    const r = ok(`
struct ev { u64 a; };
BPF_PERF_OUTPUT(p1);
BPF_PERF_OUTPUT(unused);
BPF_RINGBUF_OUTPUT(r1, 8);
BPF_RINGBUF_OUTPUT(r2, 8);
BPF_ARRAY(counts, u64, 1);
int tracepoint__syscalls__sys_enter_getppid(void *ctx) {
  struct ev e = {};
  p1.perf_submit(ctx, &e, sizeof(e));
  bpf_ringbuf_output(&r1, &e, sizeof(e), 0);
  return 0;
}
int tracepoint__syscalls__sys_enter_getpid(void *ctx) {
  struct ev e = {};
  bpf_perf_event_output(ctx, &p1, BPF_F_CURRENT_CPU, &e, sizeof(e));
  struct ev *x = r2.ringbuf_reserve(sizeof(struct ev));
  if (!x) return 0;
  r2.ringbuf_submit(x, 0);
  return 0;
}`);
    const byName = new Map(r.maps.map((m) => [m.name, m]));
    expect(["p1", "r1", "r2"].map((n) => byName.get(n)!.dropCounterIndex).sort()).toEqual([0, 1, 2]);
    expect(byName.get("unused")!.dropCounterIndex).toBeUndefined();
    expect(byName.get("counts")!.dropCounterIndex).toBeUndefined();
    expect(byName.get(DROP_COUNTER_MAP)).toMatchObject({ kind: "percpu_array", keySize: 4, valueSize: 8, maxEntries: 3, flags: 0 });
    // The counter is only touched on the failure path: one lookup per submission site.
    for (const p of r.programs) {
      const lookups = p.instructions.filter((i) => i.code === CALL && i.src === 0 && i.imm === MAP_LOOKUP_ELEM).length;
      expect(lookups, p.name).toBe(2);
      expect(p.mapRelocations.some((m) => m.map === DROP_COUNTER_MAP), p.name).toBe(true);
    }
  });

  it("add nothing to programs without submissions", () => {
    const r = ok(`
BPF_ARRAY(counts, u64, 1);
int tracepoint__syscalls__sys_enter_getppid(void *ctx) { counts.increment(0); return 0; }`);
    expect(r.maps.map((m) => m.name)).toEqual(["counts"]);
  });
});
