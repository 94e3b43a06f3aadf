// strlen_hist.js — port of BCC's examples/tracing/strlen_hist.py: histogram of libc strlen()
// return values, every second.
// (libc's strlen is an IFUNC: the uretprobe sees calls made through the `strlen` symbol itself;
// BCC's strlen_hist_ifunc.py resolves the implementation instead.)
// needs: uprobes
import { BPF } from "bcc-ts";
import { strftimeHMS, sprintf } from "./lib/fmt.js";
import { every } from "./lib/runtime.js";

const text = `
#include <uapi/linux/ptrace.h>
BPF_HISTOGRAM(dist);
int count(struct pt_regs *ctx) {
    dist.increment(bpf_log2l(PT_REGS_RC(ctx)));
    return 0;
}
`;

const b = new BPF({ text });
const sym = "strlen";
b.attach_uretprobe({ name: "c", sym, fn_name: "count" });

const dist = b["dist"];
every(1, () => {
  process.stdout.write(sprintf("%-8s\n", strftimeHMS()));
  dist.print_log2_hist(sym + " return:");
  dist.clear();
});
