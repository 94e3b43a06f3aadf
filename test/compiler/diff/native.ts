/**
 * @fileoverview The reference side of the differential test: every case compiled by the machine's
 * gcc into ONE binary (one translation unit per case, so their static helpers and struct names
 * cannot collide, one gcc invocation for all), run once; it prints one line per (case, input).
 * Native x86_64 and BPF agree on the C data model (LP64, little-endian, signed char), so results
 * must match bit for bit.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { NATIVE_PRELUDE, type DiffCase, type RunResult } from "./corpus.ts";

const GCC_FLAGS = ["-O1", "-fwrapv", "-fno-strict-aliasing", "-w", "-std=gnu11"];

const cLiteral = (v: bigint): string => `(long long)0x${BigInt.asUintN(64, v).toString(16)}ULL`;

const execFileAsync = promisify(execFile);

/** Compiles and runs all cases natively; result[i][j] is case i on input j. */
export async function runNative(cases: readonly DiffCase[]): Promise<RunResult[][]> {
  const dir = mkdtempSync(join(tmpdir(), "bcc-ts-diff-"));
  try {
    writeFileSync(join(dir, "prelude.h"), `${NATIVE_PRELUDE}\n`);
    const files = ["main.c"];
    const decls: string[] = [];
    const runs: string[] = [];
    cases.forEach((c, i) => {
      const f = `case${i}.c`;
      files.push(f);
      writeFileSync(join(dir, f), `#include "prelude.h"\n#define test diff_case_${i}\n#include ${JSON.stringify(c.path)}\n`);
      decls.push(`int diff_case_${i}(struct ctx *);`);
      c.inputs.forEach((inp, j) => runs.push(`  {${i}, ${j}, diff_case_${i}, {${inp.map(cLiteral).join(", ")}}},`));
    });
    const main = [
      "#include <stdio.h>",
      "#include <string.h>",
      '#include "prelude.h"',
      ...decls,
      "struct run { int c, j; int (*fn)(struct ctx *); long long in[8]; };",
      "static const struct run runs[] = {",
      ...runs,
      "};",
      "int main(void) {",
      "  for (unsigned k = 0; k < sizeof runs / sizeof runs[0]; k++) {",
      "    struct ctx ctx;",
      "    memcpy(ctx.a, runs[k].in, sizeof ctx.a);",
      "    unsigned ret = (unsigned)runs[k].fn(&ctx);",
      '    printf("%d %d %u", runs[k].c, runs[k].j, ret);',
      '    for (int s = 0; s < 8; s++) printf(" %llu", (unsigned long long)ctx.a[s]);',
      '    printf("\\n");',
      "  }",
      "  return 0;",
      "}",
    ].join("\n");
    writeFileSync(join(dir, "main.c"), main);
    // Compile in parallel groups (one gcc per core), then link once.
    const groups = Math.max(1, Math.min(4, availableParallelism()));
    const jobs: Promise<unknown>[] = [];
    for (let g = 0; g < groups; g++) {
      const mine = files.filter((_, k) => k % groups === g);
      if (mine.length > 0) jobs.push(execFileAsync("gcc", [...GCC_FLAGS, "-c", ...mine], { cwd: dir }));
    }
    await Promise.all(jobs);
    execFileSync("gcc", ["-o", "diff", ...files.map((f) => f.replace(/\.c$/, ".o"))], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    const out = execFileSync(join(dir, "diff"), { encoding: "utf8", maxBuffer: 64 << 20 });
    const results: RunResult[][] = cases.map(() => []);
    for (const line of out.trim().split("\n")) {
      const [ci, ji, ret, ...slots] = line.split(" ");
      results[Number(ci)]![Number(ji)] = { ret: Number(ret), ctx: slots.map((s) => BigInt(s)) };
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
