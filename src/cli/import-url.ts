/**
 * @fileoverview import() of a user's script by URL (`bcc-ts run --node`). dist/ runs the bundle
 * through vm.Script with a V8 code cache (dist/load.cjs), where V8 gives import() no module loader;
 * the loader therefore registers its own import() under a global symbol and this uses it. From the
 * sources (tests), the native import() is used.
 */
const HOST_IMPORT = Symbol.for("bcc-ts.import");

export function importUrl(url: string): Promise<unknown> {
  const host = (globalThis as { [HOST_IMPORT]?: (url: string) => Promise<unknown> })[HOST_IMPORT];
  return host ? host(url) : import(url);
}
