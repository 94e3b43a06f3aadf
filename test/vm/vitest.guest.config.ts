/**
 * The guest suite: every `*.vm.kernel.test.ts`, run by `node test/vm/run.mjs` inside the qemu guest
 * (Debian's kprobe-capable kernel) as root with BCC_TS_IN_GUEST=1 and BCC_TS_REQUIRE_KERNEL=1.
 *
 * Serial like the host's kernel project (tests share tracepoints, kprobe_events and trace_pipe), and
 * with generous timeouts: under qemu TCG everything runs about 20x slower than on the host.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["{src,frontend-c,compat,test,examples}/**/*.vm.kernel.test.ts"],
    exclude: ["**/node_modules/**"],
    fileParallelism: false,
    pool: "forks",
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    reporters: ["verbose"],
  },
});
