/**
 * The sandbox end to end, in-process and without the kernel: scripts that try to escape get a
 * PermissionError, runaway scripts are stopped, Ctrl-C reaches the guest as KeyboardInterrupt.
 * (The BPF side, which needs root, is in sandbox.kernel.test.ts.)
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runSandboxed, type InterruptSource, type SandboxOptions } from "./sandbox.ts";

const dir = mkdtempSync(join(tmpdir(), "bcc-ts-sandbox-"));
const outside = mkdtempSync(join(tmpdir(), "bcc-ts-outside-"));
writeFileSync(join(outside, "secret.json"), '{"secret": 42}');
writeFileSync(join(outside, "secret.h"), "int secret;");
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

let n = 0;
async function run(source: string, opts: Partial<SandboxOptions> & { ext?: string } = {}) {
  const file = join(dir, `s${n++}.${opts.ext ?? "js"}`);
  writeFileSync(file, source);
  let out = "";
  let err = "";
  const r = await runSandboxed({ script: file, stdout: (s) => void (out += s), stderr: (s) => void (err += s), ...opts });
  return { ...r, out, err, file };
}

/** An interrupt source that fires `after` ms into the first blocking wait. */
function interruptAfter(after: number): InterruptSource {
  return {
    listen(cb) {
      const t = setTimeout(cb, after);
      return () => clearTimeout(t);
    },
  };
}

describe("sandbox: what a script may not do", () => {
  it("require('fs') is a PermissionError", async () => {
    const r = await run(`const fs = require("fs");`);
    expect(r.exitCode).toBe(1);
    expect(r.err).toMatch(/^bcc-ts: .*s\d+\.js:1: permission denied: the sandbox has no module fs/);
  });

  it("a computed require() is a PermissionError too", async () => {
    const r = await run(`const name = ["f", "s"].join(""); try { require(name); } catch (e) { console.log(e.name); }`);
    expect(r.out).toBe("PermissionError\n");
  });

  it("static and dynamic imports of Node built-ins are PermissionErrors", async () => {
    const a = await run(`import { readFileSync } from "node:fs"; console.log(readFileSync("/etc/shadow", "utf8"));`);
    expect(a.exitCode).toBe(1);
    expect(a.err).toMatch(/permission denied: the sandbox has no module node:fs/);
    const b = await run(`
      import("node:fs").then(() => console.log("loaded"), (e) => console.log("a", e.name));
      import("fs").then(() => console.log("loaded"), (e) => console.log("b", e.name));
      import("child_process").then(() => console.log("loaded"), (e) => console.log("c", e.name));
      import("net").then(() => console.log("loaded"), (e) => console.log("d", e.name));`);
    expect(b.out.split("\n").sort().join(" ").trim()).toBe("a PermissionError b PermissionError c PermissionError d PermissionError");
    expect(b.exitCode).toBe(0);
  });

  it("fetch is a PermissionError, and there is no process.env", async () => {
    const r = await run(`console.log(JSON.stringify(process.env)); fetch("http://127.0.0.1/");`);
    expect(r.out).toBe("{}\n");
    expect(r.exitCode).toBe(1);
    expect(r.err).toMatch(/s\d+\.js:1: permission denied: the sandbox has no network access/);
  });

  it("new BPF({src_file: '/etc/shadow'}) is refused before anything is read", async () => {
    const r = await run(`import { BPF } from "bcc-ts";\ntry { new BPF({ src_file: "/etc/shadow" }); } catch (e) { console.log(e.name, e instanceof PermissionError); }`);
    expect(r.out).toBe("PermissionError true\n");
  });

  it("#include of a file outside the grants is refused (the compiler reads on the host)", async () => {
    const r = await run(`import { BPF } from "bcc-ts";\nnew BPF({ text: '#include "${join(outside, "secret.h")}"\\nint x;' });`);
    expect(r.exitCode).toBe(1);
    expect(r.err).toMatch(/s\d+\.js:2: permission denied: cannot #include .*secret\.h/);
    const m = await run(`import { BPF } from "bcc-ts";\nnew BPF({ text: '#define F "${join(outside, "secret.h")}"\\n#include F\\nint x;' });`);
    expect(m.err).toMatch(/permission denied: #include F/);
  });

  it("importing a file outside the script's directory is refused", async () => {
    const r = await run(`import s from "${join(outside, "secret.json")}"; console.log(s);`);
    expect(r.exitCode).toBe(1);
    expect(r.err).toMatch(/permission denied: cannot import .*secret\.json/);
    expect(r.out).toBe("");
  });

  it("fs under --allow-read/--allow-write works only inside the grants", async () => {
    const out = join(outside, "out.txt");
    const r = await run(`import { readFileSync, writeFileSync } from "fs";
      console.log(readFileSync(${JSON.stringify(join(outside, "secret.json"))}, "utf8"));
      writeFileSync(${JSON.stringify(out)}, "written");
      try { readFileSync("/etc/shadow", "utf8"); } catch (e) { console.log(e.name); }
      try { writeFileSync(${JSON.stringify(join(dir, "x.txt"))}, "no"); } catch (e) { console.log(e.name); }`, { permissions: { allowRead: [join(outside, "secret.json")], allowWrite: [out] } });
    expect(r.err).toBe("");
    expect(r.out).toBe('{"secret": 42}\nPermissionError\nPermissionError\n');
    expect(readFileSync(out, "utf8")).toBe("written");
  });

  it("child_process only with --allow-run", async () => {
    const denied = await run(`import { execFileSync } from "child_process";`);
    expect(denied.err).toMatch(/--allow-run/);
    const allowed = await run(`import { execFileSync } from "child_process"; console.log(execFileSync("/bin/echo", ["hi"]).trim());`, { permissions: { allowRun: true } });
    expect(allowed.out).toBe("hi\n");
  });
});

describe("sandbox: bounds", () => {
  it("a runaway loop ends at --timeout with exit 124", async () => {
    const t0 = Date.now();
    const r = await run(`console.log("start"); while (true) {}`, { timeout: 1 });
    expect(r.exitCode).toBe(124);
    expect(r.out).toBe("start\n");
    expect(r.err).toMatch(/^bcc-ts: .*: timed out after 1 s \(--timeout\)\n$/);
    expect(Date.now() - t0).toBeLessThan(15_000);
  });

  it("--timeout also ends a script blocked in sleep", async () => {
    const r = await run(`sleep(1000);`, { timeout: 0.5 });
    expect(r.exitCode).toBe(124);
  });

  it("an allocation bomb ends at --memory with exit 137", async () => {
    const r = await run(`const a = []; while (true) a.push("x".repeat(1000) + a.length);`, { memory: 32, timeout: 60 });
    expect(r.exitCode).toBe(137);
    expect(r.err).toMatch(/out of memory: the script needed more than 32 MB \(--memory\)/);
  });

  it("one big allocation beyond --memory is refused too", async () => {
    const r = await run(`const b = new Uint8Array(64 * 1024 * 1024); console.log(b.length);`, { memory: 16, timeout: 60 });
    expect(r.exitCode).toBe(137);
  });
});

describe("sandbox: Ctrl-C", () => {
  it("arrives in sleep as a catchable KeyboardInterrupt; the script prints its summary and exits 0", async () => {
    const t0 = Date.now();
    const r = await run(`import { KeyboardInterrupt } from "bcc-ts";
      let seen = 0;
      try { sleep(99999999); } catch (e) { if (e instanceof KeyboardInterrupt) console.log("summary: detaching"); else throw e; }`, { interrupts: interruptAfter(100) });
    expect(r.out).toBe("summary: detaching\n");
    expect(r.exitCode).toBe(0);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it("uncaught, it ends the script with exit 130 and no message", async () => {
    const r = await run(`sleep(99999999); console.log("not reached");`, { interrupts: interruptAfter(50) });
    expect(r.exitCode).toBe(130);
    expect(r.out).toBe("");
    expect(r.err).toBe("");
  });
});

describe("sandbox: what a script gets", () => {
  it("argv, console formatting, timers, exit codes", async () => {
    const r = await run(`console.log(process.argv.slice(2), 5n, { a: [1, "x"] }, "%d items", 3);
      setTimeout(() => console.log("later"), 20);
      const t = setInterval(() => { console.log("tick"); clearInterval(t); }, 5);
      console.error("to stderr");
      process.exitCode = 4;`, { args: ["-p", "42"] });
    expect(r.out).toBe("[ '-p', '42' ] 5n { a: [ 1, 'x' ] } %d items 3\ntick\nlater\n");
    expect(r.err).toBe("to stderr\n");
    expect(r.exitCode).toBe(4);
    const e = await run(`console.log("a"); process.exit(3); console.log("b");`);
    expect(e.out).toBe("a\n");
    expect(e.exitCode).toBe(3);
    const caught = await run(`try { process.exit(5); } catch (e) { console.log("swallowed"); } while (true) {}`, { timeout: 20 });
    expect(caught.exitCode).toBe(5);
  });

  it("errors are one line with the script's own line number, also for TypeScript", async () => {
    const r = await run(`const a: number = 1;\ninterface X { y: string }\nfunction f(x: X): void { (null as any).foo(); }\nf({ y: "" });\n`, { ext: "ts" });
    expect(r.exitCode).toBe(1);
    expect(r.err).toMatch(/^bcc-ts: .*s\d+\.ts:3: TypeError: .*foo.*\n$/);
  });

  it("local imports and yargs work", async () => {
    writeFileSync(join(dir, "helper.ts"), "export const twice = (n: number): number => n * 2;\n");
    const r = await run(`import yargs from "yargs";
      import { hideBin } from "yargs/helpers";
      import { twice } from "./helper.ts";
      const argv = yargs(hideBin(process.argv)).option("pid", { alias: "p", type: "number" }).option("verbose", { type: "boolean" }).parseSync();
      console.log(twice(argv.pid), argv.verbose, argv._);`, { args: ["-p", "21", "--verbose", "extra"] });
    expect(r.err).toBe("");
    expect(r.out).toBe("42 true [ 'extra' ]\n");
  });

  it("yargs --help prints usage", async () => {
    const r = await run(`import yargs from "yargs";
      yargs(process.argv.slice(2)).scriptName("mytool").option("pid", { type: "number", describe: "trace this pid" }).help().parseSync();`, { args: ["--help"] });
    expect(r.out).toMatch(/--pid\s+trace this pid/);
  });

  it("a syntax error is reported with its location, before anything runs", async () => {
    const r = await run(`console.log("x");\nconst = 1;\n`);
    expect(r.exitCode).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/s\d+\.js:2: /);
  });
});


describe("sandbox: includes through cflags", () => {
  it("-include and -I cannot reach files outside the grants", async () => {
    const a = await run(`import { BPF } from "bcc-ts";\nnew BPF({ text: "int x;", cflags: ["-include", ${JSON.stringify(join(outside, "secret.h"))}] });`);
    expect(a.exitCode).toBe(1);
    expect(a.err).toMatch(/permission denied: cannot #include .*secret\.h/);
    const b = await run(`import { BPF } from "bcc-ts";\nnew BPF({ text: "#include <secret.h>\\nint x;", cflags: ["-I${outside}"] });`);
    expect(b.exitCode).toBe(1);
    expect(b.err).toMatch(/permission denied: cannot #include .*secret\.h/);
  });
});

describe("sandbox: a symlinked script", () => {
  it("reads its files next to the link's target", async () => {
    const real = mkdtempSync(join(tmpdir(), "bcc-ts-real-"));
    const links = mkdtempSync(join(tmpdir(), "bcc-ts-links-"));
    try {
      writeFileSync(join(real, "helper.js"), "export const v = 7;\n");
      writeFileSync(join(real, "tool.js"), `import { v } from "./helper.js"; console.log(v);\n`);
      symlinkSync(join(real, "tool.js"), join(links, "tool.js"));
      let out = "";
      let err = "";
      const r = await runSandboxed({ script: join(links, "tool.js"), stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
      expect(err).toBe("");
      expect(out).toBe("7\n");
      expect(r.exitCode).toBe(0);
    } finally {
      rmSync(real, { recursive: true, force: true });
      rmSync(links, { recursive: true, force: true });
    }
  });
});

describe("sandbox: USDT and RegExp values", () => {
  it("USDT and USDTError are exported; a binary without probes gives a catchable USDTError", async () => {
    const r = await run(`import { USDT, USDTError } from "bcc-ts";
      const u = new USDT({ path: "/bin/true" });
      console.log(typeof USDT, u.path, JSON.stringify(u.enumerate_probes()), u.enabled.length);
      try { u.enable_probe({ probe: "nope", fn_name: "f" }); } catch (e) { console.log(e instanceof USDTError, e.name, e.message); }`);
    expect(r.err).toBe("");
    expect(r.out).toBe("function /bin/true [] 0\ntrue USDTError USDT: /bin/true has no USDT probes (no .note.stapsdt section)\n");
    expect(r.exitCode).toBe(0);
  });

  it("an uncaught USDTError is one line at the script's line, without a class label", async () => {
    const r = await run(`import { USDT } from "bcc-ts";\n\nnew USDT({ pid: 2 ** 22 + 1 });\n`);
    expect(r.exitCode).toBe(1);
    expect(r.err).toMatch(/^bcc-ts: \S+s\d+\.js:3: USDT: no process with pid 4194305\n$/);
  });

  it("enable_probe_or_bail prints BCC's line and exits 1", async () => {
    const r = await run(`import { USDT } from "bcc-ts";\nconst u = new USDT({ path: "/bin/true" });\nu.enable_probe_or_bail("nope", "f");\nconsole.log("not reached");`);
    expect(r.exitCode).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toBe("Error attaching USDT probes: USDT: /bin/true has no USDT probes (no .note.stapsdt section)\n");
  });

  it("new BPF({ usdt_contexts }) refuses anything but USDT objects", async () => {
    const r = await run(`import { BPF } from "bcc-ts";\nnew BPF({ text: "int f(void *ctx) { return 0; }", usdt_contexts: [{ pid: 1 }] });\n`);
    expect(r.exitCode).toBe(1);
    expect(r.err).toMatch(/^bcc-ts: \S+:2: new BPF\(\): usdt_contexts must hold USDT objects/);
  });
});

describe("sandbox: the guest's value codec agrees with the host's (marshal.ts)", () => {
  it("a RegExp from the guest arrives on the host as the same RegExp", async () => {
    const { runInNewContext } = await import("node:vm");
    const { GUEST_PRELUDE } = await import("./guest-prelude.ts");
    const { decodeValue, encodeValue } = await import("./marshal.ts");
    const seen: unknown[][] = [];
    const host = {
      call: (json: string) => {
        seen.push(decodeValue(json) as unknown[]);
        return encodeValue({ ok: /back[0-9]+/m });
      },
      wait: () => encodeValue({ ok: undefined }),
      write: () => undefined,
    };
    const config = { argv: [], pid: 1, cwd: "/", bpfStatics: ["get_kprobe_functions"], bpfConstants: {}, columns: 80 };
    const g = runInNewContext(`${GUEST_PRELUDE}(host, config); const r = __bcc.BPF.get_kprobe_functions(/^a\\/b[c]+$/giu); [r.source, r.flags, r instanceof RegExp];`, { host, config }) as unknown[];
    expect(seen).toHaveLength(1);
    const [op, name, re] = seen[0]!;
    expect([op, name]).toEqual(["bpf.static", "get_kprobe_functions"]);
    expect(re).toBeInstanceOf(RegExp);
    expect((re as RegExp).source).toBe("^a\\/b[c]+$");
    expect((re as RegExp).flags).toBe("giu");
    // And back: the host's RegExp reaches the guest as a RegExp of the guest's realm.
    expect(g).toEqual(["back[0-9]+", "m", true]);
  });
});
