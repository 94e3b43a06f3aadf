import { describe, expect, it } from "vitest";
import { editDistance, suggest } from "./suggest.ts";

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and transpositions", () => {
    expect(editDistance("pid", "pid")).toBe(0);
    expect(editDistance("pidd", "pid")).toBe(1);
    expect(editDistance("pd", "pid")).toBe(1);
    expect(editDistance("tgid", "tpid")).toBe(1);
    expect(editDistance("cmom", "comm")).toBe(1); // transposition
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
  it("stops early past the limit", () => {
    expect(editDistance("abcdefgh", "zzzzzzzz", 2)).toBe(3);
    expect(editDistance("a", "abcdef", 2)).toBe(3);
  });
});

describe("suggest", () => {
  it("ranks the closest names first and drops distant ones", () => {
    // One edit each; equal distance prefers the candidate closest in length.
    expect(suggest("pidd", ["tgid", "pid", "comm", "pids"])).toEqual(["pids", "pid"]);
    expect(suggest("real_parnet", ["real_parent", "parent", "children"])).toEqual(["real_parent"]);
    expect(suggest("xyz", ["pid", "comm"])).toEqual([]);
  });
  it("matches case-insensitively and is deterministic", () => {
    expect(suggest("PID", ["pid", "pad"])[0]).toBe("pid");
    expect(suggest("ab", ["ac", "aa", "ad"])).toEqual(["aa", "ac", "ad"]);
  });
});
