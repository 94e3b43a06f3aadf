/**
 * @fileoverview Loading the running kernel's BTF from sysfs (the only file here that touches the
 * file system). The kernel exposes vmlinux BTF at /sys/kernel/btf/vmlinux when built with
 * CONFIG_DEBUG_INFO_BTF, and each module's split BTF at /sys/kernel/btf/<module> (with
 * CONFIG_DEBUG_INFO_BTF_MODULES), whose base is vmlinux.
 */
import { readFileSync } from "node:fs";
import { Btf } from "./reader.ts";

export const KERNEL_BTF_PATH = "/sys/kernel/btf/vmlinux";
export const KERNEL_BTF_DIR = "/sys/kernel/btf";

/** The kernel (or module) BTF file is missing or unreadable. */
export class KernelBtfNotFoundError extends Error {
  readonly path: string;
  readonly code: string | undefined;
  readonly userFacing = true;
  constructor(path: string, message: string, code?: string) {
    super(message);
    this.name = "KernelBtfNotFoundError";
    this.path = path;
    this.code = code;
  }
}

function readBtfFile(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      const why = what === "kernel" && path !== KERNEL_BTF_PATH
        ? "no such file (check the path)"
        : what === "kernel"
        ? "this kernel was built without CONFIG_DEBUG_INFO_BTF; kernel struct/enum types are unavailable (use a kernel with BTF, or declare the types yourself)"
        : "the module is not loaded, or the kernel lacks CONFIG_DEBUG_INFO_BTF_MODULES";
      throw new KernelBtfNotFoundError(path, `${what} BTF not found at ${path}: ${why}`, code);
    }
    throw new KernelBtfNotFoundError(path, `cannot read ${what} BTF at ${path}: ${(e as Error).message}`, code);
  }
}

/** Reads and indexes the kernel's BTF (a few milliseconds for a 6 MB vmlinux). */
export function loadKernelBtf(path: string = KERNEL_BTF_PATH): Btf {
  return new Btf(readBtfFile(path, "kernel"));
}

/** Reads a module's split BTF on top of `base` (the vmlinux Btf). */
export function loadModuleBtf(module: string, base: Btf, dir: string = KERNEL_BTF_DIR): Btf {
  if (module.includes("/")) throw new KernelBtfNotFoundError(module, `invalid module name '${module}'`);
  return new Btf(readBtfFile(`${dir}/${module}`, `module ${module}`), { base });
}
