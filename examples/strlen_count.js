// strlen_count.js — BCC tutorial lesson 14 (examples/tracing/strlen_count.py): counts the strings
// passed to libc's strlen(), system wide; prints them on Ctrl-C.
// needs: uprobes
import { BPF } from "bcc-ts";
import { printf, cstr } from "./lib/fmt.js";
import { untilInterrupt } from "./lib/runtime.js";

const b = new BPF({ text: `
#include <uapi/linux/ptrace.h>

struct key_t {
    char c[80];
};
BPF_HASH(counts, struct key_t);

int count(struct pt_regs *ctx) {
    if (!PT_REGS_PARM1(ctx))
        return 0;

    struct key_t key = {};
    u64 zero = 0, *val;

    bpf_probe_read_user(&key.c, sizeof(key.c), (void *)PT_REGS_PARM1(ctx));
    // could also use \`counts.increment(key)\`
    val = counts.lookup_or_try_init(&key, &zero);
    if (val) {
      (*val)++;
    }
    return 0;
};
` });
b.attach_uprobe({ name: "c", sym: "strlen", fn_name: "count" });

console.log("Tracing strlen()... Hit Ctrl-C to end.");

untilInterrupt(() => {
  printf("%10s %s", "COUNT", "STRING");
  const items = b.get_table("counts").items();
  items.sort((x, y) => (BigInt(x[1]) < BigInt(y[1]) ? -1 : BigInt(x[1]) > BigInt(y[1]) ? 1 : 0));
  for (const [k, v] of items) printf('%10d "%s"', v, cstr(k.c));
});
