// tcpv4connect.js — port of BCC's examples/tracing/tcpv4connect.py: IPv4 TCP connect()s, through
// trace_pipe.
// needs: kprobes
import { BPF } from "bcc-ts";
import { printf } from "./lib/fmt.js";
import { traceFieldsLoop } from "./lib/runtime.js";

// define BPF program
const bpf_text = `
#include <uapi/linux/ptrace.h>
#include <net/sock.h>
#include <bcc/proto.h>

BPF_HASH(currsock, u32, struct sock *);

int kprobe__tcp_v4_connect(struct pt_regs *ctx, struct sock *sk)
{
	u32 pid = bpf_get_current_pid_tgid();

	// stash the sock ptr for lookup on return
	currsock.update(&pid, &sk);

	return 0;
};

int kretprobe__tcp_v4_connect(struct pt_regs *ctx)
{
	int ret = PT_REGS_RC(ctx);
	u32 pid = bpf_get_current_pid_tgid();

	struct sock **skpp;
	skpp = currsock.lookup(&pid);
	if (skpp == 0) {
		return 0;	// missed entry
	}

	if (ret != 0) {
		// failed to send SYNC packet, may not have populated
		// socket __sk_common.{skc_rcv_saddr, ...}
		currsock.delete(&pid);
		return 0;
	}

	// pull in details
	struct sock *skp = *skpp;
	u32 saddr = skp->__sk_common.skc_rcv_saddr;
	u32 daddr = skp->__sk_common.skc_daddr;
	u16 dport = skp->__sk_common.skc_dport;

	// output
	bpf_trace_printk("trace_tcp4connect %x %x %d\\n", saddr, daddr, ntohs(dport));

	currsock.delete(&pid);

	return 0;
}
`;

// initialize BPF
const b = new BPF({ text: bpf_text });

// header
printf("%-6s %-12s %-16s %-16s %-4s", "PID", "COMM", "SADDR", "DADDR", "DPORT");

function inet_ntoa(addr) {
  const parts = [];
  for (let i = 0; i < 4; i++) {
    parts.push(String(addr & 0xff));
    addr = addr >>> 8;
  }
  return parts.join(".");
}

// filter and format output
traceFieldsLoop(b, (task, pid, _cpu, _flags, _ts, msg) => {
  const f = msg.split(" ");
  // Ignore messages from other tracers
  if (f.length !== 4 || f[0] !== "trace_tcp4connect") return;
  const [, saddr_hs, daddr_hs, dport_s] = f;
  printf("%-6d %-12.12s %-16s %-16s %-4s", pid, task, inet_ntoa(parseInt(saddr_hs, 16)), inet_ntoa(parseInt(daddr_hs, 16)), dport_s);
});
