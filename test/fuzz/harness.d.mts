/** Types of harness.mjs for the TypeScript tests. */
export interface Finding { kind: string; signature: string; index: number; caseSeed: number; label: string; origin: string; detail: string; ms: number; count: number }
export interface Occurrence { index: number; kind: string; signature: string; lines: number }
export interface FuzzStats { cases: number; accepted: number; rejected: number; loaded: number; loadFailed: number; maxMs: number; byKind: Record<string, number> }
export interface Bundle { url: string; dispose(): void }
export function buildBundle(): Promise<Bundle>;
export function runFuzz(opts: {
  cases: number; seed: number; start?: number; workers?: number; limitMs?: number; hangMs?: number; heapMb?: number;
  load?: boolean; family?: "any" | "gen"; skip?: ReadonlySet<number>; bundle?: Bundle;
  onProgress?(s: FuzzStats): void; onFinding?(f: Finding, source: string): void;
}): Promise<{ stats: FuzzStats; findings: Finding[]; occurrences: Occurrence[] }>;
export function saveFinding(f: Finding, source: string, dir?: string): string;
