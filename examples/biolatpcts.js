// biolatpcts.js — port of BCC's examples/tracing/biolatpcts.py: block I/O latency percentiles
// (p50/p75/p90/p99) every 3 seconds. Needs a device with I/O statistics on (rq->io_start_time_ns
// is only set then).
// needs: tracepoints (raw tracepoint block_rq_complete)
import { BPF } from "bcc-ts";
import { every } from "./lib/runtime.js";

const bpf_source = `
#include <linux/blk_types.h>
#include <linux/blk-mq.h>
#include <linux/blkdev.h>
#include <linux/time64.h>

BPF_PERCPU_ARRAY(lat_100ms, u64, 100);
BPF_PERCPU_ARRAY(lat_1ms, u64, 100);
BPF_PERCPU_ARRAY(lat_10us, u64, 100);

RAW_TRACEPOINT_PROBE(block_rq_complete)
{
        // TP_PROTO(struct request *rq, blk_status_t error, unsigned int nr_bytes)
        struct request *rq = (void *)ctx->args[0];
        unsigned int cmd_flags;
        u64 dur;
        size_t base, slot;

        if (!rq->io_start_time_ns)
                return 0;

        dur = bpf_ktime_get_ns() - rq->io_start_time_ns;

        slot = min_t(size_t, div_u64(dur, 100 * NSEC_PER_MSEC), 99);
        lat_100ms.increment(slot);
        if (slot)
                return 0;

        slot = min_t(size_t, div_u64(dur, NSEC_PER_MSEC), 99);
        lat_1ms.increment(slot);
        if (slot)
                return 0;

        slot = min_t(size_t, div_u64(dur, 10 * NSEC_PER_USEC), 99);
        lat_10us.increment(slot);
        return 0;
}
`;

const bpf = new BPF({ text: bpf_source });

const cur_lat_100ms = bpf["lat_100ms"];
const cur_lat_1ms = bpf["lat_1ms"];
const cur_lat_10us = bpf["lat_10us"];

const last_lat_100ms = new Array(100).fill(0);
const last_lat_1ms = new Array(100).fill(0);
const last_lat_10us = new Array(100).fill(0);

const lat_100ms = new Array(100).fill(0);
const lat_1ms = new Array(100).fill(0);
const lat_10us = new Array(100).fill(0);

function find_pct(req, total, slots, idx, counted) {
  while (idx > 0) {
    idx -= 1;
    if (slots[idx] > 0) {
      counted += slots[idx];
      if ((counted / total) * 100 >= 100 - req) break;
    }
  }
  return [idx, counted];
}

function calc_lat_pct(req_pcts, total, lat_100ms, lat_1ms, lat_10us) {
  const pcts = new Array(req_pcts.length).fill(0);
  if (total === 0) return pcts;

  const data = [[100 * 1000, lat_100ms], [1000, lat_1ms], [10, lat_10us]];
  let data_sel = 0;
  let idx = 100;
  let counted = 0;

  for (let pct_idx = req_pcts.length - 1; pct_idx >= 0; pct_idx--) {
    const req = req_pcts[pct_idx];
    let gran;
    for (;;) {
      const last_counted = counted;
      let slots;
      [gran, slots] = data[data_sel];
      [idx, counted] = find_pct(req, total, slots, idx, counted);
      if (idx > 0 || data_sel === data.length - 1) break;
      counted = last_counted;
      data_sel += 1;
      idx = 100;
    }
    pcts[pct_idx] = gran * idx + gran / 2;
  }
  return pcts;
}

console.log("Block I/O latency percentile example. See tools/biolatpcts.py for the full utility.");

every(3, () => {
  let lat_total = 0;
  for (let i = 0; i < 100; i++) {
    let v = Number(cur_lat_100ms.sum(i));
    lat_100ms[i] = Math.max(v - last_lat_100ms[i], 0);
    last_lat_100ms[i] = v;

    v = Number(cur_lat_1ms.sum(i));
    lat_1ms[i] = Math.max(v - last_lat_1ms[i], 0);
    last_lat_1ms[i] = v;

    v = Number(cur_lat_10us.sum(i));
    lat_10us[i] = Math.max(v - last_lat_10us[i], 0);
    last_lat_10us[i] = v;

    lat_total += lat_100ms[i];
  }

  const target_pcts = [50, 75, 90, 99];
  const pcts = calc_lat_pct(target_pcts, lat_total, lat_100ms, lat_1ms, lat_10us);
  let line = "";
  for (let i = 0; i < target_pcts.length; i++) line += `p${target_pcts[i]}=${Math.trunc(pcts[i])}us `;
  console.log(line);
});
