/**
 * @fileoverview Prototypes of the BPF helpers callable by name, as data. Ids come from the
 * instruction-set table (src/isa/helpers.ts); this file adds what C needs: argument kinds and the
 * return type. Signatures follow include/uapi/linux/bpf.h (the helper documentation comments).
 */
import { helperId } from "../../src/isa/helpers.ts";
import { T, type CType, ptrTo } from "./types.ts";

/**
 * How an argument is checked and passed:
 * map: a map (`&m` or `m`); ptr: a pointer/array; ptr-or-null: also 0; int: any integer (passed as
 * 64 bits); ctx: the program context pointer (any pointer); fn: a static callback function.
 */
export type ArgKind = "map" | "ptr" | "ptr-or-null" | "int" | "ctx" | "fn";

export interface HelperProto {
  name: string; // C name, "bpf_ktime_get_ns"
  id: number;
  args: ArgKind[];
  ret: CType;
  /** Extra variadic integer args allowed after `args` (trace_printk, snprintf-style: none). */
  varargs?: number;
}

const u64 = T.ullong;
const long = T.long;
const voidp = ptrTo(T.void);

const PROTOS: [string, ArgKind[], CType, number?][] = [
  ["map_lookup_elem", ["map", "ptr"], voidp],
  ["map_update_elem", ["map", "ptr", "ptr", "int"], long],
  ["map_delete_elem", ["map", "ptr"], long],
  ["map_push_elem", ["map", "ptr", "int"], long],
  ["map_pop_elem", ["map", "ptr"], long],
  ["map_peek_elem", ["map", "ptr"], long],
  ["probe_read", ["ptr", "int", "ptr-or-null"], long],
  ["probe_read_str", ["ptr", "int", "ptr-or-null"], long],
  ["probe_read_kernel", ["ptr", "int", "ptr-or-null"], long],
  ["probe_read_user", ["ptr", "int", "ptr-or-null"], long],
  ["probe_read_kernel_str", ["ptr", "int", "ptr-or-null"], long],
  ["probe_read_user_str", ["ptr", "int", "ptr-or-null"], long],
  ["probe_write_user", ["ptr", "ptr", "int"], long],
  ["ktime_get_ns", [], u64],
  ["ktime_get_boot_ns", [], u64],
  ["ktime_get_coarse_ns", [], u64],
  ["ktime_get_tai_ns", [], u64],
  ["jiffies64", [], u64],
  ["trace_printk", ["ptr", "int"], long, 3],
  ["get_prandom_u32", [], T.uint],
  ["get_smp_processor_id", [], T.uint],
  ["get_numa_node_id", [], long],
  ["get_current_pid_tgid", [], u64],
  ["get_current_uid_gid", [], u64],
  ["get_current_comm", ["ptr", "int"], long],
  ["get_current_task", [], u64],
  ["get_current_cgroup_id", [], u64],
  ["get_current_ancestor_cgroup_id", ["int"], u64],
  ["perf_event_output", ["ctx", "map", "int", "ptr", "int"], long],
  ["get_stackid", ["ctx", "map", "int"], long],
  ["get_stack", ["ctx", "ptr", "int", "int"], long],
  ["tail_call", ["ctx", "map", "int"], long],
  ["ringbuf_output", ["map", "ptr", "int", "int"], long],
  ["ringbuf_reserve", ["map", "int", "int"], voidp],
  ["ringbuf_submit", ["ptr", "int"], T.void],
  ["ringbuf_discard", ["ptr", "int"], T.void],
  ["ringbuf_query", ["map", "int"], u64],
  ["loop", ["int", "fn", "ptr-or-null", "int"], long],
  ["snprintf", ["ptr", "int", "ptr", "ptr-or-null", "int"], long],
  ["send_signal", ["int"], long],
  ["send_signal_thread", ["int"], long],
  ["override_return", ["ctx", "int"], long],
  ["get_func_ip", ["ctx"], u64],
  ["get_attach_cookie", ["ctx"], u64],
  ["get_ns_current_pid_tgid", ["int", "int", "ptr", "int"], long],
  ["for_each_map_elem", ["map", "fn", "ptr-or-null", "int"], long],
  // Helpers BCC tools call (uapi bpf.h prototypes; task/pointer results as u64 to cast, as in BCC).
  ["perf_event_read", ["map", "int"], u64],
  ["perf_event_read_value", ["map", "int", "ptr", "int"], long],
  ["perf_prog_read_value", ["ctx", "ptr", "int"], long],
  ["redirect_map", ["map", "int", "int"], long],
  // A BTF pointer to the current task: `struct task_struct *t = bpf_get_current_task_btf();`.
  ["get_current_task_btf", [], voidp],
  ["task_pt_regs", ["int"], u64],
  ["get_socket_cookie", ["ctx"], u64],
  ["skb_load_bytes", ["ctx", "int", "ptr", "int"], long],
  ["get_task_stack", ["int", "ptr", "int", "int"], long],
  ["d_path", ["int", "ptr", "int"], long],
  ["task_storage_get", ["map", "int", "ptr-or-null", "int"], voidp],
  ["task_storage_delete", ["map", "int"], long],
  ["sk_storage_get", ["map", "int", "ptr-or-null", "int"], voidp],
  ["get_func_arg", ["ctx", "int", "ptr"], long],
  ["get_func_ret", ["ctx", "ptr"], long],
  ["get_func_arg_cnt", ["ctx"], long],
  ["read_branch_records", ["ctx", "ptr-or-null", "int", "int"], long],
  ["get_branch_snapshot", ["ptr", "int", "int"], long],
  ["get_current_cgroup_id", [], u64],
  ["skb_output", ["ctx", "map", "int", "ptr", "int"], long],
  ["strncmp", ["ptr", "int", "ptr"], long],
  ["copy_from_user", ["ptr", "int", "ptr-or-null"], long],
];

/** Builds the name → prototype table (call once per compile context; it is small). */
export function buildHelperTable(): Map<string, HelperProto> {
  const out = new Map<string, HelperProto>();
  for (const [bare, args, ret, varargs] of PROTOS) {
    const id = helperId(bare);
    if (id === undefined) continue; // unknown to the isa table: not callable
    const p: HelperProto = { name: `bpf_${bare}`, id, args, ret };
    if (varargs !== undefined) p.varargs = varargs;
    out.set(p.name, p);
  }
  return out;
}
