/**
 * The examples of C11 6.10.3.3 and 6.10.3.5 with the results the standard gives (independent of gcc;
 * gcc-diff.test.ts checks the same inputs against gcc when it is installed).
 */
import { describe, expect, it } from "vitest";
import { SNIPPETS } from "./testdata/snippets.ts";
import { pp, tokens, where } from "./test-util.ts";

const expected: Record<string, string> = {
  "C11 6.10.3.5 EXAMPLE 3": `f(2 * (y+1)) + f(2 * (f(2 * (z[0])))) % f(2 * (0)) + t(1);
f(2 * (2+(3,4)-0,1)) | f(2 * (~ 5)) & f(2 * (0,1))^m(0,1);
int i[] = { 1, 23, 4, 5, };
char c[2][6] = { "hello", "" };`,
  "C11 6.10.3.5 EXAMPLE 4": `printf("x" "1" "= %d, x" "2" "= %s", x1, x2);
fputs("strncmp(\\"abc\\\\0d\\", \\"abc\\", '\\\\4') == 0" ": @\\n", s);
"vers2.h"
"hello";
"hello" ", world"`,
  "C11 6.10.3.5 EXAMPLE 5 (placemarkers)": "int j[] = { 123, 45, 67, 89, 10, 11, 12, };",
  "C11 6.10.3.3 EXAMPLE (hash_hash)": 'char p[] = "x ## y";',
  "C11 6.10.3.5 EXAMPLE 7 (variadic)": `fprintf(stderr, "Flag");
fprintf(stderr, "X = %d\\n", x);
puts("The first, second, and third items.");
((x>y)?puts("x>y"): printf("x is %d but y is %d", x, y));`,
};

describe("C11 examples", () => {
  for (const [name, want] of Object.entries(expected)) {
    it(name, () => {
      const src = SNIPPETS[name];
      expect(src).toBeDefined();
      const r = pp(src as string);
      expect(r.diags).toEqual([]);
      expect(tokens(r.text)).toBe(tokens(want));
    });
  }

  it("EXAMPLE 4 keeps the exact spelling of the stringized strncmp call", () => {
    const r = pp(SNIPPETS["C11 6.10.3.5 EXAMPLE 4"] as string);
    expect(r.text).toContain(`"strncmp(\\"abc\\\\0d\\", \\"abc\\", '\\\\4') == 0"`);
    expect(r.text).toContain('"vers2.h"');
  });

  it("EXAMPLE 6: valid and invalid redefinitions", () => {
    const valid = [
      "#define OBJ_LIKE (1-1)",
      "#define OBJ_LIKE /* white space */ (1-1) /* other */",
      "#define FUNC_LIKE(a) ( a )",
      "#define FUNC_LIKE( a )( /* note the white space */ \\",
      "a /* other stuff on this line",
      "*/ )",
    ].join("\n");
    expect(pp(valid).diags).toEqual([]);
    const invalid = [
      valid,
      "#define OBJ_LIKE (0) // different token sequence",
      "#define OBJ_LIKE (1 - 1) // different white space",
      "#define FUNC_LIKE(b) ( a ) // different parameter usage",
      "#define FUNC_LIKE(b) ( b ) // different parameter spelling",
    ].join("\n");
    expect(where(pp(invalid))).toEqual([
      "/src/main.c:7:9 pp/macro-redefined",
      "/src/main.c:8:9 pp/macro-redefined",
      "/src/main.c:9:9 pp/macro-redefined",
      "/src/main.c:10:9 pp/macro-redefined",
    ]);
  });
});
