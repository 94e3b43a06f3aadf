/**
 * @fileoverview BCC's map declaration macros (BPF_HASH, BPF_ARRAY, BPF_TABLE("lru_hash", ...), ...)
 * with BCC's defaults (src/cc/export/helpers.h): which type arguments each takes, in which order,
 * and the size and flags used when they are left out. Table-type strings are BCC's names
 * ("hash", "percpu_array", "stacktrace", "prog", ...), mapped to our MapKind names.
 */
import type { MapMacroDecl, TypeName } from "../parse/ast.ts";
import type { Checker } from "./checker.ts";
import { constInt, resolveTypeName } from "./resolve-type.ts";
import { type CType, type MapDecl, T, arrayOf, isInt, sizeOf } from "./types.ts";

const BPF_F_NO_PREALLOC = 1;
const BPF_F_STACK_BUILD_ID = 1 << 5;

/** How a macro's arguments after the name are read. */
interface MacroShape {
  table: string;
  key?: CType;
  value?: CType;
  size: number;
  flags?: number;
  /** Meaning of each argument after the name, in order ("size" is the entry count). */
  args: ("key" | "value" | "size" | "pages" | "flags")[];
}

/** BCC table-type strings → our map kinds. "histogram" is decided by its key (see tableKind). */
const TABLE_KINDS: Record<string, string> = {
  hash: "hash", array: "array", histogram: "hash", prog: "prog_array", perf_output: "perf_event_array",
  perf_array: "perf_event_array", percpu_hash: "percpu_hash", percpu_array: "percpu_array",
  lru_hash: "lru_hash", lru_percpu_hash: "lru_percpu_hash", stacktrace: "stack_trace",
  cgroup_array: "cgroup_array", lpm_trie: "lpm_trie", array_of_maps: "array_of_maps",
  hash_of_maps: "hash_of_maps", queue: "queue", stack: "stack", ringbuf: "ringbuf",
  task_storage: "task_storage", devmap: "devmap", cpumap: "cpumap", xskmap: "xskmap",
  sockmap: "sockmap", sockhash: "sockhash", inode_storage: "inode_storage", sk_storage: "sk_storage",
};

function stackTraceValue(buildId: boolean): CType {
  // struct bpf_stacktrace { u64 ip[127]; } / bpf_stacktrace_buildid { struct bpf_stack_build_id trace[127]; }
  // (bpf_stack_build_id is 32 bytes: s32 status, u8 build_id[20], u64 offset-or-ip).
  return buildId ? arrayOf(arrayOf(T.uchar, 32), 127) : arrayOf(T.ullong, 127);
}

function macroShape(macro: string): MacroShape | undefined {
  const u64 = T.ullong;
  switch (macro) {
    case "BPF_HASH": return { table: "hash", key: u64, value: u64, size: 10240, args: ["key", "value", "size"] };
    case "BPF_LRU_HASH": return { table: "lru_hash", key: u64, value: u64, size: 10240, args: ["key", "value", "size"] };
    case "BPF_PERCPU_HASH": return { table: "percpu_hash", key: u64, value: u64, size: 10240, args: ["key", "value", "size"] };
    case "BPF_ARRAY": return { table: "array", key: T.int, value: u64, size: 10240, args: ["value", "size"] };
    case "BPF_PERCPU_ARRAY": return { table: "percpu_array", key: T.int, value: u64, size: 10240, args: ["value", "size"] };
    case "BPF_HISTOGRAM": return { table: "histogram", key: T.int, value: u64, size: 64, args: ["key", "size"] };
    case "BPF_LPM_TRIE": return { table: "lpm_trie", key: u64, value: u64, size: 10240, flags: BPF_F_NO_PREALLOC, args: ["key", "value", "size"] };
    case "BPF_PERF_OUTPUT": return { table: "perf_output", key: T.int, value: T.uint, size: 0, args: [] };
    case "BPF_PERF_ARRAY": return { table: "perf_array", key: T.int, value: T.uint, size: 0, args: ["size"] };
    case "BPF_RINGBUF_OUTPUT": return { table: "ringbuf", key: T.void, value: T.void, size: 4096, args: ["pages"] };
    case "BPF_STACK_TRACE": return { table: "stacktrace", key: T.int, value: stackTraceValue(false), size: 1024, args: ["size"] };
    case "BPF_STACK_TRACE_BUILDID": return { table: "stacktrace", key: T.int, value: stackTraceValue(true), size: 1024, flags: BPF_F_STACK_BUILD_ID, args: ["size"] };
    case "BPF_PROG_ARRAY": return { table: "prog", key: T.uint, value: T.uint, size: 0, args: ["size"] };
    case "BPF_CGROUP_ARRAY": return { table: "cgroup_array", key: T.int, value: T.uint, size: 0, args: ["size"] };
    case "BPF_QUEUE": return { table: "queue", key: T.void, value: u64, size: 1024, args: ["value", "size", "flags"] };
    case "BPF_STACK": return { table: "stack", key: T.void, value: u64, size: 1024, args: ["value", "size", "flags"] };
    case "BPF_DEVMAP": return { table: "devmap", key: T.int, value: T.int, size: 0, args: ["size"] };
    case "BPF_CPUMAP": return { table: "cpumap", key: T.int, value: T.uint, size: 0, args: ["size"] };
    case "BPF_XSKMAP": return { table: "xskmap", key: T.int, value: T.int, size: 0, args: ["size"] };
    case "BPF_TASK_STORAGE": return { table: "task_storage", key: T.int, value: u64, size: 0, flags: BPF_F_NO_PREALLOC, args: ["value"] };
    case "BPF_TABLE": case "BPF_F_TABLE": case "BPF_TABLE_PUBLIC": case "BPF_TABLE_SHARED": case "BPF_TABLE_PINNED":
      return { table: "", size: 0, args: ["key", "value", "size"] };
    default: return undefined;
  }
}

/** Our kind for a BCC table string; "histogram" is an array when keyed by a 4-byte int, as in BCC. */
function tableKind(table: string, key: CType): string | undefined {
  const base = table.split(":")[0]!;
  if (base === "histogram") return isInt(key) && sizeOf(key) === 4 ? "array" : "hash";
  return TABLE_KINDS[base];
}

/**
 * BCC's QUEUE/STACK name the value type before the size, and their name is the first argument like
 * every other macro; tree-sitter gives us types and one trailing size expression, which is all the
 * positional information we need.
 */
export function checkBccMapMacro(c: Checker, m: MapMacroDecl, add: (d: MapDecl) => void): void {
  const shape = macroShape(m.macro);
  if (!shape) {
    c.error("sema/unknown-map-macro", m.span, `unknown map declaration macro '${m.macro}'`);
    return;
  }
  const typeSlots = shape.args.filter((a) => a === "key" || a === "value");
  if (m.typeArgs.length > typeSlots.length) {
    c.error("sema/bad-map", m.span, `${m.macro} takes at most ${typeSlots.length} type argument(s)`);
    return;
  }
  const types: Record<string, CType> = {};
  m.typeArgs.forEach((tn: TypeName, i) => {
    types[typeSlots[i]!] = resolveTypeName(c, tn);
  });
  const key = types.key ?? shape.key ?? T.void;
  const value = types.value ?? shape.value ?? T.void;
  if (key.kind === "error" || value.kind === "error") return;
  const table = m.tableType ?? shape.table;
  const kind = tableKind(table, key);
  if (kind === undefined) {
    c.error("sema/bad-map", m.span, `unknown BCC table type "${table}"`);
    return;
  }
  let size = shape.size;
  if (m.sizeArg) {
    const v = constInt(c, m.sizeArg, "the map size");
    if (v === undefined) return;
    const n = shape.args.includes("pages") ? v * 4096n : v; // BCC counts ring buffer pages
    if (n < 0n || n > 0xffff_ffffn) {
      c.error("sema/bad-map", m.sizeArg.span, `the size of map '${m.name}' must be between 0 and 4294967295 (max_entries is a u32), not ${n}`);
    } else if (n === 0n && !kind.endsWith("storage")) {
      // The kernel refuses max_entries 0 for every map kind but the local-storage ones.
      c.error("sema/bad-map", m.sizeArg.span, `map '${m.name}' needs a size of at least 1 entry`);
    }
    size = n < 0n || n > 0xffff_ffffn ? 0 : Number(n); // still declared, so its uses are checked
  }
  // BCC rounds stack-trace map sizes up to a power of two (roundup_pow_of_two in helpers.h).
  if (kind === "stack_trace" && size > 0) size = 2 ** Math.ceil(Math.log2(size));
  if (size > 0xffff_ffff) {
    c.error("sema/bad-map", m.sizeArg?.span ?? m.span, `the size of map '${m.name}' rounds up to ${size} entries, more than max_entries (a u32) can hold`);
    size = 0;
  }
  let flags = shape.flags ?? 0;
  if (m.flagsArg) {
    const v = constInt(c, m.flagsArg, "the map flags");
    if (v === undefined) return;
    if (v < 0n || v > 0xffff_ffffn) {
      c.error("sema/bad-map", m.flagsArg.span, `the flags of map '${m.name}' must fit in 32 bits, not ${v}`);
    }
    flags = v < 0n || v > 0xffff_ffffn ? 0 : Number(v);
  }
  add({ name: m.name, kind, key, value, maxEntries: size, flags, span: m.span });
}
