import { readFileSync } from "node:fs";
import { preprocess, MemoryIncludeHost } from "./index.ts";
import { DiagnosticSink } from "../diagnostics/index.ts";
const dir = new URL("./testdata/", import.meta.url).pathname;
const src = readFileSync(dir + "bcc-sample.c", "utf8");
const host = new MemoryIncludeHost({ "/t/bcc-prelude.h": readFileSync(dir + "bcc-prelude.h", "utf8") });
let r;
for (let i = 0; i < 300; i++) r = preprocess(src, { file: "/t/main.c", includeHost: host, cflags: ["-DNUMCPUS=2"] }, new DiagnosticSink());
let best = Infinity;
for (let b = 0; b < 15; b++) { const c0 = process.cpuUsage();
for (let i = 0; i < 200; i++) r = preprocess(src, { file: "/t/main.c", includeHost: host, cflags: ["-DNUMCPUS=2"] }, new DiagnosticSink());
const c = process.cpuUsage(c0); best = Math.min(best, (c.user + c.system) / 1000 / 200); }
console.log(best.toFixed(3), "ms/run best");
const s = new DiagnosticSink(); r = preprocess(src, { file: "/t/main.c", includeHost: host, cflags: ["-DNUMCPUS=2"] }, s);
console.log(s.diagnostics, r.text.split("\n").slice(0, 40).join("\n"));
