/**
 * Gate for tests that need the real kernel.
 *
 * Without root (or when a feature is missing) kernel tests skip with a reason. Under
 * BCC_TS_REQUIRE_KERNEL=1 (what `.ci/run` sets) a skip becomes a failure, so CI proves the real kernel
 * path ran. Tests that need a kernel feature this machine lacks (kprobes, fentry) use `needsFeature`
 * with a label; they are the ones `npm run test:kernels` runs inside the qemu guest.
 */
import { chmodSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { describe, it } from "vitest";

export const requireKernel = process.env.BCC_TS_REQUIRE_KERNEL === "1";

export function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** Why kernel tests cannot run here, or undefined when they can. */
export function kernelUnavailableReason(): string | undefined {
  if (process.platform !== "linux") return "kernel tests need Linux";
  if (!isRoot()) return "kernel tests need root (run as root or with CAP_BPF+CAP_PERFMON)";
  return undefined;
}

/**
 * describe() for a suite that needs the real kernel. Skips with a reason when unavailable, and
 * fails instead of skipping under BCC_TS_REQUIRE_KERNEL=1.
 */
export function describeKernel(name: string, fn: () => void): void {
  const reason = kernelUnavailableReason();
  if (reason === undefined) {
    describe(name, fn);
  } else if (requireKernel) {
    describe(name, () => {
      it("requires the kernel", () => {
        throw new Error(`BCC_TS_REQUIRE_KERNEL=1 but ${reason}`);
      });
    });
  } else {
    describe.skip(`${name} (skipped: ${reason})`, fn);
  }
}

/**
 * describe() for a suite that needs a kernel feature this machine may lack (e.g. "kprobes").
 * `available` is the feature probe's verdict. Such suites skip on the host even under
 * BCC_TS_REQUIRE_KERNEL=1 (the qemu guest suite, BCC_TS_IN_GUEST=1, requires them instead).
 */
export function describeFeature(name: string, feature: string, available: () => boolean, fn: () => void): void {
  const reason = kernelUnavailableReason();
  const inGuest = process.env.BCC_TS_IN_GUEST === "1";
  if (reason !== undefined) {
    if (requireKernel) {
      describe(name, () => it("requires the kernel", () => { throw new Error(`BCC_TS_REQUIRE_KERNEL=1 but ${reason}`); }));
    } else describe.skip(`${name} (skipped: ${reason})`, fn);
    return;
  }
  if (available()) {
    describe(name, fn);
  } else if (inGuest) {
    describe(name, () => it(`requires ${feature}`, () => { throw new Error(`BCC_TS_IN_GUEST=1 but this kernel lacks ${feature}`); }));
  } else {
    describe.skip(`${name} (needs ${feature}: runs in the kprobe-capable guest, npm run test:kernels)`, fn);
  }
}

/** Command prefix that runs a child as user nobody with no capabilities: the "not root" scenarios. */
export const AS_NOBODY: readonly string[] = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all"];

/**
 * Lets other users traverse (o+x, not list) `path` (a directory, else its directory) and every
 * directory above it that they cannot, so a child run as nobody reaches the checkout even when it
 * lies under a private directory, as CI's `mktemp -d` clone does. Returns the function that puts
 * the modes back.
 */
export function letOthersTraverse(path: string): () => void {
  const changed: { dir: string; mode: number }[] = [];
  for (let dir = statSync(path).isDirectory() ? path : dirname(path); ; dir = dirname(dir)) {
    const mode = statSync(dir).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      chmodSync(dir, mode | 0o001);
      changed.push({ dir, mode });
    }
    if (dir === dirname(dir)) break;
  }
  return () => {
    for (const { dir, mode } of changed.reverse()) chmodSync(dir, mode);
  };
}
