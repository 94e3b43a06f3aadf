// tcpconnect.js — port of BCC's tools/tcpconnect.py: trace active TCP connections (connect()).
// USAGE: tcpconnect.js [-h] [-t] [-p PID] [-P PORT] [-4 | -6] [-U] [-u UID]
// (BCC's -L, -c/--count, -d/--dns, --cgroupmap and --mntnsmap are not ported)
// needs: kprobes (tcp_v4_connect / tcp_v6_connect and their returns)
import { BPF } from "bcc-ts";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { printf, sprintf, cstr } from "./lib/fmt.js";
import { pollLoop } from "./lib/runtime.js";

const examples = `examples:
    ./tcpconnect           # trace all TCP connect()s
    ./tcpconnect -t        # include timestamps
    ./tcpconnect -p 181    # only trace PID 181
    ./tcpconnect -P 80     # only trace port 80
    ./tcpconnect -P 80,81  # only trace port 80 and 81
    ./tcpconnect -4        # only trace IPv4 family
    ./tcpconnect -6        # only trace IPv6 family
    ./tcpconnect -U        # include UID
    ./tcpconnect -u 1000   # only trace UID 1000`;

const args = yargs(hideBin(process.argv))
  .scriptName("tcpconnect")
  .usage("Trace TCP connects")
  .epilog(examples)
  .option("t", { alias: "timestamp", type: "boolean", describe: "include timestamp on output" })
  .option("p", { alias: "pid", type: "string", describe: "trace this PID only" })
  .option("P", { alias: "port", type: "string", describe: "comma-separated list of destination ports to trace." })
  .option("4", { alias: "ipv4", type: "boolean", describe: "trace IPv4 family only" })
  .option("6", { alias: "ipv6", type: "boolean", describe: "trace IPv6 family only" })
  .option("U", { alias: "print-uid", type: "boolean", describe: "include UID on output" })
  .option("u", { alias: "uid", type: "string", describe: "trace this UID only" })
  .option("ebpf", { type: "boolean", hidden: true })
  .conflicts("4", "6")
  .help("h").alias("h", "help")
  .strictOptions()
  .parseSync();

let bpf_text = `
#include <uapi/linux/ptrace.h>
#include <net/sock.h>
#include <bcc/proto.h>

BPF_HASH(currsock, u32, struct sock *);

// separate data structs for ipv4 and ipv6
struct ipv4_data_t {
    u64 ts_us;
    u32 pid;
    u32 uid;
    u32 saddr;
    u32 daddr;
    u64 ip;
    u16 lport;
    u16 dport;
    char task[TASK_COMM_LEN];
};
BPF_PERF_OUTPUT(ipv4_events);

struct ipv6_data_t {
    u64 ts_us;
    u32 pid;
    u32 uid;
    unsigned __int128 saddr;
    unsigned __int128 daddr;
    u64 ip;
    u16 lport;
    u16 dport;
    char task[TASK_COMM_LEN];
};
BPF_PERF_OUTPUT(ipv6_events);

int trace_connect_entry(struct pt_regs *ctx, struct sock *sk)
{
    u64 pid_tgid = bpf_get_current_pid_tgid();
    u32 pid = pid_tgid >> 32;
    u32 tid = pid_tgid;
    FILTER_PID

    u32 uid = bpf_get_current_uid_gid();
    FILTER_UID

    // stash the sock ptr for lookup on return
    currsock.update(&tid, &sk);

    return 0;
};

static int trace_connect_return(struct pt_regs *ctx, short ipver)
{
    int ret = PT_REGS_RC(ctx);
    u64 pid_tgid = bpf_get_current_pid_tgid();
    u32 pid = pid_tgid >> 32;
    u32 tid = pid_tgid;

    struct sock **skpp;
    skpp = currsock.lookup(&tid);
    if (skpp == 0) {
        return 0;   // missed entry
    }

    if (ret != 0) {
        // failed to send SYNC packet, may not have populated
        // socket __sk_common.{skc_rcv_saddr, ...}
        currsock.delete(&tid);
        return 0;
    }

    // pull in details
    struct sock *skp = *skpp;
    u16 lport = skp->__sk_common.skc_num;
    u16 dport = skp->__sk_common.skc_dport;

    FILTER_PORT

    FILTER_FAMILY

    if (ipver == 4) {
        struct ipv4_data_t data4 = {.pid = pid, .ip = ipver};
        data4.uid = bpf_get_current_uid_gid();
        data4.ts_us = bpf_ktime_get_ns() / 1000;
        data4.saddr = skp->__sk_common.skc_rcv_saddr;
        data4.daddr = skp->__sk_common.skc_daddr;
        data4.lport = lport;
        data4.dport = ntohs(dport);
        bpf_get_current_comm(&data4.task, sizeof(data4.task));
        ipv4_events.perf_submit(ctx, &data4, sizeof(data4));
    } else /* 6 */ {
        struct ipv6_data_t data6 = {.pid = pid, .ip = ipver};
        data6.uid = bpf_get_current_uid_gid();
        data6.ts_us = bpf_ktime_get_ns() / 1000;
        bpf_probe_read_kernel(&data6.saddr, sizeof(data6.saddr),
            skp->__sk_common.skc_v6_rcv_saddr.in6_u.u6_addr32);
        bpf_probe_read_kernel(&data6.daddr, sizeof(data6.daddr),
            skp->__sk_common.skc_v6_daddr.in6_u.u6_addr32);
        data6.lport = lport;
        data6.dport = ntohs(dport);
        bpf_get_current_comm(&data6.task, sizeof(data6.task));
        ipv6_events.perf_submit(ctx, &data6, sizeof(data6));
    }

    currsock.delete(&tid);

    return 0;
}

int trace_connect_v4_return(struct pt_regs *ctx)
{
    return trace_connect_return(ctx, 4);
}

int trace_connect_v6_return(struct pt_regs *ctx)
{
    return trace_connect_return(ctx, 6);
}
`;

bpf_text = bpf_text.replace("FILTER_PID", args.pid !== undefined ? `if (pid != ${args.pid}) { return 0; }` : "");
bpf_text = bpf_text.replace("FILTER_UID", args.uid !== undefined ? `if (uid != ${args.uid}) { return 0; }` : "");
if (args.port !== undefined) {
  const dports = args.port.split(",").map((p) => Number(p));
  const cond = dports.map((p) => `ntohs(dport) != ${p}`).join(" && ");
  bpf_text = bpf_text.replace("FILTER_PORT", `if (${cond}) { currsock.delete(&tid); return 0; }`);
} else bpf_text = bpf_text.replace("FILTER_PORT", "");
if (args.ipv4) bpf_text = bpf_text.replace("FILTER_FAMILY", "if (ipver != 4) { return 0; }");
else if (args.ipv6) bpf_text = bpf_text.replace("FILTER_FAMILY", "if (ipver != 6) { return 0; }");
else bpf_text = bpf_text.replace("FILTER_FAMILY", "");
if (args.ebpf) {
  console.log(bpf_text);
  process.exit(0);
}

// inet_ntop for the kernel's network-order words
const ipv4 = (v) => {
  const n = Number(v) >>> 0;
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24].join(".");
};
const ipv6 = (v) => {
  let n = BigInt(v);
  const bytes = [];
  for (let i = 0; i < 16; i++) {
    bytes.push(Number(n & 0xffn));
    n >>= 8n;
  }
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  // compress the longest run of zero groups, as inet_ntop does
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== "0") { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLen && j - i > 1) { best = i; bestLen = j - i; }
    i = j;
  }
  if (best < 0) return groups.join(":");
  return groups.slice(0, best).join(":") + "::" + groups.slice(best + bestLen).join(":");
};

// initialize BPF
const b = new BPF({ text: bpf_text });
b.attach_kprobe({ event: "tcp_v4_connect", fn_name: "trace_connect_entry" });
b.attach_kprobe({ event: "tcp_v6_connect", fn_name: "trace_connect_entry" });
b.attach_kretprobe({ event: "tcp_v4_connect", fn_name: "trace_connect_v4_return" });
b.attach_kretprobe({ event: "tcp_v6_connect", fn_name: "trace_connect_v6_return" });

// header
let header = "";
if (args.timestamp) header += sprintf("%-9s", "TIME(s)");
if (args["print-uid"]) header += sprintf("%-6s", "UID");
printf(header + "%-7s %-12s %-2s %-16s %-16s %-5s", "PID", "COMM", "IP", "SADDR", "DADDR", "DPORT");

let start_ts = 0n;
const print_event = (event, addr) => {
  let line = "";
  if (args.timestamp) {
    const ts = BigInt(event.ts_us);
    if (start_ts === 0n) start_ts = ts;
    line += sprintf("%-9.3f", Number(ts - start_ts) / 1e6);
  }
  if (args["print-uid"]) line += sprintf("%-6d", event.uid);
  printf(line + "%-7d %-12.12s %-2d %-16s %-16s %-5d", event.pid, cstr(event.task), event.ip, addr(event.saddr), addr(event.daddr), event.dport);
};
b["ipv4_events"].open_perf_buffer((_cpu, data) => print_event(b["ipv4_events"].event(data), ipv4));
b["ipv6_events"].open_perf_buffer((_cpu, data) => print_event(b["ipv6_events"].event(data), ipv6));
pollLoop(b);
