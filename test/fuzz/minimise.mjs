#!/usr/bin/env node
/**
 * Greedy minimiser for a fuzz finding: `node test/fuzz/minimise.mjs <file.c> <predicate>` where the
 * predicate is one of: throw (compile throws), ice (InternalCompilerError), foreign (a diagnostic
 * points outside the input file), slow:<ms>. Removes lines, then tokens, while the predicate still
 * holds; prints the result. Compiles in-process (a hang is not minimisable here).
 */
import { readFileSync } from "node:fs";
import { buildBundle } from "./harness.mjs";
import { tokenize } from "./generate.mjs";

const [file, pred = "throw"] = process.argv.slice(2);
const bundle = await buildBundle();
const mod = await import(bundle.url);
const holds = (src) => {
  const t = performance.now();
  try {
    const r = mod.compile(src, { file: "fuzz.c" });
    if (pred === "foreign") return r.diagnostics.some((d) => d.span.file !== "fuzz.c");
    if (pred.startsWith("slow:")) return performance.now() - t > Number(pred.slice(5));
    return false;
  } catch (e) {
    return pred === "throw" || (pred === "ice" && e instanceof mod.InternalCompilerError);
  }
};
let src = readFileSync(file, "utf8");
if (!holds(src)) {
  bundle.dispose();
  console.error("predicate does not hold on the input");
  process.exit(2);
}
for (const split of [(s) => s.split(/(?<=\n)/), tokenize]) {
  let parts = split(src);
  for (let chunk = Math.max(1, parts.length >> 1); chunk >= 1; chunk >>= 1) {
    for (let i = 0; i < parts.length; ) {
      const cand = [...parts.slice(0, i), ...parts.slice(i + chunk)];
      if (holds(cand.join(""))) parts = cand;
      else i += chunk;
    }
  }
  src = parts.join("");
}
bundle.dispose();
process.stdout.write(src + (src.endsWith("\n") ? "" : "\n"));
