/**
 * Implementation of `bcc-ts compile` (loaded only when the command runs, so other commands start
 * without the compiler). `bcc-ts compile FILE.c`: compile every program function; optionally load each into the kernel
 * (without attaching) for the verifier's verdict, dump the disassembly with source lines, print a
 * JSON summary, or test-run one function as a BPF_PROG_TYPE_SYSCALL program.
 *
 * Exit codes: 0 all compiled (and loaded, with --load); 3 compile errors; 4 a verifier rejection;
 * 1 other failures.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { compile } from "../../../frontend-c/index.ts";
import { renderDiagnostics } from "../../../frontend-c/diagnostics/index.ts";
import { NodeIncludeHost } from "../../../frontend-c/preprocess/node-include-host.ts";
import { disassembleLines } from "../../isa/index.ts";
import { createMap } from "../../maps/index.ts";
import { loadProgram, parseProbeName, parseSection, type ProgKind, ProgramLoadError } from "../../programs/index.ts";
import type { ProgramSpec } from "../../spec/index.ts";
import { type Fd, progTestRun } from "../../sys/index.ts";
import { requireTracingPrivileges } from "../privileges.ts";

export interface CompileArgs {
  file: string;
  load: boolean;
  dump: boolean;
  json: boolean;
  "test-run"?: string;
  "ctx-hex"?: string;
  define: string[];
  include: string[];
  color: boolean;
}

interface ProgramReport {
  name: string;
  type: ProgKind;
  insns: number;
  loaded: boolean | null;
  error: string | null;
}

class CliExit extends Error {
  readonly userFacing = true;
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = "CompileCommandError";
  }
}

export function compileHandler(args: CompileArgs): void {
    // yargs hands a lone "-" over as "".
    if (args.file === "") args.file = "-";
    const file = args.file === "-" ? "<stdin>" : resolve(args.file);
    let text: string;
    try {
      text = readFileSync(args.file === "-" ? 0 : file, "utf8");
    } catch (err) {
      throw new CliExit(`cannot read ${args.file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, 1);
    }
    const shown = args.file === "-" ? "<stdin>" : args.file;
    const cflags = [...args.define.map((d) => `-D${d}`), ...args.include.map((i) => `-I${i}`)];
    const r = compile(text, { file: shown, cflags, includeHost: new NodeIncludeHost() });
    const sources = (f: string) => (f === shown ? text : tryRead(f));
    if (r.diagnostics.length > 0) process.stderr.write(`${renderDiagnostics(r.diagnostics, sources, { color: args.color })}\n`);
    if (!r.ok) {
      if (args.json) process.stdout.write(`${JSON.stringify({ programs: [], errors: r.diagnostics.filter((d) => d.severity === "error").length })}\n`);
      process.exitCode = 3;
      return;
    }

    const reports: ProgramReport[] = r.programs.map((p) => ({ name: p.name, type: kindOf(p), insns: p.instructions.length, loaded: null, error: null }));
    if (args.dump) for (const p of r.programs) process.stdout.write(`${dump(p, text, shown)}\n`);

    if (args.load || args["test-run"] !== undefined) {
      requireTracingPrivileges("bcc-ts compile --load/--test-run");
      const maps = new Map<string, Fd>();
      try {
        for (const m of r.maps) maps.set(m.name, createMap(m));
        if (args.load) {
          for (const [i, p] of r.programs.entries()) {
            const rep = reports[i]!;
            try {
              loadProgram(p, { kind: rep.type, maps, sourceText: sources }).fd.close();
              rep.loaded = true;
            } catch (err) {
              rep.loaded = false;
              rep.error = err instanceof Error ? err.message : String(err);
              if (!args.json) {
                process.stderr.write(`bcc-ts: ${rep.error}\n`);
                if (err instanceof ProgramLoadError && err.verifierLog) {
                  const tail = err.verifierLog.trimEnd().split("\n").slice(-8);
                  process.stderr.write(`  verifier log (last ${tail.length} lines):\n${tail.map((l) => `    ${l}`).join("\n")}\n`);
                }
              }
            }
          }
        }
        if (args["test-run"] !== undefined) testRun(r.programs, args["test-run"], args["ctx-hex"], maps, sources);
      } finally {
        for (const fd of maps.values()) fd.close();
      }
    }

    if (args.json) {
      process.stdout.write(`${JSON.stringify({ programs: reports }, null, 2)}\n`);
    } else if (!args.dump && args["test-run"] === undefined) {
      for (const rep of reports) {
        const verdict = rep.loaded === null ? "" : rep.loaded ? ", loaded" : ", REJECTED";
        process.stdout.write(`${rep.name}: ${rep.type}, ${rep.insns} instructions${verdict}\n`);
      }
    }
    if (reports.some((rep) => rep.loaded === false)) process.exitCode = 4;
  }

function testRun(programs: ProgramSpec[], fn: string, ctxHex: string | undefined, maps: Map<string, Fd>, sources: (f: string) => string | undefined): void {
  const spec = programs.find((p) => p.name === fn);
  if (!spec) throw new CliExit(`--test-run: no function ${fn} (functions: ${programs.map((p) => p.name).join(", ")})`, 2);
  const hex = (ctxHex ?? "00".repeat(64)).replace(/\s+/g, "");
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new CliExit("--ctx-hex must be an even number of hex digits", 2);
  const ctx = Uint8Array.from(Buffer.from(hex, "hex"));
  let loaded;
  try {
    loaded = loadProgram(spec, { kind: "syscall", maps, sourceText: sources });
  } catch (err) {
    throw new CliExit(err instanceof Error ? err.message : String(err), 4);
  }
  try {
    const res = progTestRun(loaded.fd, ctx.length > 0 ? { ctxIn: ctx } : {});
    process.stdout.write(`retval=${res.retval | 0}\nctx=${Buffer.from(ctx).toString("hex")}\n`);
  } finally {
    loaded.fd.close();
  }
}

/** The program kind from BCC's naming conventions or the section; BCC's default is kprobe. */
function kindOf(p: ProgramSpec): ProgKind {
  return parseProbeName(p.name)?.kind ?? parseSection(p.section)?.kind ?? "kprobe";
}

function dump(p: ProgramSpec, text: string, file: string): string {
  const lines = disassembleLines(p.instructions, { style: "verifier" });
  const src = text.split("\n");
  const out = [`${p.name}:  ; ${p.section || "(no section)"}, ${p.instructions.length} instructions, stack ${p.stackSize} bytes`];
  let last = "";
  p.instructions.forEach((_, i) => {
    const s = p.spans[i];
    const key = s ? `${s.file}:${s.line}` : "";
    if (s && key !== last) {
      last = key;
      const code = s.file === file ? (src[s.line - 1] ?? "").trim() : "";
      out.push(`; ${code}  [${s.file}:${s.line}:${s.col}]`);
    }
    out.push(`  ${lines[i] ?? ""}`);
  });
  return out.join("\n");
}

function tryRead(f: string): string | undefined {
  try {
    return readFileSync(f, "utf8");
  } catch {
    return undefined;
  }
}
