/**
 * Kernel types against the real kernel: every tracepoint format on this machine maps to a struct
 * whose members sit at the format's offsets with the format's sizes, and compiled programs that use
 * tracepoint structs and BTF structs load, attach, and read the right values (our own openat, our
 * own task's tgid and parent's tgid, a child's exec filename through __data_loc).
 */
import { openSync, closeSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { afterAll, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { loadKernelBtf } from "../../src/btf/kernel.ts";
import { Tracefs } from "../../src/tracefs/index.ts";
import { type Fd, FdTracker, getpid, getppid, mapLookupElem } from "../../src/sys/index.ts";
import { createMap } from "../../src/maps/index.ts";
import { loadProgram } from "../../src/programs/index.ts";
import { attachTracepoint } from "../../src/attach/index.ts";
import { compile } from "../index.ts";
import { findMember } from "../sema/layout.ts";
import { sizeOf } from "../sema/types.ts";
import { BtfExternalTypes } from "./btf-external.ts";
import { KernelTypes } from "./kernel-types.ts";
import { fieldName } from "./tracepoint-types.ts";

describeKernel("kernel types on the real kernel", () => {
  const tracker = new FdTracker();
  const tracefs = Tracefs.open();
  const kt = new KernelTypes({ btf: new BtfExternalTypes(loadKernelBtf()), tracefs });
  afterAll(() => tracker.assertNoLeaks());

  it("every tracepoint format maps to a struct with the format's offsets and sizes", () => {
    const t0 = performance.now();
    let events = 0;
    let fields = 0;
    for (const { category, event } of tracefs.listEventNames()) {
      const t = kt.lookupStruct(`tracepoint__${category}__${event}`, false);
      expect(t?.kind, `${category}:${event}`).toBe("record");
      if (t?.kind !== "record") continue;
      const format = tracefs.format(category, event);
      for (const f of format.commonFields) expect(findMember(t.rec, f.name)).toBeUndefined();
      for (const f of format.fields) {
        const m = findMember(t.rec, fieldName(f));
        expect(m, `${category}:${event} ${f.name}`).toBeDefined();
        expect(m!.offset, `${category}:${event} ${f.name}`).toBe(f.offset);
        // Flexible arrays ("char buf[]") have no size of their own; everything else matches exactly.
        const flexible = f.arrayLen === 0 && !f.isDataLoc && !f.isRelLoc;
        expect(sizeOf(m!.field.type), `${category}:${event} ${f.name}: ${f.decl}`).toBe(flexible ? 0 : f.size);
        fields++;
      }
      events++;
    }
    console.log(`${events} tracepoint structs, ${fields} fields in ${(performance.now() - t0).toFixed(0)} ms`);
    expect(events).toBeGreaterThan(100);
  });

  function run<T>(src: string, category: string, event: string, body: (maps: Map<string, Fd>) => T): T {
    const r = compile(src, { file: "kt.c", externalTypes: kt });
    expect(r.diagnostics.map((d) => `${d.span.line}: ${d.message}`)).toEqual([]);
    const maps = new Map<string, Fd>();
    try {
      for (const m of r.maps) maps.set(m.name, createMap(m, { tracker }));
      using prog = loadProgram(r.programs[0]!, { kind: "tracepoint", maps, tracker, sourceText: () => src }).fd;
      using _link = attachTracepoint(prog, category, event, { tracefs, tracker, useLink: true });
      return body(maps);
    } finally {
      for (const fd of maps.values()) fd.close();
    }
  }

  it("reads syscall arguments through args-> and task fields through BTF offsets", () => {
    const pid = getpid();
    const src = `
      struct rec { s64 dfd; u64 flags; u32 tgid; u32 ptgid; int nr; char name[48]; };
      BPF_ARRAY(out, struct rec, 1);
      int tracepoint__syscalls__sys_enter_openat(struct tracepoint__syscalls__sys_enter_openat *args) {
        if ((bpf_get_current_pid_tgid() >> 32) != ${pid}) return 0;
        int k = 0;
        struct rec *r = out.lookup(&k);
        if (!r) return 0;
        char name[48] = {};
        bpf_probe_read_user_str(name, sizeof(name), args->filename);
        if (name[0] != '/' || name[1] != 'k' || name[2] != 't') return 0;
        r->dfd = args->dfd;
        r->flags = args->flags;
        r->nr = args->__syscall_nr;
        __builtin_memcpy(r->name, name, sizeof(name));
        struct task_struct *t = (struct task_struct *)bpf_get_current_task();
        struct task_struct *parent = 0;
        bpf_probe_read_kernel(&r->tgid, sizeof(r->tgid), &t->tgid);
        bpf_probe_read_kernel(&parent, sizeof(parent), &t->real_parent);
        bpf_probe_read_kernel(&r->ptgid, sizeof(r->ptgid), &parent->tgid);
        return 0;
      }`;
    const path = `/kt-${pid}-no-such-file`;
    const rec = run(src, "syscalls", "sys_enter_openat", (maps) => {
      try {
        closeSync(openSync(path, "r"));
      } catch {
        // ENOENT is expected: only the syscall's arguments matter.
      }
      const v = new Uint8Array(8 + 8 + 4 + 4 + 4 + 48 + 4);
      mapLookupElem(maps.get("out")!, new Uint8Array(4), v);
      return new DataView(v.buffer);
    });
    // AT_FDCWD. The kernel stores the int argument zero-extended in its 8-byte slot (measured on
    // 6.18: 0xffffff9c), so like BCC's s64 field the full value is not -100; the low half is.
    expect(BigInt.asIntN(32, rec.getBigInt64(0, true))).toBe(-100n);
    expect(rec.getBigUint64(8, true) & 3n).toBe(0n); // O_RDONLY
    expect(rec.getUint32(16, true)).toBe(pid);
    expect(rec.getUint32(20, true)).toBe(getppid());
    expect(rec.getInt32(24, true)).toBe(257); // __NR_openat on x86_64
    const name = new TextDecoder().decode(new Uint8Array(rec.buffer, 28, path.length));
    expect(name).toBe(path);
  });

  it("decodes a __data_loc string with BCC's data_loc_ field (sched_process_exec)", () => {
    const src = `
      struct erec { char filename[64]; };
      BPF_HASH(execs, u32, struct erec, 256);
      int tracepoint__sched__sched_process_exec(struct tracepoint__sched__sched_process_exec *args) {
        struct erec e = {};
        unsigned short off = args->data_loc_filename & 0xFFFF;
        bpf_probe_read_kernel_str(e.filename, sizeof(e.filename), (char *)args + off);
        u32 pid = args->pid;
        execs.update(&pid, &e);
        return 0;
      }`;
    const { childPid, value } = run(src, "sched", "sched_process_exec", (maps) => {
      const child = spawnSync("/bin/true");
      expect(child.status).toBe(0);
      const key = new Uint8Array(4);
      new DataView(key.buffer).setUint32(0, child.pid!, true);
      const v = new Uint8Array(64);
      mapLookupElem(maps.get("execs")!, key, v);
      return { childPid: child.pid, value: v };
    });
    expect(childPid).toBeGreaterThan(0);
    expect(new TextDecoder().decode(value.subarray(0, value.indexOf(0)))).toBe("/bin/true");
  });
});
