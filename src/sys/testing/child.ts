/**
 * Test helper: run a script in a separate Node process with this layer available as `sys`.
 * Used where a test must change process-wide state (drop privileges, close stdin) that must not
 * leak into the test runner. src/sys is bundled with esbuild (koffi stays external, resolved from
 * this repository's node_modules).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");

/**
 * Run `body` (an async ES module body) in a child node; `sys` is the src/sys namespace. Whatever the
 * body writes to stdout is returned.
 */
export async function runWithSys(body: string): Promise<{ stdout: string; stderr: string; code: number }> {
  const dir = mkdtempSync(join(tmpdir(), "bcc-ts-sys-"));
  try {
    const koffiPath = join(repo, "node_modules/koffi/index.js");
    await build({
      entryPoints: [join(repo, "src/sys/index.ts")],
      outfile: join(dir, "sys.mjs"),
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      logLevel: "error",
      plugins: [
        {
          name: "koffi-external",
          setup(b) {
            b.onResolve({ filter: /^koffi$/ }, () => ({ path: koffiPath, external: true }));
          },
        },
      ],
    });
    writeFileSync(join(dir, "main.mjs"), `import * as sys from "./sys.mjs";\n${body}\n`);
    return await new Promise((done) => {
      execFile(process.execPath, [join(dir, "main.mjs")], { timeout: 20_000 }, (err, stdout, stderr) => {
        const code = err && typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : err ? 1 : 0;
        done({ stdout, stderr, code });
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
