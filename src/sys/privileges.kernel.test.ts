/**
 * Error mapping for unprivileged callers: a child process drops to uid/gid 65534 and calls into
 * the kernel. (Needs root to be able to drop privileges, hence a kernel test.)
 */
import { expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { runWithSys } from "./testing/child.ts";

describeKernel("sys errors for unprivileged callers", () => {
  it("bpf() and perf_event_open() as nobody throw PermissionError with the privilege hint", async () => {
    const { stdout, stderr, code } = await runWithSys(`
      process.setgroups([]);
      process.setgid(65534);
      process.setuid(65534);
      const out = {};
      for (const [what, fn] of [
        ["map", () => sys.mapCreate({ mapType: sys.BPF_MAP_TYPE.HASH, keySize: 4, valueSize: 4, maxEntries: 1 })],
        ["prog", () => sys.progLoad({ progType: sys.BPF_PROG_TYPE.SOCKET_FILTER, insns: new Uint8Array([0xb7,0,0,0,0,0,0,0, 0x95,0,0,0,0,0,0,0]), license: "GPL" })],
        ["perf", () => sys.perfEventOpen({ type: sys.PERF_TYPE.SOFTWARE, config: sys.PERF_COUNT_SW.CPU_CLOCK, samplePeriod: 1000000 }, { pid: -1, cpu: 0 })],
      ]) {
        try { fn(); out[what] = "no error"; }
        catch (e) { out[what] = { cls: e.constructor.name, permission: e instanceof sys.PermissionError, kernel: e instanceof sys.KernelError, errno: e.errno, code: e.code, syscall: e.syscall, command: e.command, message: e.message }; }
      }
      console.log(JSON.stringify(out));
    `);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as Record<string, { cls: string; permission: boolean; kernel: boolean; errno: string; code: number; syscall: string; command: string; message: string }>;
    expect(out.map).toMatchObject({ cls: "PermissionError", permission: true, kernel: true, errno: "EPERM", code: 1, syscall: "bpf", command: "MAP_CREATE" });
    expect(out.map!.message).toBe("bpf(MAP_CREATE) failed: EPERM: needs root or CAP_BPF+CAP_PERFMON (and CAP_SYS_ADMIN on older kernels)");
    expect(out.prog).toMatchObject({ cls: "PermissionError", errno: "EPERM", command: "PROG_LOAD" });
    expect(out.prog!.message).not.toContain("\n");
    // perf_event_paranoid >= 2 refuses system-wide events to unprivileged users (EACCES).
    expect(out.perf).toMatchObject({ permission: true, syscall: "perf_event_open" });
    expect(["EACCES", "EPERM"]).toContain(out.perf!.errno);
  });
});
