/**
 * End-to-end check of the USDT offsets against the real kernel, through tracefs uprobe_events (no
 * BPF needed): a uprobe at the computed probe offset with the computed semaphore as ref_ctr_offset
 * must (1) make the kernel raise the semaphore in the traced program, (2) fire once per probe call,
 * and (3) fetch the argument values the parsed specs describe. Events go to a private ftrace
 * instance so other tracing on the machine neither sees them nor disturbs them.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { findUsdtProbe, usdtProbes } from "./usdt-notes.ts";
import type { UsdtArg } from "./usdt-args.ts";
import { hasTool } from "./testing/readelf.ts";
import { UprobeScratch } from "./testing/tracefs-uprobes.ts";

/** tracefs spelling of a register: %di for rdi, %r12 for r12. */
function tracefsReg(canonical: string): string {
  return `%${/^r\d/.test(canonical) ? canonical : canonical.slice(1)}`;
}

/** A parsed argument as a tracefs fetch-arg, for the forms tracefs can express. */
function fetchArg(name: string, arg: UsdtArg): string | undefined {
  const type = `${arg.signed ? "s" : "u"}${arg.size * 8}`;
  const loc = arg.location;
  if (loc.kind === "register") return `${name}=${tracefsReg(loc.register.canonical)}:${type}`;
  if (loc.kind === "memory" && loc.base && !loc.index && loc.symbol === undefined) {
    return `${name}=+${loc.displacement}(${tracefsReg(loc.base.canonical)}):${type}`;
  }
  return undefined;
}

const hex = (n: number) => `0x${n.toString(16)}`;

describeKernel("USDT offsets on the real kernel (tracefs uprobes)", () => {
  let scratch: UprobeScratch | undefined;
  let dir = "";
  let bin = "";

  beforeAll(() => {
    if (!hasTool("gcc")) throw new Error("gcc is needed to build the SDT fixture");
    dir = mkdtempSync(join(tmpdir(), "bcc-ts-usdt-k-"));
    bin = join(dir, "sdt-probes");
    const r = spawnSync("gcc", ["-O2", "-o", bin, join(import.meta.dirname, "fixtures", "sdt-probes.c")], {
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`gcc failed: ${r.stderr}`);
    scratch = new UprobeScratch("usdt");
  });

  afterAll(() => {
    scratch?.[Symbol.dispose]();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("raises the semaphore, fires at the probe sites and fetches the arguments", () => {
    const s = scratch!;
    const probes = usdtProbes(bin);
    const [hit] = findUsdtProbe(probes, "bccts:hit");
    const [plain] = findUsdtProbe(probes, "bccts:plain");
    expect(hit).toBeDefined();
    expect(plain).toBeDefined();
    // work(argc=1, argc*2=2, argc&7=1) passes a=1, b=2, $5, table[1]=2, $-7, table[3]=4.
    const expected = [1, 2, 5, 2, -7, 4];
    const fetched = hit!.args.map((a, i) => fetchArg(`arg${i + 1}`, a));
    const args = fetched.filter((x): x is string => x !== undefined);
    // The registers holding a and b at the probe are always expressible.
    expect(fetched[0]).toBeDefined();
    expect(fetched[1]).toBeDefined();
    s.add("hit", `${bin}:${hex(hit!.offset)}(${hex(hit!.semaphoreOffset)}) ${args.join(" ")}`);
    s.add("plain", `${bin}:${hex(plain!.offset)}`);
    s.enable("hit");
    s.enable("plain");
    const run = spawnSync(bin, [], { encoding: "utf8" });
    s.enable("hit", false);
    s.enable("plain", false);
    // The semaphore was raised by the kernel because ref_ctr_offset pointed at it.
    expect(Number(run.stdout.trim())).toBeGreaterThan(0);
    const hits = s.lines("hit", run.pid!);
    expect(hits).toHaveLength(1);
    expect(s.lines("plain", run.pid!)).toHaveLength(1);
    for (const [i, f] of fetched.entries()) {
      if (f !== undefined) expect(hits[0]).toMatch(new RegExp(`arg${i + 1}=${expected[i]}(\\s|$)`));
    }
  });

  const PYTHON = "/usr/bin/python3.11";
  const pySkip = existsSync(PYTHON) ? "" : " (skipped: no /usr/bin/python3.11)";
  it.skipIf(!existsSync(PYTHON))(`python3.11 import__find__load__start reports the module${pySkip}`, () => {
    const s = scratch!;
    const [probe] = findUsdtProbe(usdtProbes(PYTHON), "python:import__find__load__start");
    expect(probe).toBeDefined();
    // import__find__load__start(const char *module_name), held in a register at the site. Python
    // guards its probes with semaphores, so without the right ref_ctr_offset nothing fires.
    const arg = probe!.args[0]!;
    expect(arg.location.kind).toBe("register");
    if (arg.location.kind !== "register") return;
    const at = `${hex(probe!.offset)}(${hex(probe!.semaphoreOffset)})`;
    s.add("pyimport", `${PYTHON}:${at} mod=+0(${tracefsReg(arg.location.register.canonical)}):string`);
    s.enable("pyimport");
    const run = spawnSync(PYTHON, ["-c", "import json"], { encoding: "utf8" });
    s.enable("pyimport", false);
    expect(run.status).toBe(0);
    expect(s.lines("pyimport", run.pid!).some((l) => l.includes('mod="json"'))).toBe(true);
  });
});
