/**
 * Starts an example the way a user does (`node bin/bcc-ts.js run [--node] examples/X.js ARGS`),
 * fires the test's own trigger until the expected output shows up, then sends SIGINT (the tools
 * print their summary on Ctrl-C) and collects everything. The trigger repeats because the example
 * needs a moment to compile and attach, and polling for the result is faster and less flaky than
 * guessing that moment.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

export const repo = fileURLToPath(new URL("../..", import.meta.url));

export interface ExampleRun {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Whether `until` matched before the deadline. */
  matched: boolean;
}

export interface RunOptions {
  args?: string[];
  node?: boolean;
  /** Extra `bcc-ts run` options (before the script), e.g. ["--allow-run"]. */
  runOptions?: string[];
  /** Output that means the example is attached; triggering starts only after it appears. */
  ready?: RegExp;
  /** Called repeatedly (every `every` ms) once ready. */
  trigger?: () => void | Promise<void>;
  every?: number;
  /** Stop triggering and send SIGINT once this holds for stdout (default: after the first trigger). */
  until?: (stdout: string) => boolean;
  /** Give up waiting for `until` after this many ms (then SIGINT anyway). */
  timeoutMs?: number;
  /** Do not send SIGINT: wait for the example to exit by itself. */
  selfExit?: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runExample(script: string, opts: RunOptions = {}): Promise<ExampleRun> {
  const argv = [join(repo, "bin/bcc-ts.js"), "run", ...(opts.node ? ["--node"] : []), ...(opts.runOptions ?? []), join("examples", script), ...(opts.args ?? [])];
  const child = spawn(process.execPath, argv, { cwd: repo, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((res) => child.on("exit", (c, s) => res([c, s])));
  let done = false;
  void exited.then(() => (done = true));

  // Compiling and attaching takes a few seconds; the trigger window starts once the example is ready.
  // (the qemu guest runs everything ~20x slower)
  const slow = process.env.BCC_TS_IN_GUEST === "1" ? 5 : 1;
  const readyBy = Date.now() + 30_000 * slow;
  while (!done && opts.ready && !opts.ready.test(stdout) && Date.now() < readyBy) await sleep(50);
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000) * slow;
  let matched = false;
  while (!done && Date.now() < deadline) {
    if (opts.trigger) await opts.trigger();
    await sleep(opts.every ?? 250);
    if (opts.until ? opts.until(stdout) : true) {
      matched = true;
      break;
    }
  }
  if (!done && !opts.selfExit) child.kill("SIGINT");
  const killer = setTimeout(() => child.kill("SIGKILL"), 15_000 * slow);
  const [code, signal] = await exited;
  clearTimeout(killer);
  return { stdout, stderr, code, signal, matched };
}

/** Lines of `text` that contain `needle`. */
export function linesWith(text: string, needle: string | RegExp): string[] {
  return text.split("\n").filter((l) => (typeof needle === "string" ? l.includes(needle) : needle.test(l)));
}
