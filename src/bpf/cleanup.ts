/**
 * @fileoverview Process-exit cleanup for BPF objects. Exit is process-global, so this is the one
 * deliberate piece of module state in the runtime: the set of live objects and one 'exit' hook.
 *
 * - 'exit' (normal end, process.exit, an uncaught exception): close every live object,
 *   synchronously (tracefs probe entries need it; fd-owned objects are closed for tidiness).
 * - SIGINT/SIGTERM: deliberately NO handler here. BCC-style scripts block in synchronous calls
 *   (trace_print, perf_buffer_poll), and a JS signal listener cannot run until such a call returns,
 *   so installing one would make Ctrl-C hang. The default action ends the process at once; every
 *   kernel object bcc-ts creates through the PMUs and BPF links is owned by an fd and vanishes with
 *   it. Legacy tracefs probe entries carry the owner's pid in their group and are removed by the next
 *   bcc-ts start (removeStaleProbes). `bcc-ts run` (the sandbox host, whose loop stays responsive)
 *   turns SIGINT into a KeyboardInterrupt in the script and then closes everything.
 * - An uncaught user-facing bcc-ts error in plain Node (a script run with `node`): uncaught.ts,
 *   installed here on import, prints it as one line and exits, which runs the 'exit' hook.
 */
import { installUncaughtErrorReporter } from "./uncaught.ts";

installUncaughtErrorReporter();

interface Closable {
  close(): void;
}

const live = new Set<Closable>();
let installed = false;

/** Closes every live BPF object; used by the 'exit' hook and by hosts handling signals. */
export function closeAllBpfObjects(): void {
  for (const obj of [...live]) {
    try {
      obj.close();
    } catch {
      // Exit-time cleanup must not throw over another error; the kernel reclaims fd-owned objects.
    }
  }
  live.clear();
}

export function registerForCleanup(obj: Closable): void {
  if (!installed) {
    installed = true;
    process.on("exit", closeAllBpfObjects);
  }
  live.add(obj);
}

export function unregisterForCleanup(obj: Closable): void {
  live.delete(obj);
}

/** Number of live BPF objects (tests). */
export function liveBpfObjectCount(): number {
  return live.size;
}
