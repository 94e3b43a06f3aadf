// Event-throughput benchmark, the bcc-ts consumer (same protocol as anchors/tput-consumer.c):
//   node tput.mjs perf [PAGES WAKEUP]   (omitted: bcc-ts defaults)      node tput.mjs ring
// Prints "ready", reads "PID SECONDS" from stdin, arms the filter, prints "armed", consumes and
// decodes every record into a JS object for SECONDS plus 1 s (the driver may start late), prints "received LOST".
import { readSync } from "node:fs";
import { BPF } from "bcc-ts";

const [mode, pagesArg, wakeupArg] = process.argv.slice(2);
const ring = mode === "ring";
const b = new BPF({
  text: `
struct event_t {
    u64 ts;
    u32 pid;
    u32 tid;
    u64 seq;
    char comm[16];
};
BPF_ARRAY(cfg, u32, 1);
${ring ? "BPF_RINGBUF_OUTPUT(ring, 64);" : "BPF_PERF_OUTPUT(events);"}
int tracepoint__syscalls__sys_enter_getppid(void *args) {
    u32 zero = 0;
    u32 *target = cfg.lookup(&zero);
    u64 id = bpf_get_current_pid_tgid();
    if (!target || (u32)(id >> 32) != *target) return 0;
    struct event_t e = {};
    e.ts = bpf_ktime_get_ns();
    e.pid = id >> 32;
    e.tid = (u32)id;
    e.seq = id ^ e.ts;
    bpf_get_current_comm(&e.comm, sizeof(e.comm));
    ${ring ? "ring.ringbuf_output(&e, sizeof(e), 0);" : "events.perf_submit(args, &e, sizeof(e));"}
    return 0;
}`,
});

let received = 0;
let lost = 0;
let sink = 0n;
const table = b[ring ? "ring" : "events"];
// Decode with the table's own decoder (the submitted struct type the compiler records); until the
// compiler records it, decode the same fields by hand so the work per record stays comparable.
let decode = (data) => table.event(data);
try {
  decode(new Uint8Array(40));
} catch {
  decode = (data) => {
    const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    let comm = "";
    for (let i = 24; i < 40 && data[i] !== 0; i++) comm += String.fromCharCode(data[i]);
    return { ts: dv.getBigUint64(0, true), pid: dv.getUint32(8, true), tid: dv.getUint32(12, true), seq: dv.getBigUint64(16, true), comm };
  };
  process.stderr.write("tput.mjs: table.event() unavailable, decoding by hand\n");
}
const onEvent = (data) => {
  sink ^= decode(data).seq;
  received++;
};
if (ring) {
  table.open_ring_buffer((_ctx, data) => onEvent(data));
} else {
  const opts = { lost_cb: (n) => (lost += n) };
  if (pagesArg !== undefined) opts.page_cnt = Number(pagesArg);
  if (wakeupArg !== undefined && Number(wakeupArg) > 0) opts.wakeup_events = Number(wakeupArg);
  table.open_perf_buffer((_cpu, data) => onEvent(data), opts);
}
console.log("ready");

function readLine() {
  const buf = Buffer.alloc(256);
  let s = "";
  while (!s.includes("\n")) {
    const n = readSync(0, buf, 0, buf.length, null);
    if (n === 0) break;
    s += buf.toString("utf8", 0, n);
  }
  return s.trim();
}
const [pid, seconds] = readLine().split(/\s+/).map(Number);
b.get_table("cfg").set(0, pid);
console.log("armed");
const end = performance.now() + (seconds + 1.0) * 1000;
while (performance.now() < end) ring ? b.ring_buffer_poll(10) : b.perf_buffer_poll(10);
ring ? b.ring_buffer_consume() : b.perf_buffer_consume();
console.log(`${received} ${lost}`);
b.close();
process.exit(0);
