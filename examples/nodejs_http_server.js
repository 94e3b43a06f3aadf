// nodejs_http_server.js — BCC tutorial lesson 15 (examples/tracing/nodejs_http_server.py).
// Needs a node built with --with-dtrace: Debian's (and most distributions') node has NO USDT
// probes, so on them this exits saying the probe is missing. USAGE: nodejs_http_server.js PID
// needs: usdt
import * as bcc from "bcc-ts";
import { printf } from "./lib/fmt.js";
import { traceFieldsLoop } from "./lib/runtime.js";

const { BPF, USDT } = bcc;

if (process.argv.length < 3) {
  console.log("USAGE: nodejs_http_server PID");
  process.exit(0);
}
const pid = process.argv[2];

// load BPF program
const bpf_text = `
#include <uapi/linux/ptrace.h>
int do_trace(struct pt_regs *ctx) {
    uint64_t addr;
    char path[128]={0};
    bpf_usdt_readarg(6, ctx, &addr);
    bpf_probe_read_user(&path, sizeof(path), (void *)addr);
    bpf_trace_printk("path:%s\\n", path);
    return 0;
};
`;

// enable USDT probe from given PID
const u = new USDT({ pid: Number(pid) });
u.enable_probe({ probe: "http__server__request", fn_name: "do_trace" });

// initialize BPF
const b = new BPF({ text: bpf_text, usdt_contexts: [u] });

// header
printf("%-18s %-16s %-6s %s", "TIME(s)", "COMM", "PID", "ARGS");

// format output
traceFieldsLoop(b, (task, pid_, _cpu, _flags, ts, msg) => {
  printf("%-18.9f %-16s %-6d %s", ts, task, pid_, msg);
});
