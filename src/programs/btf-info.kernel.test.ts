/**
 * Program BTF against the real kernel: a compiled program loads with func_info + line_info, the
 * kernel's copies (read back with BPF_OBJ_GET_INFO_BY_FD, strings resolved in the program's BTF
 * as the kernel holds it) quote our C lines, and a verifier rejection's log quotes the C line.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { compile } from "../../frontend-c/index.ts";
import { NodeIncludeHost } from "../../frontend-c/preprocess/node-include-host.ts";
import { Btf, decodeFuncInfo, decodeLineInfo } from "../btf/index.ts";
import { createMap } from "../maps/create-map.ts";
import { BTF_INFO, PROG_INFO, encode, layoutSize, readU32 } from "../sys/attr-layout.ts";
import { addressOf } from "../sys/ffi.ts";
import { type Fd, FdTracker, btfInfo, getFdById, objGetInfoByFd, progInfo, progTestRun } from "../sys/index.ts";
import { ProgramBtfCache, loadProgram, ProgramLoadError } from "./index.ts";

/** The func_info and line_info the kernel kept for a program, and its BTF id. */
function keptExtInfo(prog: Fd) {
  const info = new Uint8Array(layoutSize(PROG_INFO));
  objGetInfoByFd(prog, info);
  const nLines = readU32(info, PROG_INFO.nr_line_info);
  const nFuncs = readU32(info, PROG_INFO.nr_func_info);
  const lines = new Uint8Array(nLines * 16);
  const funcs = new Uint8Array(nFuncs * 8);
  const info2 = encode(PROG_INFO, {
    nr_line_info: nLines, line_info_rec_size: 16, line_info: addressOf(lines),
    nr_func_info: nFuncs, func_info_rec_size: 8, func_info: addressOf(funcs),
  }, info.byteLength);
  objGetInfoByFd(prog, info2, [lines, funcs]);
  return { btfId: readU32(info, PROG_INFO.btf_id), lines: decodeLineInfo(lines), funcs: decodeFuncInfo(funcs) };
}

/** The BTF object `id` as the kernel holds it. */
function kernelBtf(id: number, tracker: FdTracker): Btf {
  using fd = getFdById("BTF", id, { tracker })!;
  const size = btfInfo(fd).btfSize;
  const bytes = new Uint8Array(size);
  objGetInfoByFd(fd, encode(BTF_INFO, { btf: addressOf(bytes), btf_size: size }), [bytes]);
  return new Btf(bytes);
}

const PROG = `#include <uapi/linux/ptrace.h>
#include "helper.h"

struct key_t {
  u32 pid;
  char comm[16];
};

BPF_HASH(counts, struct key_t, u64);

int count_it(void *ctx) {
  struct key_t key = {};
  key.pid = bpf_get_current_pid_tgid() >> 32;
  bpf_get_current_comm(&key.comm, sizeof(key.comm));
  u64 zero = 0;
  u64 *v = counts.lookup_or_try_init(&key, &zero);
  if (v)
    *v += scale(2);
  return 0;
}
`;

describeKernel("program BTF: func_info and line_info", () => {
  const tracker = new FdTracker();
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "bcc-ts-btf-"));
    writeFileSync(join(dir, "prog.c"), PROG);
    writeFileSync(join(dir, "helper.h"), "static inline u64 scale(u64 x) {\n  return x * 3;\n}\n");
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    tracker.assertNoLeaks();
  });

  it("a compiled program with a map loads with line info that quotes its C lines", () => {
    const file = join(dir, "prog.c");
    const r = compile(PROG, { file, includeHost: new NodeIncludeHost() });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const spec = r.programs[0]!;
    using map = createMap(r.maps[0]!, { tracker });
    const cache = new ProgramBtfCache();
    const p = loadProgram(spec, { kind: "tracepoint", maps: new Map([["counts", map]]), tracker, sourceText: (f) => (f === file ? PROG : undefined), btf: cache });
    using fd = p.fd;
    expect(p.btf).toBe(true);
    expect(cache.supported).toBe(true);
    const kept = keptExtInfo(fd);
    expect(kept.btfId).toBe(progInfo(fd).btfId);
    expect(kept.btfId).toBeGreaterThan(0);
    const btf = kernelBtf(kept.btfId, tracker);
    expect(kept.funcs).toHaveLength(1);
    expect(kept.funcs[0]!.insnOff).toBe(0);
    expect(btf.typeById(kept.funcs[0]!.typeId)).toMatchObject({ kind: "func", name: "count_it" });

    // Every record quotes the source line it names, in the file it names.
    const src = PROG.split("\n");
    expect(kept.lines.length).toBeGreaterThan(5);
    for (const l of kept.lines) {
      expect(btf.string(l.fileNameOff)).toBe(file);
      expect(btf.string(l.lineOff)).toBe(src[l.line - 1]);
    }
    // One record per change of line. The kernel re-bases insn_off onto the translated program
    // (helper inlining moves instructions), so only the first offset is ours verbatim.
    const expected: number[] = [];
    spec.spans.forEach((s) => {
      if (s && s.line !== expected[expected.length - 1]) expected.push(s.line);
    });
    expect(kept.lines.map((l) => l.line)).toEqual(expected);
    expect(kept.lines[0]!.insnOff).toBe(0);
    expect(kept.lines.every((l, i) => i === 0 || l.insnOff > kept.lines[i - 1]!.insnOff)).toBe(true);
    expect(kept.lines.map((l) => src[l.line - 1]!.trim())).toEqual(expect.arrayContaining([
      "key.pid = bpf_get_current_pid_tgid() >> 32;", "bpf_get_current_comm(&key.comm, sizeof(key.comm));", "*v += scale(2);",
    ]));
  });

  it("a SYSCALL program with BTF loads and runs", () => {
    const text = "int run(void *ctx) {\n  int a = 40;\n  return a + 2;\n}\n";
    const r = compile(text, { file: "run.c" });
    const p = loadProgram(r.programs[0]!, { kind: "syscall", maps: new Map(), tracker, sourceText: () => text });
    using fd = p.fd;
    expect(p.btf).toBe(true);
    expect(keptExtInfo(fd).lines.length).toBeGreaterThan(0);
    expect(progTestRun(fd, { ctxIn: new Uint8Array(8) }).retval).toBe(42);
  });

  const BAD = ["int probe(void *ctx) {", "  int x = 1;", "  x += *(int *)((char *)ctx + 10000);", "  return x;", "}"].join("\n");

  it("a verifier rejection's log quotes the C line", () => {
    const spec = compile(BAD, { file: "bad.c" }).programs[0]!;
    let err: unknown;
    try {
      loadProgram(spec, { kind: "tracepoint", maps: new Map(), tracker, sourceText: (f) => (f === "bad.c" ? BAD : undefined) }).fd.close();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProgramLoadError);
    const e = err as ProgramLoadError;
    expect(e.verifierLog).toContain("; x += *(int *)((char *)ctx + 10000); @ bad.c:3");
    expect(e.message).toMatch(/^program probe rejected by the verifier at bad\.c:3:\d+ `x \+= \*\(int \*\)\(\(char \*\)ctx \+ 10000\);`: .*invalid bpf_context access/);
    expect(e.message.split("\n")).toHaveLength(1);
  });

  it("without the source text, the verifier log still names the C line", () => {
    const spec = compile(BAD, { file: "bad.c" }).programs[0]!;
    let err: unknown;
    try {
      loadProgram(spec, { kind: "tracepoint", maps: new Map(), tracker }).fd.close();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProgramLoadError);
    expect((err as ProgramLoadError).verifierLog).toMatch(/^; {1,2}@ bad\.c:3$/m);
    expect((err as ProgramLoadError).message).toMatch(/^program probe rejected by the verifier at bad\.c:3:\d+: .*invalid bpf_context access/);
  });

  it("loads without BTF when asked, or once the loader's cache gave up on it", () => {
    const spec = compile("int ok(void *ctx) {\n  return 0;\n}\n", { file: "ok.c" }).programs[0]!;
    const off = loadProgram(spec, { kind: "tracepoint", maps: new Map(), tracker, btf: false });
    using a = off.fd;
    expect([off.btf, progInfo(a).btfId]).toEqual([false, 0]);
    const gaveUp = new ProgramBtfCache();
    gaveUp.disable("test");
    const b = loadProgram(spec, { kind: "tracepoint", maps: new Map(), tracker, btf: gaveUp });
    using bfd = b.fd;
    expect([b.btf, progInfo(bfd).btfId]).toEqual([false, 0]);
    // Another loader's cache is unaffected.
    const c = loadProgram(spec, { kind: "tracepoint", maps: new Map(), tracker, btf: new ProgramBtfCache() });
    using cfd = c.fd;
    expect(c.btf).toBe(true);
    expect(progInfo(cfd).btfId).toBeGreaterThan(0);
  });

  it("a program whose info BTF cannot encode loads without it, and the next one still gets it", () => {
    const spec = compile("int ok(void *ctx) {\n  return 0;\n}\n", { file: "ok.c" }).programs[0]!;
    // line_info keeps 22 bits of line number.
    const huge = { ...spec, spans: spec.spans.map((s) => s && { ...s, line: 5_000_000 }) };
    const cache = new ProgramBtfCache();
    const a = loadProgram(huge, { kind: "tracepoint", maps: new Map(), tracker, btf: cache });
    using afd = a.fd;
    expect([a.btf, progInfo(afd).btfId, cache.supported]).toEqual([false, 0, undefined]);
    const b = loadProgram(spec, { kind: "tracepoint", maps: new Map(), tracker, btf: cache });
    using bfd = b.fd;
    expect([b.btf, cache.supported]).toEqual([true, true]);
  });
});
