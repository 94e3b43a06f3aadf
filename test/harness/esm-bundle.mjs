/**
 * Bundles a TypeScript entry of the current sources into one ES module that plain `node` runs (no
 * TS loader in Node 20): the fuzz harness, the reliability scripts and the soak use it. Native and
 * heavy packages stay external; write the output under node_modules/.cache so their bare imports
 * (and the sources' createRequire calls) resolve to the repo's packages.
 */
export async function bundleSourcesEsm(entry, outfile) {
  const { build } = await import("esbuild");
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: ["koffi", "tree-sitter", "tree-sitter-c", "quickjs-emscripten", "yargs", "yargs/*"],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: "error",
  });
}
