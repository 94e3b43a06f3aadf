import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { TracefsEventNotFoundError, TracefsUnavailableError } from "./errors.ts";
import { allFields, findField, type EventFormat } from "./format.ts";
import { findTracefs, Tracefs } from "./tracefs.ts";

/** Structural invariants every format must satisfy; returns a list of violations (empty when fine). */
function formatProblems(f: EventFormat): string[] {
  const problems: string[] = [];
  const fields = allFields(f);
  if (f.commonFields.length === 0) problems.push("no common fields");
  if (f.commonFields.some((c) => !c.name.startsWith("common_"))) problems.push("common block holds a non-common field");
  let end = 0;
  for (const field of fields) {
    if (!Number.isInteger(field.offset) || field.offset < 0) problems.push(`${field.name}: bad offset ${field.offset}`);
    if (!Number.isInteger(field.size) || field.size < 0) problems.push(`${field.name}: bad size ${field.size}`);
    if (field.offset < end) problems.push(`${field.name}: offset ${field.offset} overlaps the previous field (ends ${end})`);
    end = field.offset + field.size;
    if (end > f.fixedSize) problems.push(`${field.name}: ends past the record (${end} > ${f.fixedSize})`);
    if ((field.isDataLoc || field.isRelLoc) && field.size !== 4) problems.push(`${field.name}: dynamic field of size ${field.size}`);
    if (field.arrayLen !== undefined && field.arrayLen > 0 && field.size % field.arrayLen !== 0) {
      problems.push(`${field.name}: size ${field.size} not a multiple of ${field.arrayLen} elements`);
    }
    if (field.name === "" || field.type === "") problems.push(`empty name/type in "${field.decl}"`);
  }
  return problems;
}

describeKernel("tracefs on the real kernel", () => {
  const tf = Tracefs.open();

  it("finds (or mounts) tracefs", () => {
    expect(fs.existsSync(tf.path("events"))).toBe(true);
    expect(fs.existsSync(tf.path("trace_pipe"))).toBe(true);
    expect(findTracefs()).toBe(tf.root);
  });

  it("mounts tracefs where none is mounted", () => {
    // A fresh mount point of our own, so the machine's /sys/kernel/tracing is left alone.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bcc-ts-tracefs-mnt-"));
    expect(() => findTracefs({ candidates: [dir], mount: false })).toThrow(TracefsUnavailableError);
    try {
      expect(findTracefs({ candidates: [dir] })).toBe(dir);
      expect(new Tracefs(dir).eventId("sched", "sched_switch")).toBe(tf.eventId("sched", "sched_switch"));
    } finally {
      try {
        execFileSync("umount", [dir]);
      } catch {
        // Not mounted (the mount step failed and the assertion above reports it).
      }
      fs.rmdirSync(dir);
    }
  });

  it("parses every event format on this kernel consistently", () => {
    // Walk events/ rather than available_events: the latter omits the ftrace/* internal events
    // (function, print, kernel_stack...), whose formats have flexible arrays and are parsed too.
    const names: { category: string; event: string }[] = [];
    for (const category of tf.categories()) {
      for (const d of fs.readdirSync(tf.path("events", category), { withFileTypes: true })) {
        if (d.isDirectory()) names.push({ category, event: d.name });
      }
    }
    expect(names.length).toBeGreaterThan(tf.listEvents().length);
    expect(names).toContainEqual({ category: "ftrace", event: "print" });
    const failures: string[] = [];
    let parsed = 0;
    for (const { category, event } of names) {
      let f: EventFormat;
      try {
        f = tf.format(category, event);
      } catch (err) {
        // An event can vanish between listing and reading (a module unloading, a dynamic probe
        // deleted by someone else); anything else is a parser failure.
        if (err instanceof TracefsEventNotFoundError) continue;
        failures.push(`${category}:${event}: ${(err as Error).message}`);
        continue;
      }
      parsed++;
      if (f.name !== event) failures.push(`${category}:${event}: name is ${f.name}`);
      if (f.id !== tf.eventId(category, event)) failures.push(`${category}:${event}: ID differs from the id file`);
      for (const p of formatProblems(f)) failures.push(`${category}:${event}: ${p}`);
    }
    expect(failures).toEqual([]);
    expect(parsed).toBeGreaterThan(names.length * 0.95);
  });

  it("parses the formats BCC tools rely on", () => {
    const sw = tf.format("sched", "sched_switch");
    expect(findField(sw, "prev_comm")).toMatchObject({ type: "char[16]", arrayLen: 16, size: 16, offset: 8 });
    expect(findField(sw, "next_pid")).toMatchObject({ type: "pid_t", size: 4, signed: true });
    expect(sw.commonFields.map((c) => c.name)).toEqual(["common_type", "common_flags", "common_preempt_count", "common_pid"]);

    const exec = tf.format("sched", "sched_process_exec");
    expect(findField(exec, "filename")).toMatchObject({ isDataLoc: true, type: "char[]", size: 4 });

    const openat = tf.format("syscalls", "sys_enter_openat");
    expect(openat.fields.map((f) => f.name)).toEqual(["__syscall_nr", "dfd", "filename", "flags", "mode"]);
    expect(findField(openat, "filename")).toMatchObject({ type: "const char *", size: 8 });

    const irq = tf.format("irq", "irq_handler_entry");
    expect(findField(irq, "name")).toMatchObject({ isDataLoc: true });
    const sig = tf.format("signal", "signal_generate");
    expect(findField(sig, "comm")).toMatchObject({ type: "char[16]" });
    if (tf.eventExists("block", "block_rq_issue")) {
      const rq = tf.format("block", "block_rq_issue");
      expect(findField(rq, "rwbs")).toMatchObject({ elementType: "char", arrayLen: 10 });
      expect(findField(rq, "sector")).toMatchObject({ size: 8 });
    }
  });

  it("lists events by glob and knows ids", () => {
    const enters = tf.listEvents("syscalls:sys_enter_*");
    expect(enters).toContain("syscalls:sys_enter_openat");
    expect(enters.every((e) => e.startsWith("syscalls:sys_enter_"))).toBe(true);
    expect(tf.listEvents("sched:sched_switch")).toEqual(["sched:sched_switch"]);
    expect(tf.eventExists("sched", "sched_switch")).toBe(true);
    expect(tf.eventExists("sched", "no_such_event_bcc_ts")).toBe(false);
    expect(tf.eventId("sched", "sched_switch")).toBe(Number(fs.readFileSync(tf.path("events/sched/sched_switch/id"), "utf8")));
    expect(() => tf.eventId("sched", "no_such_event_bcc_ts")).toThrow(TracefsEventNotFoundError);
    expect(tf.categories()).toContain("syscalls");
  });
});

describe("tracefs kernel test helpers", () => {
  it("flag overlapping fields", () => {
    const f: EventFormat = {
      name: "x",
      id: 1,
      commonFields: [{ name: "common_type", type: "unsigned short", elementType: "unsigned short", offset: 0, size: 2, signed: false, isDataLoc: false, isRelLoc: false, decl: "" }],
      fields: [{ name: "a", type: "int", elementType: "int", offset: 1, size: 4, signed: true, isDataLoc: false, isRelLoc: false, decl: "" }],
      printFmt: "",
      fixedSize: 5,
    };
    expect(formatProblems(f)).toEqual(["a: offset 1 overlaps the previous field (ends 2)"]);
  });
});
