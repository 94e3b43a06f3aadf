/**
 * @fileoverview Process-exit cleanup for BPF objects. Signals and exit are process-global, so this
 * is the one deliberate piece of module state in the runtime: a set of live objects and the
 * handlers installed once for them.
 *
 * Most kernel objects bcc-ts creates are owned by fds and vanish with the process however it dies.
 * What needs an explicit close are tracefs probe entries (the legacy kprobe_events/uprobe_events
 * path) and, for tidiness, everything else. Policy:
 * - 'exit' (normal end, process.exit, uncaught exception): close every live object, synchronously.
 * - SIGINT/SIGTERM with no listener of the user's: close everything, then exit with 128+signo, as
 *   the default action would. When the user listens (BCC tools print a summary on Ctrl-C), the
 *   user decides; 'exit' still cleans up afterwards.
 */

interface Closable {
  close(): void;
}

const live = new Set<Closable>();
let installed = false;

function closeAll(): void {
  for (const obj of [...live]) {
    try {
      obj.close();
    } catch {
      // Exit-time cleanup must not throw over another error; the kernel reclaims fd-owned objects.
    }
  }
  live.clear();
}

function onSignal(signal: NodeJS.Signals, signo: number): void {
  const handler = () => {
    // Our own listener counts as one; any other means the user handles this signal.
    if (process.listenerCount(signal) > 1) return;
    closeAll();
    process.exit(128 + signo);
  };
  process.on(signal, handler);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on("exit", closeAll);
  onSignal("SIGINT", 2);
  onSignal("SIGTERM", 15);
  onSignal("SIGHUP", 1);
}

export function registerForCleanup(obj: Closable): void {
  install();
  live.add(obj);
}

export function unregisterForCleanup(obj: Closable): void {
  live.delete(obj);
}
