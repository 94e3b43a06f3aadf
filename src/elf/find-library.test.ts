/**
 * ld.so.cache parsing (this machine's cache checked against `ldconfig -p`, both layouts built by
 * hand) and BCC-style library / executable lookup.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LibraryResolver, findExecutable, findLibrary, findLibraryInProcess } from "./find-library.ts";
import { LdCacheFormatError, isX8664Entry, parseLdCache, readLdCache } from "./ld-cache.ts";

const LDCONFIG = ["/sbin/ldconfig", "/usr/sbin/ldconfig"].find((p) => existsSync(p));
const cacheSkip = !existsSync("/etc/ld.so.cache")
  ? "/etc/ld.so.cache does not exist"
  : LDCONFIG === undefined
    ? "ldconfig is not installed"
    : undefined;

describe.skipIf(cacheSkip !== undefined)(`/etc/ld.so.cache${cacheSkip ? ` (skipped: ${cacheSkip})` : ""}`, () => {
  it("has the entries ldconfig -p prints, in the same order", () => {
    const r = spawnSync(LDCONFIG!, ["-p"], { encoding: "utf8" });
    const oracle = [...r.stdout.matchAll(/^\t(\S+) \(([^)]*)\)(?: OS ABI: [^=]*)? => (\S+)$/gm)].map((m) => ({
      name: m[1],
      kind: m[2],
      path: m[3],
    }));
    expect(oracle.length).toBeGreaterThan(10);
    const entries = readLdCache()!;
    expect(entries.map((e) => [e.name, e.path])).toEqual(oracle.map((o) => [o.name, o.path]));
    // ldconfig says "libc6,x86-64" exactly for the entries our flag test accepts (plus hwcap notes).
    entries.forEach((e, i) => expect(isX8664Entry(e)).toBe(oracle[i]!.kind!.startsWith("libc6,x86-64")));
  });
});

/** A new-format cache image with the given entries (flags 0x0303 = libc6, x86-64). */
function newFormat(entries: [string, string][]): Uint8Array {
  const header = 48;
  const strings: number[] = [];
  const stringsAt = header + entries.length * 24;
  const offsets: [number, number][] = [];
  const add = (s: string) => {
    const at = stringsAt + strings.length;
    strings.push(...Buffer.from(`${s}\0`, "latin1"));
    return at;
  };
  for (const [k, v] of entries) offsets.push([add(k), add(v)]);
  const buf = Buffer.alloc(stringsAt + strings.length);
  buf.write("glibc-ld.so.cache1.1", 0, "latin1");
  buf.writeUInt32LE(entries.length, 20);
  buf.writeUInt32LE(strings.length, 24);
  offsets.forEach(([k, v], i) => {
    const b = header + i * 24;
    buf.writeInt32LE(0x0303, b);
    buf.writeUInt32LE(k, b + 4);
    buf.writeUInt32LE(v, b + 8);
  });
  Buffer.from(strings).copy(buf, stringsAt);
  return buf;
}

/** An old-format image; string offsets are relative to the string table after the entries. */
function oldFormat(entries: [string, string][], trailer?: Uint8Array): Uint8Array {
  const tableEnd = 16 + entries.length * 12;
  const strings: number[] = [];
  const add = (s: string) => {
    const at = strings.length;
    strings.push(...Buffer.from(`${s}\0`, "latin1"));
    return at;
  };
  const offs = entries.map(([k, v]) => [add(k), add(v)] as const);
  const body = Buffer.alloc(tableEnd);
  body.write("ld.so-1.7.0", 0, "latin1");
  body.writeUInt32LE(entries.length, 12);
  offs.forEach(([k, v], i) => {
    body.writeInt32LE(0x0303, 16 + i * 12);
    body.writeUInt32LE(k, 16 + i * 12 + 4);
    body.writeUInt32LE(v, 16 + i * 12 + 8);
  });
  if (!trailer) return Buffer.concat([body, Buffer.from(strings)]);
  // Combined layout: the new cache starts at the 8-aligned end of the old entry table.
  const pad = Buffer.alloc(((tableEnd + 7) & ~7) - tableEnd);
  return Buffer.concat([body, pad, trailer]);
}

describe("parseLdCache", () => {
  const entries: [string, string][] = [
    ["libfoo.so.1", "/opt/lib/libfoo.so.1"],
    ["libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6"],
  ];

  it("reads the new format", () => {
    expect(parseLdCache(newFormat(entries)).map((e) => [e.name, e.path, e.flags])).toEqual(
      entries.map(([k, v]) => [k, v, 0x0303]),
    );
  });

  it("reads the old format", () => {
    expect(parseLdCache(oldFormat(entries)).map((e) => [e.name, e.path])).toEqual(entries);
  });

  it("prefers the new table of a combined file", () => {
    const combined = oldFormat([["libold.so", "/old/libold.so"]], newFormat(entries));
    expect(parseLdCache(combined).map((e) => e.name)).toEqual(["libfoo.so.1", "libc.so.6"]);
  });

  it("rejects garbage and truncation", () => {
    expect(() => parseLdCache(Buffer.from("not a cache at all"))).toThrow(LdCacheFormatError);
    expect(() => parseLdCache(newFormat(entries).subarray(0, 60))).toThrow(LdCacheFormatError);
  });

  it("drives LibraryResolver from a given cache file", () => {
    const dir = mkdtempSync(join(tmpdir(), "bcc-ts-ldcache-"));
    try {
      const path = join(dir, "ld.so.cache");
      writeFileSync(path, newFormat(entries));
      const r = new LibraryResolver({ ldCachePath: path, libraryDirs: [] });
      expect(r.findLibrary("foo")).toBe("/opt/lib/libfoo.so.1");
      expect(r.findLibrary("foo.so.1")).toBe("/opt/lib/libfoo.so.1");
      expect(r.findLibrary("libfoo.so.1")).toBe("/opt/lib/libfoo.so.1");
      expect(r.findLibrary("fo")).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const libcPath = "/lib/x86_64-linux-gnu/libc.so.6";
const libcSkip = existsSync(libcPath) ? undefined : `${libcPath} does not exist`;

describe.skipIf(libcSkip !== undefined)(`findLibrary on this machine${libcSkip ? ` (skipped: ${libcSkip})` : ""}`, () => {
  const same = (a: string | undefined, b: string) => a !== undefined && realpathSync(a) === realpathSync(b);

  it("finds c, m and pthread like BPF.find_library", () => {
    expect(same(findLibrary("c"), libcPath)).toBe(true);
    expect(findLibrary("c")).toMatch(/\/libc\.so\.6$/);
    expect(findLibrary("m")).toMatch(/\/libm\.so\.6$/);
    expect(findLibrary("pthread")).toMatch(/\/libpthread\.so\.0$/);
    expect(same(findLibrary("libc.so.6"), libcPath)).toBe(true);
    expect(findLibrary("no_such_library_bcc_ts")).toBeUndefined();
  });

  it("passes paths through and falls back to the library directories without a cache", () => {
    expect(findLibrary("/some/where/libx.so")).toBe("/some/where/libx.so");
    const r = new LibraryResolver({ ldCachePath: "/nonexistent/ld.so.cache" });
    expect(same(r.findLibrary("c"), libcPath)).toBe(true);
  });

  it("finds the libc this process has mapped", () => {
    const mapped = findLibraryInProcess("c", process.pid);
    expect(mapped).toBeDefined();
    expect(same(mapped, libcPath)).toBe(true);
    expect(same(findLibrary("c", process.pid), libcPath)).toBe(true);
  });
});

describe("findExecutable / resolveBinary", () => {
  it("searches PATH like BPF.find_exe", () => {
    const sh = findExecutable("sh");
    expect(sh).toMatch(/\/sh$/);
    expect(findExecutable("no-such-binary-bcc-ts")).toBeUndefined();
    expect(new LibraryResolver({ path: "/nonexistent" }).findExecutable("sh")).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), "bcc-ts-exe-"));
    try {
      const plain = join(dir, "not-executable");
      writeFileSync(plain, "data", { mode: 0o644 });
      expect(findExecutable(plain)).toBeUndefined();
      expect(new LibraryResolver({ path: dir }).findExecutable("not-executable")).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("resolves uprobe targets: paths, libraries, then executables", () => {
    const r = new LibraryResolver();
    expect(r.resolveBinary("/bin/bash")).toBe("/bin/bash");
    expect(r.resolveBinary("c")).toMatch(/\/libc\.so\.6$/);
    expect(r.resolveBinary("sh")).toMatch(/\/sh$/);
  });
});
