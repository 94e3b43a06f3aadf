import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TracefsError, TracefsEventNotFoundError, TracefsUnavailableError } from "./errors.ts";
import { findTracefs, globToRegExp, splitEventName, Tracefs, tracefsMountPoints } from "./tracefs.ts";

// A directory laid out like tracefs, for the path logic (the kernel tests read the real one).
let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-ts-tracefs-"));
  const events: Record<string, Record<string, number>> = {
    sched: { sched_switch: 372, sched_process_exec: 365 },
    syscalls: { sys_enter_openat: 782, sys_exit_openat: 781, sys_enter_open: 700 },
  };
  const available: string[] = [];
  for (const [cat, evts] of Object.entries(events)) {
    for (const [evt, id] of Object.entries(evts)) {
      const dir = path.join(root, "events", cat, evt);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "id"), `${id}\n`);
      fs.writeFileSync(
        path.join(dir, "format"),
        `name: ${evt}\nID: ${id}\nformat:\n\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n\n\tfield:int x;\toffset:8;\tsize:4;\tsigned:1;\n\nprint fmt: "x=%d", REC->x\n`,
      );
      available.push(`${cat}:${evt}`);
    }
  }
  fs.writeFileSync(path.join(root, "available_events"), `${available.join("\n")}\n`);
});
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe("Tracefs", () => {
  it("reads ids and formats, and knows which events exist", () => {
    const tf = new Tracefs(root);
    expect(tf.eventId("sched", "sched_switch")).toBe(372);
    expect(tf.eventExists("syscalls", "sys_enter_openat")).toBe(true);
    expect(tf.eventExists("syscalls", "sys_enter_nothing")).toBe(false);
    const f = tf.format("sched", "sched_process_exec");
    expect(f).toMatchObject({ name: "sched_process_exec", id: 365 });
    expect(tf.format("sched", "sched_process_exec")).toBe(f);
  });

  it("throws a typed error for unknown events and refuses path tricks", () => {
    const tf = new Tracefs(root);
    expect(() => tf.eventId("sched", "nope")).toThrow(TracefsEventNotFoundError);
    expect(() => tf.format("nope", "nope")).toThrow(/tracepoint nope:nope not found/);
    expect(() => tf.eventId("..", "x")).toThrow(TracefsError);
    expect(() => tf.eventId("sched", "a/b")).toThrow(/invalid tracepoint event name/);
  });

  it("lists events by glob or RegExp", () => {
    const tf = new Tracefs(root);
    expect(tf.listEvents()).toHaveLength(5);
    expect(tf.listEvents("syscalls:sys_enter_*")).toEqual(["syscalls:sys_enter_open", "syscalls:sys_enter_openat"]);
    expect(tf.listEvents("*:sched_*")).toEqual(["sched:sched_process_exec", "sched:sched_switch"]);
    expect(tf.listEvents("*openat")).toEqual(["syscalls:sys_enter_openat", "syscalls:sys_exit_openat"]);
    expect(tf.listEvents(/^syscalls:sys_exit_/g)).toEqual(["syscalls:sys_exit_openat"]);
    expect(tf.listEventNames("sched:sched_sw?tch")).toEqual([{ category: "sched", event: "sched_switch" }]);
    expect(tf.categories()).toEqual(["sched", "syscalls"]);
  });

  it("walks events/ when available_events is missing", () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-ts-tracefs-walk-"));
    try {
      fs.cpSync(path.join(root, "events"), path.join(copy, "events"), { recursive: true });
      expect(new Tracefs(copy).listEvents("sched:*")).toEqual(["sched:sched_process_exec", "sched:sched_switch"]);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe("findTracefs", () => {
  it("returns the first candidate with an events/ tree", () => {
    expect(findTracefs({ candidates: [path.join(root, "missing"), root], mount: false })).toBe(root);
  });

  it("explains what to do when nothing is mounted", () => {
    const empty = path.join(root, "not-mounted");
    let err: unknown;
    try {
      findTracefs({ candidates: [empty], mount: false });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TracefsUnavailableError);
    expect((err as TracefsUnavailableError).code).toBe("TRACEFS_UNAVAILABLE");
    expect((err as Error).message).toMatch(/tracefs is not mounted at .*not-mounted.*mount -t tracefs nodev/);
    expect((err as Error).message).not.toContain("\n");
  });
});

describe("tracefsMountPoints", () => {
  it("picks tracefs mounts out of /proc/self/mounts text", () => {
    const text = [
      "sysfs /sys sysfs rw,relatime 0 0",
      "tracefs /sys/kernel/tracing tracefs rw,relatime 0 0",
      "nodev /mnt/my\\040trace tracefs rw 0 0",
      "debugfs /sys/kernel/debug debugfs rw 0 0",
    ].join("\n");
    expect(tracefsMountPoints(text)).toEqual(["/sys/kernel/tracing", "/mnt/my trace"]);
  });
});

describe("globToRegExp", () => {
  it("does not let wildcards cross the category separator", () => {
    expect(globToRegExp("sys*:x").test("syscalls:x")).toBe(true);
    expect(globToRegExp("sys*").test("syscalls:sys_enter_x")).toBe(true);
    expect(globToRegExp("*:*open*").test("syscalls:sys_enter_open")).toBe(true);
    expect(globToRegExp("s*x").test("a:s:x")).toBe(false);
    expect(globToRegExp("sched:sched_[ws]*").test("sched:sched_switch")).toBe(true);
    expect(globToRegExp("sched:sched_[!w]*").test("sched:sched_switch")).toBe(true);
    expect(globToRegExp("sched:sched_[!s]*").test("sched:sched_switch")).toBe(false);
    expect(globToRegExp("a.b:c+d").test("axb:cd")).toBe(false);
  });
});

describe("splitEventName", () => {
  it("splits category:event", () => {
    expect(splitEventName("sched:sched_switch")).toEqual({ category: "sched", event: "sched_switch" });
    expect(() => splitEventName("sched_switch")).toThrow(/not "category:event"/);
    expect(() => splitEventName(":x")).toThrow(TracefsError);
  });
});
