import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  kprobeTarget,
  parseProbeEventLine,
  pidAlive,
  pidOfProbeGroup,
  probeGroup,
  sanitizeEventName,
  uprobeTarget,
} from "./probe-events.ts";

describe("probe event lines", () => {
  it("parses uprobe_events listings", () => {
    expect(parseProbeEventLine("p:bcc_ts_123/test_probe /usr/lib/x86_64-linux-gnu/libc.so.6:0x00000000000d54e0")).toEqual({
      kind: "p",
      group: "bcc_ts_123",
      event: "test_probe",
      target: "/usr/lib/x86_64-linux-gnu/libc.so.6:0x00000000000d54e0",
      args: [],
      line: "p:bcc_ts_123/test_probe /usr/lib/x86_64-linux-gnu/libc.so.6:0x00000000000d54e0",
    });
    expect(parseProbeEventLine("r:uprobes/ret /bin/bash:0x4245c0 ret=$retval:s32")).toMatchObject({
      kind: "r",
      group: "uprobes",
      event: "ret",
      args: ["ret=$retval:s32"],
    });
  });

  it("parses kprobe_events listings, with maxactive", () => {
    expect(parseProbeEventLine("p:kprobes/p_do_sys_open_bcc_42 do_sys_open+0 dfd=%di:s32 mode=%cx")).toMatchObject({
      kind: "p",
      group: "kprobes",
      event: "p_do_sys_open_bcc_42",
      target: "do_sys_open+0",
      args: ["dfd=%di:s32", "mode=%cx"],
    });
    const r = parseProbeEventLine("r16:bcc_ts_7/ret_open do_sys_open");
    expect(r).toMatchObject({ kind: "r", maxActive: 16, group: "bcc_ts_7", event: "ret_open" });
  });

  it("ignores what is not a probe line", () => {
    expect(parseProbeEventLine("")).toBeUndefined();
    expect(parseProbeEventLine("garbage")).toBeUndefined();
  });
});

describe("names and targets", () => {
  it("names groups after the pid and reads the pid back", () => {
    expect(probeGroup(4242)).toBe("bcc_ts_4242");
    expect(probeGroup()).toBe(`bcc_ts_${process.pid}`);
    expect(pidOfProbeGroup("bcc_ts_4242")).toBe(4242);
    expect(pidOfProbeGroup("uprobes")).toBeUndefined();
    expect(pidOfProbeGroup("bcc_ts_12x")).toBeUndefined();
  });

  it("sanitizes event names to what the kernel accepts", () => {
    expect(sanitizeEventName("p_/lib/libc.so.6_0x1a")).toBe("p__lib_libc_so_6_0x1a");
    expect(sanitizeEventName("1abc")).toBe("_1abc");
    expect(sanitizeEventName("x".repeat(100))).toHaveLength(63);
  });

  it("formats targets", () => {
    expect(uprobeTarget("/usr/bin/true", 0x1234)).toBe("/usr/bin/true:0x1234");
    expect(uprobeTarget("/usr/bin/python3", 0x10n, 0x20)).toBe("/usr/bin/python3:0x10(0x20)");
    expect(() => uprobeTarget("/a b", 1)).toThrow(/whitespace/);
    expect(kprobeTarget("do_sys_open")).toBe("do_sys_open");
    expect(kprobeTarget("do_sys_open", 4)).toBe("do_sys_open+4");
  });
});

describe("pidAlive", () => {
  it("tells a live pid from a reaped one", () => {
    expect(pidAlive(process.pid)).toBe(true);
    const child = spawnSync(process.execPath, ["-e", "0"]);
    // A reaped child's pid stays free for a while: pids are allocated cyclically.
    expect(child.pid).toBeGreaterThan(0);
    expect(pidAlive(child.pid ?? 0)).toBe(false);
  });
});
