/**
 * @fileoverview "Did you mean" support: edit distance (Damerau-Levenshtein, optimal string alignment
 * variant, so a swapped pair of letters costs 1) and a ranked pick of close candidates.
 */

/** Edit distance between a and b, giving up (returning max+1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/**
 * Up to `limit` candidates close to `name`, closest first (ties: shorter length difference, then
 * alphabetical, so the output is deterministic). "Close" scales with length: one edit for short
 * names, up to a third of the name for longer ones; a case-insensitive exact match always counts.
 */
export function suggest(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const max = Math.max(1, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  const scored: { c: string; d: number }[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (c === name || seen.has(c)) continue;
    seen.add(c);
    const d = c.toLowerCase() === lower ? 0.5 : editDistance(name, c, max);
    if (d <= max) scored.push({ c, d });
  }
  scored.sort((x, y) => x.d - y.d || Math.abs(x.c.length - name.length) - Math.abs(y.c.length - name.length) || (x.c < y.c ? -1 : x.c > y.c ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.c);
}
