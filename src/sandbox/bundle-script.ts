/**
 * @fileoverview Turns a script (.js or .ts, with its local imports and npm packages) into one
 * self-contained program for the QuickJS guest, with esbuild: types are stripped, "bcc-ts" resolves
 * to the guest's BCC API, "yargs" to yargs wired to the guest's process, and Node built-ins to
 * modules that throw PermissionError when loaded (fs and child_process become restricted shims when
 * --allow-read/--allow-write/--allow-run grant them). esbuild reads source files on the host, so
 * every file it is asked to load is checked against the read permissions first: a script cannot
 * `import "/etc/shadow"` its way past the sandbox.
 */
import { builtinModules, createRequire } from "node:module";
import { openScriptCache } from "./script-cache.ts";
import { dirname } from "node:path";
import type { Plugin, BuildResult, OutputFile } from "esbuild";
import { PermissionError, type Permissions, within, canonical } from "./permissions.ts";

export interface BundledScript {
  code: string;
  /** esbuild's source map (JSON) for mapping guest error lines back to the script. */
  map: string;
  /** File name the bundle is evaluated under (appears in guest stack traces). */
  file: string;
}

/** A script that could not be bundled (syntax error, missing import): one line per problem. */
export class ScriptLoadError extends Error {
  override readonly name = "ScriptLoadError";
  readonly userFacing = true;
  readonly exitCode = 1;
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

export const BUNDLE_FILE = "bcc-ts-script.js";

/** The export names of "bcc-ts" inside the sandbox. */
const BCC_EXPORTS = ["BPF", "BPFError", "CompileError", "KeyboardInterrupt", "PermissionError", "USDT", "USDTError", "sleep", "print_log2_hist", "print_linear_hist"];

function virtualModules(): { bcc: string; yargs: (dirs: YargsDirs) => string; helpers: (dirs: YargsDirs) => string } {
  return {
    bcc: BCC_EXPORTS.map((n) => `export const ${n} = globalThis.__bcc.${n};`).join("\n"),
    yargs: (d) => `
import { YargsFactory } from ${JSON.stringify(`${d.yargs}/build/lib/yargs-factory.js`)};
import { getProcessArgvBin } from ${JSON.stringify(`${d.yargs}/build/lib/utils/process-argv.js`)};
import { cliui } from ${JSON.stringify(`${d.cliui}/build/lib/index.js`)};
import Parser from ${JSON.stringify(`${d.parser}/browser.js`)};
const stripAnsi = (s) => String(s).replace(/\\u001b\\[[0-9;]*m/g, "");
const width = (s) => [...stripAnsi(s)].length;
function wrap(text, cols) {
  const out = [];
  for (const para of String(text).split("\\n")) {
    let line = "";
    for (const word of para.split(" ")) {
      if (line && width(line) + 1 + width(word) > cols) { out.push(line); line = word; }
      else line = line ? line + " " + word : word;
      while (width(line) > cols) { out.push(line.slice(0, cols)); line = line.slice(cols); }
    }
    out.push(line);
  }
  return out.join("\\n");
}
function sprintf(s, ...args) {
  let i = 0;
  return String(s).replace(/%s/g, () => (i < args.length ? String(args[i++]) : ""));
}
const shim = {
  assert: { notStrictEqual: () => {}, strictEqual: () => {} },
  cliui: (opts) => cliui(opts, { stringWidth: width, stripAnsi, wrap }),
  findUp: () => undefined,
  getEnv: () => undefined,
  inspect: (...a) => console.log(...a),
  getCallerFile: () => "",
  getProcessArgvBin,
  mainFilename: process.argv[1] || "script",
  Parser,
  path: { basename: (s) => String(s).split("/").pop(), dirname: (s) => String(s).split("/").slice(0, -1).join("/") || "/", extname: (s) => { const m = /\\.[^./]*$/.exec(String(s)); return m ? m[0] : ""; }, relative: (_a, b) => b, join: (...p) => p.join("/"), resolve: (...p) => p.join("/") },
  process: {
    argv: () => process.argv,
    cwd: () => process.cwd(),
    emitWarning: (w) => console.error(String(w)),
    execPath: () => "bcc-ts",
    exit: (code) => process.exit(code),
    nextTick: (cb) => cb(),
    stdColumns: process.stdout.columns || 80,
  },
  readFileSync: () => "",
  readdirSync: () => [],
  require: () => { throw new Error("yargs config files are not supported in the sandbox"); },
  requireDirectory: () => { throw new Error("commandDir is not supported in the sandbox"); },
  stringWidth: width,
  y18n: {
    __: (s, ...a) => sprintf(s, ...a),
    __n: (one, many, n, ...a) => sprintf(n === 1 ? one : many, n, ...a),
    getLocale: () => "en_US",
    setLocale: () => {},
    updateLocale: () => {},
  },
};
export default YargsFactory(shim);
`,
    helpers: (d) => `export { hideBin } from ${JSON.stringify(`${d.yargs}/build/lib/utils/process-argv.js`)};
import Parser from ${JSON.stringify(`${d.parser}/browser.js`)};
export { Parser };
`,
  };
}

interface YargsDirs {
  yargs: string;
  cliui: string;
  parser: string;
}

function yargsDirs(): YargsDirs {
  const req = createRequire(import.meta.url);
  const yargs = dirname(req.resolve("yargs/package.json"));
  const fromYargs = createRequire(`${yargs}/package.json`);
  // cliui and yargs-parser do not export package.json; find them from their entry points.
  const cliuiEntry = fromYargs.resolve("cliui");
  const parserEntry = fromYargs.resolve("yargs-parser");
  return { yargs, cliui: dirname(cliuiEntry), parser: dirname(dirname(dirname(parserEntry))) };
}

function sandboxPlugin(perms: Permissions): Plugin {
  const v = virtualModules();
  let dirs: YargsDirs | undefined;
  const getDirs = () => (dirs ??= yargsDirs());
  // Files bcc-ts itself ships (the yargs shim's sources) may be read whatever the grants.
  const trusted: string[] = [];
  return {
    name: "bcc-ts-sandbox",
    setup(build) {
      build.onResolve({ filter: /^bcc-ts$/ }, () => ({ path: "bcc-ts", namespace: "bcc-virtual" }));
      build.onResolve({ filter: /^yargs(\/yargs)?$/ }, () => ({ path: "yargs", namespace: "bcc-virtual" }));
      build.onResolve({ filter: /^yargs\/helpers$/ }, () => ({ path: "yargs/helpers", namespace: "bcc-virtual" }));
      build.onResolve({ filter: /.*/ }, (args) => {
        if (!BUILTINS.has(args.path)) return undefined;
        const bare = args.path.replace(/^node:/, "");
        if (bare === "fs" && perms.anyFileAccess) return { path: "fs", namespace: "bcc-virtual" };
        if (bare === "child_process" && perms.run) return { path: "child_process", namespace: "bcc-virtual" };
        return { path: args.path, namespace: "bcc-denied" };
      });
      build.onLoad({ filter: /.*/, namespace: "bcc-virtual" }, (args) => {
        const d = args.path.startsWith("yargs") ? getDirs() : undefined;
        if (d) trusted.push(d.yargs, d.cliui, d.parser);
        switch (args.path) {
          case "bcc-ts": return { contents: v.bcc, loader: "js" };
          case "yargs": return { contents: v.yargs(d!), loader: "js", resolveDir: d!.yargs };
          case "yargs/helpers": return { contents: v.helpers(d!), loader: "js", resolveDir: d!.yargs };
          case "fs": return { contents: "const fs = globalThis.__bcc.fs; export default fs; export const { readFileSync, writeFileSync, appendFileSync, existsSync, readdirSync } = fs;", loader: "js" };
          case "child_process": return { contents: "const cp = globalThis.__bcc.childProcess; export default cp; export const { execFileSync, execSync } = cp;", loader: "js" };
          default: return { contents: "", loader: "js" };
        }
      });
      build.onLoad({ filter: /.*/, namespace: "bcc-denied" }, (args) => ({
        // Thrown when the module is evaluated, so a dynamic import() rejects and a static one stops
        // the script at start, both with a PermissionError the script can see.
        // CommonJS form, so any named import of it bundles (and then throws when evaluated).
        contents: `globalThis.__bcc.denied(${JSON.stringify(perms.deniedModule(args.path).message)}); module.exports = {};`,
        loader: "js",
      }));
      build.onLoad({ filter: /.*/, namespace: "file" }, (args) => {
        const real = canonical(args.path);
        if (trusted.some((t) => within(real, canonical(t)))) return undefined;
        if (real.split("/").includes("node_modules")) return undefined;
        perms.checkRead(args.path, "import");
        return undefined;
      });
    },
  };
}

/** Bundles `scriptPath` for the guest. Throws ScriptLoadError / PermissionError. */
export async function bundleScript(scriptPath: string, perms: Permissions): Promise<BundledScript> {
  // A bundle of this script made before, with the same permissions and unchanged inputs, skips
  // esbuild (its service process start is most of a small script's bundling time).
  const cache = openScriptCache(scriptPath, { read: perms.read, write: perms.write, run: perms.run, cwd: perms.cwd, scriptDir: perms.scriptDir });
  const cached = cache?.get();
  if (cached) return { ...cached, file: BUNDLE_FILE };
  // esbuild is loaded by name at run time so the CLI bundle does not try to inline it; with
  // require, which resolves from bcc-ts's own location (import() in dist/'s vm.Script would not).
  const esbuildName = "esbuild";
  let esbuild: typeof import("esbuild");
  try {
    esbuild = createRequire(import.meta.url)(esbuildName) as typeof import("esbuild");
  } catch {
    throw new ScriptLoadError("bcc-ts run needs the esbuild package to load scripts: install it (npm install esbuild) or use --node");
  }
  let result: BuildResult & { outputFiles: OutputFile[] };
  try {
    result = await esbuild.build({
      entryPoints: [scriptPath],
      bundle: true,
      write: false,
      format: "iife",
      platform: "neutral",
      mainFields: ["module", "main"],
      conditions: ["import", "default"],
      target: "es2022",
      outfile: BUNDLE_FILE,
      sourcemap: "external",
      logLevel: "silent",
      metafile: true,
      plugins: [sandboxPlugin(perms)],
    });
  } catch (err) {
    const errors = (err as { errors?: { text: string; location?: { file: string; line: number } | null; detail?: unknown }[] }).errors;
    const perm = errors?.map((e) => e.detail).find((d): d is PermissionError => d instanceof PermissionError);
    if (perm) throw perm;
    if (errors && errors.length > 0) {
      throw new ScriptLoadError(errors.map((e) => (e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : e.text)).join("\n"));
    }
    throw err;
  }
  const code = result.outputFiles.find((f) => f.path.endsWith(".js"))?.text ?? "";
  const map = result.outputFiles.find((f) => f.path.endsWith(".map"))?.text ?? "";
  cache?.put({ code, map }, Object.keys(result.metafile?.inputs ?? {}), process.cwd());
  return { code, map, file: BUNDLE_FILE };
}
