// undump.js — port of BCC's examples/tracing/undump.py: dump UNIX stream socket packets as they
// are read.
// USAGE: undump.js [-h] [-p PID] [--hexdump]
// needs: kprobes
import { BPF } from "bcc-ts";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { sprintf } from "./lib/fmt.js";
import { pollLoop } from "./lib/runtime.js";

const examples = `examples:
    ./undump           # trace/dump all UNIX packets
    ./undump -p 181    # only trace/dump PID 181
    ./undump --hexdump # show data as hex instead of trying to decode with %x`;

const args = yargs(hideBin(process.argv))
  .scriptName("undump")
  .usage("Dump UNIX socket packets")
  .epilog(examples)
  .option("p", { alias: "pid", type: "string", describe: "trace this PID only" })
  .option("hexdump", { type: "boolean", describe: "show data as hexdump" })
  .help("h").alias("h", "help")
  .strictOptions()
  .parseSync();

// define BPF program
let bpf_text = `
#include <uapi/linux/ptrace.h>
#include <net/sock.h>
#include <bcc/proto.h>
#include <linux/aio.h>
#include <linux/socket.h>
#include <linux/net.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/module.h>
#include <net/sock.h>
#include <net/netlink.h>
#include <net/af_unix.h>

#define MAX_PKT 512
struct recv_data_t {
    u32 recv_len;
    u8  pkt[MAX_PKT];
};

// single element per-cpu array to hold the current event off the stack
BPF_PERCPU_ARRAY(unix_data, struct recv_data_t, 1);

BPF_PERF_OUTPUT(unix_recv_events);

int trace_unix_stream_read_actor(struct pt_regs *ctx)
{
    u32 zero = 0;
    int ret = PT_REGS_RC(ctx);
    u64 pid_tgid = bpf_get_current_pid_tgid();
    u32 pid = pid_tgid >> 32;
    u32 tid = pid_tgid;

    FILTER_PID

    struct sk_buff *skb = (struct sk_buff *)PT_REGS_PARM1(ctx);

    struct recv_data_t *data = unix_data.lookup(&zero);
    if (!data)
        return 0;

    unsigned int data_len = skb->len;
    if(data_len > MAX_PKT)
        return 0;

    void *iodata = (void *)skb->data;
    data->recv_len = data_len;

    bpf_probe_read(data->pkt, data_len, iodata);
    unix_recv_events.perf_submit(ctx, data, data_len+sizeof(u32));

    return 0;
}
`;
bpf_text = bpf_text.replace("FILTER_PID", args.pid ? `if (pid != ${args.pid}) { return 0; }` : "");

// process event: the record is recv_len (u32) then recv_len bytes
function print_recv_pkg(_cpu, data) {
  const len = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0, true);
  const pkt = data.subarray(4, 4 + len);
  let out = "";
  if (args.pid) out += `PID \x1b[1;31m${args.pid}\x1b[m `;
  out += `Recv \x1b[1;31m${len}\x1b[m bytes\n`;
  if (args.hexdump) {
    const hex = Array.from(pkt, (x) => x.toString(16).padStart(2, "0")).join("");
    for (let i = 0; i < hex.length; i += 32) out += hex.slice(i, i + 32) + "\n";
  } else {
    out += "    ";
    for (let i = 0; i < len; i++) {
      out += sprintf("%02x ", pkt[i]);
      if ((i + 1) % 16 === 0) out += "\n    ";
    }
    out += "\n";
  }
  process.stdout.write(out);
}

// initialize BPF
const b = new BPF({ text: bpf_text });
b.attach_kprobe({ event: "unix_stream_read_actor", fn_name: "trace_unix_stream_read_actor" });
if (args.pid) console.log(`Tracing \x1b[1;31mPID=${args.pid}\x1b[m UNIX socket packets ... Hit Ctrl-C to end`);
else console.log("Tracing UNIX socket packets ... Hit Ctrl-C to end");

b["unix_recv_events"].open_perf_buffer(print_recv_pkg);
pollLoop(b);
