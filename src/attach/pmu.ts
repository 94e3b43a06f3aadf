/**
 * Dynamic PMUs (kprobe, uprobe): their perf type and config bits come from sysfs, e.g.
 * /sys/bus/event_source/devices/kprobe/type and format/retprobe ("config:0").
 */
import { existsSync, readFileSync } from "node:fs";

const ROOT = "/sys/bus/event_source/devices";

export interface DynamicPmu {
  type: number;
  /** Bit in `config` that makes a return probe. */
  retprobeBit: number;
  /** First bit of the USDT semaphore offset in `config` (uprobe PMU), when supported. */
  refCtrShift?: number;
}

/** The PMU's description, or undefined when the kernel has no such PMU. */
export function readDynamicPmu(name: "kprobe" | "uprobe"): DynamicPmu | undefined {
  const dir = `${ROOT}/${name}`;
  if (!existsSync(`${dir}/type`)) return undefined;
  const type = Number.parseInt(readFileSync(`${dir}/type`, "utf8"), 10);
  const bit = (file: string): number | undefined => {
    try {
      const m = /^config:(\d+)/.exec(readFileSync(`${dir}/format/${file}`, "utf8").trim());
      return m ? Number(m[1]) : undefined;
    } catch {
      return undefined;
    }
  };
  const pmu: DynamicPmu = { type, retprobeBit: bit("retprobe") ?? 0 };
  const ref = bit("ref_ctr_offset");
  if (ref !== undefined) pmu.refCtrShift = ref;
  return pmu;
}
