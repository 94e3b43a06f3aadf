/**
 * Entry point bundled by the fuzz harness (esbuild, at run time) so the Node runner and its worker
 * threads use the current sources without a TS loader: the compiler, and the loader pieces needed
 * to put accepted programs into the kernel.
 */
export { compile, CompileContext } from "../../frontend-c/index.ts";
export { InternalCompilerError } from "../../frontend-c/diagnostics/index.ts";
export { createMap } from "../../src/maps/index.ts";
export { loadProgram, parseProbeName, parseSection, ProgramLoadError } from "../../src/programs/index.ts";
export { KernelError, FdTracker } from "../../src/sys/index.ts";
