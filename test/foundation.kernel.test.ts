/**
 * The foundation end to end, before any compiler: a program written with the ISA builder is
 * loaded into the real kernel as a tracepoint program on syscalls:sys_enter_getppid, filtered to
 * this process, counts calls in an ARRAY map and calls bpf_trace_printk; the test reads the map and
 * the trace_pipe line back through the tracefs parser.
 */
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeKernel } from "./harness/kernel.ts";
import { Assembler, R0, R1, R2, R3, R4, R6, R10, encode } from "../src/isa/index.ts";
import {
  BPF_ATTACH_TYPE,
  BPF_MAP_TYPE,
  BPF_PROG_TYPE,
  FdTracker,
  PERF_TYPE,
  getpid,
  getppid,
  linkCreate,
  mapCreate,
  mapLookupElem,
  perfEventOpen,
  progLoad,
} from "../src/sys/index.ts";
import { Tracefs, TracePipe, parseTraceLine } from "../src/tracefs/index.ts";

/** Pushes a NUL-terminated string onto the stack below `top` (8-byte stores); returns its offset. */
function pushString(asm: Assembler, text: string, top: number): number {
  const bytes = Buffer.from(`${text}\0`, "latin1");
  const len = Math.ceil(bytes.length / 8) * 8;
  const start = top - len;
  for (let i = 0; i < len; i += 4) {
    const word = (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24);
    asm.stW(R10, start + i, word | 0);
  }
  return start;
}

describeKernel("foundation: ISA-built tracepoint program, map and trace_pipe", () => {
  const tracker = new FdTracker();
  const pid = getpid();
  const token = randomInt(1, 2 ** 31 - 1);
  let tracefs: Tracefs;

  beforeAll(() => {
    tracefs = Tracefs.open();
  });
  afterAll(() => tracker.assertNoLeaks());

  it("counts getppid calls of this process exactly and prints a trace line", async () => {
    using counts = mapCreate({ mapType: BPF_MAP_TYPE.ARRAY, keySize: 4, valueSize: 8, maxEntries: 1, name: "counts" }, { tracker });
    const fmt = "bcc_ts_fnd %d %d\n";
    const asm = new Assembler()
      .call("get_current_pid_tgid")
      .rsh64Imm(R0, 32)
      .jneImm(R0, pid, "out")
      .mov64Reg(R6, R0)
      .stW(R10, -4, 0)
      .ldMapFd(R1, counts.peek())
      .mov64Reg(R2, R10)
      .add64Imm(R2, -4)
      .call("map_lookup_elem")
      .jeqImm(R0, 0, "out")
      .mov64Imm(R1, 1)
      .atomicAdd64(R0, R1, 0);
    const at = pushString(asm, fmt, -8);
    asm
      .mov64Reg(R1, R10)
      .add64Imm(R1, at)
      .mov64Imm(R2, fmt.length + 1)
      .mov64Reg(R3, R6)
      .mov64Imm(R4, token)
      .call("trace_printk")
      .label("out")
      .mov64Imm(R0, 0)
      .exit();
    using prog = progLoad({ progType: BPF_PROG_TYPE.TRACEPOINT, insns: encode(asm.build()), license: "GPL", name: "fnd_getppid" }, { tracker }).fd;

    using pipe = new TracePipe(tracefs);
    // Drain what is already queued so the lines we look for are new ones.
    while (pipe.readline(0) !== undefined);

    const id = tracefs.eventId("syscalls", "sys_enter_getppid");
    // One perf event is enough: the program hangs off the tracepoint itself and runs on every CPU
    // (the perf event's cpu only says where the event's own samples would go).
    const N = 7;
    {
      using ev = perfEventOpen({ type: PERF_TYPE.TRACEPOINT, config: id, samplePeriod: 1 }, { pid: -1, cpu: 0 }, { tracker });
      using link = linkCreate({ progFd: prog, targetFd: ev, attachType: BPF_ATTACH_TYPE.PERF_EVENT }, { tracker });
      void link;
      for (let i = 0; i < N; i++) getppid();
    }

    const value = new Uint8Array(8);
    expect(mapLookupElem(counts, new Uint8Array(4), value)).toBe(true);
    expect(new DataView(value.buffer).getBigUint64(0, true)).toBe(BigInt(N));

    const mine: ReturnType<typeof parseTraceLine>[] = [];
    const deadline = Date.now() + 5000;
    while (mine.length < N && Date.now() < deadline) {
      const line = pipe.readline(200);
      if (line === undefined) continue;
      const f = parseTraceLine(line);
      if (f && f.msg === `bcc_ts_fnd ${pid} ${token}`) mine.push(f);
    }
    expect(mine).toHaveLength(N);
    for (const f of mine) {
      expect(f?.pid).toBe(pid);
      expect(f?.task.length).toBeGreaterThan(0);
      expect(f?.ts).toBeGreaterThan(0);
    }
  });
});
