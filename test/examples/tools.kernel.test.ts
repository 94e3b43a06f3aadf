/**
 * Ports of the BCC tools users reach for first: started with their BCC options, fed by this test's
 * own processes (named, or filtered by pid), real output checked; Ctrl-C summaries included.
 */
import { execFileSync, spawn } from "node:child_process";
import { writeFileSync, rmSync } from "node:fs";
import { expect, it } from "vitest";
import { describeKernel } from "../harness/kernel.ts";
import { linesWith, runExample } from "./run-example.ts";
import { pythonLoop } from "./triggers.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeKernel("BCC tools ports", () => {
  it("execsnoop prints our exec() with its arguments, under run and run --node", async () => {
    for (const node of [false, true]) {
      const marker = `bccts-exec-${process.pid}-${node ? "n" : "s"}`;
      const r = await runExample("execsnoop.js", {
        node,
        args: ["-U"],
        ready: /PCOMM/,
        trigger: () => void execFileSync("/bin/echo", [marker, "two"], { stdio: "ignore" }),
        until: (o) => o.includes(marker),
      });
      expect(r.stdout).toMatch(/^UID   PCOMM            PID     PPID    RET ARGS$/m);
      expect(r.matched).toBe(true);
      expect(linesWith(r.stdout, marker)[0]).toMatch(new RegExp(`^0\\s+echo\\s+\\d+\\s+${process.pid}\\s+0 /bin/echo ${marker} two$`));
      expect(r.code).toBe(0);
    }
  });

  it("execsnoop -x shows failed exec()s", async () => {
    const missing = `/nonexistent/bccts-exec-${process.pid}`;
    const r = await runExample("execsnoop.js", {
      args: ["-x"],
      ready: /PCOMM/,
      trigger: () => {
        try {
          execFileSync(missing, [], { stdio: "ignore" });
        } catch {
          // ENOENT is the point
        }
      },
      until: (o) => o.includes(missing),
    });
    expect(r.matched).toBe(true);
    expect(linesWith(r.stdout, missing)[0]).toMatch(new RegExp(`\\s+-2 ${missing}$`));
  });

  it("opensnoop prints our open()s, failed ones with their errno", async () => {
    const ok = `/tmp/bccts-open-${process.pid}`;
    const bad = `/tmp/bccts-open-missing-${process.pid}`;
    writeFileSync(ok, "x");
    try {
      const r = await runExample("opensnoop.js", {
        args: ["-T", "-U"],
        ready: /PATH/,
        trigger: () => {
          execFileSync("cat", [ok], { stdio: "ignore" });
          try {
            execFileSync("cat", [bad], { stdio: "ignore" });
          } catch {
            // ENOENT expected
          }
        },
        until: (o) => o.includes(ok) && o.includes(bad),
      });
      expect(r.stdout).toMatch(/^TIME\(s\)       UID   PID    COMM               FD ERR PATH$/m);
      expect(r.matched).toBe(true);
      expect(linesWith(r.stdout, ok)[0]).toMatch(new RegExp(`^\\d+\\.\\d{9}\\s+0\\s+\\d+\\s+cat\\s+\\d+\\s+0 ${ok}$`));
      expect(linesWith(r.stdout, bad)[0]).toMatch(new RegExp(`^\\d+\\.\\d{9}\\s+0\\s+\\d+\\s+cat\\s+-1\\s+2 ${bad}$`));
      expect(r.code).toBe(0);
    } finally {
      rmSync(ok, { force: true });
    }
  });

  it("syscount -p counts one process's syscalls by name and prints them on Ctrl-C (run and --node)", async () => {
    for (const node of [false, true]) {
      const child = pythonLoop("bcctsSC", "for i in range(200): os.getppid()\ntime.sleep(0.01)");
      try {
        const r = await runExample("syscount.js", { node, args: ["-p", String(child.pid)], ready: /Tracing syscalls/, until: () => false, timeoutMs: 1500 });
        expect(r.stdout).toContain("Tracing syscalls, printing top 10... Ctrl+C to quit.");
        expect(r.stdout).toMatch(/^SYSCALL\s+COUNT$/m);
        expect(r.stdout).toMatch(/^getppid\s+[1-9]\d*$/m);
        expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("Detaching...");
        expect(r.code).toBe(0);
      } finally {
        child.kill();
      }
    }
  });

  it("syscount -L -d prints latencies and stops by itself", async () => {
    const child = pythonLoop("bcctsSL", "os.getppid()\ntime.sleep(0.005)");
    try {
      const r = await runExample("syscount.js", { args: ["-L", "-p", String(child.pid), "-d", "1"], selfExit: true, timeoutMs: 0 });
      expect(r.stdout).toMatch(/^SYSCALL\s+COUNT\s+TIME \(us\)$/m);
      expect(r.stdout).toMatch(/^getppid\s+[1-9]\d*\s+\d+\.\d{3}$/m);
      expect(r.code).toBe(0);
    } finally {
      child.kill();
    }
  });

  it("biolatency prints a block I/O latency histogram for the interval", async () => {
    const file = `/var/tmp/bccts-biolat-${process.pid}`;
    try {
      const r = await runExample("biolatency.js", {
        args: ["-T", "1", "1"],
        selfExit: true,
        ready: /Tracing block device I\/O/,
        trigger: () => void execFileSync("dd", ["if=/dev/zero", `of=${file}`, "bs=4096", "count=8", "oflag=direct"], { stdio: "ignore" }),
        until: () => true,
      });
      expect(r.stdout).toMatch(/^\d\d:\d\d:\d\d$/m);
      expect(r.stdout).toMatch(/^\s+usecs\s+: count\s+distribution$/m);
      expect(r.stdout).toMatch(/: [1-9]\d*\s+\|\*/);
      expect(r.code).toBe(0);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it("runqlat -p prints a run queue latency histogram for one busy process", async () => {
    const child = pythonLoop("bcctsRQ", "time.sleep(0.001)");
    try {
      const r = await runExample("runqlat.js", { args: ["-p", String(child.pid), "1", "1"], selfExit: true, timeoutMs: 0 });
      expect(r.stdout.split("\n")[0]).toBe("Tracing run queue latency... Hit Ctrl-C to end.");
      expect(r.stdout).toMatch(/^\s+usecs\s+: count\s+distribution$/m);
      expect(r.stdout).toMatch(/: [1-9]\d*\s+\|\*/);
      expect(r.code).toBe(0);
    } finally {
      child.kill();
    }
  });

  it("profile samples a busy process's stacks", async () => {
    const child = pythonLoop("bcctsPF", "sum(range(10000))");
    try {
      await sleep(200);
      const r = await runExample("profile.js", { args: ["-F", "99", "-p", String(child.pid), "1"], selfExit: true, timeoutMs: 0 });
      expect(r.stdout.split("\n")[0]).toBe(`Sampling at 99 Hertz of PID ${child.pid} by user + kernel stack for 1 secs.`);
      expect(r.stdout).toMatch(new RegExp(`^    -\\s+bcctsPF \\(${child.pid}\\)$`, "m"));
      expect(r.stdout).toMatch(/^        [1-9]\d*$/m);
      expect(r.code).toBe(0);
    } finally {
      child.kill();
    }
  });

  it("offcputime -f prints folded off-CPU stacks of a sleeping process", async () => {
    const child = pythonLoop("bcctsOC", "time.sleep(0.01)");
    try {
      await sleep(200);
      const r = await runExample("offcputime.js", { args: ["-f", "-p", String(child.pid), "1"], selfExit: true, timeoutMs: 0 });
      const ours = linesWith(r.stdout, /^bcctsOC;/);
      expect(ours.length).toBeGreaterThan(0);
      expect(ours[0]).toMatch(/;\S+ [1-9]\d*$/); // frames, then microseconds off CPU
      expect(r.code).toBe(0);
    } finally {
      child.kill();
    }
  });

  it("funccount counts a tracepoint for one process", async () => {
    const child = pythonLoop("bcctsFC", "os.getppid()\ntime.sleep(0.01)");
    try {
      const r = await runExample("funccount.js", { args: ["-p", String(child.pid), "-d", "1", "t:syscalls:sys_enter_getppid"], selfExit: true, timeoutMs: 0 });
      expect(r.stdout.split("\n")[0]).toBe('Tracing 1 functions for "t:syscalls:sys_enter_getppid"... Hit Ctrl-C to end.');
      expect(r.stdout).toMatch(/^syscalls:sys_enter_getppid\s+[1-9]\d*$/m);
      expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("Detaching...");
      expect(r.code).toBe(0);
    } finally {
      child.kill();
    }
  });

  it("bashreadline prints the command typed into an interactive bash", async () => {
    const marker = `bccts-rl-${process.pid}`;
    // an interactive bash on a pty reads its input with readline
    const typeCommand = () =>
      new Promise<void>((res) => {
        const py = spawn("python3", ["-c", `import os, pty, time
pid, fd = pty.fork()
if pid == 0:
    os.execvp("bash", ["bash", "--norc", "--noprofile", "-i"])
time.sleep(0.3)
os.write(fd, b"echo ${marker}\\n"); time.sleep(0.2)
os.write(fd, b"exit\\n")
try:
    while os.read(fd, 1024): pass
except OSError: pass
os.waitpid(pid, 0)
`], { stdio: "ignore", cwd: "/" });
        py.on("exit", () => res());
      });
    const r = await runExample("bashreadline.js", { ready: /COMMAND/, trigger: typeCommand, until: (o) => o.includes(marker) });
    expect(r.stdout.split("\n")[0]).toBe("TIME      PID     COMMAND");
    expect(r.matched).toBe(true);
    expect(linesWith(r.stdout, marker)[0]).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d  \\d+\\s+echo ${marker}$`));
    expect(r.code).toBe(0);
  });
});
