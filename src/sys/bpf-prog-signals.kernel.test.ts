/**
 * PROG_LOAD under a stream of signals: the verifier gives up with EAGAIN when a signal is pending,
 * so a profiler (SIGPROF every few µs) or a tool's timers would make loads fail at random. The load
 * retries EAGAIN (bpf-prog.ts); this drives V8's own sampling profiler at a 20 µs interval over
 * programs whose verification takes far longer than that.
 */
import { Session } from "node:inspector";
import { expect, it } from "vitest";
import { describeKernel } from "../../test/harness/kernel.ts";
import { AluOp, encode, JmpOp, ops, R0, R1 } from "../isa/index.ts";
import { BPF_PROG_TYPE, progLoad } from "./index.ts";

/** r1 = 0; loop: r1 += 1; if r1 < n goto loop; r0 = 0; exit — the verifier walks all n iterations. */
function loopProgram(n: number): Uint8Array {
  return encode([ops.mov64Imm(R1, 0), ops.alu64Imm(AluOp.ADD, R1, 1), ops.jmpImm(JmpOp.JLT, R1, n, -2), ops.mov64Imm(R0, 0), ops.exit()]);
}

describeKernel("PROG_LOAD while signals keep arriving", () => {
  it("20 loads of a program that takes the verifier ~1 ms all succeed under a 20 µs SIGPROF", async () => {
    const session = new Session();
    session.connect();
    const post = (method: string, params?: object) => new Promise<void>((resolve, reject) => session.post(method, params, (err) => (err ? reject(err) : resolve())));
    await post("Profiler.enable");
    await post("Profiler.setSamplingInterval", { interval: 20 });
    await post("Profiler.start");
    const failures: string[] = [];
    try {
      for (let i = 0; i < 20; i++) {
        try {
          using _fd = progLoad({ progType: BPF_PROG_TYPE.SOCKET_FILTER, insns: loopProgram(20_000), license: "GPL", name: "eagain_test" }).fd;
        } catch (err) {
          failures.push(String((err as Error).message).split("\n")[0]!);
        }
      }
    } finally {
      await post("Profiler.stop");
      session.disconnect();
    }
    expect(failures).toEqual([]);
  });
});
