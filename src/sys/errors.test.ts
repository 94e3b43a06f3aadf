import { describe, expect, it } from "vitest";
import {
  ERRNO,
  errnoHint,
  errnoName,
  kernelError,
  KernelError,
  NotSupportedError,
  PermissionError,
  summarizeLog,
  VerifierError,
} from "./errors.ts";

describe("errno mapping", () => {
  it("names common and kernel-internal codes", () => {
    expect(errnoName(1)).toBe("EPERM");
    expect(errnoName(13)).toBe("EACCES");
    expect(errnoName(7)).toBe("E2BIG");
    expect(errnoName(28)).toBe("ENOSPC");
    expect(errnoName(95)).toBe("EOPNOTSUPP");
    expect(errnoName(524)).toBe("ENOTSUPP");
    expect(errnoName(4242)).toBe("errno 4242");
  });

  it("picks the subclass from the errno", () => {
    expect(kernelError({ syscall: "bpf", command: "MAP_CREATE", code: ERRNO.EPERM })).toBeInstanceOf(PermissionError);
    expect(kernelError({ syscall: "bpf", command: "MAP_CREATE", code: ERRNO.EACCES })).toBeInstanceOf(PermissionError);
    expect(kernelError({ syscall: "bpf", command: "PROG_TEST_RUN", code: ERRNO.ENOTSUPP })).toBeInstanceOf(NotSupportedError);
    expect(kernelError({ syscall: "bpf", command: "LINK_CREATE", code: ERRNO.EOPNOTSUPP })).toBeInstanceOf(NotSupportedError);
    const e = kernelError({ syscall: "bpf", command: "MAP_UPDATE_ELEM", code: ERRNO.E2BIG });
    expect(e).toBeInstanceOf(KernelError);
    expect(e).not.toBeInstanceOf(PermissionError);
    expect(e).not.toBeInstanceOf(NotSupportedError);
  });

  it("carries syscall, command, errno name and code", () => {
    const e = kernelError({ syscall: "bpf", command: "MAP_CREATE", code: 1, detail: "counts" });
    expect(e.syscall).toBe("bpf");
    expect(e.command).toBe("MAP_CREATE");
    expect(e.errno).toBe("EPERM");
    expect(e.code).toBe(1);
    expect(e.message).toBe(`bpf(MAP_CREATE) failed: EPERM [counts]: ${errnoHint(1, "bpf", "MAP_CREATE")}`);
    expect(e.message).not.toContain("\n");
  });

  it("words the EPERM hint by who we are", () => {
    expect(errnoHint(ERRNO.EPERM, "bpf", "MAP_CREATE", false)).toBe("needs root or CAP_BPF+CAP_PERFMON (and CAP_SYS_ADMIN on older kernels)");
    expect(errnoHint(ERRNO.EPERM, "bpf", "PROG_LOAD", true)).toContain("denied even to root");
  });

  it("gives a hint per errno", () => {
    const msg = (code: number, command = "MAP_UPDATE_ELEM"): string => kernelError({ syscall: "bpf", command, code }).message;
    expect(msg(ERRNO.ENOSPC)).toContain("map is full");
    expect(msg(ERRNO.ENOSPC, "PROG_LOAD")).toContain("log buffer");
    expect(msg(ERRNO.E2BIG, "PROG_LOAD")).toContain("too large");
    expect(msg(ERRNO.EINVAL)).toContain("rejected an argument");
    expect(msg(ERRNO.ENOENT)).toContain("not found");
    expect(msg(ERRNO.EBUSY)).toContain("busy");
    expect(msg(ERRNO.ENOMEM)).toContain("memory");
    expect(msg(ERRNO.EFAULT)).toContain("user buffer");
    expect(msg(ERRNO.ENOTSUPP)).toContain("not supported");
  });

  it("NotSupportedError names the feature", () => {
    const e = new NotSupportedError({ syscall: "bpf", command: "PROG_TEST_RUN", code: ERRNO.ENOTSUPP, feature: "test runs of tracepoint programs" });
    expect(e.feature).toBe("test runs of tracepoint programs");
    expect(e.message).toContain("test runs of tracepoint programs is not supported");
  });
});

describe("VerifierError", () => {
  const log = [
    "func#0 @0",
    "0: R1=ctx() R10=fp0",
    "0: (95) exit",
    "R0 !read_ok",
    "processed 1 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0",
    "",
  ].join("\n");

  it("keeps the full log and summarizes the last meaningful lines", () => {
    const e = new VerifierError({ syscall: "bpf", command: "PROG_LOAD", code: ERRNO.EACCES, log });
    expect(e).toBeInstanceOf(KernelError);
    expect(e).not.toBeInstanceOf(PermissionError);
    expect(e.log).toBe(log);
    expect(e.lines).toHaveLength(5);
    expect(e.summary).toBe("0: R1=ctx() R10=fp0 | 0: (95) exit | R0 !read_ok (2 lines omitted)");
    expect(e.message).toContain("R0 !read_ok");
    expect(e.message).toContain("program rejected by the verifier");
    expect(e.message).not.toContain("\n");
    expect(e.errno).toBe("EACCES");
  });

  it("summarizes short logs without an omission note", () => {
    expect(summarizeLog(["R0 !read_ok"])).toBe("R0 !read_ok");
    expect(summarizeLog([])).toBe("");
  });
});
