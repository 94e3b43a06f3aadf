// strlen_snoop.js — port of BCC's examples/tracing/strlen_snoop.py: the strings one process
// passes to libc's strlen(). USAGE: strlen_snoop.js PID
// needs: uprobes
import { BPF } from "bcc-ts";
import { printf } from "./lib/fmt.js";
import { traceFieldsLoop } from "./lib/runtime.js";

if (process.argv.length < 3) {
  console.log("USAGE: strlensnoop PID");
  process.exit(0);
}
const pid = process.argv[2];

let bpf_text = `
#include <uapi/linux/ptrace.h>
int printarg(struct pt_regs *ctx) {
    if (!PT_REGS_PARM1(ctx))
        return 0;

    u32 pid = bpf_get_current_pid_tgid();
    if (pid != PID)
        return 0;

    char str[80] = {};
    bpf_probe_read_user(&str, sizeof(str), (void *)PT_REGS_PARM1(ctx));
    bpf_trace_printk("%s\\n", &str);

    return 0;
};
`;
bpf_text = bpf_text.replaceAll("PID", pid);
const b = new BPF({ text: bpf_text });
b.attach_uprobe({ name: "c", sym: "strlen", fn_name: "printarg" });

// header
printf("%-18s %-16s %-6s %s", "TIME(s)", "COMM", "PID", "STRLEN");

// format output
const me = process.pid;
traceFieldsLoop(b, (task, pid_, _cpu, _flags, ts, msg) => {
  if (pid_ === me || msg === "") return;
  printf("%-18.9f %-16s %-6d %s", ts, task, pid_, msg);
});
