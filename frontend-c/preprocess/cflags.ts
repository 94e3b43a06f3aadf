/**
 * @fileoverview BCC's `cflags` array (`["-DNUMCPUS=2", "-I/path", "-Wno-foo"]`) as preprocessor
 * options. Only -D, -U, -I (also -isystem/-iquote/-idirafter) and -include matter here; every other
 * flag (warnings, -O, -g, -std, -f...) is ignored by the preprocessor and returned in `ignored` so a
 * caller may warn about it. Like the compiler driver, `-D X` and `-I dir` may be split in two items.
 */

export type MacroOption = { kind: "define"; name: string; text: string } | { kind: "undef"; name: string };

export interface ParsedCflags {
  /** In command-line order; `text` is a complete `#define` line. */
  macros: MacroOption[];
  includeDirs: string[];
  /** `-include file`: processed before the main file, as if `#include "file"` were its first line. */
  forcedIncludes: string[];
  ignored: string[];
  /** Malformed options (a missing argument, a bad macro name). */
  errors: string[];
}

const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*/;

/** `NAME`, `NAME=value` or `NAME(args)=value` (the -D syntax) as a `#define` line. */
export function defineLine(spec: string): { name: string; text: string } | undefined {
  const m = NAME.exec(spec);
  if (!m) return undefined;
  const name = m[0];
  let rest = spec.slice(name.length);
  let params = "";
  if (rest.startsWith("(")) {
    const close = rest.indexOf(")");
    if (close < 0) return undefined;
    params = rest.slice(0, close + 1);
    rest = rest.slice(close + 1);
  }
  let value: string;
  if (rest === "") value = "1";
  else if (rest.startsWith("=")) value = rest.slice(1);
  else return undefined;
  // A define is one logical line; embedded newlines would start a new directive.
  return { name, text: `#define ${name}${params} ${value.replace(/[\r\n]/g, " ")}` };
}

export function parseCflags(cflags: readonly string[]): ParsedCflags {
  const out: ParsedCflags = { macros: [], includeDirs: [], forcedIncludes: [], ignored: [], errors: [] };
  for (let i = 0; i < cflags.length; i++) {
    const flag = cflags[i] as string;
    const takeArg = (prefix: string): string | undefined => {
      if (flag.length > prefix.length) return flag.slice(prefix.length);
      const next = cflags[i + 1];
      if (next === undefined) {
        out.errors.push(`missing argument to '${prefix}'`);
        return undefined;
      }
      i++;
      return next;
    };
    if (flag.startsWith("-D")) {
      const arg = takeArg("-D");
      if (arg === undefined) continue;
      const d = defineLine(arg);
      if (d) out.macros.push({ kind: "define", name: d.name, text: d.text });
      else out.errors.push(`invalid macro definition '${arg}'`);
    } else if (flag.startsWith("-U")) {
      const arg = takeArg("-U");
      if (arg === undefined) continue;
      if (NAME.exec(arg)?.[0] === arg) out.macros.push({ kind: "undef", name: arg });
      else out.errors.push(`invalid macro name '${arg}'`);
    } else if (flag === "-include") {
      const arg = takeArg("-include");
      if (arg !== undefined) out.forcedIncludes.push(arg);
    } else if (flag.startsWith("-isystem") || flag.startsWith("-iquote") || flag.startsWith("-idirafter")) {
      const prefix = flag.startsWith("-isystem") ? "-isystem" : flag.startsWith("-iquote") ? "-iquote" : "-idirafter";
      const arg = takeArg(prefix);
      if (arg !== undefined) out.includeDirs.push(arg);
    } else if (flag.startsWith("-I")) {
      const arg = takeArg("-I");
      if (arg !== undefined) out.includeDirs.push(arg);
    } else {
      out.ignored.push(flag);
    }
  }
  return out;
}
