/**
 * @fileoverview Public API of the BTF module: a lazy reader (kernel and module BTF, or any blob),
 * a neutral type description for the compiler, a writer for program/map BTF, and func/line info
 * encoders. Everything but kernel.ts is pure (no file system, no kernel).
 */
export * from "./btf-format.ts";
export * from "./btf-types.ts";
export { Btf, BtfFormatError, BtfLookupError, describeId, parseHeader, type BtfHeader, type BtfParseOptions, type MemberLookup } from "./reader.ts";
export { BtfTypeDescriber, bitfieldUnit, kTypeToString, unwrapK, type KField, type KParam, type KQuals, type KRecord, type KType } from "./types.ts";
export { BtfBuilder, type BtfBuilderOptions } from "./writer.ts";
export { ExtInfoBuilder, decodeFuncInfo, decodeLineInfo, encodeFuncInfo, encodeLineInfo, lineCol, type FuncInfoRecord, type LineInfoRecord } from "./ext-info.ts";
export { editDistance, suggest } from "./suggest.ts";
export { KERNEL_BTF_DIR, KERNEL_BTF_PATH, KernelBtfNotFoundError, loadKernelBtf, loadModuleBtf } from "./kernel.ts";
