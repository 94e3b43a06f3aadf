#!/usr/bin/env node
/**
 * Runs one command as root inside a qemu guest booted with Debian's kprobe-capable kernel, and
 * returns its exit code.
 *
 *   node test/vm/run-in-vm.mjs [--boot-timeout S] [--timeout S] [--rw DIR]... [--keep] -- CMD ARGS...
 *
 * The guest sees the host's / read-only with a throw-away tmpfs overlay (so the project, node and
 * node_modules are where the host has them); `--rw DIR` shares DIR read-write at the same path.
 * The command runs in the caller's cwd with a small, explicit environment, stdin /dev/null, and
 * stdout+stderr merged into our stdout. No network (loopback only). The guest also gets a blank
 * 32 MB scratch disk, /dev/vda, exported to the command as BCC_TS_VM_DISK.
 *
 * Robustness: the guest must start the command within the boot timeout, else qemu is killed and
 * the boot retried once (a TCG boot hang is rare but was seen); the whole run is bounded by the
 * total timeout; qemu also runs under coreutils `timeout` so it cannot outlive a killed harness by
 * much. SIGINT/SIGTERM kill qemu and remove the run directory.
 *
 * Exit code (CLI): the command's own; 124 when the total timeout struck; 125 when the guest could
 * not run it (boot failed twice, guest died, setup failed), after one `FAILED:` line on stderr.
 *
 * Accel is TCG on purpose: /dev/kvm on this machine kind is a nested PVM that cannot run a stock
 * kernel (it boots for minutes, then fails with a KVM emulation error).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Apt, ensureHostTools, ensureKernel, writeInitramfs } from "./vm-assets.mjs";

/** Variables the guest command inherits from the caller (everything else is explicit). */
const PASSED_ENV = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "TERM", "CI", "NO_COLOR", "FORCE_COLOR", "NODE_OPTIONS"];
const POWEROFF_GRACE_MS = 20_000;
const KILL_GRACE_MS = 3_000;
const POLL_MS = 200;
/**
 * A scratch virtio-blk disk for the block-I/O examples (disksnoop, bitehist, biolatency): a sparse
 * raw file in the run dir, so it costs no real space and is thrown away with the run. With
 * -nodefaults it is the guest's only block device, hence /dev/vda.
 */
const DISK_BYTES = 32 * 1024 * 1024;
const GUEST_DISK = "/dev/vda";

function shQuote(s) {
  return `'${String(s).replace(/'/g, `'\\''`)}'`;
}

/** qemu's -fsdev/-append syntax cannot carry these characters in a path. */
function checkSharePath(p) {
  if (/[,\s]/.test(p)) throw new Error(`cannot share ${p} with the guest: commas and whitespace are not supported`);
  return p;
}

function tail(path, lines) {
  try {
    return readFileSync(path, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

function readRc(path) {
  try {
    const m = /^(\d+)\n/.exec(readFileSync(path, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @typedef {object} VmRunOptions
 * @property {string[]} command          argv to run in the guest
 * @property {string} [cwd]              guest working directory (default: process.cwd())
 * @property {Record<string,string>} [env]  extra environment for the command
 * @property {string[]} [rw]             host dirs to share read-write at the same path
 * @property {number} [bootTimeoutMs]    until the guest starts the command (default 90 s)
 * @property {number} [totalTimeoutMs]   whole run, all attempts (default 15 min)
 * @property {string} [memory]           guest RAM (default 3G)
 * @property {number} [cpus]             guest vCPUs (default: host's)
 * @property {string} [qemuCpu]          qemu -cpu model (default $BCC_TS_VM_QEMU_CPU or "max")
 * @property {boolean} [keep]            keep the run dir (console.log) for inspection
 * @property {(chunk: Buffer) => void} [onOutput]  command output (default: our stdout)
 *
 * @typedef {object} VmRunResult
 * @property {number|undefined} code     the command's exit code; undefined when the run failed
 * @property {string|undefined} failure  one line, set when there is no exit code
 * @property {boolean} timedOut          the total timeout killed the run
 * @property {number|undefined} bootMs   qemu start to command start (undefined if it never started)
 * @property {number} totalMs
 * @property {number} attempts
 * @property {string} kernel             kernel release booted
 */

/** @param {VmRunOptions} opts @returns {Promise<VmRunResult>} */
export async function runInVm(opts) {
  const t0 = Date.now();
  const apt = new Apt();
  const tools = ensureHostTools(apt);
  const kernel = ensureKernel(apt);
  const bootTimeoutMs = opts.bootTimeoutMs ?? 90_000;
  const totalTimeoutMs = opts.totalTimeoutMs ?? 15 * 60_000;
  const onOutput = opts.onOutput ?? ((c) => process.stdout.write(c));
  const cwd = opts.cwd ?? process.cwd();
  const rw = (opts.rw ?? []).map((d) => checkSharePath(realpathSync(d)));

  const runDir = checkSharePath(realpathSync(mkdtempSync(join(tmpdir(), "bcc-ts-vm-"))));
  /** @type {import("node:child_process").ChildProcess | undefined} */
  let qemu;
  let qemuStderr = "";
  // `timeout` and qemu run in their own process group (detached: a new session); killing the group
  // takes both (SIGKILL to `timeout` alone would orphan qemu).
  const killQemu = () => {
    if (!qemu || qemu.exitCode !== null || qemu.signalCode !== null) return;
    try {
      process.kill(-qemu.pid, "SIGKILL");
    } catch {
      qemu.kill("SIGKILL");
    }
  };
  const cleanup = () => {
    killQemu();
    if (!opts.keep) rmSync(runDir, { recursive: true, force: true });
  };
  const onSignal = (sig) => {
    process.stderr.write(`\nbcc-ts-vm: ${sig}: stopping the guest\n`);
    cleanup();
    process.exit(sig === "SIGINT" ? 130 : 143);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("exit", cleanup);

  const result = { code: undefined, failure: undefined, timedOut: false, bootMs: undefined, totalMs: 0, attempts: 0, kernel: kernel.release };
  try {
    const consoleLog = join(runDir, "console.log");
    const initrd = join(runDir, "initramfs.cpio");
    writeInitramfs(initrd, kernel, tools.busybox);
    const disk = join(runDir, "disk.raw");
    writeFileSync(disk, "");
    truncateSync(disk, DISK_BYTES);

    const env = {};
    for (const k of PASSED_ENV) if (process.env[k] !== undefined) env[k] = process.env[k];
    env.BCC_TS_VM_DISK = GUEST_DISK;
    Object.assign(env, opts.env ?? {});
    const script = [
      ...Object.entries(env).map(([k, v]) => `export ${k}=${shQuote(v)}`),
      `cd ${shQuote(cwd)} || exit 125`,
      `exec ${opts.command.map(shQuote).join(" ")}`,
      "",
    ].join("\n");
    writeFileSync(join(runDir, "cmd.sh"), script);

    const cpus = opts.cpus ?? availableParallelism();
    const append = ["console=ttyS0", "quiet", "panic=-1", "mitigations=off", `bcctsvm.run=${runDir}`];
    if (rw.length > 0) append.push(`bcctsvm.rw=${rw.join(",")}`);
    const qemuArgs = [
      "-accel", "tcg,thread=multi", "-cpu", opts.qemuCpu ?? process.env.BCC_TS_VM_QEMU_CPU ?? "max", "-M", "q35",
      "-m", opts.memory ?? "3G", "-smp", String(cpus),
      "-nodefaults", "-no-reboot", "-display", "none", "-monitor", "none",
      "-kernel", kernel.image, "-initrd", initrd, "-append", append.join(" "),
      "-serial", `file:${consoleLog}`,
      "-device", "virtio-serial-pci", "-chardev", "stdio,id=out,signal=off", "-device", "virtconsole,chardev=out",
      "-fsdev", "local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap",
      "-device", "virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot",
      "-fsdev", `local,id=rundir,path=${runDir},security_model=none`,
      "-device", "virtio-9p-pci,fsdev=rundir,mount_tag=rundir",
      ...rw.flatMap((d, i) => ["-fsdev", `local,id=rw${i},path=${d},security_model=none,multidevs=remap`, "-device", `virtio-9p-pci,fsdev=rw${i},mount_tag=rw${i}`]),
      "-device", "virtio-rng-pci",
      // cache=none: guest writes reach the (sparse) file with O_DIRECT, not the host page cache.
      "-drive", `file=${disk},format=raw,if=virtio,cache=none`,
    ];

    for (;;) {
      result.attempts++;
      for (const f of ["started", "rc", "console.log"]) rmSync(join(runDir, f), { force: true });
      const remainingS = Math.ceil((totalTimeoutMs - (Date.now() - t0)) / 1000);
      const started = Date.now();
      // `timeout` is the backstop if this process dies without cleaning up (e.g. SIGKILL).
      qemuStderr = "";
      qemu = spawn("timeout", ["--kill-after=5", String(remainingS + 30), tools.qemu, ...qemuArgs], { stdio: ["ignore", "pipe", "pipe"], detached: true });
      const exited = new Promise((resolve) => qemu.once("close", resolve));
      qemu.stdout.on("data", onOutput);
      qemu.stderr.on("data", (c) => {
        qemuStderr = (qemuStderr + c.toString()).slice(-4000);
      });
      let done = false;
      exited.then(() => (done = true));

      let why;
      let rcSeenAt;
      let bootMs;
      while (!done) {
        await sleep(POLL_MS);
        const now = Date.now();
        if (bootMs === undefined && existsSync(join(runDir, "started"))) bootMs = now - started;
        if (rcSeenAt === undefined && readRc(join(runDir, "rc")) !== undefined) rcSeenAt = now;
        if (done) break;
        if (now - t0 >= totalTimeoutMs) {
          why = `total timeout of ${Math.round(totalTimeoutMs / 1000)} s exceeded`;
          result.timedOut = true;
        }
        else if (bootMs === undefined && now - started >= bootTimeoutMs) why = `guest did not start the command within ${Math.round(bootTimeoutMs / 1000)} s`;
        else if (rcSeenAt !== undefined && now - rcSeenAt >= POWEROFF_GRACE_MS) why = "guest did not power off after the command";
        if (why) {
          qemu.kill("SIGTERM"); // `timeout` relays it to qemu, which exits cleanly
          const t = setTimeout(killQemu, KILL_GRACE_MS);
          await exited;
          clearTimeout(t);
          break;
        }
      }
      await exited;
      result.bootMs = bootMs;
      const code = readRc(join(runDir, "rc"));
      if (code !== undefined) {
        result.code = code;
        break;
      }
      const status = `qemu exited ${qemu.exitCode ?? qemu.signalCode}`;
      const failure = why ?? (bootMs === undefined ? `guest died during boot (${status})` : `guest died while running the command (${status})`);
      // Only a failed boot is retried: the command itself may not be safe to run twice.
      const retry = bootMs === undefined && result.attempts < 2 && Date.now() - t0 < totalTimeoutMs - bootTimeoutMs;
      const logTail = tail(consoleLog, 12);
      if (retry) {
        process.stderr.write(`bcc-ts-vm: ${failure}; retrying once. Guest console tail:\n${logTail}\n`);
        continue;
      }
      if (logTail) process.stderr.write(`bcc-ts-vm: guest console tail:\n${logTail}\n`);
      if (qemuStderr.trim()) process.stderr.write(`bcc-ts-vm: qemu stderr:\n${qemuStderr.trim()}\n`);
      result.failure = `${failure} (${result.attempts === 1 ? "1 boot" : `${result.attempts} boots`}, kernel ${kernel.release})`;
      break;
    }
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("exit", cleanup);
    if (opts.keep) process.stderr.write(`bcc-ts-vm: kept ${runDir}\n`);
    cleanup();
  }
  result.totalMs = Date.now() - t0;
  return result;
}

function parseCli(argv) {
  const opts = { command: [], rw: [] };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      i++;
      break;
    }
    if (a === "--boot-timeout") opts.bootTimeoutMs = Number(argv[++i]) * 1000;
    else if (a === "--timeout") opts.totalTimeoutMs = Number(argv[++i]) * 1000;
    else if (a === "--rw") opts.rw.push(argv[++i]);
    else if (a === "--keep") opts.keep = true;
    else break;
  }
  opts.command = argv.slice(i);
  return opts;
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseCli(process.argv.slice(2));
  if (opts.command.length === 0) {
    process.stderr.write("usage: run-in-vm.mjs [--boot-timeout S] [--timeout S] [--rw DIR]... [--keep] -- CMD ARGS...\n");
    process.exit(2);
  }
  try {
    const r = await runInVm(opts);
    const boot = r.bootMs === undefined ? "n/a" : `${(r.bootMs / 1000).toFixed(1)} s`;
    process.stderr.write(`bcc-ts-vm: kernel ${r.kernel}, boot ${boot}, total ${(r.totalMs / 1000).toFixed(1)} s, exit ${r.code ?? "none"}\n`);
    if (r.failure) process.stderr.write(`bcc-ts-vm: FAILED: ${r.failure}\n`);
    process.exit(r.code ?? (r.timedOut ? 124 : 125));
  } catch (err) {
    process.stderr.write(`bcc-ts-vm: FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(125);
  }
}
