/**
 * `bcc-ts run SCRIPT [args...]`: runs a tracing script in the QuickJS sandbox (default) or, with
 * --node, directly in Node. Everything after SCRIPT belongs to the script.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { CommandModule } from "yargs";
import { requireTracingPrivileges } from "../privileges.ts";
import { importUrl } from "../import-url.ts";

export interface RunArgs {
  script: string;
  args?: (string | number)[];
  timeout?: number;
  memory?: number;
  "allow-read"?: string[];
  "allow-write"?: string[];
  "allow-run": boolean;
  node: boolean;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: "run <script> [args..]",
  describe: "run a tracing script (.js/.ts) in a sandbox that can trace but not touch files, processes or the network",
  builder: (y) =>
    y
      // Options after the script name are the script's: not ours, and not errors (see splitArgv).
      .strict(false)
      .positional("script", { type: "string", demandOption: true, describe: "the script (.js or .ts)" })
      .positional("args", { type: "string", array: true, describe: "arguments for the script (its process.argv.slice(2))" })
      .option("timeout", { type: "number", describe: "stop the script after this many seconds (exit 124)" })
      .option("memory", { type: "number", describe: "the script's heap limit in MB (default 256; exit 137 beyond it)" })
      .option("allow-read", { type: "string", array: true, nargs: 1, describe: "let the script read this file or directory (repeatable)" })
      .option("allow-write", { type: "string", array: true, nargs: 1, describe: "let the script write this file or directory (repeatable)" })
      .option("allow-run", { type: "boolean", default: false, describe: "let the script run programs (child_process.execFileSync)" })
      .option("node", { type: "boolean", default: false, describe: "run in Node without the sandbox (full access)" }),
  handler: (parsed) => runScript(process.argv.slice(2), parsed),
};

/**
 * Runs the script named in `argv` (the words after `bcc-ts`). Called by yargs's handler, and
 * directly by the CLI's fast path (main.ts), which skips loading yargs for `bcc-ts run`.
 */
export async function runScript(argv: readonly string[], parsed: RunArgs): Promise<void> {
  const { args, scriptArgs } = splitArgv(argv, parsed);
  if (args.node) {
    if (/\.m?ts$/.test(args.script)) (await import("../../sandbox/ts-loader.ts")).registerTypeScriptLoader();
    process.argv = [process.argv[0] ?? "node", resolve(args.script), ...scriptArgs];
    await importUrl(pathToFileURL(resolve(args.script)).href);
    return;
  }
  requireTracingPrivileges("bcc-ts run");
  const { runSandboxed } = await import("../../sandbox/sandbox.ts");
  const r = await runSandboxed({
    script: args.script,
    args: scriptArgs,
    ...(args.timeout !== undefined ? { timeout: args.timeout } : {}),
    ...(args.memory !== undefined ? { memory: args.memory } : {}),
    permissions: { allowRead: args["allow-read"] ?? [], allowWrite: args["allow-write"] ?? [], allowRun: args["allow-run"] },
  });
  process.exitCode = r.exitCode;
  // The QuickJS module and esbuild's service keep no work alive, but exit promptly anyway.
  process.exit(r.exitCode);
}

/** Options of `bcc-ts run` that take a value (the next word); main.ts's ourWords reads it too. */
export const RUN_VALUE_OPTIONS: ReadonlySet<string> = new Set(["--timeout", "--memory", "--allow-read", "--allow-write"]);

/**
 * yargs reads options anywhere on the line, but everything after SCRIPT belongs to the script
 * (`bcc-ts run tool.js -p 42 --timeout 5` passes both options to tool.js). So the raw argv is split
 * at the script: our options are re-read from the part before it, the rest is passed on verbatim.
 */
export function splitArgv(argv: readonly string[], parsed: RunArgs): { args: RunArgs; scriptArgs: string[] } {
  const runAt = argv.indexOf("run");
  const ours: RunArgs = { script: parsed.script, "allow-run": false, node: false };
  for (let i = runAt + 1; i < argv.length; i++) {
    const tok = argv[i]!;
    if (!tok.startsWith("-") || tok === "-") {
      return { args: ours, scriptArgs: argv.slice(i + 1) };
    }
    const eq = tok.indexOf("=");
    const name = eq > 0 ? tok.slice(0, eq) : tok;
    const value = eq > 0 ? tok.slice(eq + 1) : RUN_VALUE_OPTIONS.has(name) ? argv[++i] : undefined;
    switch (name) {
      case "--timeout": ours.timeout = Number(value); break;
      case "--memory": ours.memory = Number(value); break;
      case "--allow-read": (ours["allow-read"] ??= []).push(String(value)); break;
      case "--allow-write": (ours["allow-write"] ??= []).push(String(value)); break;
      case "--allow-run": ours["allow-run"] = value === undefined || value === "true"; break;
      case "--node": ours.node = value === undefined || value === "true"; break;
      default: break;
    }
  }
  return { args: ours, scriptArgs: (parsed.args ?? []).map(String) };
}
