import { test } from "vitest";
import { CParser } from "../frontend-c/parse/parser.ts";
import { DiagnosticSink } from "../frontend-c/diagnostics/index.ts";
test("x", () => {
  const p = new CParser(); const s = new DiagnosticSink();
  const tu = p.parse(`typedef unsigned int foo_t;
int f(void *ctx) { foo_t * x; int y = (foo_t)*x; x = sizeof(y); switch (y) { case 1: y++; break; default: return 2; }
#pragma unroll
  for (int i = 0; i < 3; i++) y += i;
  return 1 + 2 }`, { file: "t.c" }, s);
  console.log(JSON.stringify(tu, (k, v) => (k === "span" || k === "opSpan" || k==="nameSpan") ? undefined : typeof v === "bigint" ? v.toString() : v).slice(0, 3000));
  console.log(s.diagnostics);
});
