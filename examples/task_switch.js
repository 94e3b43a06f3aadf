// task_switch.js — BCC tutorial lesson 16 (examples/tracing/task_switch.py): counts context
// switches per (previous pid, next pid) for one second.
// needs: kprobes
import { BPF } from "bcc-ts";
import { printf } from "./lib/fmt.js";
import { sleep } from "./lib/runtime.js";

const b = new BPF({ text: `
#include <uapi/linux/ptrace.h>
#include <linux/sched.h>

struct key_t {
    u32 prev_pid;
    u32 curr_pid;
};

BPF_HASH(stats, struct key_t, u64, 1024);
int count_sched(struct pt_regs *ctx, struct task_struct *prev) {
    struct key_t key = {};
    u64 zero = 0, *val;

    key.curr_pid = bpf_get_current_pid_tgid();
    key.prev_pid = prev->pid;

    // could also use \`stats.increment(key);\`
    val = stats.lookup_or_try_init(&key, &zero);
    if (val) {
        (*val)++;
    }
    return 0;
}
` });
// finish_task_switch is finish_task_switch.isra.0 when the compiler specialised it. BCC matches
// both with event_re; bcc-ts's function listing leaves out such suffixed local symbols, so the
// names are tried one by one (the first that attaches wins; if none does, the first error is reported).
let firstError;
for (const event of ["finish_task_switch", "finish_task_switch.isra.0", "finish_task_switch.isra.1"]) {
  try {
    b.attach_kprobe({ event, fn_name: "count_sched" });
    firstError = undefined;
    break;
  } catch (e) {
    firstError ??= e;
  }
}
if (firstError !== undefined) throw firstError;

// generate many schedule events
for (let i = 0; i < 100; i++) sleep(0.01);

for (const [k, v] of b["stats"].items()) printf("task_switch[%5d->%5d]=%u", k.prev_pid, k.curr_pid, v);
