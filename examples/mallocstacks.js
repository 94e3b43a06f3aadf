// mallocstacks.js — port of BCC's examples/tracing/mallocstacks.py: bytes malloc()ed per user stack
// in one process, printed on Ctrl-C.
// USAGE: mallocstacks.js PID [NUM_STACKS=1024]
// needs: uprobes
import { BPF } from "bcc-ts";
import { untilInterrupt } from "./lib/runtime.js";

const usage = "USAGE: mallocstacks PID [NUM_STACKS=1024]";
if (process.argv.length < 3) {
  console.log(usage);
  process.exit(0);
}
const pid = Number(process.argv[2]);
let stacks = "1024";
if (process.argv.length === 4) {
  const n = Number(process.argv[3]);
  if (!Number.isInteger(n) || n <= 0) {
    console.log(usage);
    console.log("NUM_STACKS must be a non-zero, positive integer");
    process.exit(0);
  }
  stacks = process.argv[3];
}

// load BPF program
const b = new BPF({ text: `
#include <uapi/linux/ptrace.h>

BPF_HASH(calls, int);
BPF_STACK_TRACE(stack_traces, ` + stacks + `);

int alloc_enter(struct pt_regs *ctx, size_t size) {
    int key = stack_traces.get_stackid(ctx, BPF_F_USER_STACK);
    if (key < 0)
        return 0;

    // could also use \`calls.increment(key, size);\`
    u64 zero = 0, *val;
    val = calls.lookup_or_try_init(&key, &zero);
    if (val) {
      (*val) += size;
    }
    return 0;
};
` });

b.attach_uprobe({ name: "c", sym: "malloc", fn_name: "alloc_enter", pid });
console.log(`Attaching to malloc in pid ${pid}, Ctrl+C to quit.`);

// sleep until Ctrl-C
untilInterrupt(() => {
  const calls = b.get_table("calls");
  const stack_traces = b.get_table("stack_traces");
  const items = calls.items().sort((x, y) => (BigInt(y[1]) > BigInt(x[1]) ? 1 : BigInt(y[1]) < BigInt(x[1]) ? -1 : 0));
  for (const [k, v] of items) {
    console.log(`${v} bytes allocated at:`);
    if (Number(k) > 0) {
      for (const addr of stack_traces.walk(k)) console.log(`\t${b.sym(addr, pid, false, true)}`);
      console.log(`    ${v}\n`);
    }
  }
});
