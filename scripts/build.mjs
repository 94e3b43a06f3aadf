// Bundles the runtime, compiler and CLI into dist/ with esbuild so `npx bcc-ts` starts fast
// (one file to load, no TS loader at run time). Native packages stay external.
import { build } from "esbuild";
import { mkdirSync, existsSync, rmSync } from "node:fs";

const entries = {
  index: "src/index.ts",
  cli: "src/cli/main.ts",
  compiler: "frontend-c/index.ts",
  isa: "src/isa/index.ts",
};
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, p]) => existsSync(p)));
// Start clean: stale chunks from earlier builds would otherwise pile up.
rmSync("dist", { recursive: true, force: true });
mkdirSync("dist", { recursive: true });
await build({
  entryPoints,
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  // Not minified: the sandbox ships functions to QuickJS as source text (guest-prelude.ts), which
  // minifier-injected helpers would break; and the start-up gain measured was small (~10 ms).
  external: ["koffi", "tree-sitter", "tree-sitter-c", "quickjs-emscripten", "quickjs-emscripten-core", "@jitl/*", "esbuild", "yargs", "yargs/*"],
  logLevel: "warning",
  banner: { js: "import { createRequire as __bccCreateRequire } from 'node:module'; const require = __bccCreateRequire(import.meta.url);" },
});
