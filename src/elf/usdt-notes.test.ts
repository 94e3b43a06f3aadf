/**
 * USDT note parsing on real binaries: python3.11 and libstdc++ as shipped by Debian, and a program
 * built here with gcc (PIE and non-PIE) from fixtures/sdt-probes.c, all cross-checked with
 * `readelf -n`. A probe site is a `nop` emitted by the probe macro, so the computed uprobe offset
 * must point at a 0x90 byte in the file.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, copyFileSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ElfFile } from "./elf-file.ts";
import { allNotes } from "./elf-notes.ts";
import { findUsdtProbe, readUsdtProbes, usdtProbes, usdtProbesInProcess, type UsdtProbe } from "./usdt-notes.ts";
import { hasTool, missingReason, readelfOffsetOf, readelfStapsdt } from "./testing/readelf.ts";

function byteAt(path: string, offset: number): number {
  const fd = openSync(path, "r");
  try {
    const b = new Uint8Array(1);
    readSync(fd, b, 0, 1, offset);
    return b[0] ?? -1;
  } finally {
    closeSync(fd);
  }
}

/** Every probe agrees with readelf -n and sits on a nop. */
function checkAgainstReadelf(path: string, probes: readonly UsdtProbe[]): void {
  const oracle = readelfStapsdt(path);
  expect(probes.length).toBe(oracle.length);
  for (const [i, want] of oracle.entries()) {
    const got = probes[i]!;
    expect([got.provider, got.name, got.pc, got.base, got.semaphore, got.argsText]).toEqual([
      want.provider,
      want.name,
      want.location,
      want.base,
      want.semaphore,
      want.args,
    ]);
    expect(got.offset).toBe(readelfOffsetOf(path, want.location));
    expect(byteAt(path, got.offset), `${got.name} site is a nop`).toBe(0x90);
    if (want.semaphore !== 0) expect(got.semaphoreOffset).toBe(readelfOffsetOf(path, want.semaphore));
    else expect(got.semaphoreOffset).toBe(0);
    expect(got.argsError).toBeUndefined();
    expect(got.args.length).toBe(want.args === "" ? 0 : want.args.split(/\s+/).length);
  }
}

const PYTHON = "/usr/bin/python3.11";
const pySkip = missingReason([PYTHON]);

describe.skipIf(pySkip !== undefined)(`python3.11 USDT probes${pySkip ? ` (skipped: ${pySkip})` : ""}`, () => {
  it("lists the python provider's probes like readelf -n", () => {
    const probes = usdtProbes(PYTHON);
    checkAgainstReadelf(PYTHON, probes);
    expect(new Set(probes.map((p) => p.provider))).toEqual(new Set(["python"]));
    const entry = findUsdtProbe(probes, "python:function__entry");
    expect(entry.length).toBeGreaterThan(0);
    // function__entry(filename, funcname, lineno): two pointers and a signed int.
    const args = entry[0]!.args;
    expect(args.map((a) => [a.size, a.signed])).toEqual([
      [8, false],
      [8, false],
      [4, true],
    ]);
    expect(entry[0]!.semaphore).not.toBe(0);
    expect(findUsdtProbe(probes, "function__entry")).toEqual(entry);
    expect(findUsdtProbe(probes, "ruby:function__entry")).toEqual([]);
  });
});

describe.skipIf(pySkip !== undefined)(`USDT probes of a running process${pySkip ? ` (skipped: ${pySkip})` : ""}`, () => {
  it("finds python3.11's probes through its memory map, and none for a process that is gone", async () => {
    const child = spawn(PYTHON, ["-c", "import time; time.sleep(30)"], { stdio: "ignore" });
    try {
      const pid = child.pid!;
      let found: ReturnType<typeof usdtProbesInProcess> = [];
      for (let i = 0; i < 100 && !found.some((m) => m.path === PYTHON); i++) {
        await new Promise((r) => setTimeout(r, 20));
        found = usdtProbesInProcess(pid);
      }
      const py = found.find((m) => m.path === PYTHON);
      expect(py?.hostPath).toBe(`/proc/${pid}/root${PYTHON}`);
      expect(py?.probes.map((p) => p.name)).toEqual(usdtProbes(PYTHON).map((p) => p.name));
    } finally {
      child.kill("SIGKILL");
    }
    const gone = spawnSync("true");
    expect(usdtProbesInProcess(gone.pid!)).toEqual([]);
  });
});

const LIBSTDCXX = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";
const cxxSkip = missingReason([LIBSTDCXX]);

describe.skipIf(cxxSkip !== undefined)(`libstdc++ USDT probes${cxxSkip ? ` (skipped: ${cxxSkip})` : ""}`, () => {
  it("parses the shared library's exception probes (no semaphores)", () => {
    const probes = usdtProbes(LIBSTDCXX);
    checkAgainstReadelf(LIBSTDCXX, probes);
    expect(probes.map((p) => p.name)).toContain("throw");
    expect(probes.every((p) => p.semaphore === 0 && p.provider === "libstdcxx")).toBe(true);
  });
});

const gccSkip = hasTool("gcc") ? missingReason([]) : "gcc is not installed";

describe.skipIf(gccSkip !== undefined)(`gcc-built SDT probes${gccSkip ? ` (skipped: ${gccSkip})` : ""}`, () => {
  let dir = "";
  const source = join(import.meta.dirname, "fixtures", "sdt-probes.c");
  const built: Record<"pie" | "nopie", string> = { pie: "", nopie: "" };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "bcc-ts-sdt-"));
    for (const kind of ["pie", "nopie"] as const) {
      const out = join(dir, `sdt-${kind}`);
      const r = spawnSync("gcc", ["-O2", kind === "pie" ? "-pie" : "-no-pie", "-o", out, source], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`gcc failed: ${r.stderr}`);
      built[kind] = out;
    }
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const kind of ["pie", "nopie"] as const) {
    it(`${kind}: probe sites, semaphore and arguments`, () => {
      const path = built[kind];
      const probes = usdtProbes(path);
      checkAgainstReadelf(path, probes);
      const [hit] = findUsdtProbe(probes, "bccts:hit");
      expect(hit).toBeDefined();
      expect(hit!.semaphore).not.toBe(0);
      // The semaphore is a zero-initialised u16 in .probes: file-backed, so it has an offset.
      expect(byteAt(path, hit!.semaphoreOffset)).toBe(0);
      const [a, b, c, m, k, g] = hit!.args;
      expect(a).toMatchObject({ size: 8, signed: true, location: { kind: "register" } });
      expect(b).toMatchObject({ size: 4, signed: true, location: { kind: "register" } });
      if (b!.location.kind === "register") expect(b!.location.register.width).toBe(4);
      expect(c).toMatchObject({ size: 8, signed: false, location: { kind: "constant", value: 5n } });
      expect(m).toMatchObject({ size: 8, location: { kind: "memory" } });
      if (m!.location.kind === "memory") expect(m!.location.index ?? m!.location.base).toBeDefined();
      expect(k).toMatchObject({ size: 2, signed: true, location: { kind: "constant", value: -7n } });
      expect(g?.location.kind).toBe("memory");
      const [plain] = findUsdtProbe(probes, "plain");
      expect(plain?.args).toEqual([]);
      expect(plain?.semaphoreOffset).toBe(0);
    });
  }

  it("applies the prelink adjustment when .stapsdt.base moved", () => {
    // Rewrite the base field of the first note to pretend the file was linked 0x10 lower.
    const copy = join(dir, "sdt-prelinked");
    copyFileSync(built.pie, copy);
    let baseFieldOffset = -1;
    let original: UsdtProbe | undefined;
    {
      using elf = ElfFile.open(copy);
      original = readUsdtProbes(elf)[0];
      const sec = elf.section(".note.stapsdt")!;
      const note = allNotes(elf, ".note.stapsdt")[0]!;
      // desc starts after the 12-byte header and the 8-byte padded "stapsdt" name.
      baseFieldOffset = sec.offset + 12 + 8 + 8;
      expect(note.desc.length).toBeGreaterThan(24);
    }
    const fd = openSync(copy, "r+");
    try {
      const buf = Buffer.alloc(8);
      buf.writeBigUInt64LE(BigInt(original!.base - 0x10));
      writeSync(fd, buf, 0, 8, baseFieldOffset);
    } finally {
      closeSync(fd);
    }
    const moved = usdtProbes(copy)[0]!;
    expect(moved.base).toBe(original!.base - 0x10);
    expect(moved.pc).toBe(original!.pc + 0x10);
    expect(moved.semaphore).toBe(original!.semaphore + 0x10);
  });
});
