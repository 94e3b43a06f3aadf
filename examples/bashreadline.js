// bashreadline.js — port of BCC's tools/bashreadline.py: print bash commands as they are entered,
// from every running shell.
// USAGE: bashreadline.js [-h] [-s [SHARED]]
// needs: uprobes
import { BPF } from "bcc-ts";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { printf, strftimeHMS, cstr } from "./lib/fmt.js";
import { pollLoop } from "./lib/runtime.js";

const args = yargs(hideBin(process.argv))
  .scriptName("bashreadline")
  .usage("Print entered bash commands from all running shells")
  .option("s", {
    alias: "shared",
    type: "string",
    describe: "specify the location of libreadline.so library. Default is /lib/libreadline.so",
  })
  .help("h").alias("h", "help")
  .strictOptions()
  .parseSync();
// `-s` alone means the default library, as argparse's nargs="?" with const does
const name = args.shared === undefined ? "/bin/bash" : args.shared === "" ? "/lib/libreadline.so" : args.shared;

// load BPF program
const bpf_text = `
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

struct str_t {
    u32 pid;
    char str[80];
};

BPF_PERF_OUTPUT(events);

int printret(struct pt_regs *ctx) {
    struct str_t data  = {};
    char comm[TASK_COMM_LEN] = {};
    if (!PT_REGS_RC(ctx))
        return 0;
    data.pid = bpf_get_current_pid_tgid() >> 32;
    bpf_probe_read_user(&data.str, sizeof(data.str), (void *)PT_REGS_RC(ctx));

    bpf_get_current_comm(&comm, sizeof(comm));
    if (comm[0] == 'b' && comm[1] == 'a' && comm[2] == 's' && comm[3] == 'h' && comm[4] == 0 ) {
        events.perf_submit(ctx,&data,sizeof(data));
    }


    return 0;
};
`;

const b = new BPF({ text: bpf_text });
// BCC prefers readline_internal_teardown when the binary exports it (its return value is the line
// too, and it also sees lines read in vi mode); otherwise readline itself.
try {
  b.attach_uretprobe({ name, sym: "readline_internal_teardown", fn_name: "printret" });
} catch {
  b.attach_uretprobe({ name, sym: "readline", fn_name: "printret" });
}

// header
printf("%-9s %-7s %s", "TIME", "PID", "COMMAND");

b["events"].open_perf_buffer((_cpu, data) => {
  const event = b["events"].event(data);
  printf("%-9s %-7d %s", strftimeHMS(), event.pid, cstr(event.str));
});
pollLoop(b);
