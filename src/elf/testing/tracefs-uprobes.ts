/**
 * Test-only: uprobe events defined through tracefs uprobe_events and recorded in a private ftrace
 * instance, to check computed offsets against the real kernel without any BPF. Everything it creates
 * is removed by dispose(), and events from other processes are filtered out by pid when reading.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const TRACEFS_ROOT = ["/sys/kernel/tracing", "/sys/kernel/debug/tracing"].find((p) =>
  existsSync(join(p, "uprobe_events")),
);

export class UprobeScratch implements Disposable {
  readonly group: string;
  readonly #root: string;
  readonly #instance: string;
  readonly #events: string[] = [];

  constructor(tag: string) {
    if (!TRACEFS_ROOT) throw new Error("tracefs with uprobe_events is not available");
    this.#root = TRACEFS_ROOT;
    this.group = `bccts_${tag}_${process.pid}`;
    this.#instance = join(this.#root, "instances", this.group);
    mkdirSync(this.#instance);
  }

  /** Defines `p:GROUP/name definition` (definition = "PATH:0xOFF[(0xREF)] [fetchargs]"). */
  add(name: string, definition: string): void {
    appendFileSync(join(this.#root, "uprobe_events"), `p:${this.group}/${name} ${definition}\n`);
    this.#events.push(name);
  }

  enable(name: string, on = true): void {
    writeFileSync(join(this.#instance, "events", this.group, name, "enable"), on ? "1" : "0");
  }

  /** Trace lines of event `name` emitted by process `pid`. */
  lines(name: string, pid: number): string[] {
    return readFileSync(join(this.#instance, "trace"), "utf8")
      .split("\n")
      .filter((l) => l.includes(`-${pid} `) && l.includes(` ${name}: `));
  }

  [Symbol.dispose](): void {
    for (const e of this.#events) {
      try {
        this.enable(e, false);
      } catch {
        // never enabled
      }
    }
    for (const e of this.#events.splice(0)) {
      try {
        appendFileSync(join(this.#root, "uprobe_events"), `-:${this.group}/${e}\n`);
      } catch {
        // not created
      }
    }
    if (existsSync(this.#instance)) rmdirSync(this.#instance);
  }
}
