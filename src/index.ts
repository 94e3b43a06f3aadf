/**
 * bcc-ts public runtime API: `import { BPF } from "bcc-ts"`, as Python's `from bcc import BPF`.
 * The building blocks are exported too, for programs that drive the kernel directly.
 */
export { BPF, BPFError, CompileError, KeyboardInterrupt, type BPFOptions } from "./bpf/index.ts";
export { sleep } from "./bpf/sleep.ts";
export { PermissionError } from "./sandbox/permissions.ts";
export * as isa from "./isa/index.ts";
export * as sys from "./sys/index.ts";
export * as tracefs from "./tracefs/index.ts";
export { FeatureCache, type FeatureName, type FeatureResult } from "./features/index.ts";
export { print_log2_hist, print_linear_hist } from "./maps/index.ts";
export { USDT, USDTError, type USDTOptions } from "./usdt/index.ts";
