import { expect, it } from "vitest";
import { runWithSys } from "./testing/child.ts";

it("Fd.adopt never keeps descriptor 0: it moves it to >= 3 and closes 0", async () => {
  const { stdout, stderr } = await runWithSys(`
    import { closeSync, openSync, fstatSync } from "node:fs";
    closeSync(0);
    const raw = openSync("/dev/null", "r");
    const fd = sys.Fd.adopt(raw, "was zero");
    let zeroOpen = true;
    try { fstatSync(0); } catch { zeroOpen = false; }
    console.log(JSON.stringify({ raw, adopted: fd.raw, zeroOpen }));
    fd.close();
  `);
  expect(stderr).toBe("");
  expect(JSON.parse(stdout)).toEqual({ raw: 0, adopted: expect.any(Number), zeroOpen: false });
  expect((JSON.parse(stdout) as { adopted: number }).adopted).toBeGreaterThanOrEqual(3);
});
