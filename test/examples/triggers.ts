/** Processes the example tests trace: short-lived and long-lived, named so their lines are ours. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";

/** Runs python code in a process whose comm is `comm` (prctl PR_SET_NAME); returns its pid. */
export function pythonNamed(comm: string, code: string): number {
  const prog = `import ctypes, os, sys, time\nctypes.CDLL(None).prctl(15, b"${comm}", 0, 0, 0)\n${code}\n`;
  const r = spawnSync("python3", ["-c", prog], { stdio: "ignore" });
  return r.pid ?? -1;
}

/** A long-running python loop named `comm`; kill() it in a finally. */
export function pythonLoop(comm: string, body: string): ChildProcess {
  const prog = `import ctypes, os, sys, time\nctypes.CDLL(None).prctl(15, b"${comm}", 0, 0, 0)\nwhile True:\n${body
    .split("\n")
    .map((l) => "    " + l)
    .join("\n")}\n`;
  return spawn("python3", ["-c", prog], { stdio: "ignore" });
}

/** fork() (glibc's fork is the clone syscall) from a process named `comm`; returns its pid. */
export function cloneFrom(comm: string): number {
  return pythonNamed(comm, "os.fork() or os._exit(0)\nos.wait()");
}
