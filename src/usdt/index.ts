/**
 * @fileoverview USDT probes for the BPF class (BCC's `USDT` and `usdt_contexts`).
 */
export { USDT, USDTError, type EnabledProbe, type USDTOptions } from "./usdt.ts";
export { UsdtBinding, USDT_INCLUDE_NAME, type UsdtAttachTarget } from "./usdt-binding.ts";
export { ctypeName, generateReadargC, readargFunctionName, widestCType, type CType, type ReadargSite } from "./readarg-gen.ts";
