/**
 * Kernel symbolisation: BCC's formats on a fixed kallsyms text, then round trips on this machine's
 * /proc/kallsyms (which needs real addresses: root, or a permissive kptr_restrict).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KernelSymbols, formatSymbol, parseKallsyms } from "./kallsyms.ts";

const TEXT = [
  "ffffffff81000000 T _stext",
  "ffffffff81000100 T vfs_read",
  "ffffffff81000200 t helper.cold",
  "ffffffff81000300 D some_data",
  "ffffffff81000400 T __init_begin",
  "ffffffff81000410 T init_only",
  "ffffffff81000420 T __init_end",
  "ffffffff81000500 T __irqentry_text_start",
  "ffffffff81000510 T irq_handler",
  "ffffffff81000520 T __irqentry_text_end",
  "ffffffff81000600 T vfs_write",
  "ffffffff81000700 T perf_event_read",
  "ffffffff81000800 W vfs_weak",
  "ffffffff81000900 t vfs_read",
  "ffffffffc0001000 t ext4_read\t[ext4]",
  "ffffffffc0001100 T ext4_write\t[ext4]",
  "",
].join("\n");

describe("parseKallsyms", () => {
  it("reads address, type, name and module", () => {
    const syms = parseKallsyms(TEXT);
    expect(syms).toHaveLength(16);
    expect(syms[1]).toEqual({ name: "vfs_read", address: 0xffffffff81000100n, type: "T", module: "kernel" });
    expect(syms[14]).toEqual({ name: "ext4_read", address: 0xffffffffc0001000n, type: "t", module: "ext4" });
  });
});

describe("KernelSymbols on a fixed table", () => {
  const k = new KernelSymbols({ text: TEXT });

  it("formats like BPF.ksym", () => {
    expect(k.ksym(0xffffffff81000100n)).toBe("vfs_read");
    expect(k.ksym(0xffffffff81000110n, false, true)).toBe("vfs_read+0x10");
    expect(k.ksym(0xffffffff81000100n, true, true)).toBe("vfs_read+0x0 [kernel]");
    expect(k.ksym(0xffffffffc0001105n, true, false)).toBe("ext4_write [ext4]");
    expect(k.ksym(0x1000n, true, true)).toBe("[unknown]");
  });

  it("skips data symbols when symbolising", () => {
    // 0x...0310 is inside some_data's slot, but data is skipped: the previous code symbol wins.
    expect(k.ksym(0xffffffff81000310n, false, true)).toBe("helper.cold+0x110");
  });

  it("accepts numbers and bigints", () => {
    expect(k.resolve(0xffffffff81000104n)?.offset).toBe(4n);
  });

  it("finds addresses by name (first definition wins)", () => {
    expect(k.ksymname("vfs_read")).toBe(0xffffffff81000100n);
    expect(k.ksymname("some_data")).toBe(0xffffffff81000300n);
    expect(k.ksymname("nope")).toBeUndefined();
  });

  it("lists kprobe-able functions like get_kprobe_functions", () => {
    const dir = mkdtempSync(join(tmpdir(), "bcc-ts-ksyms-"));
    try {
      const none = join(dir, "missing");
      const k2 = new KernelSymbols({ text: TEXT, availableFilterFunctionsPath: none, kprobeBlacklistPath: none });
      expect(k2.kprobeFunctions("vfs_.*")).toEqual(["vfs_read", "vfs_weak", "vfs_write"]);
      // Whole-name match, init/irqentry ranges, perf_ and .cold are excluded.
      expect(k2.kprobeFunctions("vfs")).toEqual([]);
      expect(k2.kprobeFunctions(/init_only|irq_handler|perf_event_read|helper\.cold/)).toEqual([]);
      expect(k2.kprobeFunctions(/ext4_.*/)).toEqual(["ext4_read", "ext4_write"]);
      const blacklist = join(dir, "blacklist");
      writeFileSync(blacklist, "0xffffffff81000600-0xffffffff81000700\tvfs_write\n");
      const avail = join(dir, "available_filter_functions");
      writeFileSync(avail, "vfs_read\nvfs_write\next4_read [ext4]\n");
      const k3 = new KernelSymbols({ text: TEXT, availableFilterFunctionsPath: avail, kprobeBlacklistPath: blacklist });
      expect(k3.kprobeFunctions("vfs_.*")).toEqual(["vfs_read"]);
      expect(k3.kprobeFunctions("ext4_.*")).toEqual(["ext4_read"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("formatSymbol", () => {
  it("follows BCC's sym() rules", () => {
    expect(formatSymbol("f", 0x10, "/usr/lib/x86_64-linux-gnu/libc.so.6", true, true)).toBe("f+0x10 [libc.so.6]");
    expect(formatSymbol(undefined, 0x10, "/bin/bash", true, true)).toBe("[unknown] [bash]");
    expect(formatSymbol(undefined, 0x10, undefined, true, true)).toBe("[unknown]");
    expect(formatSymbol("f", 0n, "kernel", false, true)).toBe("f+0x0");
  });
});

const real = new KernelSymbols();
const realSkip = (() => {
  try {
    return real.addressesHidden ? "/proc/kallsyms shows zero addresses (not root / kptr_restrict)" : undefined;
  } catch (e) {
    return `/proc/kallsyms is not readable: ${(e as Error).message}`;
  }
})();

describe.skipIf(realSkip !== undefined)(`/proc/kallsyms${realSkip ? ` (skipped: ${realSkip})` : ""}`, () => {
  it("round-trips vfs_read through ksymname and ksym", () => {
    const addr = real.ksymname("vfs_read");
    expect(addr).toBeDefined();
    expect(addr! > 0xffff000000000000n).toBe(true);
    expect(real.ksym(addr!)).toBe("vfs_read");
    expect(real.ksym(addr! + 4n, true, true)).toBe("vfs_read+0x4 [kernel]");
  });

  it("agrees with the kallsyms line for a few core functions", () => {
    for (const name of ["vfs_write", "do_sys_openat2", "schedule"]) {
      const sym = real.all.find((s) => s.name === name && (s.type === "T" || s.type === "t"));
      if (!sym) continue;
      expect(real.ksym(sym.address)).toBe(name);
    }
  });

  it("lists vfs_* functions", () => {
    const fns = real.kprobeFunctions(/vfs_.*/);
    expect(fns).toContain("vfs_read");
    expect(fns.every((f) => f.startsWith("vfs_"))).toBe(true);
  });
});
