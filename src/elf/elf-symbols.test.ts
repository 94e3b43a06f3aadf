/**
 * Symbol resolution against real binaries on this machine, cross-checked with binutils readelf:
 * libc (shared object, vaddr == offset layout), node (non-PIE ET_EXEC with vaddr != offset), and the
 * IFUNC handling for glibc's strlen.
 */
import { spawnSync } from "node:child_process";
import { closeSync, openSync, readSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ElfFile, ET_DYN, ET_EXEC, ElfFormatError } from "./elf-file.ts";
import { STT_FUNC, STT_GNU_IFUNC, findSymbols, readSymbols } from "./elf-symbols.ts";
import { allNotes, buildId, debugLink } from "./elf-notes.ts";
import { followIfuncs, resolveIfuncTarget } from "./ifunc.ts";
import { addressToOffset, resolveSymbol, symbolPattern, uprobeEventName } from "./resolve-symbol.ts";
import { missingReason, readelfOffsetOf, readelfSegments, readelfSymbols } from "./testing/readelf.ts";

const LIBC = "/lib/x86_64-linux-gnu/libc.so.6";
const NODE = process.execPath;

const libcSkip = missingReason([LIBC]);
const nodeSkip = missingReason([NODE]);

describe.skipIf(libcSkip !== undefined)(`libc symbols${libcSkip ? ` (skipped: ${libcSkip})` : ""}`, () => {
  const oracle = libcSkip ? [] : readelfSymbols(LIBC);

  for (const name of ["getpid", "malloc", "free", "getppid"]) {
    it(`resolves ${name} like readelf -Ws and readelf -l`, () => {
      const want = oracle.find((s) => s.name === name && s.version.startsWith("@@") && s.ndx !== "UND");
      expect(want, `readelf lists ${name}`).toBeDefined();
      const got = resolveSymbol(LIBC, name);
      expect(got.length).toBeGreaterThan(0);
      const best = got[0]!;
      expect(best.address).toBe(want!.value);
      expect(best.size).toBe(want!.size);
      expect(best.offset).toBe(readelfOffsetOf(LIBC, want!.value));
      expect(best.version).toBe(want!.version.slice(2));
      expect(addressToOffset(LIBC, want!.value)).toBe(best.offset);
    });
  }

  it("reads the header and segments like readelf", () => {
    using elf = ElfFile.open(LIBC);
    expect(elf.header.type).toBe(ET_DYN);
    const loads = readelfSegments(LIBC).filter((s) => s.type === "LOAD");
    expect(elf.loadSegments.map((p) => [p.offset, p.vaddr, p.filesz, p.memsz])).toEqual(
      loads.map((s) => [s.offset, s.vaddr, s.filesz, s.memsz]),
    );
    expect(elf.section(".dynsym")).toBeDefined();
  });

  it("knows every versioned .dynsym entry readelf prints, with its version", () => {
    using elf = ElfFile.open(LIBC);
    const ours = readSymbols(elf, ["dynsym"]);
    const theirs = oracle.filter((s) => s.version !== "" && s.ndx !== "UND");
    // readelf prints .dynsym first; compare on (name, version kind, value) for defined symbols.
    const key = (n: string, v: string, d: boolean, value: number) => `${n}|${v}|${d}|${value}`;
    const ourKeys = new Set(ours.map((s) => key(s.name, s.version ?? "", s.defaultVersion, s.value)));
    for (const s of theirs.slice(0, 400)) {
      const isDefault = s.version.startsWith("@@");
      expect(ourKeys.has(key(s.name, s.version.replace(/^@@?/, ""), isDefault, s.value)), s.name).toBe(true);
    }
  });

  it("selects symbol versions: memcpy@@GLIBC_2.14 by default, memcpy@GLIBC_2.2.5 on request", () => {
    const def = oracle.find((s) => s.name === "memcpy" && s.version.startsWith("@@"));
    const old = oracle.find((s) => s.name === "memcpy" && s.version === "@GLIBC_2.2.5");
    expect(resolveSymbol(LIBC, "memcpy")[0]?.address).toBe(def?.value);
    expect(resolveSymbol(LIBC, "memcpy@@GLIBC_2.14")[0]?.address).toBe(def?.value);
    if (old) expect(resolveSymbol(LIBC, "memcpy@GLIBC_2.2.5")[0]?.address).toBe(old.value);
  });

  it("matches a RegExp with BCC's re.match semantics and returns functions only", () => {
    const got = resolveSymbol(LIBC, symbolPattern("getp(p)?id"));
    const names = new Set(got.map((s) => s.name));
    expect(names.has("getpid") || names.has("__getpid")).toBe(true);
    expect(names.has("getppid")).toBe(true);
    expect([...names].every((n) => /^getp(p)?id/.test(n))).toBe(true);
    // One entry per address, even where aliases share it.
    expect(new Set(got.map((s) => s.address)).size).toBe(got.length);
  });

  it("returns nothing for an unknown name", () => {
    expect(resolveSymbol(LIBC, "no_such_function_bcc_ts")).toEqual([]);
  });

  it("reports strlen as an IFUNC and finds the implementation this CPU uses", () => {
    const strlen = resolveSymbol(LIBC, "strlen")[0];
    expect(strlen?.type).toBe(STT_GNU_IFUNC);
    const target = resolveIfuncTarget(LIBC, strlen!.address);
    expect(target, "libc's IRELATIVE slot for strlen is readable in this process").toBeDefined();
    expect(target!.address).not.toBe(strlen!.address);
    expect(target!.offset).toBe(readelfOffsetOf(LIBC, target!.address));
    // With libc6-dbg installed the variant has a name (__strlen_avx2, __strlen_evex, ...).
    if (target!.name !== undefined) expect(target!.name).toMatch(/^__strlen_/);
    const [followed] = followIfuncs(LIBC, resolveSymbol(LIBC, "strlen"));
    expect(followed).toMatchObject({ address: target!.address, offset: target!.offset, ifuncResolver: strlen!.address });
    expect(followed!.type).toBe(STT_FUNC);
    // Plain functions pass through unchanged.
    const getpid = resolveSymbol(LIBC, "getpid");
    expect(followIfuncs(LIBC, getpid)).toEqual(getpid);
  });

  it("finds IFUNC targets through another module's GOT when libc has no IRELATIVE slot", () => {
    // Candidates from readelf alone: libc IFUNCs with no IRELATIVE addend equal to their value, that
    // the node binary running this test imports by name.
    const relocs = spawnSync("readelf", ["-rW", LIBC], { encoding: "utf8" }).stdout;
    const irelative = new Set(
      [...relocs.matchAll(/R_X86_64_IRELATIVE\s+([0-9a-f]+)/g)].map((m) => parseInt(m[1]!, 16)),
    );
    const imported = new Set(readelfSymbols(NODE).filter((s) => s.ndx === "UND").map((s) => s.name));
    // time/gettimeofday's resolvers pick vDSO code, which lies outside libc: no target by design.
    const vdso = new Set(["time", "gettimeofday", "clock_gettime", "clock_getres", "getcpu"]);
    const candidate = oracle.find(
      (s) =>
        s.type === "IFUNC" &&
        s.version.startsWith("@@") &&
        !irelative.has(s.value) &&
        imported.has(s.name) &&
        !vdso.has(s.name),
    );
    if (!candidate) return; // nothing on this machine exercises the fallback
    const target = resolveIfuncTarget(LIBC, candidate.value);
    expect(target, candidate.name).toBeDefined();
    expect(target!.offset).toBe(readelfOffsetOf(LIBC, target!.address));
    expect(target!.address).not.toBe(candidate.value);
  });

  it("reads the notes, build id and debuglink readelf shows", () => {
    using elf = ElfFile.open(LIBC);
    const out = spawnSync("readelf", ["-nW", LIBC], { encoding: "utf8" }).stdout;
    const oracle = [...out.matchAll(/^\s+(\S+)\s+0x([0-9a-f]+)\s+(NT_\w+)/gm)].map((m) => [m[1], parseInt(m[2]!, 16)]);
    // .note.gnu.property is 8-aligned, the others 4-aligned: both layouts are covered here.
    expect(allNotes(elf).map((n) => [n.name, n.desc.length])).toEqual(oracle);
    const id = buildId(elf);
    expect(id).toMatch(/^[0-9a-f]{40}$/);
    expect(out).toContain(`Build ID: ${id}`);
    const link = debugLink(elf);
    if (link) expect(link.file.length).toBeGreaterThan(0);
  });
});

describe.skipIf(nodeSkip !== undefined)(`node binary symbols${nodeSkip ? ` (skipped: ${nodeSkip})` : ""}`, () => {
  it("maps symbol addresses to file offsets through the right PT_LOAD segment", () => {
    using elf = ElfFile.open(NODE);
    const oracle = readelfSymbols(NODE).filter((s) => s.type === "FUNC" && s.ndx !== "UND" && s.value !== 0);
    expect(oracle.length).toBeGreaterThan(100);
    // node is linked non-PIE on Debian: the check below matters when vaddr != file offset.
    const sample = oracle.filter((_, i) => i % Math.floor(oracle.length / 50) === 0);
    const symbols = readSymbols(elf);
    const loads = readelfSegments(NODE).filter((p) => p.type === "LOAD");
    const offsetOf = (v: number) => {
      const seg = loads.find((p) => v >= p.vaddr && v < p.vaddr + p.filesz);
      return seg ? v - seg.vaddr + seg.offset : undefined;
    };
    let vaddrDiffers = 0;
    for (const s of sample) {
      const ours = findSymbols(elf, symbols, s.name).find((r) => r.address === s.value);
      expect(ours, s.name).toBeDefined();
      expect(ours!.offset).toBe(offsetOf(s.value));
      expect(elf.vaddrToOffset(s.value)).toBe(ours!.offset);
      expect(elf.offsetToVaddr(ours!.offset)).toBe(s.value);
      if (ours!.offset !== s.value) vaddrDiffers++;
    }
    expect(vaddrDiffers).toBeGreaterThan(0);
    expect([ET_EXEC, ET_DYN]).toContain(elf.header.type);
    const fn = readSymbols(elf, ["symtab"]).find((s) => s.name === "uv_fs_read");
    expect(fn?.type).toBe(STT_FUNC);
  });

  it("reads only the parts it needs: the uprobe offset points at the function's bytes", () => {
    const r = resolveSymbol(NODE, "uv_fs_read")[0];
    expect(r).toBeDefined();
    // x86_64 functions built with CET start with endbr64 (f3 0f 1e fa) or at least real code.
    const fd = openSync(NODE, "r");
    try {
      const b = new Uint8Array(4);
      readSync(fd, b, 0, 4, r!.offset);
      expect([...b].some((x) => x !== 0)).toBe(true);
    } finally {
      closeSync(fd);
    }
  });
});

describe("uprobeEventName", () => {
  it("builds BCC's event names", () => {
    expect(uprobeEventName("p", "/lib/x86_64-linux-gnu/libc.so.6", 0x9f1c0)).toBe("p_libc_so_6_0x9f1c0");
    expect(uprobeEventName("r", "/usr/bin/python3.11", 0x10, 42)).toBe("r_python3_11_0x10_42");
  });
});

describe("non-ELF input", () => {
  it("throws ElfFormatError for a text file", () => {
    expect(() => ElfFile.open(import.meta.filename)).toThrow(ElfFormatError);
  });
});
