/**
 * Struct layout against the machine's gcc (x86_64): sizes, alignments, member offsets and the bit
 * positions of bitfields (found natively by setting a field to all ones in a zeroed object).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DiagnosticSink } from "../diagnostics/index.ts";
import { CParser } from "../parse/parser.ts";
import { analyze } from "./sema.ts";
import type { TStmt } from "./typed-ast.ts";
import { type CType, type RecordInfo, alignOf, sizeOf } from "./types.ts";

const STRUCTS = [
  "struct s1 { char a; int b; char c; };",
  "struct s2 { char a; long long b; short c; };",
  "struct s3 { unsigned a : 3; unsigned b : 5; unsigned c : 30; };",
  "struct s4 { char a; unsigned b : 12; unsigned short c : 7; };",
  "struct s5 { unsigned long long a : 40; unsigned long long b : 30; int c; };",
  "struct s6 { char a; int : 0; char b; };",
  "struct s7 { char a; int : 3; char b; };",
  "struct __attribute__((packed)) s8 { char a; int b; short c; };",
  "struct s9 { char a; int b; } __attribute__((packed));",
  "struct __attribute__((packed)) s10 { unsigned a : 3; unsigned b : 7; unsigned c : 9; unsigned char d; };",
  "struct s11 { char a; int b __attribute__((aligned(16))); };",
  "struct __attribute__((aligned(8))) s12 { char a; };",
  "struct s13 { int a; union { long long b; char c[3]; }; struct { short d, e; }; };",
  "struct s14 { char a[3]; short b[2]; struct s1 c; int d[2][3]; };",
  "union u15 { char a; int b; long long c : 33; };",
  "struct s16 { signed char a : 4; signed char b : 4; signed char c : 4; };",
  "struct s17 { short a : 9; short b : 9; char c; };",
  "struct s18 { unsigned char a; unsigned long long b : 1; unsigned char c; };",
  "struct s19 { _Bool a; _Bool b : 1; int c : 31; };",
  "struct s20 { int a; char data[]; };",
];

interface Field {
  name: string;
  bits: boolean;
}

function fieldsOf(def: string): Field[] {
  const body = def.slice(def.indexOf("{") + 1, def.lastIndexOf("}"));
  const out: Field[] = [];
  for (const part of body.split(";")) {
    const p = part.trim();
    if (p === "" || p.includes("{") || p.includes("}")) continue;
    const bits = /:\s*\d+$/.test(p);
    for (const d of p.replace(/__attribute__\(\((?:[^()]|\([^()]*\))*\)\)/g, "").split(",")) {
      const m = /([A-Za-z_]\w*)\s*(\[[^\]]*\])*\s*(:\s*\d+)?$/.exec(d.trim());
      if (m && !["int", "char", "short", "unsigned", "long", "signed", "_Bool"].includes(m[1]!)) out.push({ name: m[1]!, bits });
    }
  }
  return out;
}

const tagOf = (def: string): string =>
  /\b(struct|union)\s+(\w+)/.exec(def.replace(/__attribute__\(\((?:[^()]|\([^()]*\))*\)\)\s*/g, ""))!.slice(1, 3).join(" ");

function nativeLayouts(): Map<string, string[]> {
  const dir = mkdtempSync(join(tmpdir(), "bcc-ts-layout-"));
  try {
    const lines = ["#include <stdio.h>", "#include <string.h>", "#include <stddef.h>", ...STRUCTS, "int main(void) {"];
    for (const def of STRUCTS) {
      const tag = tagOf(def);
      lines.push(`  printf("${tag} size %zu align %zu\\n", sizeof(${tag}), _Alignof(${tag}));`);
      for (const f of fieldsOf(def)) {
        if (!f.bits) {
          lines.push(`  printf("${tag} ${f.name} off %zu\\n", offsetof(${tag}, ${f.name}));`);
          continue;
        }
        lines.push(`  { ${tag} v; memset(&v, 0, sizeof v); v.${f.name} = -1; unsigned char *b = (unsigned char *)&v;`);
        lines.push(`    int lo = -1, hi = -1; for (int i = 0; i < (int)(sizeof v * 8); i++) if (b[i / 8] >> (i % 8) & 1) { if (lo < 0) lo = i; hi = i; }`);
        lines.push(`    printf("${tag} ${f.name} bits %d %d\\n", lo, hi - lo + 1); }`);
      }
    }
    lines.push("  return 0;", "}");
    writeFileSync(join(dir, "l.c"), lines.join("\n"));
    execFileSync("gcc", ["-w", "-o", join(dir, "l"), join(dir, "l.c")]);
    const out = execFileSync(join(dir, "l"), { encoding: "utf8" });
    const res = new Map<string, string[]>();
    for (const l of out.trim().split("\n")) {
      const words = l.split(" ");
      const tag = words.slice(0, 2).join(" ");
      res.set(tag, [...(res.get(tag) ?? []), words.slice(2).join(" ")]);
    }
    return res;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ourLayouts(): Map<string, string[]> {
  const src = `${STRUCTS.join("\n")}\nint f(void *ctx) {\n${STRUCTS.map((d, i) => `  ${tagOf(d)} v${i};`).join("\n")}\n  return 0;\n}`;
  const sink = new DiagnosticSink();
  const tu = new CParser().parse(src, { file: "layout.c" }, sink);
  const m = analyze(tu, {}, sink);
  expect(sink.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const decls: TStmt[] = [];
  const walk = (s: TStmt): void => {
    if (s.k === "block") s.items.forEach(walk);
    else if (s.k === "decl") decls.push(s);
  };
  walk(m.functions[0]!.body!);
  const res = new Map<string, string[]>();
  decls.forEach((d, i) => {
    if (d.k !== "decl") return;
    const t = d.sym.type as CType & { kind: "record" };
    const tag = tagOf(STRUCTS[i]!);
    const lines = [`size ${sizeOf(t)} align ${alignOf(t)}`];
    const find = (rec: RecordInfo, name: string, base: number): string | undefined => {
      for (const f of rec.fields) {
        if (f.name === name) {
          if (f.bitWidth !== undefined) return `bits ${(base + f.offset) * 8 + f.bitOffset!} ${f.bitWidth}`;
          return `off ${base + f.offset}`;
        }
        if (f.name === undefined && f.type.kind === "record") {
          const r = find(f.type.rec, name, base + f.offset);
          if (r) return r;
        }
      }
      return undefined;
    };
    for (const f of fieldsOf(STRUCTS[i]!)) lines.push(`${f.name} ${find(t.rec, f.name, 0) ?? "missing"}`);
    res.set(tag, lines);
  });
  return res;
}

describe("struct layout matches gcc on x86_64", () => {
  const native = nativeLayouts();
  const ours = ourLayouts();
  for (const def of STRUCTS) {
    const tag = tagOf(def);
    it(tag, () => {
      expect(ours.get(tag)).toEqual(native.get(tag));
    });
  }
});
