/** fentry/fexit (BPF_PROG_TYPE_TRACING) attachment. The target's BTF id is fixed at load time. */
import { type FdLike, type FdOptions, rawTracepointOpen } from "../sys/index.ts";
import { Link } from "./link.ts";
import { wrap } from "./tracepoint.ts";

/** Attaches a loaded fentry/fexit program (its target was given as attach_btf_id at load). */
export function attachTracing(prog: FdLike, kind: "fentry" | "fexit", func: string, opts: FdOptions = {}): Link {
  try {
    const fd = rawTracepointOpen(null, prog, opts);
    return new Link(kind, func, "raw_tracepoint_open", "btf", [fd]);
  } catch (err) {
    throw wrap(`attach ${kind} ${func}`, err);
  }
}
