import { defineConfig } from "vitest/config";

// Two projects: unit tests (no kernel, parallel) and kernel tests (*.kernel.test.ts, real kernel,
// strictly serial: they share trace_pipe and tracepoints). `npm test` runs them one after the other.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["{src,frontend-c,compat,test,examples}/**/*.test.ts"],
          exclude: ["**/*.kernel.test.ts", "**/node_modules/**", "test/vm/**"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "kernel",
          include: ["{src,frontend-c,compat,test,examples}/**/*.kernel.test.ts"],
          // *.vm.kernel.test.ts need kprobes/fentry: they run in the qemu guest (npm run test:kernels).
          exclude: ["**/node_modules/**", "**/*.vm.kernel.test.ts"],
          fileParallelism: false,
          pool: "forks",
          maxWorkers: 1,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
