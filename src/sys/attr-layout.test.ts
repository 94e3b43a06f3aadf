/**
 * Layouts checked against offsets measured with offsetof() on the uapi headers (linux/bpf.h and
 * linux/perf_event.h of Linux 6.1, compiled with gcc on x86_64), plus the fields added later whose
 * position follows from the 6.4+ header text (log_true_size right after core_relo_rec_size,
 * btf_log_true_size after btf_log_level, config3 after sig_data).
 */
import { describe, expect, it } from "vitest";
import * as L from "./attr-layout.ts";
import { encode, layoutSize, readName, readU32, readU64, type Layout } from "./attr-layout.ts";

function offsets(layout: Layout): Record<string, number> {
  return Object.fromEntries(Object.entries(layout).map(([k, v]) => [k, v.offset]));
}

describe("union bpf_attr layouts", () => {
  it("MAP_CREATE", () => {
    expect(offsets(L.MAP_CREATE)).toEqual({
      map_type: 0, key_size: 4, value_size: 8, max_entries: 12, map_flags: 16, inner_map_fd: 20, numa_node: 24,
      map_name: 28, map_ifindex: 44, btf_fd: 48, btf_key_type_id: 52, btf_value_type_id: 56,
      btf_vmlinux_value_type_id: 60, map_extra: 64,
    });
    expect(layoutSize(L.MAP_CREATE)).toBe(72);
  });

  it("MAP_*_ELEM", () => {
    expect(offsets(L.MAP_ELEM)).toEqual({ map_fd: 0, key: 8, value: 16, next_key: 16, flags: 24 });
  });

  it("MAP_*_BATCH", () => {
    expect(offsets(L.MAP_BATCH)).toEqual({
      in_batch: 0, out_batch: 8, keys: 16, values: 24, count: 32, map_fd: 36, elem_flags: 40, flags: 48,
    });
  });

  it("PROG_LOAD (log_buf at 32, kern_version at 40)", () => {
    expect(offsets(L.PROG_LOAD)).toEqual({
      prog_type: 0, insn_cnt: 4, insns: 8, license: 16, log_level: 24, log_size: 28, log_buf: 32,
      kern_version: 40, prog_flags: 44, prog_name: 48, prog_ifindex: 64, expected_attach_type: 68,
      prog_btf_fd: 72, func_info_rec_size: 76, func_info: 80, func_info_cnt: 88, line_info_rec_size: 92,
      line_info: 96, line_info_cnt: 104, attach_btf_id: 108, attach_prog_fd: 112, attach_btf_obj_fd: 112,
      core_relo_cnt: 116, fd_array: 120, core_relos: 128, core_relo_rec_size: 136, log_true_size: 140,
    });
    expect(layoutSize(L.PROG_LOAD)).toBe(144);
  });

  it("OBJ_PIN/OBJ_GET, PROG_TEST_RUN, ids, info, raw tracepoint", () => {
    expect(offsets(L.OBJ)).toEqual({ pathname: 0, bpf_fd: 8, file_flags: 12 });
    expect(offsets(L.TEST_RUN)).toEqual({
      prog_fd: 0, retval: 4, data_size_in: 8, data_size_out: 12, data_in: 16, data_out: 24, repeat: 32,
      duration: 36, ctx_size_in: 40, ctx_size_out: 44, ctx_in: 48, ctx_out: 56, flags: 64, cpu: 68, batch_size: 72,
    });
    expect(offsets(L.GET_ID)).toEqual({ start_id: 0, id: 0, next_id: 4, open_flags: 8 });
    expect(offsets(L.INFO)).toEqual({ bpf_fd: 0, info_len: 4, info: 8 });
    expect(offsets(L.RAW_TRACEPOINT)).toEqual({ name: 0, prog_fd: 8 });
  });

  it("BTF_LOAD, LINK_CREATE, LINK_DETACH, ENABLE_STATS", () => {
    expect(offsets(L.BTF_LOAD)).toEqual({
      btf: 0, btf_log_buf: 8, btf_size: 16, btf_log_size: 20, btf_log_level: 24, btf_log_true_size: 28,
    });
    expect(offsets(L.LINK_CREATE)).toEqual({
      prog_fd: 0, target_fd: 4, attach_type: 8, flags: 12, target_btf_id: 16, perf_event_bpf_cookie: 16,
      tracing_target_btf_id: 16, tracing_cookie: 24, iter_info: 16, iter_info_len: 24,
    });
    expect(offsets(L.LINK_DETACH)).toEqual({ link_fd: 0 });
    expect(offsets(L.ENABLE_STATS)).toEqual({ type: 0 });
  });
});

describe("info struct layouts", () => {
  it("bpf_prog_info", () => {
    expect(offsets(L.PROG_INFO)).toEqual({
      type: 0, id: 4, tag: 8, jited_prog_len: 16, xlated_prog_len: 20, jited_prog_insns: 24,
      xlated_prog_insns: 32, load_time: 40, created_by_uid: 48, nr_map_ids: 52, map_ids: 56, name: 64,
      ifindex: 80, netns_dev: 88, netns_ino: 96, nr_jited_ksyms: 104, nr_jited_func_lens: 108,
      jited_ksyms: 112, jited_func_lens: 120, btf_id: 128, func_info_rec_size: 132, func_info: 136,
      nr_func_info: 144, nr_line_info: 148, line_info: 152, jited_line_info: 160, nr_jited_line_info: 168,
      line_info_rec_size: 172, jited_line_info_rec_size: 176, nr_prog_tags: 180, prog_tags: 184,
      run_time_ns: 192, run_cnt: 200, recursion_misses: 208, verified_insns: 216, attach_btf_obj_id: 220,
      attach_btf_id: 224,
    });
  });

  it("bpf_map_info, bpf_link_info, bpf_btf_info", () => {
    expect(offsets(L.MAP_INFO)).toEqual({
      type: 0, id: 4, key_size: 8, value_size: 12, max_entries: 16, map_flags: 20, name: 24, ifindex: 40,
      btf_vmlinux_value_type_id: 44, netns_dev: 48, netns_ino: 56, btf_id: 64, btf_key_type_id: 68,
      btf_value_type_id: 72, map_extra: 80,
    });
    expect(layoutSize(L.MAP_INFO)).toBe(88);
    expect(offsets(L.LINK_INFO)).toEqual({
      type: 0, id: 4, prog_id: 8, raw_tp_name: 16, raw_tp_name_len: 24, tracing_attach_type: 16,
      tracing_target_obj_id: 20, tracing_target_btf_id: 24,
    });
    expect(offsets(L.BTF_INFO)).toEqual({ btf: 0, btf_size: 8, id: 12, name: 16, name_len: 24, kernel_btf: 28 });
  });
});

describe("perf_event_attr layout", () => {
  it("field offsets and size", () => {
    expect(offsets(L.PERF_EVENT_ATTR)).toEqual({
      type: 0, size: 4, config: 8, sample_period: 16, sample_freq: 16, sample_type: 24, read_format: 32,
      flags: 40, wakeup_events: 48, wakeup_watermark: 48, bp_type: 52, config1: 56, config2: 64,
      branch_sample_type: 72, sample_regs_user: 80, sample_stack_user: 88, clockid: 92, sample_regs_intr: 96,
      aux_watermark: 104, sample_max_stack: 108, aux_sample_size: 112, sig_data: 120, config3: 128,
    });
    expect(L.PERF_ATTR_SIZE).toBe(136);
  });

  it("flag bit positions", () => {
    // Measured by setting each bitfield on the 6.1 header and locating the bit in the u64 at 40.
    expect(L.PERF_ATTR_FLAG).toEqual({
      disabled: 0, inherit: 1, pinned: 2, exclusive: 3, exclude_user: 4, exclude_kernel: 5, exclude_hv: 6,
      exclude_idle: 7, mmap: 8, comm: 9, freq: 10, inherit_stat: 11, enable_on_exec: 12, task: 13,
      watermark: 14, precise_ip: 15, mmap_data: 17, sample_id_all: 18, exclude_host: 19, exclude_guest: 20,
      exclude_callchain_kernel: 21, exclude_callchain_user: 22, mmap2: 23, comm_exec: 24, use_clockid: 25,
      context_switch: 26, write_backward: 27, namespaces: 28, ksymbol: 29, bpf_event: 30, aux_output: 31,
      cgroup: 32, text_poke: 33, build_id: 34, inherit_thread: 35, remove_on_exec: 36, sigtrap: 37,
    });
  });

  it("perf_event_mmap_page ring fields", () => {
    expect(offsets(L.PERF_MMAP_PAGE)).toEqual({ data_head: 1024, data_tail: 1032, data_offset: 1040, data_size: 1048 });
  });
});

describe("encode/read", () => {
  it("writes little-endian fields at their offsets and leaves the rest zero", () => {
    const buf = encode(L.MAP_CREATE, { map_type: 2, key_size: 4, value_size: 8, max_entries: 1, map_name: "counts", map_extra: 0x1_0000_0002n });
    expect(buf.byteLength).toBe(72);
    expect([...buf.subarray(0, 16)]).toEqual([2, 0, 0, 0, 4, 0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0]);
    expect(readName(buf, L.MAP_CREATE.map_name)).toBe("counts");
    expect(readU64(buf, L.MAP_CREATE.map_extra)).toBe(0x1_0000_0002n);
    expect(buf[20]).toBe(0);
  });

  it("truncates names to 15 bytes so the NUL always fits", () => {
    const buf = encode(L.MAP_CREATE, { map_name: "a_very_long_map_name_indeed" });
    expect(readName(buf, L.MAP_CREATE.map_name)).toBe("a_very_long_map");
    expect(buf[28 + 15]).toBe(0);
  });

  it("rejects unknown fields and wrong value kinds", () => {
    expect(() => encode(L.MAP_ELEM, { nope: 1 } as never)).toThrow(/no field nope/);
    expect(() => encode(L.MAP_CREATE, { map_name: 3 })).toThrow(TypeError);
  });

  it("writes u64 negative values as two's complement and u32 via readU32", () => {
    const buf = encode(L.MAP_ELEM, { flags: -1, map_fd: 7 });
    expect(readU64(buf, L.MAP_ELEM.flags)).toBe(0xffff_ffff_ffff_ffffn);
    expect(readU32(buf, L.MAP_ELEM.map_fd)).toBe(7);
  });
});
