/**
 * Host-side preparation for the kprobe-capable test VM: the Debian packages the harness needs
 * (qemu, a static busybox), Debian's stock kernel extracted into a cache, and the initramfs.
 *
 * Why Debian's kernel: this machine kind's own kernel has CONFIG_KPROBES off and refuses fentry;
 * Debian's (6.1 on bookworm) has kprobes, kprobe_events, BPF_EVENTS, kernel BTF and BPF trampolines.
 * Its package is only downloaded and unpacked (never installed), so the host is left alone apart
 * from the two tool packages.
 *
 * Cache: $BCC_TS_VM_CACHE, else $XDG_CACHE_HOME/bcc-ts-vm, else ~/.cache/bcc-ts-vm. One directory per
 * kernel package, filled in a temp dir and renamed into place, so a run killed half way never
 * leaves a half-extracted kernel behind and concurrent runs at worst both do the work.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, chmodSync, openSync, readSync, closeSync } from "node:fs";
import { homedir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(new URL(".", import.meta.url));

/**
 * Guest drivers we load from the initramfs: PCI transport, 9p over virtio, the console, overlayfs,
 * and virtio_blk for the scratch disk the block-I/O examples trace.
 */
const ROOT_MODULES = ["virtio_pci", "virtio_console", "virtio_rng", "virtio_blk", "9pnet_virtio", "9p", "overlay"];

export function cacheRoot() {
  if (process.env.BCC_TS_VM_CACHE) return process.env.BCC_TS_VM_CACHE;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "bcc-ts-vm");
}

function log(msg) {
  process.stderr.write(`bcc-ts-vm: ${msg}\n`);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...opts });
  return { ok: r.status === 0, stdout: r.stdout ?? "", stderr: r.stderr ?? "", status: r.status, error: r.error };
}

function onPath(cmd) {
  return run("sh", ["-c", `command -v ${cmd}`]).ok;
}

/** A dynamically linked busybox cannot run in our initramfs (no libc there). */
function isStaticElf(path) {
  if (!existsSync(path)) return false;
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(8192);
    const n = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, 4).toString("latin1") === "\x7fELF" && !head.subarray(0, n).includes("/lib64/ld-linux");
  } finally {
    closeSync(fd);
  }
}

function lastLine(text) {
  return text.trim().split("\n").pop() ?? "";
}

/** apt-get with "update the lists once, only when something failed" (one per preparation). */
export class Apt {
  #updated = false;

  update() {
    if (this.#updated) return;
    log("apt-get update ...");
    const r = run("apt-get", ["update"], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (!r.ok) throw new Error(`apt-get update failed: ${lastLine(r.stderr)}`);
    this.#updated = true;
  }

  /** Runs `attempt`; on failure updates the package lists (stale or missing ones are the usual cause) and retries once. */
  withUpdate(attempt) {
    const r = attempt();
    if (r.ok || this.#updated) return r;
    this.update();
    return attempt();
  }

  install(pkgs) {
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    log(`apt-get install ${pkgs.join(" ")} ...`);
    const r = this.withUpdate(() => run("apt-get", ["install", "-y", "--no-install-recommends", ...pkgs], { env }));
    if (!r.ok) throw new Error(`apt-get install ${pkgs.join(" ")} failed: ${lastLine(r.stderr)}`);
  }
}

/** qemu-system-x86_64 on PATH and a static /bin/busybox; installs what is missing. */
export function ensureHostTools(apt = new Apt()) {
  if (process.getuid?.() !== 0) throw new Error("the VM harness needs root (apt-get, and a 9p export of / as the guest's root)");
  const want = [];
  if (!onPath("qemu-system-x86_64")) want.push("qemu-system-x86");
  if (!isStaticElf("/bin/busybox")) want.push("busybox-static");
  if (want.length > 0) apt.install(want);
  if (!onPath("qemu-system-x86_64")) throw new Error("qemu-system-x86_64 is still missing after installing qemu-system-x86");
  if (!isStaticElf("/bin/busybox")) throw new Error("/bin/busybox is not a static binary after installing busybox-static");
  return { qemu: "qemu-system-x86_64", busybox: "/bin/busybox" };
}

const RESOLVED_TTL_MS = 24 * 3600_000;

/**
 * linux-image-<abi>-amd64 that linux-image-amd64 currently points at (or BCC_TS_VM_KERNEL_PKG).
 * The answer is remembered in the cache for a day: apt-cache takes seconds on a busy machine, and
 * booting yesterday's (already extracted) kernel is just as good a test.
 */
function resolveKernelPackage(apt, root) {
  if (process.env.BCC_TS_VM_KERNEL_PKG) return process.env.BCC_TS_VM_KERNEL_PKG;
  const memo = join(root, "linux-image-amd64.resolved");
  try {
    const pkg = readFileSync(memo, "utf8").trim();
    if (Date.now() - statSync(memo).mtimeMs < RESOLVED_TTL_MS && existsSync(join(root, pkg, "ready"))) return pkg;
  } catch {
    // no memo yet
  }
  const pkg = resolveWithApt(apt);
  mkdirSync(root, { recursive: true });
  writeFileSync(memo, `${pkg}\n`);
  return pkg;
}

function resolveWithApt(apt) {
  const r = apt.withUpdate(() => {
    const pkg = /Depends: (linux-image-[0-9][^\s]*)/.exec(run("apt-cache", ["depends", "linux-image-amd64"]).stdout)?.[1];
    return { ok: pkg !== undefined, pkg };
  });
  const pkg = r.pkg;
  if (!pkg) throw new Error("cannot resolve linux-image-amd64 to a kernel package (apt-cache depends found nothing)");
  return pkg;
}

/** name= and depends= from a kernel module's .modinfo strings (NUL-separated key=value pairs). */
function modinfo(bytes) {
  const text = bytes.toString("latin1");
  const field = (k) => new RegExp(`\\0${k}=([^\\0]*)\\0`).exec(text)?.[1];
  const depends = field("depends");
  return { name: field("name"), depends: depends ? depends.split(",").filter(Boolean) : [] };
}

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith(".ko")) out.push(p);
  }
  return out;
}

/**
 * Copies ROOT_MODULES and their dependencies out of the unpacked package, and writes modules.list
 * in load order (dependencies first). The .deb ships no modules.dep (depmod runs at install
 * time), so the order comes from each module's own depends= field.
 */
function collectModules(modRoot, destDir) {
  const byName = new Map();
  for (const path of walk(modRoot)) byName.set(basename(path, ".ko").replace(/-/g, "_"), path);
  const order = [];
  const seen = new Set();
  const visit = (name, chain) => {
    if (seen.has(name)) return;
    if (chain.includes(name)) throw new Error(`module dependency cycle: ${[...chain, name].join(" -> ")}`);
    const path = byName.get(name);
    if (!path) throw new Error(`kernel module ${name} not found in the package (built in? renamed?)`);
    for (const dep of modinfo(readFileSync(path)).depends) visit(dep.replace(/-/g, "_"), [...chain, name]);
    seen.add(name);
    order.push(name);
  };
  for (const m of ROOT_MODULES) visit(m, []);
  mkdirSync(destDir, { recursive: true });
  for (const name of order) writeFileSync(join(destDir, `${name}.ko`), readFileSync(byName.get(name)));
  writeFileSync(join(destDir, "modules.list"), `${order.join("\n")}\n`);
}

/** Whether a cached modules dir lists every ROOT_MODULES entry. */
function hasModules(modulesDir) {
  try {
    const listed = new Set(readFileSync(join(modulesDir, "modules.list"), "utf8").split("\n"));
    return ROOT_MODULES.every((m) => listed.has(m));
  } catch {
    return false;
  }
}

/**
 * An ELF vmlinux from the bzImage's xz payload: qemu boots it through the PVH entry point, which
 * skips the real-mode setup and the in-guest decompression (about half the TCG boot time).
 * Best effort: without xz or on any surprise, the bzImage is used as is.
 */
function extractElf(vmlinuz, dest) {
  const img = readFileSync(vmlinuz);
  const at = img.indexOf(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]));
  if (at < 0 || !onPath("xz")) return false;
  const r = spawnSync("xz", ["-dc", "--single-stream"], { input: img.subarray(at), maxBuffer: 1 << 30 });
  const elf = r.stdout;
  if (!elf || elf.length < 4 || elf.subarray(0, 4).toString("latin1") !== "\x7fELF") return false;
  writeFileSync(dest, elf);
  return true;
}

/**
 * The kernel for the guest: { dir, release, image, modulesDir }. Downloads and unpacks the Debian
 * package on first use.
 */
export function ensureKernel(apt = new Apt()) {
  const root = cacheRoot();
  const pkg = resolveKernelPackage(apt, root);
  const dir = join(root, pkg);
  const ready = () => existsSync(join(dir, "ready"));
  // A cache filled by an older harness may lack modules added to ROOT_MODULES since: refill it.
  const complete = () => ready() && hasModules(join(dir, "modules"));
  if (!complete()) {
    mkdirSync(root, { recursive: true });
    const tmp = mkdtempSync(join(root, `.${pkg}.`));
    try {
      log(`downloading ${pkg} (extracted into ${dir}, not installed) ...`);
      // apt-get download drops privileges to _apt: the target directory must be writable by it.
      const dl = join(tmp, "dl");
      mkdirSync(dl);
      chmodSync(dl, 0o777);
      // A failure here usually means a security update replaced the version our lists name.
      const r = apt.withUpdate(() => run("apt-get", ["download", pkg], { cwd: dl }));
      if (!r.ok) throw new Error(`apt-get download ${pkg} failed: ${lastLine(r.stderr)}`);
      const deb = readdirSync(dl).find((f) => f.endsWith(".deb"));
      if (!deb) throw new Error(`apt-get download ${pkg} produced no .deb`);
      const x = join(tmp, "x");
      execFileSync("dpkg-deb", ["-x", join(dl, deb), x]);
      const release = readdirSync(join(x, "lib/modules"))[0];
      if (!release) throw new Error(`${deb} has no lib/modules/<release>`);
      const out = join(tmp, "kernel");
      mkdirSync(out);
      writeFileSync(join(out, "vmlinuz"), readFileSync(join(x, "boot", `vmlinuz-${release}`)));
      writeFileSync(join(out, "config"), readFileSync(join(x, "boot", `config-${release}`)));
      writeFileSync(join(out, "release"), `${release}\n`);
      extractElf(join(out, "vmlinuz"), join(out, "vmlinux"));
      collectModules(join(x, "lib/modules", release), join(out, "modules"));
      writeFileSync(join(out, "ready"), `${new Date().toISOString()}\n`);
      if (existsSync(dir) && !complete()) rmSync(dir, { recursive: true, force: true });
      try {
        renameSync(out, dir);
      } catch (err) {
        if (!complete()) throw err; // someone else finished first: theirs is as good as ours
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  const vmlinux = join(dir, "vmlinux");
  return {
    dir,
    pkg,
    release: readFileSync(join(dir, "release"), "utf8").trim(),
    image: existsSync(vmlinux) ? vmlinux : join(dir, "vmlinuz"),
    modulesDir: join(dir, "modules"),
  };
}

// ---- initramfs (newc cpio, written here: the host has no cpio tool by default) ----

function cpioEntry(parts, ino, name, mode, data = Buffer.alloc(0), rdev = [0, 0]) {
  const nameBytes = Buffer.from(`${name}\0`, "utf8");
  const hex = (n) => (n >>> 0).toString(16).padStart(8, "0");
  const header =
    "070701" +
    [ino, mode, 0, 0, 1, 0, data.length, 0, 0, rdev[0], rdev[1], nameBytes.length, 0].map(hex).join("");
  const pad = (len) => Buffer.alloc((4 - (len % 4)) % 4);
  parts.push(Buffer.from(header, "latin1"), nameBytes, pad(110 + nameBytes.length), data, pad(data.length));
}

/**
 * Writes an uncompressed initramfs to `dest`: busybox, the guest init (guest-init.sh), the modules
 * and their load order. Rebuilt per run (a few MB, milliseconds), so it can never go stale.
 */
export function writeInitramfs(dest, kernel, busybox) {
  const parts = [];
  let ino = 1;
  const dir = (name) => cpioEntry(parts, ino++, name, 0o040755);
  const file = (name, data, perm = 0o644) => cpioEntry(parts, ino++, name, 0o100000 | perm, data);
  for (const d of ["bin", "dev", "proc", "sys", "lib", "lib/modules", "mnt", "mnt/host", "mnt/rw", "newroot"]) dir(d);
  // The kernel opens /dev/console for init's stdio before devtmpfs is mounted.
  cpioEntry(parts, ino++, "dev/console", 0o020600, Buffer.alloc(0), [5, 1]);
  file("bin/busybox", readFileSync(busybox), 0o755);
  file("init", readFileSync(join(HERE, "guest-init.sh")), 0o755);
  for (const f of readdirSync(kernel.modulesDir)) file(`lib/modules/${f}`, readFileSync(join(kernel.modulesDir, f)));
  cpioEntry(parts, ino++, "TRAILER!!!", 0);
  writeFileSync(dest, Buffer.concat(parts));
  return statSync(dest).size;
}
