/**
 * USDT end to end on the real kernel: probes found in a live process, attached with their
 * semaphores, arguments read by the generated bpf_usdt_readarg code. Every probe is scoped to a
 * child process this test starts, and the BPF program also filters on that pid.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { BPF } from "../bpf/index.ts";
import { FdTracker } from "../sys/index.ts";
import { USDT } from "./index.ts";

const PYTHON = "/usr/bin/python3.11";

/** Starts `cmd`, resolves once it printed its first line (it then waits on stdin). */
function startPaused(cmd: string, args: string[]): Promise<{ child: ChildProcess; firstLine: string; exited: Promise<number | null> }> {
  const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise<number | null>((res) => child.on("exit", (code) => res(code)));
  return new Promise((resolve, reject) => {
    let buf = "";
    child.on("error", reject);
    child.stdout!.on("data", (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf("\n");
      if (nl >= 0) resolve({ child, firstLine: buf.slice(0, nl), exited });
    });
  });
}

interface PyEvent {
  pid: number;
  lineno: number;
  rc: number;
  fn: string;
  file: string;
}

describeKernel("USDT (real kernel)", () => {
  const tracker = new FdTracker();
  afterAll(() => tracker.assertNoLeaks());

  it.runIf(existsSync(PYTHON))("python3.11 function__entry: funcname and line number of a known function, semaphore enabled by the kernel", async () => {
    // Line 3 of this script is the def; the probe reports the function's first line.
    const script = ["import sys", "", "def bcc_ts_probe_me():", "    pass", "", "print('ready', flush=True)", "sys.stdin.readline()", "bcc_ts_probe_me()", ""].join("\n");
    const { child, exited } = await startPaused(PYTHON, ["-c", script]);
    try {
      const pid = child.pid!;
      const u = new USDT({ pid });
      u.enable_probe({ probe: "python:function__entry", fn_name: "trace_entry" });
      expect(u.get_probe_arg_ctypes("function__entry")).toEqual(["unsigned long long", "unsigned long long", "int"]);
      using b = new BPF({
        text: `
struct ev_t { u32 pid; int lineno; int rc; char fn[32]; char file[16]; };
BPF_PERF_OUTPUT(events);
int trace_entry(struct pt_regs *ctx) {
    struct ev_t e = {};
    e.pid = bpf_get_current_pid_tgid() >> 32;
    if (e.pid != ${pid}) return 0;
    e.rc = bpf_usdt_readarg(3, ctx, &e.lineno);
    bpf_usdt_readarg_p(2, ctx, &e.fn, sizeof(e.fn));
    bpf_usdt_readarg_p(1, ctx, &e.file, sizeof(e.file));
    events.perf_submit(ctx, &e, sizeof(e));
    return 0;
}`,
        usdt_contexts: [u],
        fdTracker: tracker,
      });
      const events = b["events"] as unknown as { open_perf_buffer(cb: (cpu: number, data: Uint8Array, size: number) => void, opts?: unknown): void; event(d: Uint8Array): unknown };
      const got: PyEvent[] = [];
      events.open_perf_buffer((_cpu, data) => got.push(events.event(data) as PyEvent));
      child.stdin!.write("\n");
      child.stdin!.end();
      expect(await exited).toBe(0);
      for (let i = 0; i < 30 && !got.some((e) => e.fn === "bcc_ts_probe_me"); i++) b.perf_buffer_poll(100);
      console.log(JSON.stringify(got.slice(0, 20)), got.length);
      const mine = got.filter((e) => e.fn === "bcc_ts_probe_me");
      expect(mine).toEqual([{ pid, lineno: 3, rc: 0, fn: "bcc_ts_probe_me", file: "<string>" }]);
      expect(got.every((e) => e.pid === pid)).toBe(true);
    } finally {
      child.kill();
    }
  });
});
