/**
 * @fileoverview Public API of src/codec: generated decoders/encoders between C-typed bytes (map keys
 * and values, perf/ringbuf records) and plain JS values.
 */
export { Codec, CodecCache, describeType, enumName, viewOf } from "./codec.ts";
export { isCharArray } from "./generate.ts";
export { cString } from "./runtime-helpers.ts";
export * as ct from "./ctypes.ts";
export type { CScalar } from "./ctypes.ts";
