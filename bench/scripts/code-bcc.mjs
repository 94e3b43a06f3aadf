// Code-size benchmark, bcc-ts side: node code-bcc.mjs INTERNALS JOBS.json
// JOBS: [{id, kind: "corpus", source, isa?} | {id, kind: "tracing", file}]. For every program prints
// {id, isa?, program, slots, processed, error?}: instruction slots as loaded (ld_imm64 counts 2) and the
// verifier's instruction count (log level 1 "processed N insns" for corpus cases, bpf_prog_info
// verified_insns, the same counter, for tracing programs loaded through the BPF class).
import { readFileSync } from "node:fs";

const [internals, jobsFile] = process.argv.slice(2);
const { compile, CompileContext, BPF, sys, isa, CTX_PRELUDE } = await import(internals);
const jobs = JSON.parse(readFileSync(jobsFile, "utf8"));
const ctx = new CompileContext();
const out = [];
for (const job of jobs) {
  try {
    if (job.kind === "corpus") {
      // isa: "v3" (compile()'s default, loads on any kernel) or "v4" (what the BPF class picks on 6.6+).
      const r = compile(`${CTX_PRELUDE}\n${job.source}`, { file: `${job.id}.c`, context: ctx, backend: { isa: job.isa ?? "v3" } });
      if (!r.ok) throw new Error("compile: " + r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message).join("; "));
      const p = r.programs.find((q) => q.name === "test") ?? r.programs[0];
      if (p.mapRelocations.length > 0) throw new Error("uses maps");
      const insns = isa.encode(p.instructions);
      const { fd, log } = sys.progLoad(
        { progType: sys.BPF_PROG_TYPE.SYSCALL, insns, license: p.license, name: p.name, progFlags: sys.BPF_PROG_FLAG.SLEEPABLE },
        { logLevel: 1 },
      );
      const m = /processed (\d+) insns/.exec(log);
      fd.close();
      out.push({ id: job.id, isa: job.isa ?? "v3", program: p.name, slots: insns.length / 8, processed: m ? Number(m[1]) : -1 });
    } else {
      const b = new BPF({ src_file: job.file });
      try {
        for (const p of b.spec.programs) {
          const slots = isa.encode(p.instructions).length / 8;
          const f = b.load_func(p.name, BPF.TRACEPOINT);
          const info = sys.progInfo(f.fd);
          out.push({ id: job.id, program: p.name, slots, processed: info.verifiedInsns, xlated: info.xlatedProgLen / 8 });
        }
      } finally {
        b.close();
      }
    }
  } catch (err) {
    out.push({ id: job.id, ...(job.isa ? { isa: job.isa } : {}), error: String(err.message ?? err).split("\n").slice(0, 3).join(" / ").slice(0, 300) });
  }
}
console.log(JSON.stringify(out));
