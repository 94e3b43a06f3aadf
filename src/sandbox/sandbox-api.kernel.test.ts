/**
 * The sandbox's BCC API on the real kernel, in-process (runSandboxed from the sources; no build
 * needed): USDT probes of a live process read through `bcc-ts run` (the fixture of
 * usdt.kernel.test.ts, built with gcc), and RegExp values for tp_re / sym_re / event_re reaching
 * the host as RegExps (before, they arrived as `{}`), with nothing left attached afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { getFdById, listIds, progInfo } from "../sys/index.ts";
import { runSandboxed } from "./sandbox.ts";

const ROOT = resolve(import.meta.dirname, "../..");

/** Programs alive in the kernel whose name starts with `prefix`. */
function progsNamed(prefix: string): string[] {
  const names: string[] = [];
  for (const id of listIds("PROG")) {
    const fd = getFdById("PROG", id);
    if (!fd) continue;
    try {
      const n = progInfo(fd).name;
      if (n.startsWith(prefix)) names.push(n);
    } finally {
      fd.close();
    }
  }
  return names;
}

async function gone(prefix: string): Promise<string[]> {
  for (let i = 0; i < 60 && progsNamed(prefix).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
  return progsNamed(prefix);
}

describeKernel("sandbox API on the real kernel: USDT, RegExp arguments", () => {
  let dir = "";
  let fixture = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "bcc-ts-sbx-usdt-"));
    fixture = join(dir, "usdt-args");
    const r = spawnSync("gcc", ["-O2", "-o", fixture, join(ROOT, "src/usdt/fixtures/usdt-args.c")], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`gcc failed to build the USDT fixture: ${r.error?.message ?? r.stderr}`);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function sandboxed(name: string, source: string, args: string[], onOut?: (s: string) => void) {
    const script = join(dir, name);
    writeFileSync(script, source);
    let out = "";
    let err = "";
    const r = await runSandboxed({ script, args, timeout: 30, stdout: (s) => { out += s; onOut?.(s); }, stderr: (s) => void (err += s) });
    return { ...r, out, err };
  }

  it("USDT({ pid }) in the sandbox: probes enumerated, arguments read by bpf_usdt_readarg, semaphore raised", async () => {
    const child: ChildProcess = spawn(fixture, [], { stdio: ["pipe", "pipe", "inherit"] });
    let childOut = "";
    const exited = new Promise<number | null>((res) => child.on("close", (code) => res(code)));
    await new Promise<void>((res, rej) => {
      child.on("error", rej);
      child.stdout!.on("data", (d: Buffer) => {
        childOut += d.toString();
        if (childOut.includes("ready\n")) res();
      });
    });
    try {
      const pid = child.pid!;
      const r = await sandboxed("usdt.js", `
import { BPF, USDT } from "bcc-ts";
const pid = Number(process.argv[2]);
const u = new USDT({ pid });
console.log(u.enumerate_probes().map((p) => p.provider + ":" + p.name).sort().join(","));
u.enable_probe({ probe: "bccts:args", fn_name: "on_args" });
u.enable_probe("multi", "on_multi");
console.log(u.get_probe_arg_ctypes("args").join(","), u.enabled.length);
const b = new BPF({ usdt_contexts: [u], text: \`
BPF_ARRAY(vals, s64, 3);
static void put(int k, s64 v) { vals.update(&k, &v); }
int on_args(struct pt_regs *ctx) {
    if ((bpf_get_current_pid_tgid() >> 32) != \${pid}) return 0;
    long long a = 0; int b = 0;
    bpf_usdt_readarg(1, ctx, &a);
    bpf_usdt_readarg(2, ctx, &b);
    put(0, a); put(1, b);
    return 0;
}
int on_multi(struct pt_regs *ctx) {
    if ((bpf_get_current_pid_tgid() >> 32) != \${pid}) return 0;
    int k = 2;
    s64 *n = vals.lookup(&k);
    if (n) __sync_fetch_and_add(n, 1);
    return 0;
}\` });
console.log("attached");
let v = [];
for (let i = 0; i < 200; i++) {
  v = b["vals"].items().sort((x, y) => x[0] - y[0]).map((kv) => String(kv[1]));
  if (v[2] === "2") break;
  sleep(0.02);
}
console.log(v.join(","));
`, [String(pid)], (s) => {
        if (s.includes("attached")) {
          child.stdin!.write("\n");
          child.stdin!.end();
        }
      });
      expect(r.err).toBe("");
      expect(r.exitCode).toBe(0);
      const lines = r.out.trimEnd().split("\n");
      expect(lines[0]).toBe("bccts:args,bccts:multi");
      expect(lines[1]).toBe("long long,int,unsigned char,short,unsigned long long,unsigned long long,int 2");
      expect(lines[2]).toBe("attached");
      expect(lines[3]).toBe("-5,-7,2");
      expect(await exited).toBe(0);
      // The fixture's line after "ready": its semaphore, raised through the uprobe's ref_ctr_offset.
      expect(Number(childOut.split("\n")[1])).toBeGreaterThanOrEqual(1);
      expect(await gone("on_args")).toEqual([]);
    } finally {
      child.kill();
    }
  });

  it("examples/nodejs_http_server.js runs in the sandbox: on a process without its probe, one line naming the probes there are", async () => {
    const child: ChildProcess = spawn(fixture, [], { stdio: ["pipe", "pipe", "inherit"] });
    await new Promise<void>((res, rej) => {
      child.on("error", rej);
      child.stdout!.once("data", () => res());
    });
    try {
      let out = "";
      let err = "";
      const script = join(ROOT, "examples/nodejs_http_server.js");
      const r = await runSandboxed({ script, args: [String(child.pid)], timeout: 30, stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
      expect(r.exitCode).toBe(1);
      expect(out).toBe("");
      expect(err).toMatch(new RegExp(`^bcc-ts: \\S*nodejs_http_server\\.js:\\d+: USDT: no probe http__server__request in process ${child.pid}; available: bccts:args, bccts:multi\\n$`));
    } finally {
      child.kill();
    }
  });

  it("RegExp values reach the host: tp_re, sym_re, event_re and get_kprobe_functions", async () => {
    const tick = setInterval(() => void process.ppid, 5); // getppid() from this (the host) process
    try {
      const r = await sandboxed("regexp.js", `
import { BPF } from "bcc-ts";
const b = new BPF({ text: \`
BPF_ARRAY(hits, u64, 3);
static void hit(int k) { u64 *v = hits.lookup(&k); if (v) __sync_fetch_and_add(v, 1); }
int rx_tp(void *ctx) { hit(0); return 0; }
int rx_up(struct pt_regs *ctx) { hit(1); return 0; }
int rx_kp(struct pt_regs *ctx) { hit(2); return 0; }
\` });
b.attach_tracepoint({ tp_re: /^syscalls:sys_enter_getppi[d]$/, fn_name: "rx_tp" });
b.attach_uprobe({ name: "c", sym_re: /^getppi[d]$/, fn_name: "rx_up" });
const fns = BPF.get_kprobe_functions(/^__x64_sys_getppi[d]$/);
console.log(JSON.stringify(fns));
b.attach_kprobe({ event_re: /^__x64_sys_getppi[d]$/, fn_name: "rx_kp" });
let v = [];
for (let i = 0; i < 200; i++) {
  v = b["hits"].items().sort((x, y) => x[0] - y[0]).map((kv) => Number(kv[1]) > 0);
  if (v.every(Boolean)) break;
  sleep(0.02);
}
console.log(v.join(","));
b.close();
`, []);
      expect(r.exitCode, r.err).toBe(0);
      const lines = r.out.trimEnd().split("\n");
      expect(lines[0]).toBe(JSON.stringify(["__x64_sys_getppid"]));
      expect(lines[1]).toBe("true,true,true");
      expect(await gone("rx_")).toEqual([]);
    } finally {
      clearInterval(tick);
    }
  });
});
