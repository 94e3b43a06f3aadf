/**
 * @fileoverview Kernel types for BCC programs without kernel headers: BTF structs/typedefs/enums,
 * tracepoint argument structs from tracefs formats, and the kernel #defines BTF cannot carry.
 * See INTEGRATION.md for how the compiler and the BPF class use them.
 */
export { BtfExternalTypes, BTF_SPAN, intTypeFor } from "./btf-external.ts";
export { KernelTypes, type KernelTypesOptions } from "./kernel-types.ts";
export {
  tracepointRecord, loadTracepointRecord, splitTracepointStructName, parseFieldType, fieldType, fieldName, intFromWords,
  type FormatSource, type TypeResolver,
} from "./tracepoint-types.ts";
export { KERNEL_MACROS, kernelMacroDefines, type KernelMacro } from "./kernel-macros.ts";
