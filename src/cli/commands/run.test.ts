import { describe, expect, it } from "vitest";
import { splitArgv } from "./run.ts";

const parsed = (script: string, args: string[] = []) => ({ script, args, "allow-run": false, node: false });

describe("bcc-ts run: argument split", () => {
  it("passes everything after the script to the script, verbatim", () => {
    const { args, scriptArgs } = splitArgv(["run", "--timeout", "5", "tool.js", "-p", "42", "--timeout", "9", "--node"], parsed("tool.js"));
    expect(args.timeout).toBe(5);
    expect(args.node).toBe(false);
    expect(scriptArgs).toEqual(["-p", "42", "--timeout", "9", "--node"]);
  });

  it("reads our options before the script, in both --opt value and --opt=value forms, repeated", () => {
    const { args, scriptArgs } = splitArgv(["run", "--allow-read", "/a", "--allow-read=/b", "--allow-write", "/c", "--allow-run", "--memory=64", "--node", "t.ts"], parsed("t.ts"));
    expect(args["allow-read"]).toEqual(["/a", "/b"]);
    expect(args["allow-write"]).toEqual(["/c"]);
    expect(args["allow-run"]).toBe(true);
    expect(args.memory).toBe(64);
    expect(args.node).toBe(true);
    expect(scriptArgs).toEqual([]);
  });

  it("does not take an option's value for the script", () => {
    const { scriptArgs, args } = splitArgv(["run", "--allow-read", "x.js", "x.js", "a"], parsed("x.js"));
    expect(args["allow-read"]).toEqual(["x.js"]);
    expect(scriptArgs).toEqual(["a"]);
  });
});
