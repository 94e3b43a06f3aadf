// nflatency.js — port of BCC's examples/tracing/nflatency.py: latency added by netfilter hooks,
// by protocol, hook and interesting TCP flags.
// USAGE: nflatency.js [-h] [-p PROTO] [-k HOOK] [-i INTERVAL] [-d DURATION] [--nano]
// needs: kprobes
import { BPF } from "bcc-ts";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { every } from "./lib/runtime.js";

const BPF_SRC = `
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/netfilter.h>
#include <net/ip.h>
#include <uapi/linux/bpf.h>

static struct tcphdr *skb_to_tcphdr(const struct sk_buff *skb)
{
    // unstable API. verify logic in tcp_hdr() -> skb_transport_header().
    return (struct tcphdr *)(skb->head + skb->transport_header);
}

static inline struct iphdr *skb_to_iphdr(const struct sk_buff *skb)
{
    // unstable API. verify logic in ip_hdr() -> skb_network_header().
    return (struct iphdr *)(skb->head + skb->network_header);
}

static inline struct ipv6hdr *skb_to_ip6hdr(const struct sk_buff *skb)
{
    // unstable API. verify logic in ip_hdr() -> skb_network_header().
    return (struct ipv6hdr *)(skb->head + skb->network_header);
}

// for correlating between kprobe and kretprobe
struct start_data {
    u8 hook;
    u8 pf; // netfilter protocol
    u8 tcp_state;
    u64 ts;
};
BPF_PERCPU_ARRAY(sts, struct start_data, 1);

// the histogram keys
typedef struct nf_lat_key {
    u8 proto; // see netfilter.h
    u8 hook;
    u8 tcp_state;
} nf_lat_key_t;

typedef struct hist_key {
    nf_lat_key_t key;
    u64 slot;
} hist_key_t;
BPF_HISTOGRAM(dist, hist_key_t);

int kprobe__nf_hook_slow(struct pt_regs *ctx, struct sk_buff *skb, struct nf_hook_state *state) {
    struct start_data data = {};
    data.ts = bpf_ktime_get_ns();
    data.hook = state->hook;
    data.pf = state->pf;

    COND

    u8 ip_proto;
    if (skb->protocol == htons(ETH_P_IP)) {
        struct iphdr *ip = skb_to_iphdr(skb);
        ip_proto = ip->protocol;

    } else if (skb->protocol == htons(ETH_P_IPV6)) {
        struct ipv6hdr *ip = skb_to_ip6hdr(skb);
        ip_proto = ip->nexthdr;
    }

    data.tcp_state = 0;
    if (ip_proto == 0x06) { //tcp
        struct tcphdr *tcp = skb_to_tcphdr(skb);
        u8 tcpflags = ((u_int8_t *)tcp)[13];

        // FIN or RST
        if (((tcpflags & 1) + (tcpflags & 4)) > 0) {
            data.tcp_state = 3;
        }
        // SYN / SACK
        else if ((tcpflags & 0x02) > 0) {
            data.tcp_state = 1;
            if ((tcpflags & 16) > 0) { // ACK
                data.tcp_state = 2;
            }
        }
    }

    u32 idx = 0;
    sts.update(&idx, &data);
    return 0;
}

int kretprobe__nf_hook_slow(struct pt_regs *ctx) {
    u32 idx = 0;
    struct start_data *s;
    s = sts.lookup(&idx);
    if (!s || s->ts == 0) {
        return 0;
    }

    s->ts = bpf_ktime_get_ns() - s->ts;

    hist_key_t key = {};
    key.key.hook = s->hook;
    key.key.proto = s->pf;
    key.key.tcp_state = s->tcp_state;
    key.slot = bpf_log2l(s->ts / FACTOR );
    dist.increment(key);

    s->ts = 0;
    sts.update(&idx, s);

    return 0;
}
`;

// constants from netfilter.h
const NF_HOOKS = { 0: "PRE_ROUTING", 1: "LOCAL_IN", 2: "FORWARD", 3: "LOCAL_OUT", 4: "POST_ROUTING" };
const NF_PROTOS = { 0: "UNSPEC", 1: "INET", 2: "IPV4", 3: "ARP", 5: "NETDEV", 7: "BRIDGE", 10: "IPV6", 12: "DECNET" };
const TCP_FLAGS = { 0: "other", 1: "SYN", 2: "SACK", 3: "FIN" };
const numberOf = (table, name) => Object.entries(table).find(([, v]) => v === name)[0];

const EXAMPLES = `examples:
    nflatency                   # print netfilter latency histograms, 1 second refresh
    nflatency -p IPV4 -p IPV6   # print only for ipv4 and ipv6
    nflatency -k PRE_ROUTING    # only record the PRE_ROUTING hook
    nflatency -i 5 -d 10        # run for 10 seconds, printing every 5`;

const args = yargs(hideBin(process.argv))
  .scriptName("nflatency")
  .usage("Track latency added by netfilter hooks. Where possible, interesting TCP flags are included")
  .epilog(EXAMPLES)
  .option("p", { alias: "proto", type: "string", array: true, choices: Object.values(NF_PROTOS), describe: "record this protocol only (multiple parameters allowed)" })
  .option("k", { alias: "hook", type: "string", array: true, choices: Object.values(NF_HOOKS), describe: "record this netfilter hook only (multiple parameters allowed)" })
  .option("i", { alias: "interval", type: "number", describe: "summary interval, in seconds. Default is 10, unless --duration is supplied" })
  .option("d", { alias: "duration", type: "number", describe: "total duration of trace, in seconds" })
  .option("nano", { type: "boolean", describe: "bucket by nanoseconds instead of milliseconds" })
  .help("h").alias("h", "help")
  .strictOptions()
  .parseSync();

function build_src() {
  let cond_src = "";
  if (args.proto) {
    const predicate = args.proto.map((x) => `data.pf == ${numberOf(NF_PROTOS, x)} /* NFPROTO_${x} */`).join(" || ");
    cond_src = `if (!(${predicate})) { return 0; }\n`;
  }
  if (args.hook) {
    const predicate = args.hook.map((x) => `data.hook == ${numberOf(NF_HOOKS, x)} /* NF_INET_${x} */`).join(" || ");
    cond_src = `${cond_src}    if (!(${predicate})) { return 0;}\n`;
  }
  const factor = args.nano ? "1" : "1000";
  return BPF_SRC.replace("COND", cond_src).replace("FACTOR", factor);
}

const bucket_desc = (bucket) => {
  const [proto, hook, tcp_state] = String(bucket).split(",").map(Number);
  return `${NF_PROTOS[proto]} ${NF_HOOKS[hook]} (tcp ${TCP_FLAGS[tcp_state]})`;
};

const b = new BPF({ text: build_src() });
const dist = b.get_table("dist");
let seconds = 0;
const interval = args.interval ? args.interval : args.duration ? args.duration : 1;

process.stderr.write("Tracing netfilter hooks... Hit Ctrl-C to end.\n");
const show = () =>
  dist.print_log2_hist("value", "Bucket", bucket_desc, (k) => `${k.proto},${k.hook},${k.tcp_state}`);
show();
every(
  interval,
  () => {
    seconds += interval;
    show();
    return !(args.duration && seconds >= args.duration);
  },
  (interrupted) => {
    // BCC exits with 1 on Ctrl-C
    if (interrupted) process.exitCode = 1;
  },
);
