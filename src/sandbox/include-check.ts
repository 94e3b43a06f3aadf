/**
 * @fileoverview The C compiler reads `#include` files on the host, so a sandboxed script could
 * otherwise compile `#include "/etc/shadow"` and read the file back from the diagnostics. Before a
 * BPF program is compiled, every include it can reach is resolved the way the compiler's include
 * host does (quoted: next to the including file, then -I dirs; angle: -I dirs, then bcc-ts's virtual
 * headers, else ignored) and each file found must be readable under the script's permissions.
 * Includes named by a macro cannot be resolved before preprocessing, so they are refused.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseCflags } from "../../frontend-c/preprocess/index.ts";
import { PermissionError, type Permissions } from "./permissions.ts";

const INCLUDE_RE = /^[ \t]*#[ \t]*include(?:_next)?[ \t]*(.*)$/gm;

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Throws PermissionError when `text` (from `file`) reaches an include the script may not read. */
export function checkIncludes(text: string, file: string, cflags: readonly string[], perms: Permissions): void {
  // The compiler's own cflags parser, so -I/-isystem/-iquote and -include are read exactly as it will.
  const flags = parseCflags(cflags);
  const dirs = flags.includeDirs.map((d) => resolve(perms.cwd, d));
  const seen = new Set<string>();
  const visit = (src: string, from: string): void => {
    // Line continuations and comments cannot hide an include from this scan: both are joined or
    // stripped before matching, as the preprocessor does.
    const joined = src.replace(/\\\r?\n/g, "").replace(/\/\*[\s\S]*?\*\//g, " ");
    for (const m of joined.matchAll(INCLUDE_RE)) {
      const operand = (m[1] ?? "").replace(/\/\/.*$/, "").trim();
      const quoted = /^"([^"]*)"/.exec(operand);
      const angled = /^<([^>]*)>/.exec(operand);
      if (!quoted && !angled) throw new PermissionError(`permission denied: #include ${operand} names its file through a macro, which the sandbox cannot check`);
      const name = (quoted ?? angled)![1]!;
      const candidates = quoted ? [resolve(dirname(from), name), ...dirs.map((d) => resolve(d, name))] : dirs.map((d) => resolve(d, name));
      const found = candidates.find(isFile);
      if (found === undefined) continue; // Unknown angle headers are empty; unknown quoted ones are compile errors.
      const real = perms.checkRead(found, "#include");
      if (seen.has(real)) continue;
      seen.add(real);
      if (existsSync(real)) visit(readFileSync(real, "utf8"), real);
    }
  };
  // `-include F` acts as `#include "F"` before the first line.
  visit(flags.forcedIncludes.map((f) => `#include "${f}"\n`).join("") + text, file);
}
