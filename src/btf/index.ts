/**
 * @fileoverview Public API of the BTF module: a lazy reader (kernel and module BTF, or any blob),
 * a neutral type description for the compiler, a writer for program/map BTF, and func/line info
 * encoders. All pure (no file system, no kernel): loading the running kernel's BTF from sysfs lives
 * in ./kernel.ts (`loadKernelBtf`), imported separately so the compiler never pulls in node:fs.
 */
export * from "./btf-format.ts";
export * from "./btf-types.ts";
export { Btf, BtfFormatError, BtfLookupError, describeId, parseHeader, type BtfHeader, type BtfParseOptions, type MemberLookup } from "./reader.ts";
export { BtfTypeDescriber, bitfieldUnit, kTypeToString, unwrapK, type KField, type KParam, type KQuals, type KRecord, type KType } from "./types.ts";
export { BtfBuilder, type BtfBuilderOptions } from "./writer.ts";
export { ExtInfoBuilder, decodeFuncInfo, decodeLineInfo, encodeFuncInfo, encodeLineInfo, lineCol, type FuncInfoRecord, type LineInfoRecord } from "./ext-info.ts";
export { editDistance, suggest } from "./suggest.ts";
export { declare, formatEnum, formatFunc, formatRecord } from "./c-format.ts";
