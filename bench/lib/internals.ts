/**
 * @fileoverview The library internals the benchmark scripts call, gathered in one entry point that
 * bench/lib/setup.mjs bundles with esbuild into a temporary directory (the published dist/ does
 * not export the compiler's context, the BTF reader or the test corpus).
 */
export { compile, CompileContext } from "../../frontend-c/index.ts";
export { BPF } from "../../src/bpf/index.ts";
export * as sys from "../../src/sys/index.ts";
export * as isa from "../../src/isa/index.ts";
export { loadKernelBtf } from "../../src/btf/kernel.ts";
export { loadCorpus, CTX_PRELUDE, NATIVE_PRELUDE } from "../../test/compiler/diff/corpus.ts";
export { patchMaps } from "../../test/compiler/diff/syscall-runner.ts";
