import { describe, expect, it } from "vitest";
import { FormatParseError } from "./errors.ts";
import { dynamicDataSpan, findField, parseDecl, parseFormat } from "./format.ts";

// Texts as printed by a 6.18 kernel (tabs and all).
const COMMON = [
  "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;",
  "\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;",
  "\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;",
  "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;",
].join("\n");

function fmt(name: string, id: number, fields: string[], printFmt: string): string {
  return `name: ${name}\nID: ${id}\nformat:\n${COMMON}\n\n${fields.map((f) => `\t${f}`).join("\n")}\n\nprint fmt: ${printFmt}\n`;
}

const SCHED_SWITCH = fmt(
  "sched_switch",
  372,
  [
    "field:char prev_comm[16];\toffset:8;\tsize:16;\tsigned:0;",
    "field:pid_t prev_pid;\toffset:24;\tsize:4;\tsigned:1;",
    "field:int prev_prio;\toffset:28;\tsize:4;\tsigned:1;",
    "field:long prev_state;\toffset:32;\tsize:8;\tsigned:1;",
    "field:char next_comm[16];\toffset:40;\tsize:16;\tsigned:0;",
    "field:pid_t next_pid;\toffset:56;\tsize:4;\tsigned:1;",
    "field:int next_prio;\toffset:60;\tsize:4;\tsigned:1;",
  ],
  `"prev_comm=%s prev_pid=%d", REC->prev_comm, REC->prev_pid`,
);

const SYS_ENTER_OPENAT = fmt(
  "sys_enter_openat",
  782,
  [
    "field:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;",
    "field:int dfd;\toffset:16;\tsize:8;\tsigned:0;",
    "field:const char * filename;\toffset:24;\tsize:8;\tsigned:0;",
    "field:int flags;\toffset:32;\tsize:8;\tsigned:0;",
    "field:umode_t mode;\toffset:40;\tsize:8;\tsigned:0;",
  ],
  `"dfd: 0x%08lx, filename: 0x%08lx", ((unsigned long)(REC->dfd)), ((unsigned long)(REC->filename))`,
);

const SCHED_PROCESS_EXEC = fmt(
  "sched_process_exec",
  365,
  [
    "field:__data_loc char[] filename;\toffset:8;\tsize:4;\tsigned:0;",
    "field:pid_t pid;\toffset:12;\tsize:4;\tsigned:1;",
    "field:pid_t old_pid;\toffset:16;\tsize:4;\tsigned:1;",
  ],
  `"filename=%s pid=%d old_pid=%d", __get_str(filename), REC->pid, REC->old_pid`,
);

describe("parseFormat", () => {
  it("parses sched_switch: char arrays, common fields, print fmt", () => {
    const f = parseFormat(SCHED_SWITCH);
    expect(f.name).toBe("sched_switch");
    expect(f.id).toBe(372);
    expect(f.commonFields.map((c) => c.name)).toEqual(["common_type", "common_flags", "common_preempt_count", "common_pid"]);
    expect(f.commonFields[0]).toMatchObject({ type: "unsigned short", offset: 0, size: 2, signed: false });
    expect(f.commonFields[3]).toMatchObject({ type: "int", offset: 4, size: 4, signed: true });
    expect(f.fields).toHaveLength(7);
    expect(f.fields[0]).toEqual({
      name: "prev_comm",
      type: "char[16]",
      elementType: "char",
      offset: 8,
      size: 16,
      signed: false,
      isDataLoc: false,
      isRelLoc: false,
      arrayLen: 16,
      decl: "char prev_comm[16]",
    });
    expect(findField(f, "prev_state")).toMatchObject({ type: "long", offset: 32, size: 8, signed: true });
    expect(findField(f, "prev_pid")?.arrayLen).toBeUndefined();
    expect(f.printFmt).toBe(`"prev_comm=%s prev_pid=%d", REC->prev_comm, REC->prev_pid`);
    expect(f.fixedSize).toBe(64);
  });

  it("parses syscall fields whose size differs from the declared type", () => {
    const f = parseFormat(SYS_ENTER_OPENAT);
    expect(f.fields.map((x) => [x.name, x.type, x.offset, x.size])).toEqual([
      ["__syscall_nr", "int", 8, 4],
      ["dfd", "int", 16, 8],
      ["filename", "const char *", 24, 8],
      ["flags", "int", 32, 8],
      ["mode", "umode_t", 40, 8],
    ]);
  });

  it("parses __data_loc strings", () => {
    const f = parseFormat(SCHED_PROCESS_EXEC);
    expect(f.fields[0]).toMatchObject({
      name: "filename",
      type: "char[]",
      elementType: "char",
      isDataLoc: true,
      isRelLoc: false,
      arrayLen: 0,
      offset: 8,
      size: 4,
    });
    expect(f.fields[1]).toMatchObject({ name: "pid", type: "pid_t", isDataLoc: false });
  });

  it("keeps a print fmt that spans several lines", () => {
    const text = fmt("ext4_fsmap_high_key", 1, ["field:u32 agno;\toffset:8;\tsize:4;\tsigned:0;"], `"agno %u\n", REC->agno`);
    expect(parseFormat(text).printFmt).toBe(`"agno %u\n", REC->agno`);
  });

  it("accepts flexible arrays and fields without a signed attribute", () => {
    const text = [
      "name: print",
      "ID: 5",
      "format:",
      "\tfield:unsigned short common_type;\toffset:0;\tsize:2;",
      "",
      "\tfield:unsigned long ip;\toffset:8;\tsize:8;\tsigned:0;",
      "\tfield:char buf[];\toffset:16;\tsize:0;\tsigned:0;",
      "",
      `print fmt: "%ps: %s", (void *)REC->ip, REC->buf`,
    ].join("\n");
    const f = parseFormat(text);
    expect(f.commonFields[0]).toMatchObject({ name: "common_type", signed: false });
    expect(f.fields[1]).toMatchObject({ name: "buf", type: "char[]", arrayLen: 0, size: 0, isDataLoc: false });
  });

  it("derives the length of arrays sized by an expression from the byte size", () => {
    const f = parseFormat(fmt("x", 9, ["field:__u8 saddr[sizeof(struct sockaddr_in6)];\toffset:8;\tsize:28;\tsigned:0;"], `""`));
    expect(f.fields[0]).toMatchObject({ name: "saddr", elementType: "__u8", arrayLen: 28, size: 28 });
    const g = parseFormat(fmt("y", 9, ["field:char comm[TASK_COMM_LEN];\toffset:8;\tsize:16;\tsigned:0;"], `""`));
    expect(g.fields[0]).toMatchObject({ name: "comm", type: "char[TASK_COMM_LEN]", arrayLen: 16 });
  });

  it("reports malformed files with a line number", () => {
    expect(() => parseFormat("name: x\nID: 1\nformat:\n\tfield:int a;\toffset:8;\n", "events/a/b/format")).toThrow(
      /events\/a\/b\/format:4: field without offset\/size/,
    );
    expect(() => parseFormat("name: x\nformat:\n", "f")).toThrow(FormatParseError);
    expect(() => parseFormat("name: x\nID: 1\nformat:\n\tbogus line\n")).toThrow(/unexpected line/);
  });
});

describe("parseDecl", () => {
  it.each([
    ["unsigned long ip", "ip", "unsigned long", undefined],
    ["const char * filename", "filename", "const char *", undefined],
    ["const char *filename", "filename", "const char *", undefined],
    ["struct sockaddr * uservaddr", "uservaddr", "struct sockaddr *", undefined],
    ["char prev_comm[16]", "prev_comm", "char[16]", "16"],
    ["__data_loc char[] name", "name", "char[]", ""],
    ["__data_loc unsigned int[] lengths", "lengths", "unsigned int[]", ""],
    ["__rel_loc char[] name", "name", "char[]", ""],
    ["unsigned long caller[8]", "caller", "unsigned long[8]", "8"],
  ])("%s", (decl, name, type, arrayLenText) => {
    const d = parseDecl(decl);
    expect(d?.name).toBe(name);
    expect(d?.type).toBe(type);
    expect(d?.arrayLenText).toBe(arrayLenText);
  });

  it("rejects a declaration without a type", () => {
    expect(parseDecl("x")).toBeUndefined();
    expect(parseDecl("int")).toBeUndefined();
  });
});

describe("dynamicDataSpan", () => {
  it("decodes __data_loc (offset from record start) and __rel_loc (offset from field end)", () => {
    const f = parseFormat(SCHED_PROCESS_EXEC).fields[0];
    if (!f) throw new Error("no field");
    expect(dynamicDataSpan(f, (12 << 16) | 20)).toEqual({ start: 20, length: 12 });
    expect(dynamicDataSpan({ ...f, isDataLoc: false, isRelLoc: true }, (5 << 16) | 8)).toEqual({ start: 8 + 4 + 8, length: 5 });
  });
});
