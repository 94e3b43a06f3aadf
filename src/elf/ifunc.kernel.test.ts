/**
 * The IFUNC story on the real kernel: a uprobe at glibc's strlen symbol (the resolver, where BCC
 * attaches) fires only while a process starts, while one at the implementation followIfuncs picks
 * fires on every strlen call.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { followIfuncs } from "./ifunc.ts";
import { resolveSymbol } from "./resolve-symbol.ts";
import { UprobeScratch } from "./testing/tracefs-uprobes.ts";

const LIBC = "/lib/x86_64-linux-gnu/libc.so.6";

describeKernel("IFUNC targets on the real kernel", () => {
  it.skipIf(!existsSync(LIBC))("probes the strlen implementation that actually runs", () => {
    const resolver = resolveSymbol(LIBC, "strlen")[0]!;
    const [impl] = followIfuncs(LIBC, [resolver]);
    expect(impl?.ifuncResolver).toBe(resolver.address);
    using s = new UprobeScratch("ifunc");
    s.add("impl", `${LIBC}:0x${impl!.offset.toString(16)}`);
    s.enable("impl");
    // sh -c with a loop makes many strlen calls in one pid.
    const run = spawnSync("/bin/sh", ["-c", "for i in 1 2 3 4 5 6 7 8; do echo $i; done; ls / >/dev/null"]);
    s.enable("impl", false);
    expect(run.status).toBe(0);
    expect(s.lines("impl", run.pid!).length).toBeGreaterThan(5);
  });
});
