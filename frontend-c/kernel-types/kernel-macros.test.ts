/**
 * The kernel #define table: unique names, consistent with the kernel's own BTF where a name is also
 * an enum constant there, usable through our preprocessor, and (where the host has the uapi
 * headers and gcc) equal to what those headers say.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KERNEL_BTF_PATH, loadKernelBtf } from "../../src/btf/kernel.ts";
import { compile } from "../index.ts";
import { runBpf } from "../emit/bpf-interpreter.ts";
import { Memory } from "../ir/interpret.ts";
import { KERNEL_MACROS, kernelMacroDefines } from "./kernel-macros.ts";

describe("KERNEL_MACROS", () => {
  it("has unique, identifier-shaped names", () => {
    const names = KERNEL_MACROS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[A-Z_][A-Z0-9_]*$/);
  });

  it("preprocesses and compiles as #defines (negative values parenthesized)", () => {
    const src = `${kernelMacroDefines()}
      int f(void *ctx) { return (O_CREAT | O_TRUNC) + AT_FDCWD * 10000 + (TASK_IDLE == (TASK_UNINTERRUPTIBLE | TASK_NOLOAD)); }`;
    const r = compile(src);
    expect(r.diagnostics.map((d) => d.message)).toEqual([]);
    const got = runBpf(r.programs[0]!.instructions, 0n, new Memory());
    expect(BigInt.asIntN(32, got)).toBe(0o1100n - 1000000n + 1n);
  });

  it.skipIf(!existsSync(KERNEL_BTF_PATH))("agrees with this kernel's BTF where the name is also an enum constant", () => {
    const btf = loadKernelBtf();
    let both = 0;
    for (const m of KERNEL_MACROS) {
      const e = btf.lookupEnumValue(m.name);
      if (e === undefined) continue;
      expect(e.value, m.name).toBe(m.value);
      both++;
    }
    expect(both).toBeGreaterThan(0); // TASK_COMM_LEN is an enum since 5.x
  });

  // The uapi values can be checked against the host's headers when gcc and linux-libc-dev exist.
  const hostHeaders = ["/usr/include/linux/sched.h", "/usr/include/linux/if_ether.h", "/usr/include/fcntl.h"].every(existsSync);
  let gcc = false;
  try {
    execFileSync("gcc", ["--version"], { stdio: "ignore" });
    gcc = true;
  } catch {
    // no compiler: the cross-check below is skipped (reason in its title)
  }
  it.skipIf(!(hostHeaders && gcc))("matches the host's uapi/libc headers (skipped without gcc and linux-libc-dev)", () => {
    // Kernel-internal names (not in uapi) and ones libc defines differently on purpose are excluded:
    // glibc's O_LARGEFILE is 0 on 64-bit, the kernel's is 0100000; INET6_ADDRSTRLEN is 46 in libc, 48 in the kernel.
    const internal = /^(TASK_|__TASK|EXIT_|PF_(?!UNSPEC|UNIX|INET)|FMODE_|REQ_OP|DISK_NAME|INET6?_ADDRSTRLEN|MSEC|USEC|NSEC|PAGE_|O_LARGEFILE$)/;
    const checked = KERNEL_MACROS.filter((m) => !internal.test(m.name));
    const lines = checked.map((m) => `  printf("%s %lld\\n", "${m.name}", (long long)(${m.name}));`);
    const c = [
      "#define _GNU_SOURCE", "#include <stdio.h>", "#include <fcntl.h>", "#include <signal.h>", "#include <errno.h>",
      "#include <sys/socket.h>", "#include <sys/stat.h>", "#include <linux/sched.h>", "#include <linux/if_ether.h>",
      "#include <linux/if.h>", "#include <linux/limits.h>", "int main(void) {", ...lines, "  return 0;", "}",
    ].join("\n");
    const dir = mkdtempSync(join(tmpdir(), "kmacros-"));
    try {
      writeFileSync(join(dir, "m.c"), c);
      execFileSync("gcc", ["-o", join(dir, "m"), join(dir, "m.c")], { stdio: "pipe" });
      const out = execFileSync(join(dir, "m"), { encoding: "utf8" });
      const host = new Map(out.trim().split("\n").map((l) => { const [n, v] = l.split(" "); return [n!, BigInt(v!)] as const; }));
      for (const m of checked) expect(host.get(m.name), m.name).toBe(m.value);
      expect(host.size).toBe(checked.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
