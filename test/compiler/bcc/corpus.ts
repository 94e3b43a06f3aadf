/**
 * @fileoverview The BCC program corpus (test/fixtures/bcc: tutorial lessons, examples, tools, each a
 * .c with a .json of attach calls and cflags) and the known-failure list both corpus tests check
 * against. A fixture's programs are the functions its attach calls name, plus the functions BCC
 * attaches by name (kprobe__X, tracepoint__cat__evt, ...).
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../../fixtures/bcc");
export const GROUPS = ["tutorial", "examples", "tools"] as const;

export interface AttachMeta {
  type: string;
  event?: string;
  fn_name?: string;
}

export interface Fixture {
  /** "tools/execsnoop.c" */
  id: string;
  group: (typeof GROUPS)[number];
  source: string;
  cflags: string[];
  attach: AttachMeta[];
}

export function loadCorpus(): Fixture[] {
  const out: Fixture[] = [];
  for (const group of GROUPS) {
    for (const f of readdirSync(join(FIXTURES, group)).filter((x) => x.endsWith(".c")).sort()) {
      const meta = JSON.parse(readFileSync(join(FIXTURES, group, f.replace(/\.c$/, ".json")), "utf8")) as { cflags?: string[]; attach?: AttachMeta[] };
      out.push({ id: `${group}/${f}`, group, source: readFileSync(join(FIXTURES, group, f), "utf8"), cflags: meta.cflags ?? [], attach: meta.attach ?? [] });
    }
  }
  return out;
}

export interface KnownFailure {
  /** "compile": the compiler rejects it; "load": it compiles but the verifier rejects a program. */
  stage: "compile" | "load";
  reason: string;
}

export function knownFailures(): Record<string, KnownFailure> {
  return JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "known-failures.json"), "utf8")) as Record<string, KnownFailure>;
}
