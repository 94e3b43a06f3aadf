/**
 * bcc-ts public runtime API. The BPF class arrives with the BCC-dialect issue; until then the
 * building blocks are exported for programs that drive the kernel directly.
 */
export * as isa from "./isa/index.ts";
export * as sys from "./sys/index.ts";
export * as tracefs from "./tracefs/index.ts";
export { FeatureCache, type FeatureName, type FeatureResult } from "./features/index.ts";
