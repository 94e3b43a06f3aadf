export { FeatureCache } from "./feature-cache.ts";
export { FEATURE_PROBES, FEATURE_DESCRIPTIONS, type FeatureName, type FeatureResult, type FeatureStatus, type ProbeEnv } from "./probes.ts";
export { elfEntryFileOffset } from "./elf-entry.ts";
