/** bpf(2) attachment: links, raw tracepoints, run-time stats, pinning. */
import * as L from "./attr-layout.ts";
import { encode } from "./attr-layout.ts";
import { bpfCall, cString, optFd, ptr } from "./bpf.ts";
import { BPF_STATS } from "./bpf-constants.ts";
import { Fd, rawFd, type FdLike, type FdOptions } from "./fd.ts";

export interface LinkCreateAttr {
  progFd: FdLike;
  /** Perf event fd for BPF_PERF_EVENT; 0 for tracing links. */
  targetFd?: FdLike;
  attachType: number;
  flags?: number;
  /** BPF_PERF_EVENT: value returned by bpf_get_attach_cookie(). */
  perfEventCookie?: bigint | number;
  /** Tracing (fentry/fexit/...): BTF id of the target when re-targeting, plus cookie. */
  tracingTargetBtfId?: number;
  tracingCookie?: bigint | number;
}

export function encodeLinkCreate(a: LinkCreateAttr): Uint8Array {
  return encode(L.LINK_CREATE, {
    prog_fd: rawFd(a.progFd),
    target_fd: optFd(a.targetFd),
    attach_type: a.attachType,
    flags: a.flags,
    perf_event_bpf_cookie: a.perfEventCookie,
    tracing_target_btf_id: a.perfEventCookie === undefined ? a.tracingTargetBtfId : undefined,
    tracing_cookie: a.perfEventCookie === undefined ? a.tracingCookie : undefined,
  });
}

/** BPF_LINK_CREATE: a link fd; closing it detaches. */
export function linkCreate(a: LinkCreateAttr, options?: FdOptions): Fd {
  const fd = bpfCall("LINK_CREATE", encodeLinkCreate(a));
  return Fd.adopt(fd, `link attach_type=${a.attachType}`, options);
}

/** BPF_RAW_TRACEPOINT_OPEN: attach a raw_tracepoint program (name) or a tracing program (name null). */
export function rawTracepointOpen(name: string | null, prog: FdLike, options?: FdOptions): Fd {
  const cname = name === null ? null : cString(name);
  const attr = encode(L.RAW_TRACEPOINT, { name: ptr(cname), prog_fd: rawFd(prog) });
  const fd = bpfCall("RAW_TRACEPOINT_OPEN", attr, [cname], name ?? undefined);
  return Fd.adopt(fd, `raw_tracepoint ${name ?? "(btf)"}`, options);
}

/** BPF_LINK_DETACH: detach without closing the link fd (Linux 5.9+). */
export function linkDetach(link: FdLike): void {
  bpfCall("LINK_DETACH", encode(L.LINK_DETACH, { link_fd: rawFd(link) }));
}

/** BPF_ENABLE_STATS: run-time statistics stay on while the returned fd is open. */
export function enableStats(type: number = BPF_STATS.RUN_TIME, options?: FdOptions): Fd {
  const fd = bpfCall("ENABLE_STATS", encode(L.ENABLE_STATS, { type }));
  return Fd.adopt(fd, "bpf stats", options);
}

/** BPF_OBJ_PIN: pin to a bpffs path. */
export function objPin(fd: FdLike, path: string): void {
  const cpath = cString(path);
  bpfCall("OBJ_PIN", encode(L.OBJ, { pathname: ptr(cpath), bpf_fd: rawFd(fd) }), [cpath], path);
}

/** BPF_OBJ_GET: open a pinned object. */
export function objGet(path: string, fileFlags = 0, options?: FdOptions): Fd {
  const cpath = cString(path);
  const fd = bpfCall("OBJ_GET", encode(L.OBJ, { pathname: ptr(cpath), file_flags: fileFlags }), [cpath], path);
  return Fd.adopt(fd, `pinned ${path}`, options);
}
