/**
 * Byte layouts of the kernel structs we build or read (union bpf_attr per command, bpf_*_info,
 * perf_event_attr) as data, plus a tiny encoder/decoder over them. Offsets are the uapi's
 * (include/uapi/linux/bpf.h, perf_event.h) on 64-bit little-endian targets; layout.test.ts asserts each
 * one against values measured with offsetof() on the uapi header.
 *
 * Pure: pointers are written as numbers the caller supplies (see `addressOf` in ffi.ts).
 */

export type FieldKind = "u8" | "u16" | "u32" | "i32" | "u64" | "name16";

export interface Field {
  readonly offset: number;
  readonly kind: FieldKind;
}

export type Layout = Readonly<Record<string, Field>>;

const SIZES: Record<FieldKind, number> = { u8: 1, u16: 2, u32: 4, i32: 4, u64: 8, name16: 16 };

function f(offset: number, kind: FieldKind): Field {
  return { offset, kind };
}

/** End offset of the last field: the attr size to pass to the kernel. */
export function layoutSize(layout: Layout): number {
  let end = 0;
  for (const field of Object.values(layout)) end = Math.max(end, field.offset + SIZES[field.kind]);
  return (end + 7) & ~7;
}

export type FieldValue = number | bigint | string | undefined;

/** Write `values` into a fresh zeroed buffer of `size` bytes (default: the layout's size). */
export function encode<L extends Layout>(
  layout: L,
  values: { readonly [K in keyof L]?: FieldValue },
  size = layoutSize(layout),
): Uint8Array {
  const buf = new Uint8Array(size);
  const dv = new DataView(buf.buffer);
  for (const [name, value] of Object.entries(values) as [string, FieldValue][]) {
    if (value === undefined) continue;
    const field = layout[name];
    if (field === undefined) throw new Error(`attr layout has no field ${name}`);
    writeField(buf, dv, field, value, name);
  }
  return buf;
}

function writeField(buf: Uint8Array, dv: DataView, field: Field, value: number | bigint | string, name: string): void {
  const { offset, kind } = field;
  if (kind === "name16") {
    if (typeof value !== "string") throw new TypeError(`${name}: expected a string`);
    // The kernel accepts [A-Za-z0-9_.] only and needs the NUL within 16 bytes: callers sanitize
    // (sanitizeObjectName); here we only enforce the length.
    const bytes = new TextEncoder().encode(value);
    buf.set(bytes.subarray(0, 15), offset);
    return;
  }
  if (typeof value === "string") throw new TypeError(`${name}: expected a number`);
  switch (kind) {
    case "u8":
      dv.setUint8(offset, Number(value));
      break;
    case "u16":
      dv.setUint16(offset, Number(value), true);
      break;
    case "u32":
      dv.setUint32(offset, Number(value) >>> 0, true);
      break;
    case "i32":
      dv.setInt32(offset, Number(value), true);
      break;
    case "u64":
      dv.setBigUint64(offset, BigInt.asUintN(64, BigInt(value)), true);
      break;
  }
}

/** Read one numeric field (u64 as bigint). */
export function readField(buf: Uint8Array, field: Field): number | bigint {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  switch (field.kind) {
    case "u8":
      return dv.getUint8(field.offset);
    case "u16":
      return dv.getUint16(field.offset, true);
    case "u32":
      return dv.getUint32(field.offset, true);
    case "i32":
      return dv.getInt32(field.offset, true);
    case "u64":
      return dv.getBigUint64(field.offset, true);
    case "name16":
      throw new TypeError("readField: use readName for name16 fields");
  }
}

export function readU32(buf: Uint8Array, field: Field): number {
  return Number(readField(buf, field));
}

export function readU64(buf: Uint8Array, field: Field): bigint {
  return BigInt(readField(buf, field));
}

/** A NUL-terminated name field (bpf object names). */
export function readName(buf: Uint8Array, field: Field): string {
  const bytes = buf.subarray(field.offset, field.offset + SIZES[field.kind]);
  const nul = bytes.indexOf(0);
  return new TextDecoder().decode(nul < 0 ? bytes : bytes.subarray(0, nul));
}

// ---- union bpf_attr, per command -------------------------------------------------------------

/** BPF_MAP_CREATE */
export const MAP_CREATE = {
  map_type: f(0, "u32"),
  key_size: f(4, "u32"),
  value_size: f(8, "u32"),
  max_entries: f(12, "u32"),
  map_flags: f(16, "u32"),
  inner_map_fd: f(20, "u32"),
  numa_node: f(24, "u32"),
  map_name: f(28, "name16"),
  map_ifindex: f(44, "u32"),
  btf_fd: f(48, "u32"),
  btf_key_type_id: f(52, "u32"),
  btf_value_type_id: f(56, "u32"),
  btf_vmlinux_value_type_id: f(60, "u32"),
  map_extra: f(64, "u64"),
} as const satisfies Layout;

/** BPF_MAP_*_ELEM and BPF_MAP_GET_NEXT_KEY (value and next_key share offset 16). */
export const MAP_ELEM = {
  map_fd: f(0, "u32"),
  key: f(8, "u64"),
  value: f(16, "u64"),
  next_key: f(16, "u64"),
  flags: f(24, "u64"),
} as const satisfies Layout;

/** BPF_MAP_*_BATCH */
export const MAP_BATCH = {
  in_batch: f(0, "u64"),
  out_batch: f(8, "u64"),
  keys: f(16, "u64"),
  values: f(24, "u64"),
  count: f(32, "u32"),
  map_fd: f(36, "u32"),
  elem_flags: f(40, "u64"),
  flags: f(48, "u64"),
} as const satisfies Layout;

/** BPF_PROG_LOAD. log_true_size (Linux 6.4+) is written back by the kernel. */
export const PROG_LOAD = {
  prog_type: f(0, "u32"),
  insn_cnt: f(4, "u32"),
  insns: f(8, "u64"),
  license: f(16, "u64"),
  log_level: f(24, "u32"),
  log_size: f(28, "u32"),
  log_buf: f(32, "u64"),
  kern_version: f(40, "u32"),
  prog_flags: f(44, "u32"),
  prog_name: f(48, "name16"),
  prog_ifindex: f(64, "u32"),
  expected_attach_type: f(68, "u32"),
  prog_btf_fd: f(72, "u32"),
  func_info_rec_size: f(76, "u32"),
  func_info: f(80, "u64"),
  func_info_cnt: f(88, "u32"),
  line_info_rec_size: f(92, "u32"),
  line_info: f(96, "u64"),
  line_info_cnt: f(104, "u32"),
  attach_btf_id: f(108, "u32"),
  // attach_prog_fd and attach_btf_obj_fd are a union at 112.
  attach_prog_fd: f(112, "u32"),
  attach_btf_obj_fd: f(112, "u32"),
  core_relo_cnt: f(116, "u32"),
  fd_array: f(120, "u64"),
  core_relos: f(128, "u64"),
  core_relo_rec_size: f(136, "u32"),
  log_true_size: f(140, "u32"),
} as const satisfies Layout;

/** BPF_OBJ_PIN / BPF_OBJ_GET */
export const OBJ = {
  pathname: f(0, "u64"),
  bpf_fd: f(8, "u32"),
  file_flags: f(12, "u32"),
} as const satisfies Layout;

/** BPF_PROG_TEST_RUN (alias BPF_PROG_RUN) */
export const TEST_RUN = {
  prog_fd: f(0, "u32"),
  retval: f(4, "u32"),
  data_size_in: f(8, "u32"),
  data_size_out: f(12, "u32"),
  data_in: f(16, "u64"),
  data_out: f(24, "u64"),
  repeat: f(32, "u32"),
  duration: f(36, "u32"),
  ctx_size_in: f(40, "u32"),
  ctx_size_out: f(44, "u32"),
  ctx_in: f(48, "u64"),
  ctx_out: f(56, "u64"),
  flags: f(64, "u32"),
  cpu: f(68, "u32"),
  batch_size: f(72, "u32"),
} as const satisfies Layout;

/** BPF_*_GET_NEXT_ID and BPF_*_GET_FD_BY_ID (start_id/prog_id/map_id/btf_id/link_id share offset 0). */
export const GET_ID = {
  start_id: f(0, "u32"),
  id: f(0, "u32"),
  next_id: f(4, "u32"),
  open_flags: f(8, "u32"),
} as const satisfies Layout;

/** BPF_OBJ_GET_INFO_BY_FD */
export const INFO = {
  bpf_fd: f(0, "u32"),
  info_len: f(4, "u32"),
  info: f(8, "u64"),
} as const satisfies Layout;

/** BPF_RAW_TRACEPOINT_OPEN */
export const RAW_TRACEPOINT = {
  name: f(0, "u64"),
  prog_fd: f(8, "u32"),
} as const satisfies Layout;

/** BPF_BTF_LOAD. btf_log_true_size (Linux 6.4+) is written back by the kernel. */
export const BTF_LOAD = {
  btf: f(0, "u64"),
  btf_log_buf: f(8, "u64"),
  btf_size: f(16, "u32"),
  btf_log_size: f(20, "u32"),
  btf_log_level: f(24, "u32"),
  btf_log_true_size: f(28, "u32"),
} as const satisfies Layout;

/** BPF_LINK_CREATE. The 16.. area is a union keyed by attach type. */
export const LINK_CREATE = {
  prog_fd: f(0, "u32"),
  target_fd: f(4, "u32"),
  attach_type: f(8, "u32"),
  flags: f(12, "u32"),
  target_btf_id: f(16, "u32"),
  perf_event_bpf_cookie: f(16, "u64"),
  tracing_target_btf_id: f(16, "u32"),
  tracing_cookie: f(24, "u64"),
  iter_info: f(16, "u64"),
  iter_info_len: f(24, "u32"),
} as const satisfies Layout;

/** BPF_LINK_DETACH */
export const LINK_DETACH = {
  link_fd: f(0, "u32"),
} as const satisfies Layout;

/** BPF_ENABLE_STATS */
export const ENABLE_STATS = {
  type: f(0, "u32"),
} as const satisfies Layout;

// ---- info structs (OBJ_GET_INFO_BY_FD output) --------------------------------------------------

/** struct bpf_prog_info (fields up to attach_btf_id; the kernel fills only what we ask room for). */
export const PROG_INFO = {
  type: f(0, "u32"),
  id: f(4, "u32"),
  tag: f(8, "u64"),
  jited_prog_len: f(16, "u32"),
  xlated_prog_len: f(20, "u32"),
  jited_prog_insns: f(24, "u64"),
  xlated_prog_insns: f(32, "u64"),
  load_time: f(40, "u64"),
  created_by_uid: f(48, "u32"),
  nr_map_ids: f(52, "u32"),
  map_ids: f(56, "u64"),
  name: f(64, "name16"),
  ifindex: f(80, "u32"),
  netns_dev: f(88, "u64"),
  netns_ino: f(96, "u64"),
  nr_jited_ksyms: f(104, "u32"),
  nr_jited_func_lens: f(108, "u32"),
  jited_ksyms: f(112, "u64"),
  jited_func_lens: f(120, "u64"),
  btf_id: f(128, "u32"),
  func_info_rec_size: f(132, "u32"),
  func_info: f(136, "u64"),
  nr_func_info: f(144, "u32"),
  nr_line_info: f(148, "u32"),
  line_info: f(152, "u64"),
  jited_line_info: f(160, "u64"),
  nr_jited_line_info: f(168, "u32"),
  line_info_rec_size: f(172, "u32"),
  jited_line_info_rec_size: f(176, "u32"),
  nr_prog_tags: f(180, "u32"),
  prog_tags: f(184, "u64"),
  run_time_ns: f(192, "u64"),
  run_cnt: f(200, "u64"),
  recursion_misses: f(208, "u64"),
  verified_insns: f(216, "u32"),
  attach_btf_obj_id: f(220, "u32"),
  attach_btf_id: f(224, "u32"),
} as const satisfies Layout;

/** struct bpf_map_info */
export const MAP_INFO = {
  type: f(0, "u32"),
  id: f(4, "u32"),
  key_size: f(8, "u32"),
  value_size: f(12, "u32"),
  max_entries: f(16, "u32"),
  map_flags: f(20, "u32"),
  name: f(24, "name16"),
  ifindex: f(40, "u32"),
  btf_vmlinux_value_type_id: f(44, "u32"),
  netns_dev: f(48, "u64"),
  netns_ino: f(56, "u64"),
  btf_id: f(64, "u32"),
  btf_key_type_id: f(68, "u32"),
  btf_value_type_id: f(72, "u32"),
  map_extra: f(80, "u64"),
} as const satisfies Layout;

/** struct bpf_link_info (common part and the raw_tracepoint / tracing / perf_event variants). */
export const LINK_INFO = {
  type: f(0, "u32"),
  id: f(4, "u32"),
  prog_id: f(8, "u32"),
  raw_tp_name: f(16, "u64"),
  raw_tp_name_len: f(24, "u32"),
  tracing_attach_type: f(16, "u32"),
  tracing_target_obj_id: f(20, "u32"),
  tracing_target_btf_id: f(24, "u32"),
} as const satisfies Layout;

/** Size we reserve for bpf_link_info: the largest variant in 6.x is well below this. */
export const LINK_INFO_SIZE = 96;

/** struct bpf_btf_info */
export const BTF_INFO = {
  btf: f(0, "u64"),
  btf_size: f(8, "u32"),
  id: f(12, "u32"),
  name: f(16, "u64"),
  name_len: f(24, "u32"),
  kernel_btf: f(28, "u32"),
} as const satisfies Layout;

// ---- perf_event_attr ---------------------------------------------------------------------------

/**
 * struct perf_event_attr. Unions: sample_period/sample_freq (16), wakeup_events/wakeup_watermark
 * (48), config1 = bp_addr = kprobe_func = uprobe_path (56), config2 = bp_len = kprobe_addr =
 * probe_offset (64). The flag bits live in one u64 at 40 (PERF_ATTR_FLAG).
 */
export const PERF_EVENT_ATTR = {
  type: f(0, "u32"),
  size: f(4, "u32"),
  config: f(8, "u64"),
  sample_period: f(16, "u64"),
  sample_freq: f(16, "u64"),
  sample_type: f(24, "u64"),
  read_format: f(32, "u64"),
  flags: f(40, "u64"),
  wakeup_events: f(48, "u32"),
  wakeup_watermark: f(48, "u32"),
  bp_type: f(52, "u32"),
  config1: f(56, "u64"),
  config2: f(64, "u64"),
  branch_sample_type: f(72, "u64"),
  sample_regs_user: f(80, "u64"),
  sample_stack_user: f(88, "u32"),
  clockid: f(92, "i32"),
  sample_regs_intr: f(96, "u64"),
  aux_watermark: f(104, "u32"),
  sample_max_stack: f(108, "u16"),
  aux_sample_size: f(112, "u32"),
  sig_data: f(120, "u64"),
  config3: f(128, "u64"),
} as const satisfies Layout;

/** PERF_ATTR_SIZE_VER8 (Linux 6.3+, adds config3). Older kernels accept it when the tail is zero. */
export const PERF_ATTR_SIZE = 136;

/** Bit positions in perf_event_attr's flags word (offset 40). precise_ip is 2 bits at 15. */
export const PERF_ATTR_FLAG = {
  disabled: 0,
  inherit: 1,
  pinned: 2,
  exclusive: 3,
  exclude_user: 4,
  exclude_kernel: 5,
  exclude_hv: 6,
  exclude_idle: 7,
  mmap: 8,
  comm: 9,
  freq: 10,
  inherit_stat: 11,
  enable_on_exec: 12,
  task: 13,
  watermark: 14,
  precise_ip: 15,
  mmap_data: 17,
  sample_id_all: 18,
  exclude_host: 19,
  exclude_guest: 20,
  exclude_callchain_kernel: 21,
  exclude_callchain_user: 22,
  mmap2: 23,
  comm_exec: 24,
  use_clockid: 25,
  context_switch: 26,
  write_backward: 27,
  namespaces: 28,
  ksymbol: 29,
  bpf_event: 30,
  aux_output: 31,
  cgroup: 32,
  text_poke: 33,
  build_id: 34,
  inherit_thread: 35,
  remove_on_exec: 36,
  sigtrap: 37,
} as const;

export type PerfAttrFlagName = keyof typeof PERF_ATTR_FLAG;

/** struct perf_event_mmap_page: where the ring's head/tail and data area live in page 0. */
export const PERF_MMAP_PAGE = {
  data_head: f(1024, "u64"),
  data_tail: f(1032, "u64"),
  data_offset: f(1040, "u64"),
  data_size: f(1048, "u64"),
} as const satisfies Layout;
