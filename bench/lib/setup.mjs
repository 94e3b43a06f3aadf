// Prepares everything the sections need, once per `npm run bench`: Debian packages for the anchors
// (installed when missing), the bcc-ts build, a bundle of library internals, the C anchors compiled
// into a scratch directory, and vmlinux.h for the "libbpf with vmlinux.h" comparison.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync, readFileSync, cpSync, mkdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const REPO = dirname(BENCH_DIR);
export const ANCHORS = join(BENCH_DIR, "anchors");
/** Where clang finds <asm/types.h> on Debian (the BPF target has no multiarch default). */
export const CLANG_BPF = ["-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu"];

const PACKAGES = { bpftrace: "bpftrace", clang: "clang", "llvm-objdump": "llvm", bpftool: "bpftool", gcc: "gcc", "/usr/include/bpf/libbpf.h": "libbpf-dev", "/usr/bin/time": "time" };

function have(tool) {
  if (tool.startsWith("/")) return existsSync(tool);
  return spawnSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" }).status === 0;
}

export function ensurePackages(log) {
  const missing = [...new Set(Object.entries(PACKAGES).filter(([t]) => !have(t)).map(([, p]) => p))];
  if (missing.length === 0) return [];
  log(`installing anchors from Debian: ${missing.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  // A fresh container has empty package lists: update only when apt-cache cannot see the packages.
  const known = spawnSync("apt-cache", ["show", ...missing], { stdio: "ignore" }).status === 0;
  if (!known) spawnSync("apt-get", ["update", "-q"], { stdio: "ignore", env });
  const r = spawnSync("apt-get", ["install", "-y", "-q", ...missing], { stdio: ["ignore", "ignore", "pipe"], env });
  if (r.status !== 0) log(`apt-get install failed: ${String(r.stderr).trim().split("\n").pop()}`);
  return Object.entries(PACKAGES).filter(([t]) => !have(t)).map(([t]) => t);
}

/**
 * Copies the sources into `work/tree` and builds dist/ there. Other people edit and rebuild the
 * working tree while the suite runs (it takes minutes); a private snapshot keeps every section on
 * the same code. node_modules is a symlink, so bare imports resolve as in the repo, and the
 * snapshot's package.json lets its scripts `import "bcc-ts"` (a package's self-reference).
 */
export function snapshotTree(work, log) {
  const tree = join(work, "tree");
  mkdirSync(join(tree, "bench"), { recursive: true });
  mkdirSync(join(tree, "test/compiler"), { recursive: true });
  for (const p of ["package.json", "tsconfig.json", "bin", "src", "frontend-c", "compat", "scripts", "test/compiler/diff", "bench/scripts", "bench/lib"]) {
    if (existsSync(join(REPO, p))) cpSync(join(REPO, p), join(tree, p), { recursive: true });
  }
  symlinkSync(join(REPO, "node_modules"), join(tree, "node_modules"));
  const r = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: tree, encoding: "utf8" });
  if (r.status !== 0) {
    // A half-edited tree may not build; fall back to the repo's last good dist/.
    log(`build of the snapshot failed (${r.stderr.trim().split("\n")[0]}); using the repo's dist/`);
    if (!existsSync(join(REPO, "dist/index.js"))) throw new Error("no dist/ to benchmark");
    cpSync(join(REPO, "dist"), join(tree, "dist"), { recursive: true });
    return { tree, built: false };
  }
  return { tree, built: true };
}

/** Bundles bench/lib/internals.ts of the snapshot so plain node can import the TypeScript internals. */
export async function bundleInternals(tree) {
  const { build } = await import("esbuild");
  // Inside the snapshot, so the bundle's bare imports (koffi, tree-sitter) resolve through its node_modules.
  const out = join(tree, "bench/internals.mjs");
  await build({
    entryPoints: [join(tree, "bench/lib/internals.ts")],
    outfile: out,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Same externals as scripts/build.mjs.
    external: ["koffi", "tree-sitter", "tree-sitter-c", "quickjs-emscripten", "yargs", "yargs/*"],
    logLevel: "error",
    banner: { js: "import { createRequire as __bccCreateRequire } from 'node:module'; const require = __bccCreateRequire(import.meta.url);" },
  });
  return out;
}

export function compileAnchors(work, log) {
  const built = {};
  for (const f of ["driver", "hello-loader", "tput-consumer", "prog-stats"]) {
    const out = join(work, f);
    const r = spawnSync("gcc", ["-O2", "-Wall", "-o", out, join(ANCHORS, `${f}.c`), "-lbpf"], { encoding: "utf8" });
    if (r.status === 0) built[f] = out;
    else log(`gcc ${f}.c failed: ${r.stderr.trim().split("\n")[0]}`);
  }
  for (const f of ["hello", "tput", "cost"]) {
    const out = join(work, `${f}.bpf.o`);
    const r = spawnSync("clang", [...CLANG_BPF, "-c", join(ANCHORS, `${f}.bpf.c`), "-o", out], { encoding: "utf8" });
    if (r.status === 0) built[`${f}.bpf.o`] = out;
    else log(`clang ${f}.bpf.c failed: ${r.stderr.trim().split("\n")[0]}`);
  }
  return built;
}

export function generateVmlinuxH(work, log) {
  const out = join(work, "vmlinux.h");
  const r = spawnSync("bpftool", ["btf", "dump", "file", "/sys/kernel/btf/vmlinux", "format", "c"], { encoding: "utf8", maxBuffer: 256 << 20 });
  if (r.status !== 0) { log(`bpftool btf dump failed: ${r.stderr.trim()}`); return undefined; }
  writeFileSync(out, r.stdout);
  return out;
}

export function makeWorkDir() {
  return mkdtempSync(join(tmpdir(), "bcc-ts-bench-"));
}

export function loadAverage() {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}

export function machineInfo() {
  const kernel = execFileSync("uname", ["-r"], { encoding: "utf8" }).trim();
  const cpus = execFileSync("nproc", { encoding: "utf8" }).trim();
  const ver = (cmd, args) => { try { return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).split("\n")[0].trim(); } catch { return "missing"; } };
  return { kernel, cpus, node: process.version, clang: ver("clang", ["--version"]), bpftrace: ver("bpftrace", ["--version"]) };
}
