/**
 * @fileoverview BCC's static helpers on the BPF class: syscall function names, kernel and user
 * symbols, feature checks. BCC keeps their caches in class-level state; so do we, in one lazily
 * created Symbolizer per process (a deliberate exception: the API is static). Tests that need
 * fresh state construct their own Symbolizer.
 */
import { existsSync, readFileSync } from "node:fs";
import { Symbolizer } from "../symbols/index.ts";
import { findLibrary, findExecutable } from "../elf/index.ts";
import { FeatureCache } from "../features/index.ts";

let symbolizer: Symbolizer | undefined;
function sharedSymbolizer(): Symbolizer {
  symbolizer ??= new Symbolizer();
  return symbolizer;
}

let prefix: string | undefined;

/** The kernel's syscall entry function prefix ("__x64_sys_" on x86_64 since 4.17, else "sys_"). */
export function syscallPrefix(): string {
  if (prefix !== undefined) return prefix;
  let text = "";
  try {
    text = readFileSync("/proc/kallsyms", "utf8");
  } catch {
    // Unreadable kallsyms: assume a modern x86_64 kernel.
  }
  for (const p of ["__x64_sys_", "__arm64_sys_", "sys_"]) {
    if (new RegExp(`^[0-9a-f]+ [tTwW] ${p}bpf$`, "m").test(text)) return (prefix = p);
  }
  return (prefix = text === "" ? "__x64_sys_" : "sys_");
}

export const kernelUtils = {
  get_syscall_prefix(): string {
    return syscallPrefix();
  },
  /** "clone" → "__x64_sys_clone" (the function a kprobe on the syscall attaches to). */
  get_syscall_fnname(name: string): string {
    return `${syscallPrefix()}${name}`;
  },
  ksym(addr: number | bigint, show_module = false, show_offset = false): string {
    return sharedSymbolizer().ksym(addr, show_module, show_offset);
  },
  ksymname(name: string): bigint {
    return sharedSymbolizer().ksymname(name);
  },
  sym(addr: number | bigint, pid: number, show_module = false, show_offset = false): string {
    return sharedSymbolizer().sym(addr, pid, show_module, show_offset);
  },
  tracepoint_exists(category: string, event: string): boolean {
    return existsSync(`/sys/kernel/tracing/events/${category}/${event}`) || existsSync(`/sys/kernel/debug/tracing/events/${category}/${event}`);
  },
  support_raw_tracepoint(): boolean {
    return new FeatureCache().has("raw_tracepoint");
  },
  support_raw_tracepoint_in_module(): boolean {
    return new FeatureCache().has("raw_tracepoint");
  },
  support_kfunc(): boolean {
    return new FeatureCache().has("fentry");
  },
  support_lsm(): boolean {
    return false;
  },
  support_ringbuf(): boolean {
    return new FeatureCache().has("ringbuf");
  },
  find_library(name: string): string | undefined {
    return findLibrary(name);
  },
  find_exe(name: string): string | undefined {
    return findExecutable(name);
  },
};
