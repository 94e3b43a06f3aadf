/**
 * `bcc-ts tool NAME [args...]`: runs one of the bundled ports of BCC's tools and examples
 * (examples/NAME.js) in the sandbox, exactly like `bcc-ts run examples/NAME.js args...`.
 * `bcc-ts tool` alone lists them with the kernel features each needs.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CommandModule } from "yargs";
import { runCommand } from "./run.ts";

interface Args {
  name?: string;
  args?: (string | number)[];
}

/** examples/ in the source tree (src/cli/commands/) or next to the bundle (dist/). */
function examplesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const rel of ["../../../examples", "../examples"]) {
    const dir = resolve(here, rel);
    if (existsSync(join(dir, "hello_world.js"))) return dir;
  }
  return resolve(here, "../examples");
}

function listTools(dir: string): { name: string; needs: string }[] {
  return readdirSync(dir)
    .filter((f) => /\.(?:js|ts)$/.test(f))
    .map((f) => {
      const head = readFileSync(join(dir, f), "utf8").slice(0, 2000);
      const needs = /needs:\s*([^\n]*)/i.exec(head)?.[1]?.replace(/\*\/\s*$/, "").trim() ?? "";
      return { name: f.replace(/\.(?:js|ts)$/, ""), needs };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export const toolCommand: CommandModule<object, Args> = {
  command: "tool [name] [args..]",
  describe: "run a bundled port of a BCC tool or example (execsnoop, opensnoop, biolatency, ...); no name lists them",
  builder: (y) =>
    y
      .strict(false)
      .positional("name", { type: "string", describe: "the tool, e.g. execsnoop" })
      .positional("args", { type: "string", array: true, describe: "the tool's own arguments (try: bcc-ts tool NAME --help)" }),
  handler: async (parsed) => {
    const dir = examplesDir();
    if (parsed.name === undefined) {
      const tools = listTools(dir);
      const w = Math.max(...tools.map((t) => t.name.length));
      for (const t of tools) process.stdout.write(`${t.name.padEnd(w)}  ${t.needs}\n`);
      return;
    }
    const file = [".js", ".ts"].map((ext) => join(dir, `${parsed.name}${ext}`)).find((f) => existsSync(f));
    if (!file) {
      const names = listTools(dir).map((t) => t.name);
      const err = new Error(`no bundled tool named ${parsed.name} (see: bcc-ts tool; available: ${names.slice(0, 12).join(", ")}, ...)`);
      err.name = "ToolNotFoundError";
      (err as Error & { exitCode: number }).exitCode = 2;
      throw err;
    }
    // Hand over to `run` as if the user had typed `bcc-ts run FILE args...`.
    const argv = process.argv;
    const at = argv.indexOf("tool");
    const rest = argv.slice(at + 2);
    process.argv = [...argv.slice(0, at), "run", file, ...rest];
    const handler = runCommand.handler as (a: Record<string, unknown>) => Promise<void>;
    await handler({ script: file, args: rest, "allow-run": false, node: false, _: [], $0: "bcc-ts" });
  },
};
