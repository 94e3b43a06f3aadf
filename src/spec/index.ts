/**
 * @fileoverview Compiler output types shared by the compiler (producer) and the runtime (consumer).
 */
export * from "./c-type.ts";
export * from "./map-spec.ts";
export * from "./program-spec.ts";
