// disksnoop_tp.js — BCC tutorial lesson 13: disksnoop rewritten with the block tracepoints.
// One line per block I/O: completion time, type (R/W/M), bytes and latency.
// needs: tracepoints
import { BPF } from "bcc-ts";
import { printf } from "./lib/fmt.js";
import { traceFieldsLoop } from "./lib/runtime.js";

const b = new BPF({ text: `
#include <uapi/linux/ptrace.h>

// The tracepoints do not expose the struct request pointer, so an I/O is
// identified by device and starting sector instead.
struct key_t {
	u32 dev;
	u64 sector;
};

struct start_t {
	u64 ts;
	u32 bytes;
	char rwbs;
};

BPF_HASH(start, struct key_t, struct start_t);

TRACEPOINT_PROBE(block, block_rq_issue) {
	struct key_t key = {};
	struct start_t val = {};

	key.dev = args->dev;
	key.sector = args->sector;
	val.ts = bpf_ktime_get_ns();
	val.bytes = args->bytes;
	val.rwbs = args->rwbs[0];
	start.update(&key, &val);
	return 0;
}

TRACEPOINT_PROBE(block, block_rq_complete) {
	struct key_t key = {};
	struct start_t *valp;
	u64 delta;

	key.dev = args->dev;
	key.sector = args->sector;
	valp = start.lookup(&key);
	if (valp != 0) {
		delta = bpf_ktime_get_ns() - valp->ts;
		bpf_trace_printk("%d %d %d\\n", valp->bytes, valp->rwbs, delta / 1000);
		start.delete(&key);
	}
	return 0;
}
` });

// header
printf("%-18s %-2s %-7s %8s", "TIME(s)", "T", "BYTES", "LAT(ms)");

// format output
traceFieldsLoop(b, (_task, _pid, _cpu, _flags, ts, msg) => {
  const [bytes_s, rwbs_s, us_s] = msg.split(/\s+/);
  // rwbs[0] is 'W' for writes, 'R' for reads, and 'F'/'N'/... for flushes and other requests
  const c = String.fromCharCode(Number(rwbs_s));
  const type_s = c === "W" ? "W" : bytes_s === "0" ? "M" : "R";
  printf("%-18.9f %-2s %-7s %8.2f", ts, type_s, bytes_s, Number(us_s) / 1000);
});
