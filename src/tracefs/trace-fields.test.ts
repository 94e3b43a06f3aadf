import { describe, expect, it } from "vitest";
import { parseLostEvents, parseTraceLine, traceFieldsTuple } from "./trace-fields.ts";

describe("parseTraceLine", () => {
  it.each([
    // 6.x trace_marker line, exactly as read from this machine's trace_pipe.
    [
      "           <...>-4495    [001] ...1.   276.631583: tracing_mark_write: hello marker-3307",
      { task: "<...>", pid: 4495, cpu: 1, flags: "...1.", ts: 276.631583, event: "tracing_mark_write", msg: "hello marker-3307" },
    ],
    // 5.x+ bpf_trace_printk.
    [
      "            bash-12345   [000] d..31  1234.567890: bpf_trace_printk: Hello, World!",
      { task: "bash", pid: 12345, cpu: 0, flags: "d..31", ts: 1234.56789, event: "bpf_trace_printk", msg: "Hello, World!" },
    ],
    // 4.13–4.x: an unresolved address in place of the symbol.
    [
      "          <idle>-0     [003] d.h.  3535.180303: 0x00000001: hello",
      { task: "<idle>", pid: 0, cpu: 3, flags: "d.h.", ts: 3535.180303, event: "0x00000001", msg: "hello" },
    ],
    // 4.12 and older: empty symbol, ": : msg".
    [
      "     sshd-1234  [002] ....  1.000001: : old style msg",
      { task: "sshd", pid: 1234, cpu: 2, flags: "....", ts: 1.000001, event: "", msg: "old style msg" },
    ],
    // Task names with spaces and dashes; a workqueue-decorated kworker name.
    [
      "     Web Content-456     [001] ...1.    10.000000: bpf_trace_printk: tab opened",
      { task: "Web Content", pid: 456, cpu: 1, msg: "tab opened" },
    ],
    [
      "kworker/u4:1-events_unbound-123     [000] d..2.    11.5: bpf_trace_printk: work",
      { task: "kworker/u4:1-events_unbound", pid: 123, cpu: 0, ts: 11.5, msg: "work" },
    ],
    [
      "  systemd-journal-299     [000] ....   12.000001: bpf_trace_printk: x",
      { task: "systemd-journal", pid: 299, msg: "x" },
    ],
    // Messages containing colons, brackets and text that looks like a line header.
    [
      "            node-77      [001] ...1.    13.000000: bpf_trace_printk: a: b [c] foo-12 [001] ...1. 1.0: d",
      { task: "node", pid: 77, cpu: 1, msg: "a: b [c] foo-12 [001] ...1. 1.0: d" },
    ],
    // Empty message.
    ["            node-77      [001] ...1.    13.000000: bpf_trace_printk: ", { msg: "" }],
    // Trailing newline as returned by a raw read.
    ["            node-77      [001] ...1.    13.000000: bpf_trace_printk: nl\n", { msg: "nl" }],
  ])("%s", (line, expected) => {
    expect(parseTraceLine(line)).toMatchObject(expected);
  });

  it("reads the tgid column of options/record-tgid", () => {
    const withTgid = parseTraceLine("            curl-2001    (   1999) [000] ...1.   400.000001: bpf_trace_printk: t");
    expect(withTgid).toMatchObject({ task: "curl", pid: 2001, tgid: 1999, cpu: 0, flags: "...1.", msg: "t" });
    // Unknown tgid: the kernel prints dashes; as read on this machine.
    const unknown = parseTraceLine("           <...>-4495    (-------) [001] ...1.   278.942040: tracing_mark_write: hello tgid-3307");
    expect(unknown).toMatchObject({ task: "<...>", pid: 4495, cpu: 1, ts: 278.94204, msg: "hello tgid-3307" });
    expect(unknown && "tgid" in unknown).toBe(false);
  });

  it("parses lines without the flags column (options/irq-info off)", () => {
    expect(parseTraceLine("            bash-1       [000]   5.000000: bpf_trace_printk: no flags")).toMatchObject({
      task: "bash",
      pid: 1,
      cpu: 0,
      flags: "",
      ts: 5,
      msg: "no flags",
    });
    // A message that starts like a timestamp must not be taken for one.
    expect(parseTraceLine("            bash-1       [000]   5.000000: 12: x")).toMatchObject({ ts: 5, flags: "", msg: "12: x" });
    expect(parseTraceLine("            bash-1       [000] 5.0: 12: x")).toMatchObject({ ts: 5, flags: "", msg: "12: x" });
  });

  it("accepts integer timestamps of counter trace clocks and keeps the printed text", () => {
    const f = parseTraceLine("            bash-1       [000] ....  98765432101: bpf_trace_printk: c");
    expect(f).toMatchObject({ ts: 98765432101, tsText: "98765432101", msg: "c" });
    expect(parseTraceLine("            bash-1       [000] ....  1.000000001: e: m")?.tsText).toBe("1.000000001");
  });

  it("keeps a message that has no event prefix", () => {
    expect(parseTraceLine("            bash-1       [000] ....   1.000000: plain message")).toMatchObject({ msg: "plain message" });
  });

  it("skips lines that carry no event", () => {
    expect(parseTraceLine("CPU:1 [LOST 42 EVENTS]")).toBeUndefined();
    expect(parseTraceLine("##### CPU 0 buffer started ####")).toBeUndefined();
    expect(parseTraceLine("# tracer: nop")).toBeUndefined();
    expect(parseTraceLine("")).toBeUndefined();
    expect(parseTraceLine("garbage without structure")).toBeUndefined();
  });

  it("gives BCC's tuple order", () => {
    const f = parseTraceLine("            bash-12345   [000] d..31  1234.567890: bpf_trace_printk: Hi");
    if (!f) throw new Error("no parse");
    expect(traceFieldsTuple(f)).toEqual(["bash", 12345, 0, "d..31", 1234.56789, "Hi"]);
  });
});

describe("parseLostEvents", () => {
  it("reads the lost-events notice", () => {
    expect(parseLostEvents("CPU:1 [LOST 42 EVENTS]")).toEqual({ cpu: 1, lost: 42 });
    expect(parseLostEvents("            bash-1       [000] ....   1.0: x")).toBeUndefined();
  });
});
