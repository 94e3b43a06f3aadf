/**
 * A BCC-style script that the reliability tests kill at chosen moments. Everything it creates
 * carries the suffix given in argv[3] (maps, programs), so the test can look for leftovers by name.
 * It prints `phase:<name>` on stdout as it goes; env THROW_AT=<phase> makes it throw (uncaught)
 * right after announcing that phase. Phases: compile, load, attach, poll.
 * argv[2] = what to poll: "perf" | "ring" | "trace" (trace_print) | "uprobe-tracefs" (attach a
 * uprobe through the legacy tracefs path, then sleep).
 */
import { BPF } from "../../../src/index.ts";
import { attachUprobe } from "../../../src/attach/index.ts";
import { Tracefs } from "../../../src/tracefs/index.ts";
import { resolveSymbol, findLibrary } from "../../../src/elf/index.ts";

const mode = process.argv[2] ?? "perf";
const sfx = process.argv[3] ?? "x";

function phase(name: string): void {
  process.stdout.write(`phase:${name}\n`);
  if (process.env.THROW_AT === name) throw new Error(`victim: deliberate uncaught exception at ${name}`);
}

const text = `
BPF_PERF_OUTPUT(pe_${sfx});
BPF_RINGBUF_OUTPUT(rb_${sfx}, 8);
BPF_HASH(hm_${sfx}, u32, u64, 64);
int tp_${sfx}(void *ctx) {
  u32 pid = bpf_get_current_pid_tgid() >> 32;
  u64 v = pid;
  hm_${sfx}.update(&pid, &v);
  pe_${sfx}.perf_submit(ctx, &v, sizeof(v));
  rb_${sfx}.ringbuf_output(&v, sizeof(v), 0);
  return 0;
}
int rt_${sfx}(void *ctx) { return 0; }
int up_${sfx}(struct pt_regs *ctx) { return 0; }
`;

phase("compile");
const b = new BPF({ text });
phase("load");
b.load_func(`tp_${sfx}`, "tracepoint");
b.load_func(`rt_${sfx}`, "raw_tracepoint");
const up = b.load_func(`up_${sfx}`, "uprobe");
phase("attach");
b.attach_tracepoint({ tp: "syscalls:sys_enter_getppid", fn_name: `tp_${sfx}` });
b.attach_raw_tracepoint({ tp: "sched_process_exec", fn_name: `rt_${sfx}` });
if (mode === "uprobe-tracefs") {
  // The legacy path leaves a uprobe_events entry (group bcc_ts_<pid>) that only cleanup removes.
  const libc = findLibrary("c");
  if (!libc) throw new Error("no libc");
  const sym = resolveSymbol(libc, "getpid")[0];
  if (!sym) throw new Error("no getpid in libc");
  attachUprobe(up.fd, libc, sym.offset, { retprobe: false, forceTracefs: true, tracefs: b.tracefs, useLink: false });
} else {
  b.attach_uprobe({ name: "c", sym: "getpid", fn_name: `up_${sfx}` });
}
const table = b.get_table(`pe_${sfx}`) as unknown as { open_perf_buffer(cb: () => void): void };
table.open_perf_buffer(() => {});
const ring = b.get_table(`rb_${sfx}`) as unknown as { open_ring_buffer(cb: () => void): void };
ring.open_ring_buffer(() => {});
phase("poll");
if (mode === "perf") for (;;) b.perf_buffer_poll();
else if (mode === "ring") for (;;) b.ring_buffer_poll();
else if (mode === "trace") b.trace_print();
else for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
