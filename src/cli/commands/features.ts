/** `bcc-ts features`: what this kernel supports, found by trying. */
import type { CommandModule } from "yargs";

interface Args {
  json: boolean;
}

export const featuresCommand: CommandModule<object, Args> = {
  command: "features",
  describe: "probe what this kernel supports (kprobes, fentry, ringbuf, BTF, ...)",
  builder: (y) => y.option("json", { type: "boolean", default: false, describe: "print JSON" }),
  handler: async (args) => {
    // Loaded on use: the probes pull in the kernel interface (koffi), which other commands avoid.
    const { FEATURE_DESCRIPTIONS, FeatureCache } = await import("../../features/index.ts");
    const { Tracefs } = await import("../../tracefs/index.ts");
    let tracefs: string | undefined;
    try {
      tracefs = Tracefs.open().root;
    } catch {
      tracefs = undefined;
    }
    const results = new FeatureCache({ tracefs }).all();
    if (args.json) {
      process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      return;
    }
    const w = Math.max(...results.map((r) => r.name.length));
    for (const r of results) {
      const mark = r.status === "available" ? "yes" : r.status === "unsupported" ? "no " : "?  ";
      process.stdout.write(`${r.name.padEnd(w)}  ${mark}  ${FEATURE_DESCRIPTIONS[r.name]} — ${r.detail}\n`);
    }
  },
};
