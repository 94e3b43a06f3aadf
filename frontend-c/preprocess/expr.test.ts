import { describe, expect, it } from "vitest";
import { evaluate, type ExprResult } from "./expr.ts";
import { lexFile } from "./lexer.ts";

function ev(src: string): ExprResult {
  return evaluate(lexFile(src, 0).lines[0]?.tokens ?? []);
}
function val(src: string): string {
  const r = ev(src);
  if (!r.ok) throw new Error(`${src}: ${r.message}`);
  return `${r.value.v}${r.value.unsigned ? "u" : ""}`;
}

describe("#if expressions", () => {
  it("follows C precedence and associativity", () => {
    expect(val("1 + 2 * 3")).toBe("7");
    expect(val("(1 + 2) * 3")).toBe("9");
    expect(val("10 - 4 - 3")).toBe("3");
    expect(val("1 << 2 + 1")).toBe("8");
    expect(val("1 | 2 ^ 3 & 4")).toBe("3");
    expect(val("1 < 2 == 1")).toBe("1");
    expect(val("0 || 1 && 0")).toBe("0");
    expect(val("1 ? 2 : 0 ? 3 : 4")).toBe("2");
    expect(val("0 ? 2 : 0 ? 3 : 4")).toBe("4");
    expect(val("(1, 2)")).toBe("2");
    expect(val("-~0")).toBe("1");
    expect(val("!!7 + +3")).toBe("4");
  });

  it("uses 64-bit signed and unsigned arithmetic with the usual conversions", () => {
    expect(val("-1 < 0u")).toBe("0");
    expect(val("-1 > 0")).toBe("0");
    expect(val("0xffffffffffffffff")).toBe("18446744073709551615u");
    expect(val("0x7fffffffffffffff + 1")).toBe("-9223372036854775808");
    expect(val("18446744073709551615u + 1")).toBe("0u");
    expect(val("-1u")).toBe("18446744073709551615u");
    expect(val("(1 ? -1 : 0u)")).toBe("18446744073709551615u");
    expect(val("-7 / 2")).toBe("-3");
    expect(val("-7 % 2")).toBe("-1");
    expect(val("-8 >> 1")).toBe("-4");
    expect(val("1 << 63")).toBe("-9223372036854775808");
    expect(val("1u << 64")).toBe("0u");
    expect(val("~0u >> 60")).toBe("15u");
  });

  it("parses every integer literal form", () => {
    expect(val("0x1F + 017 + 0b101 + 10")).toBe(String(31 + 15 + 5 + 10));
    expect(val("10UL + 2ll + 3LLU + 4lu")).toBe("19u");
  });

  it("evaluates character constants", () => {
    expect(val("'a'")).toBe("97");
    expect(val("'\\n' + '\\0' + '\\x41' + '\\101'")).toBe(String(10 + 0 + 65 + 65));
    expect(val("'\\377'")).toBe("-1");
    expect(val("'ab'")).toBe(String(0x6162));
    expect(val("L'\\xffffffff'")).toBe("-1");
    expect(val("u'\\xffff'")).toBe("65535");
    expect(val("'é'")).toBe(String(0xc3a9));
  });

  it("treats leftover identifiers as 0", () => {
    expect(val("FOO + 1")).toBe("1");
    expect(val("true")).toBe("0");
  });

  it("short-circuits: division by zero is fine where not evaluated", () => {
    expect(val("0 && 1 / 0")).toBe("0");
    expect(val("1 || 1 % 0")).toBe("1");
    expect(val("1 ? 2 : 1 / 0")).toBe("2");
    expect(val("0 ? 1 / 0 : 3")).toBe("3");
  });

  it("reports errors with the offending token", () => {
    const cases: [string, string, string | undefined][] = [
      ["1 / 0", "division by zero in #if", "/"],
      ["1 % 0", "remainder by zero in #if", "%"],
      ["1 +", "#if expression ends unexpectedly", "+"],
      ["(1", "missing ')' in expression", "("],
      ["1 2", 'missing binary operator before token "2"', "2"],
      ["1.0", "floating constant in preprocessor expression", "1.0"],
      ["09", 'invalid digit in octal constant "09"', "09"],
      ["1 ? 2", "expected ':' in conditional expression", "2"],
      ["1 = 2", 'token "=" is not valid in preprocessor expressions', "="],
      ["(1))", "missing '(' in expression", ")"],
      ['"s"', 'token ""s"" is not valid in preprocessor expressions', '"s"'],
      ["1xyz", 'invalid integer constant "1xyz" in #if', "1xyz"],
      ["''", "empty character constant", "''"],
      ["99999999999999999999", 'integer constant "99999999999999999999" is too large', "99999999999999999999"],
      ["", "#if with no expression", undefined],
    ];
    for (const [src, message, at] of cases) {
      const r = ev(src);
      expect(r.ok, src).toBe(false);
      if (!r.ok) expect([r.message, r.at?.text], src).toEqual([message, at]);
    }
  });

  it("bounds nesting instead of overflowing the stack", () => {
    const r = ev(`${"(".repeat(5000)}1${")".repeat(5000)}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe("#if expression nested too deeply");
    expect(ev(`${"-".repeat(5000)}1`).ok).toBe(false);
    expect(val(`${"(".repeat(100)}1${")".repeat(100)}`)).toBe("1");
  });
});
