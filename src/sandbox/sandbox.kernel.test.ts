/**
 * `bcc-ts run` against the real kernel, through the built CLI (`npm run build` first; `npm test`
 * does it): the same example gives the same trace lines in the sandbox and in Node, Ctrl-C during a
 * blocking trace_print ends the script promptly and detaches its program, and perf buffer events
 * reach the guest's callback.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { getFdById, listIds, progInfo } from "../sys/index.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "bin/bcc-ts.js");
const dir = mkdtempSync(join(tmpdir(), "bcc-ts-run-k-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Proc {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

function start(args: string[]): Proc {
  const child = spawn(process.execPath, [BIN, "run", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => void (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => void (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((res) => child.on("exit", (code, signal) => res({ code, signal, at: performance.now() })));
  return { child, out: () => out, err: () => err, exited };
}

async function until(what: string, cond: () => boolean, p: Proc, ms = 30_000, tick?: () => void): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; stdout: ${p.out().slice(-500)} stderr: ${p.err().slice(-500)}`);
    tick?.();
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Program ids whose kernel name is `name` (names are cut to 15 characters). */
function progIdsNamed(name: string): number[] {
  const ids: number[] = [];
  for (const id of listIds("PROG")) {
    const fd = getFdById("PROG", id);
    if (!fd) continue;
    try {
      if (progInfo(fd).name === name.slice(0, 15)) ids.push(id);
    } finally {
      fd.close();
    }
  }
  return ids;
}

/** The message of trace_pipe lines written by process `pid` (task-PID prefix). */
function messagesFrom(out: string, pid: number): string[] {
  const msgs: string[] = [];
  for (const line of out.split("\n")) {
    const m = /^\s*.+-(\d+)\s+\[\d+\]\s+\S+\s+[\d.]+:\s+(?:bpf_trace_printk:\s+)?(.*)$/.exec(line);
    if (m && Number(m[1]) === pid) msgs.push(m[2]!);
  }
  return msgs;
}

describeKernel("bcc-ts run (sandbox) on the real kernel", () => {
  it("hello_world.js prints the same lines in the sandbox and with --node", async () => {
    const results: string[][] = [];
    for (const mode of [[], ["--node"]]) {
      const p = start([...mode, "examples/hello_world.js"]);
      // This test process calls clone() to start /bin/true (libuv forks; dash would vfork instead):
      // retry until the probe is attached and a line from our own pid shows up.
      const fork = () => void spawnSync("/bin/true");
      const pid = process.pid;
      try {
        await until("a hello line from this process", () => messagesFrom(p.out(), pid).length > 0, p, 30_000, fork);
        results.push(messagesFrom(p.out(), pid));
      } finally {
        p.child.kill("SIGINT");
        await p.exited;
      }
    }
    expect(results[0]![0]).toBe("Hello, World!");
    expect(results[1]![0]).toBe(results[0]![0]);
  });

  it("Ctrl-C during a blocking trace_print ends the script promptly and detaches its program", async () => {
    const name = `sbx${process.pid.toString(16)}${Date.now().toString(16).slice(-4)}`.slice(0, 15);
    const script = join(dir, "blocking.js");
    writeFileSync(script, `import { BPF } from "bcc-ts";
const b = new BPF({ text: 'int ${name}(void *ctx) { bpf_trace_printk("sbx\\\\n"); return 0; }' });
b.attach_tracepoint({ tp: "syscalls:sys_enter_getppid", fn_name: "${name}" });
console.log("ready");
b.trace_print();
`);
    const p = start([script]);
    await until("ready", () => p.out().includes("ready\n"), p);
    expect(progIdsNamed(name).length).toBe(1);
    await new Promise((r) => setTimeout(r, 200)); // it is now blocked reading trace_pipe
    const sent = performance.now();
    p.child.kill("SIGINT");
    const { code, at } = await p.exited;
    expect(code).toBe(130);
    // The signal reaches the blocked call through Node's event loop, and exit runs the cleanup;
    // on an idle machine this takes a few ms (the bound leaves room for a loaded CI runner).
    expect(at - sent).toBeLessThan(200);
    expect(p.err()).toBe("");
    expect(progIdsNamed(name)).toEqual([]);
  });

  it("Ctrl-C during sleep is a KeyboardInterrupt the script catches to print its summary", async () => {
    const script = join(dir, "summary.js");
    writeFileSync(script, `import { BPF, KeyboardInterrupt } from "bcc-ts";
const b = new BPF({ text: 'BPF_HASH(counts, u32, u64); int tracepoint__syscalls__sys_enter_getppid(void *ctx) { u32 k = 0; counts.increment(k); return 0; }' });
console.log("ready");
try { sleep(99999999); } catch (e) { if (!(e instanceof KeyboardInterrupt)) throw e; }
console.log("summary:", b["counts"].items().length >= 0 ? "ok" : "bad");
`);
    const p = start([script]);
    await until("ready", () => p.out().includes("ready\n"), p);
    await new Promise((r) => setTimeout(r, 200));
    p.child.kill("SIGINT");
    const { code } = await p.exited;
    expect(p.err()).toBe("");
    expect(p.out()).toBe("ready\nsummary: ok\n");
    expect(code).toBe(0);
  });

  it("perf buffer records reach the guest callback in batches, with their bytes", async () => {
    const script = join(dir, "perf.js");
    writeFileSync(script, `import { BPF } from "bcc-ts";
import { execFileSync } from "child_process";
const b = new BPF({ text: \`
struct data_t { u32 pid; u64 ts; char comm[16]; };
BPF_PERF_OUTPUT(events);
int tracepoint__sched__sched_process_exec(void *args) {
  struct data_t d = {};
  d.pid = bpf_get_current_pid_tgid() >> 32;
  d.ts = bpf_ktime_get_ns();
  bpf_get_current_comm(&d.comm, sizeof(d.comm));
  events.perf_submit(args, &d, sizeof(d));
  return 0;
}\` });
const pids = new Set();
let seen = 0;
b["events"].open_perf_buffer((cpu, data, size) => {
  const comm = String.fromCharCode(...data.subarray(16, 32)).replace(/\\0.*$/s, "");
  if (comm === "true" && size === data.length && size >= 32) { seen++; pids.add(new DataView(data.buffer, data.byteOffset).getUint32(0, true)); }
});
for (let i = 0; i < 5; i++) execFileSync("/bin/true");
const t = Date.now();
while (seen < 5 && Date.now() - t < 20000) b.perf_buffer_poll(200);
console.log("seen", seen >= 5, pids.size >= 5);
`);
    const p = start(["--allow-run", script]);
    const { code } = await p.exited;
    expect(p.err()).toBe("");
    expect(p.out()).toBe("seen true true\n");
    expect(code).toBe(0);
  });

  it("tables work from the guest: struct keys, bigints, iteration, histogram callbacks", async () => {
    const script = join(dir, "tables.js");
    writeFileSync(script, `import { BPF } from "bcc-ts";
const b = new BPF({ text: \`
struct key_t { u32 bucket; u64 slot; };
BPF_HASH(dist, struct key_t, u64);
int tracepoint__syscalls__sys_enter_getppid(void *ctx) { return 0; }\` });
const t = b["dist"];
t.set({ bucket: 1, slot: 2 }, 5n);
t.set({ bucket: 2, slot: 3 }, 7n);
console.log(t.items().length, t.get({ bucket: 1, slot: 2 }), [...t].length, t.name);
t.print_log2_hist("usecs", "disk", (k) => "dev" + k);
`);
    const p = start([script]);
    const { code } = await p.exited;
    expect(p.err()).toBe("");
    expect(code).toBe(0);
    const lines = p.out().split("\n");
    expect(lines[0]).toBe("2 5n 2 dist");
    expect(p.out()).toContain("disk = dev1\n");
    expect(p.out()).toContain("disk = dev2\n");
    expect(p.out()).toMatch(/4 -> 7\s+: 7\s/);
  });

  it("a TypeScript script with arguments prints the same in the sandbox and with --node", async () => {
    // Inside the repository, so that plain Node resolves "bcc-ts" to this package (self-reference).
    const script = join(ROOT, "src/sandbox", `.kernel-test-${process.pid}.ts`);
    writeFileSync(script, `import { BPF, KeyboardInterrupt } from "bcc-ts";
interface Opts { pid: number }
const opts: Opts = { pid: Number(process.argv[2]) };
console.log(typeof BPF, typeof KeyboardInterrupt, BPF.get_syscall_fnname("clone"), opts.pid * 2, process.argv.slice(3));
`);
    try {
      const outs: string[] = [];
      for (const mode of [[], ["--node"]]) {
        const p = start([...mode, script, "21", "-x", "--y"]);
        const { code } = await p.exited;
        expect(p.err()).toBe("");
        expect(code).toBe(0);
        outs.push(p.out());
      }
      expect(outs[0]).toMatch(/^function function \S+ 42 \[ '-x', '--y' \]\n$/);
      expect(outs[1]).toBe(outs[0]);
    } finally {
      rmSync(script, { force: true });
    }
  });
});
