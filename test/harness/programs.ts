/**
 * Hand-assembled programs for runtime tests that must not depend on the compiler: the runtime
 * layers (sys, attach, readers) are tested on their own.
 */
import { Assembler, encode, R0, R1, R2, R10 } from "../../src/isa/index.ts";
import { BPF_MAP_TYPE, type Fd, type FdTracker, mapCreate, mapLookupElem, progLoad } from "../../src/sys/index.ts";

/** A one-slot ARRAY map of u64 counting hits, and a program of `progType` that increments it when
 * the current tgid is `pid`. */
export function countingProgram(progType: number, pid: number, tracker?: FdTracker, opts: { expectedAttachType?: number } = {}): { map: Fd; prog: Fd; count(): bigint } {
  const map = mapCreate({ mapType: BPF_MAP_TYPE.ARRAY, keySize: 4, valueSize: 8, maxEntries: 1, name: "hits" }, { tracker });
  const asm = new Assembler()
    .call("get_current_pid_tgid")
    .rsh64Imm(R0, 32)
    .jneImm(R0, pid, "out")
    .stW(R10, -4, 0)
    .ldMapFd(R1, map.peek())
    .mov64Reg(R2, R10)
    .add64Imm(R2, -4)
    .call("map_lookup_elem")
    .jeqImm(R0, 0, "out")
    .mov64Imm(R1, 1)
    .atomicAdd64(R0, R1, 0)
    .label("out")
    .mov64Imm(R0, 0)
    .exit();
  let prog: Fd;
  try {
    prog = progLoad({ progType, insns: encode(asm.build()), license: "GPL", name: "count_hits", ...opts }, { tracker }).fd;
  } catch (err) {
    map.close();
    throw err;
  }
  return {
    map,
    prog,
    count() {
      const v = new Uint8Array(8);
      mapLookupElem(map, new Uint8Array(4), v);
      return new DataView(v.buffer).getBigUint64(0, true);
    },
  };
}
