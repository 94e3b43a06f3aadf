import { describe, expect, it } from "vitest";
import { ourWords } from "./main.ts";
import { plainCompileArgs } from "./commands/compile.ts";

describe("CLI fast paths", () => {
  it("plain `compile` options are parsed without yargs", () => {
    const a = plainCompileArgs(["prog.c", "--load", "-D", "X=1", "-DY", "--define=Z", "-I", "inc", "-Iinc2", "--test-run", "fn", "--no-color"]);
    expect(a).toEqual({ file: "prog.c", load: true, dump: false, json: false, define: ["X=1", "Y", "Z"], include: ["inc", "inc2"], "test-run": "fn", color: false });
    expect(plainCompileArgs(["-", "--json", "--dump"])).toMatchObject({ file: "-", json: true, dump: true });
  });

  it("anything unusual goes to yargs (help, unknown options, missing values, two files)", () => {
    for (const words of [[], ["--help"], ["prog.c", "-h"], ["prog.c", "--bogus"], ["prog.c", "-D"], ["prog.c", "-D", "--load"], ["a.c", "b.c"], ["prog.c", "--test-run"]]) {
      expect(plainCompileArgs(words), JSON.stringify(words)).toBeUndefined();
    }
  });

  it("run: our words end at the script", () => {
    expect(ourWords(["run", "--timeout", "5", "tool.js", "-p", "1"])).toEqual(["run", "--timeout", "5", "tool.js"]);
    expect(ourWords(["compile", "x.c"])).toEqual(["compile", "x.c"]);
  });
});
