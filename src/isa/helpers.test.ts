import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Helper, HELPER_NAMES, helperId, helperName, MAX_HELPER_ID } from "./helpers.ts";

describe("helper table", () => {
  it("matches the kernel's enum bpf_func_id at well-known ids", () => {
    // Spot checks against include/uapi/linux/bpf.h (___BPF_FUNC_MAPPER).
    expect(Helper.map_lookup_elem).toBe(1);
    expect(Helper.trace_printk).toBe(6);
    expect(Helper.tail_call).toBe(12);
    expect(Helper.get_current_pid_tgid).toBe(14);
    expect(Helper.perf_event_output).toBe(25);
    expect(Helper.probe_read_str).toBe(45);
    expect(Helper.probe_read_kernel).toBe(113);
    expect(Helper.ringbuf_output).toBe(130);
    expect(Helper.loop).toBe(181);
    expect(Helper.user_ringbuf_drain).toBe(209);
    expect(Helper.cgrp_storage_delete).toBe(211);
  });

  it("equals enum bpf_func_id of the 6.18 kernel's BTF, id for id", () => {
    const text = readFileSync(new URL("./fixtures/bpf-func-id-6.18.h", import.meta.url), "utf8");
    const kernel = [...text.matchAll(/^\s*BPF_FUNC_(\w+) = (\d+),$/gm)].map((m) => [Number(m[2]), m[1]]);
    expect(kernel).toHaveLength(212);
    expect(kernel).toEqual(HELPER_NAMES.map((name, id) => [id, name]));
  });

  it("covers ids 0..211 with unique names", () => {
    expect(MAX_HELPER_ID).toBe(211);
    expect(HELPER_NAMES).toHaveLength(212);
    expect(new Set(HELPER_NAMES).size).toBe(212);
    for (const name of HELPER_NAMES) expect(name).toMatch(/^[a-z0-9_]+$/);
  });

  it("looks names and ids up both ways", () => {
    expect(helperName(6)).toBe("trace_printk");
    expect(helperName(0)).toBeUndefined();
    expect(helperName(212)).toBeUndefined();
    expect(helperId("bpf_ktime_get_ns")).toBe(5);
    expect(helperId("ktime_get_ns")).toBe(5);
    expect(helperId("unspec")).toBeUndefined();
    expect(helperId("toString")).toBeUndefined();
    expect(() => {
      (Helper as Record<string, number>).map_lookup_elem = 9;
    }).toThrow(TypeError);
  });
});
