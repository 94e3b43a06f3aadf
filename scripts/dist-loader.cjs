// dist/load.cjs (copied here by scripts/build.mjs): loads the CommonJS bundle dist/bcc-ts.cjs
// through vm.Script with V8's code cache, dist/bcc-ts.cjs.v8cache, written at build time by a
// training run (scripts/train-code-cache.mjs). With the cache, V8 skips parsing and compiling the
// bundle's functions that the training run used (most of the compiler and the start-up path):
// Node 20 has no built-in compile cache (module.enableCompileCache is Node 22). A missing cache or
// one V8 rejects (other Node version or V8 flags) only costs time. BCC_TS_CODE_CACHE=0 disables it.
"use strict";
const { readFileSync, writeFileSync, renameSync } = require("node:fs");
const { join } = require("node:path");
const vm = require("node:vm");
const Module = require("node:module");

const bundleFile = join(__dirname, "bcc-ts.cjs");
const cacheFile = join(__dirname, "bcc-ts.cjs.v8cache");

let cacheStatus = "disabled";
let cachedData;
if (process.env.BCC_TS_CODE_CACHE !== "0") {
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cacheStatus = "missing";
  }
}
// Read as latin1: esbuild writes the bundle's code in ASCII (non-ASCII only in comments), and a
// latin1 read of 1 MB takes ~0.5 ms where UTF-8 decoding takes ~7 ms.
const script = new vm.Script(Module.wrap(readFileSync(bundleFile, "latin1")), {
  filename: bundleFile,
  ...(cachedData ? { cachedData } : {}),
});
// V8 gives import() inside a vm.Script no module loader (Node 20's USE_MAIN_CONTEXT_DEFAULT_LOADER
// is experimental and lost with a code cache), so the bundle imports users' scripts through this
// module's import() (src/cli/import-url.ts); packages it requires.
Object.defineProperty(globalThis, Symbol.for("bcc-ts.import"), { value: (url) => import(url), configurable: true });
if (cachedData) cacheStatus = script.cachedDataRejected ? "rejected" : "used";
const bundleModule = { exports: {}, filename: bundleFile, id: bundleFile, loaded: false };
script.runInThisContext().call(bundleModule.exports, bundleModule.exports, Module.createRequire(bundleFile), bundleModule, bundleFile, __dirname);
bundleModule.loaded = true;

module.exports = {
  bundle: bundleModule.exports,
  /** "used" | "rejected" | "missing" | "disabled". */
  codeCacheStatus: () => cacheStatus,
  /** Writes the code cache of everything compiled so far (the training run calls this). */
  writeCodeCache() {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
  },
};
