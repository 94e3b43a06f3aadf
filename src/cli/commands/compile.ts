/** `bcc-ts compile`: the command's options; the implementation loads on use (compile-impl.ts). */
import type { CommandModule } from "yargs";
import type { CompileArgs } from "./compile-impl.ts";

export const compileCommand: CommandModule<object, CompileArgs> = {
  command: "compile <file>",
  describe: "compile a BCC-style C file (- for stdin); --load asks the verifier, --dump disassembles",
  builder: (y) =>
    y
      .positional("file", { type: "string", demandOption: true, describe: "C source file, or - for stdin" })
      .option("load", { type: "boolean", default: false, describe: "load each program into the kernel (no attach) and report the verifier's verdict" })
      .option("dump", { type: "boolean", default: false, describe: "print the disassembly interleaved with the C source lines" })
      .option("json", { type: "boolean", default: false, describe: "print {programs:[{name,type,insns,loaded,error}]}" })
      .option("test-run", { type: "string", describe: "load FN as a BPF_PROG_TYPE_SYSCALL program and run it once (BPF_PROG_RUN)" })
      .option("ctx-hex", { type: "string", describe: "ctx bytes for --test-run, as hex (default: 64 zero bytes)" })
      .option("define", { alias: "D", type: "string", array: true, default: [], describe: "define a macro: -D NAME=VALUE" })
      .option("include", { alias: "I", type: "string", array: true, default: [], describe: "add an include directory" })
      .option("color", { type: "boolean", default: process.stderr.isTTY === true, describe: "colour diagnostics" }),
  handler: async (args) => {
    const { compileHandler } = await import("./compile-impl.ts");
    compileHandler(args);
  },
};
