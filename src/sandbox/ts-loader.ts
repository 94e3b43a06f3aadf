/**
 * `bcc-ts run --node script.ts`: Node 20 cannot import TypeScript, so a module-loader hook strips
 * the types with esbuild (the same transform the sandbox uses) for .ts/.mts files.
 */
import { register } from "node:module";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/** The hook module, as source: it runs on Node's loader thread, so it gets esbuild's URL as data. */
const HOOKS = `
let esbuild;
export async function initialize(data) { esbuild = await import(data.esbuild); }
export async function load(url, context, nextLoad) {
  if (!/\\.m?ts$/.test(new URL(url).pathname)) return nextLoad(url, context);
  const { readFile } = await import("node:fs/promises");
  const source = await readFile(new URL(url), "utf8");
  const out = await esbuild.transform(source, { loader: "ts", format: "esm", sourcemap: "inline", sourcefile: new URL(url).pathname, target: "node20" });
  return { format: "module", source: out.code, shortCircuit: true };
}
`;

export function registerTypeScriptLoader(): void {
  const esbuildEntry = createRequire(import.meta.url).resolve("esbuild");
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { data: { esbuild: pathToFileURL(esbuildEntry).href } });
}
