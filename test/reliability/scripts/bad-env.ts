/**
 * One bad-environment scenario per run (argv[2]), as a user's script meets it: the error reaches
 * the top level and goes through the CLI's reportFatal (what `bcc-ts` and `bcc-ts run` print),
 * so the test can check it is one clear line and a non-zero exit. Before that, the script prints
 * `class:<error class> userFacing:<bool>` so the test also sees the error is a typed, user-facing one.
 * argv[3] = name suffix; argv[4] = a pid (dead-pid scenario).
 */
import { BPF } from "../../../src/index.ts";
import { Tracefs } from "../../../src/tracefs/index.ts";
import { loadKernelBtf } from "../../../src/btf/kernel.ts";
import { reportFatal } from "../../../src/cli/fatal.ts";

const scenario = process.argv[2] ?? "";
const sfx = process.argv[3] ?? "x";
const text = `
BPF_HASH(hf_${sfx}, u32, u64, 2);
int tp_${sfx}(void *ctx) { return 0; }
int up_${sfx}(struct pt_regs *ctx) { return 0; }
`;

function run(): void {
  switch (scenario) {
    case "nonroot": {
      const b = new BPF({ text });
      b.attach_tracepoint({ tp: "syscalls:sys_enter_getppid", fn_name: `tp_${sfx}` });
      return;
    }
    case "no-tracefs":
      Tracefs.open({ mount: false, candidates: [`/nonexistent-${sfx}/tracing`] });
      return;
    case "no-btf":
      loadKernelBtf(`/nonexistent-${sfx}/vmlinux`);
      return;
    case "no-tracepoint": {
      const b = new BPF({ text });
      b.attach_tracepoint({ tp: "nosuchcategory:nosuchevent", fn_name: `tp_${sfx}` });
      return;
    }
    case "no-symbol": {
      const b = new BPF({ text });
      b.attach_uprobe({ name: "c", sym: "no_such_fn", fn_name: `up_${sfx}` });
      return;
    }
    case "dead-pid": {
      const b = new BPF({ text });
      b.attach_uprobe({ name: "c", sym: "getpid", fn_name: `up_${sfx}`, pid: Number(process.argv[4]) });
      return;
    }
    case "map-full": {
      const b = new BPF({ text });
      const t = b.get_table(`hf_${sfx}`) as unknown as { set(k: number, v: number): void };
      for (let k = 0; k < 3; k++) t.set(k, k);
      return;
    }
    default:
      throw new Error(`unknown scenario ${scenario}`);
  }
}

try {
  run();
  process.stdout.write("no error\n");
} catch (err) {
  const e = err as { name?: string; userFacing?: boolean };
  process.stdout.write(`class:${e?.name} userFacing:${e?.userFacing === true}\n`);
  process.exitCode = reportFatal(err);
}
