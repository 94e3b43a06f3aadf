/** `bcc-ts compile`: the command's options; the implementation loads on use (compile-impl.ts). */
import type { CommandModule } from "yargs";
import type { CompileArgs } from "./compile-impl.ts";

/**
 * The options of `bcc-ts compile`, read both by yargs (the builder below) and by the CLI's fast
 * path (plainCompileArgs), so the two cannot drift apart.
 */
export const COMPILE_OPTIONS = {
  load: { type: "boolean", default: false, describe: "load each program into the kernel (no attach) and report the verifier's verdict" },
  dump: { type: "boolean", default: false, describe: "print the disassembly interleaved with the C source lines" },
  json: { type: "boolean", default: false, describe: "print {programs:[{name,type,insns,loaded,error}]}" },
  "test-run": { type: "string", describe: "load FN as a BPF_PROG_TYPE_SYSCALL program and run it once (BPF_PROG_RUN)" },
  "ctx-hex": { type: "string", describe: "ctx bytes for --test-run, as hex (default: 64 zero bytes)" },
  define: { alias: "D", type: "string", array: true, default: [] as string[], describe: "define a macro: -D NAME=VALUE" },
  include: { alias: "I", type: "string", array: true, default: [] as string[], describe: "add an include directory" },
  color: { type: "boolean", default: process.stderr.isTTY === true, describe: "colour diagnostics" },
} as const;

export const compileCommand: CommandModule<object, CompileArgs> = {
  command: "compile <file>",
  describe: "compile a BCC-style C file (- for stdin); --load asks the verifier, --dump disassembles",
  builder: (y) =>
    y
      .positional("file", { type: "string", demandOption: true, describe: "C source file, or - for stdin" })
      .options(COMPILE_OPTIONS),
  handler: async (args) => {
    const { compileHandler } = await import("./compile-impl.ts");
    compileHandler(args);
  },
};

/**
 * `bcc-ts compile` words (after "compile") parsed from COMPILE_OPTIONS without yargs, whose
 * loading costs more than compiling a small program: `--flag`, `--no-flag`, `--opt value`,
 * `--opt=value`, `-X value`, `-Xvalue`, one file. Anything else (help, unknown or malformed
 * options, a second file) returns undefined and goes through yargs for its messages.
 */
export function plainCompileArgs(words: readonly string[]): CompileArgs | undefined {
  const values: Record<string, unknown> = { file: "" };
  const byName = new Map<string, string>();
  for (const [name, o] of Object.entries(COMPILE_OPTIONS)) {
    values[name] = "default" in o ? ("array" in o ? [...o.default] : o.default) : undefined;
    byName.set(`--${name}`, name);
    if ("alias" in o) byName.set(`-${o.alias}`, name);
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const eq = w.startsWith("--") ? w.indexOf("=") : -1;
    let flag = eq > 0 ? w.slice(0, eq) : w;
    let inline = eq > 0 ? w.slice(eq + 1) : undefined;
    if (!byName.has(flag) && /^-[A-Za-z]./.test(w) && byName.has(w.slice(0, 2))) {
      flag = w.slice(0, 2); // -DNAME, -Idir
      inline = w.slice(2);
    }
    const name = byName.get(flag);
    const negated = flag.startsWith("--no-") ? flag.slice(5) : undefined;
    if (name === undefined && negated !== undefined && COMPILE_OPTIONS[negated as keyof typeof COMPILE_OPTIONS]?.type === "boolean" && inline === undefined) {
      values[negated] = false;
      continue;
    }
    if (name === undefined) {
      if (w.startsWith("-") && w !== "-") return undefined;
      if (values["file"] !== "") return undefined;
      values["file"] = w;
      continue;
    }
    const o = COMPILE_OPTIONS[name as keyof typeof COMPILE_OPTIONS];
    if (o.type === "boolean") {
      if (inline !== undefined) return undefined;
      values[name] = true;
      continue;
    }
    const value = inline ?? words[++i];
    if (value === undefined || value === "" || (inline === undefined && value.startsWith("-"))) return undefined;
    if ("array" in o) (values[name] as string[]).push(value);
    else values[name] = value;
  }
  return values["file"] === "" ? undefined : (values as unknown as CompileArgs);
}
