/**
 * Tracepoint argument structs from format files (texts as a 6.18 kernel prints them), without a
 * kernel: types, offsets, BCC's data_loc_ naming, and an end-to-end compile whose field reads are
 * executed by the test BPF interpreter over a fake record.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { KERNEL_BTF_PATH, loadKernelBtf } from "../../src/btf/kernel.ts";
import { BtfExternalTypes } from "./btf-external.ts";
import { parseFormat } from "../../src/tracefs/format.ts";
import { compile } from "../index.ts";
import { runBpf } from "../emit/bpf-interpreter.ts";
import { Memory } from "../ir/interpret.ts";
import { findMember } from "../sema/layout.ts";
import { type CType, type RecordInfo, T, typeToString } from "../sema/types.ts";
import { KernelTypes } from "./kernel-types.ts";
import { type FormatSource, parseFieldType, splitTracepointStructName, tracepointRecord } from "./tracepoint-types.ts";

const COMMON = `format:
\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;
\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;
\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;
\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;
`;

const FORMATS: Record<string, string> = {
  "syscalls/sys_enter_openat": `name: sys_enter_openat
ID: 782
${COMMON}
\tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;
\tfield:int dfd;\toffset:16;\tsize:8;\tsigned:0;
\tfield:const char * filename;\toffset:24;\tsize:8;\tsigned:0;
\tfield:int flags;\toffset:32;\tsize:8;\tsigned:0;
\tfield:umode_t mode;\toffset:40;\tsize:8;\tsigned:0;

print fmt: "dfd: 0x%08lx, filename: 0x%08lx", ((unsigned long)(REC->dfd)), ((unsigned long)(REC->filename))
`,
  "syscalls/sys_enter_execve": `name: sys_enter_execve
ID: 862
${COMMON}
\tfield:int __syscall_nr;\toffset:8;\tsize:4;\tsigned:1;
\tfield:const char * filename;\toffset:16;\tsize:8;\tsigned:0;
\tfield:const char *const * argv;\toffset:24;\tsize:8;\tsigned:0;
\tfield:const char *const * envp;\toffset:32;\tsize:8;\tsigned:0;

print fmt: "filename: 0x%08lx", ((unsigned long)(REC->filename))
`,
  "sched/sched_switch": `name: sched_switch
ID: 372
${COMMON}
\tfield:char prev_comm[16];\toffset:8;\tsize:16;\tsigned:0;
\tfield:pid_t prev_pid;\toffset:24;\tsize:4;\tsigned:1;
\tfield:int prev_prio;\toffset:28;\tsize:4;\tsigned:1;
\tfield:long prev_state;\toffset:32;\tsize:8;\tsigned:1;
\tfield:char next_comm[16];\toffset:40;\tsize:16;\tsigned:0;
\tfield:pid_t next_pid;\toffset:56;\tsize:4;\tsigned:1;
\tfield:int next_prio;\toffset:60;\tsize:4;\tsigned:1;

print fmt: "prev_comm=%s", REC->prev_comm
`,
  "sched/sched_process_exec": `name: sched_process_exec
ID: 365
${COMMON}
\tfield:__data_loc char[] filename;\toffset:8;\tsize:4;\tsigned:0;
\tfield:pid_t pid;\toffset:12;\tsize:4;\tsigned:1;
\tfield:pid_t old_pid;\toffset:16;\tsize:4;\tsigned:1;

print fmt: "filename=%s pid=%d old_pid=%d", __get_str(filename), REC->pid, REC->old_pid
`,
  "test/rel_loc": `name: rel_loc
ID: 9999
${COMMON}
\tfield:__rel_loc char[] msg;\toffset:8;\tsize:4;\tsigned:0;
\tfield:char buf[];\toffset:12;\tsize:0;\tsigned:0;

print fmt: "%s", __get_rel_str(msg)
`,
  "raw_syscalls/sys_enter": `name: sys_enter
ID: 443
${COMMON}
\tfield:long id;\toffset:8;\tsize:8;\tsigned:1;
\tfield:unsigned long args[6];\toffset:16;\tsize:48;\tsigned:0;

print fmt: "NR %ld", REC->id
`,
  "block/block_rq_issue": `name: block_rq_issue
ID: 2104
${COMMON}
\tfield:dev_t dev;\toffset:8;\tsize:4;\tsigned:0;
\tfield:sector_t sector;\toffset:16;\tsize:8;\tsigned:0;
\tfield:unsigned int nr_sector;\toffset:24;\tsize:4;\tsigned:0;
\tfield:char rwbs[10];\toffset:34;\tsize:10;\tsigned:0;
\tfield:char comm[16];\toffset:44;\tsize:16;\tsigned:0;
\tfield:__data_loc char[] cmd;\toffset:60;\tsize:4;\tsigned:0;

print fmt: "%s", REC->rwbs
`,
};

/** A FormatSource over the texts above (what Tracefs provides on a real system). */
const source: FormatSource = {
  eventExists: (c, e) => `${c}/${e}` in FORMATS,
  format: (c, e) => parseFormat(FORMATS[`${c}/${e}`]!, `${c}/${e}`),
};

function record(cat: string, evt: string): RecordInfo {
  const t = tracepointRecord(cat, evt, source.format(cat, evt));
  if (t.kind !== "record") throw new Error("not a record");
  return t.rec;
}

const field = (r: RecordInfo, name: string): { offset: number; type: string } => {
  const m = findMember(r, name);
  if (!m) throw new Error(`no ${name}`);
  return { offset: m.offset, type: typeToString(m.field.type) };
};

describe("splitTracepointStructName", () => {
  it("splits as BCC does (event after the last __)", () => {
    expect(splitTracepointStructName("tracepoint__sched__sched_switch")).toEqual({ category: "sched", event: "sched_switch" });
    expect(splitTracepointStructName("tracepoint__raw_syscalls__sys_enter")).toEqual({ category: "raw_syscalls", event: "sys_enter" });
    expect(splitTracepointStructName("tracepoint__sched")).toBeUndefined();
    expect(splitTracepointStructName("tracepoint____x")).toBeUndefined();
    expect(splitTracepointStructName("task_struct")).toBeUndefined();
  });
});

describe("parseFieldType", () => {
  it("parses the C spellings tracefs prints", () => {
    const s = (t: string) => { const r = parseFieldType(t); return r && typeToString(r); };
    expect(s("unsigned long")).toBe("unsigned long");
    expect(s("unsigned")).toBe("unsigned int");
    expect(s("long long")).toBe("long long");
    expect(s("char")).toBe("char");
    expect(s("pid_t")).toBe("int");
    expect(s("u64")).toBe("unsigned long long");
    expect(s("bool")).toBe("_Bool");
    expect(s("const char *")).toBe("const char *");
    expect(s("const char *const *")).toBe("const char * const *");
    expect(s("void __seg_gs *")).toBe("void *");
    expect(s("struct file *")).toBe("void *"); // no resolver: still a pointer
    expect(s("gfp_t")).toBeUndefined(); // unknown without BTF: the caller falls back on size
  });
  it("resolves typedef and struct names through a resolver", () => {
    const fileRec: CType = { kind: "record", rec: { union: false, tag: "file", complete: true, fields: [], size: 8, align: 8, span: { file: "", line: 1, col: 1, endLine: 1, endCol: 1 } } };
    const r = { lookupTypedef: (n: string) => (n === "gfp_t" ? T.uint : undefined), lookupStruct: (n: string) => (n === "file" ? fileRec : undefined) };
    expect(parseFieldType("gfp_t", r)).toBe(T.uint);
    expect(typeToString(parseFieldType("struct file *", r)!)).toBe("struct file *");
  });
});

describe("tracepointRecord", () => {
  it("widens syscall arguments to their stored size and keeps pointers", () => {
    const r = record("syscalls", "sys_enter_openat");
    expect(r.tag).toBe("tracepoint__syscalls__sys_enter_openat");
    expect(findMember(r, "common_pid")).toBeUndefined(); // the kernel forbids ctx reads below offset 8
    expect(field(r, "__syscall_nr")).toEqual({ offset: 8, type: "int" });
    expect(field(r, "dfd")).toEqual({ offset: 16, type: "long" }); // int with size 8: signed 64-bit (BCC: s64)
    expect(field(r, "filename")).toEqual({ offset: 24, type: "const char *" });
    expect(field(r, "mode")).toEqual({ offset: 40, type: "unsigned long" }); // umode_t with size 8
    expect([r.size, r.align]).toEqual([48, 8]);
  });

  it("keeps char arrays, element arrays and pointer-to-pointer types", () => {
    const sw = record("sched", "sched_switch");
    expect(field(sw, "prev_comm")).toEqual({ offset: 8, type: "char[16]" });
    expect(field(sw, "next_pid")).toEqual({ offset: 56, type: "int" });
    expect(field(sw, "prev_state")).toEqual({ offset: 32, type: "long" });
    expect(field(record("raw_syscalls", "sys_enter"), "args")).toEqual({ offset: 16, type: "unsigned long[6]" });
    expect(field(record("syscalls", "sys_enter_execve"), "argv")).toEqual({ offset: 24, type: "const char * const *" });
    const rq = record("block", "block_rq_issue");
    expect(field(rq, "rwbs")).toEqual({ offset: 34, type: "char[10]" });
    expect(field(rq, "sector")).toEqual({ offset: 16, type: "unsigned long" }); // sector_t unknown here: size + signedness
    expect(field(rq, "dev")).toEqual({ offset: 8, type: "unsigned int" });
  });

  it("exposes __data_loc fields as BCC's int data_loc_<name>", () => {
    const r = record("sched", "sched_process_exec");
    expect(field(r, "data_loc_filename")).toEqual({ offset: 8, type: "int" });
    expect(findMember(r, "filename")).toBeUndefined();
    expect(field(r, "pid")).toEqual({ offset: 12, type: "int" });
    expect(field(record("block", "block_rq_issue"), "data_loc_cmd")).toEqual({ offset: 60, type: "int" });
  });
});

describe("tracepointRecord edge cases", () => {
  it("names __rel_loc fields rel_loc_<name> and keeps a trailing flexible array incomplete", () => {
    const r = record("test", "rel_loc");
    expect(field(r, "rel_loc_msg")).toEqual({ offset: 8, type: "int" });
    expect(field(r, "buf")).toEqual({ offset: 12, type: "char[]" });
  });
});

describe.skipIf(!existsSync(KERNEL_BTF_PATH))("KernelTypes with tracepoint structs and BTF", () => {
  it("resolves kernel typedefs in field types through BTF, and other names through BTF", () => {
    const btf = new BtfExternalTypes(loadKernelBtf());
    const kt = new KernelTypes({ btf, tracefs: source });
    const t = kt.lookupStruct("tracepoint__block__block_rq_issue", false);
    expect(t?.kind === "record" && typeToString(findMember(t.rec, "sector")!.field.type)).toBe("unsigned long long");
    expect(kt.lookupStruct("task_struct", false)).toBe(btf.lookupStruct("task_struct", false));
    expect(kt.lookupTypedef("sector_t")).toBe(T.ullong);
    expect(kt.lookupEnumConst("BPF_MAP_TYPE_ARRAY")).toBe(2n);
  });
});

describe("KernelTypes with tracepoint structs (no BTF)", () => {
  const kt = new KernelTypes({ tracefs: source });

  it("answers only tracepoint__ names that name an existing event, and caches", () => {
    const a = kt.lookupStruct("tracepoint__sched__sched_switch", false);
    expect(a?.kind).toBe("record");
    expect(kt.lookupStruct("tracepoint__sched__sched_switch", false)).toBe(a);
    expect(kt.lookupStruct("tracepoint__sched__no_such_event", false)).toBeUndefined();
    expect(kt.lookupStruct("tracepoint__sched__sched_switch", true)).toBeUndefined();
    expect(kt.lookupStruct("task_struct", false)).toBeUndefined();
    expect(kt.lookupTypedef("u64")).toBeUndefined();
  });

  it("compiles a TRACEPOINT_PROBE-shaped function and reads fields at the format's offsets", () => {
    const src = `int tracepoint__syscalls__sys_enter_openat(struct tracepoint__syscalls__sys_enter_openat *args) {
      if (args->dfd != -100) return 0;
      return args->flags + args->mode * 1000 + sizeof(*args) * 1000000;
    }`;
    const r = compile(src, { externalTypes: kt });
    expect(r.diagnostics.map((d) => d.message)).toEqual([]);
    const bytes = new Uint8Array(48);
    const v = new DataView(bytes.buffer);
    v.setBigInt64(16, -100n, true); // AT_FDCWD stored as a 64-bit long
    v.setBigUint64(32, 0o101n, true); // O_WRONLY|O_CREAT
    v.setBigUint64(40, 0o644n, true);
    const mem = new Memory();
    mem.add(0x2000_0000n, bytes);
    const got = runBpf(r.programs[0]!.instructions, 0x2000_0000n, mem);
    expect(got & 0xffffffffn).toBe(0o101n + 0o644n * 1000n + 48n * 1000000n);
  });

  it("supports BCC's TP_DATA_LOC_READ arithmetic on data_loc_ fields", () => {
    const src = `int tracepoint__sched__sched_process_exec(struct tracepoint__sched__sched_process_exec *args) {
      unsigned short off = args->data_loc_filename & 0xFFFF;
      unsigned short len = args->data_loc_filename >> 16;
      return *((char *)args + off) + len * 1000;
    }`;
    const r = compile(src, { externalTypes: kt });
    expect(r.diagnostics.map((d) => d.message)).toEqual([]);
    const bytes = new Uint8Array(40);
    const v = new DataView(bytes.buffer);
    v.setUint32(8, (5 << 16) | 24, true);
    bytes.set([0x2f, 0x62, 0x69, 0x6e, 0], 24); // "/bin"
    const mem = new Memory();
    mem.add(0x3000_0000n, bytes);
    // A variable offset into the context is not a plain load for the verifier, so the compiler
    // reads it with bpf_probe_read_kernel (113): give the interpreter that helper.
    const probeRead = ([dst, size, src]: bigint[]): bigint => {
      for (let i = 0n; i < size!; i++) mem.store(dst! + i, 1, mem.load(src! + i, 1));
      return 0n;
    };
    expect(runBpf(r.programs[0]!.instructions, 0x3000_0000n, mem, { helpers: new Map([[113, probeRead]]) })).toBe(0x2fn + 5000n);
  });
});
