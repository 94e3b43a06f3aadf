/**
 * @fileoverview Entry of the one CommonJS bundle that dist/ ships (scripts/build.mjs): the public
 * runtime API, the compiler and the CLI in one file, so a single V8 code cache covers all of them
 * (dist/load.cjs). The package's entry points (dist/index.js, compiler.js, isa.js, cli.js) are thin
 * ES-module wrappers that re-export parts of it.
 */
export * from "./index.ts";
export * as compiler from "../frontend-c/index.ts";

/** The `bcc-ts` command; loaded on demand so `import "bcc-ts"` never loads yargs. */
export async function runCli(): Promise<void> {
  (await import("./cli/main.ts")).runCli();
}
