import { describe, expect, it } from "vitest";
import { defineLine, parseCflags } from "./cflags.ts";

describe("parseCflags", () => {
  it("parses -D/-U/-I in order, joined or split, and ignores the rest", () => {
    const r = parseCflags(["-DNUMCPUS=2", "-D", "DEBUG", "-UFOO", "-I/path/a", "-I", "rel/b", "-Wno-macro-redefined", "-O2", "-isystem", "/sys", "-include", "pre.h"]);
    expect(r.macros).toEqual([
      { kind: "define", name: "NUMCPUS", text: "#define NUMCPUS 2" },
      { kind: "define", name: "DEBUG", text: "#define DEBUG 1" },
      { kind: "undef", name: "FOO" },
    ]);
    expect(r.includeDirs).toEqual(["/path/a", "rel/b", "/sys"]);
    expect(r.forcedIncludes).toEqual(["pre.h"]);
    expect(r.ignored).toEqual(["-Wno-macro-redefined", "-O2"]);
    expect(r.errors).toEqual([]);
  });

  it("supports empty values and function-like -D", () => {
    expect(defineLine("EMPTY=")).toEqual({ name: "EMPTY", text: "#define EMPTY " });
    expect(defineLine("SQ(x)=((x)*(x))")).toEqual({ name: "SQ", text: "#define SQ(x) ((x)*(x))" });
    expect(defineLine("S=\"a b\"")).toEqual({ name: "S", text: '#define S "a b"' });
  });

  it("reports malformed flags", () => {
    const r = parseCflags(["-D", "-D1X", "-U", "-Ubad-name", "-I"]);
    // A split -D/-U takes the next item as its argument, whatever it looks like.
    expect(r.errors).toEqual(["invalid macro definition '-D1X'", "invalid macro name '-Ubad-name'", "missing argument to '-I'"]);
    expect(r.macros).toEqual([]);
  });
});
