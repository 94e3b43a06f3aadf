// Small statistics and table helpers shared by the benchmark sections.

/** Median of a non-empty list of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function summary(xs) {
  if (xs.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
}

/** Formats a number with a sensible number of significant digits. */
export function fmt(x, digits = 3) {
  if (x === undefined || x === null || Number.isNaN(x)) return "n/a";
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString("en-US");
  if (a === 0) return "0";
  return Number(x.toPrecision(digits)).toString();
}

/** "median (min–max)". */
export function range(s, unit = "", scale = 1) {
  if (!s || s.n === 0) return "n/a";
  return `${fmt(s.median * scale)}${unit} (${fmt(s.min * scale)}–${fmt(s.max * scale)})`;
}

export function ratio(a, b) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return "n/a";
  return `${fmt(a / b, 3)}×`;
}

/** A GitHub-flavoured markdown table. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Least-squares slope of log(y) against log(x): ~1 linear, ~2 quadratic. */
export function logLogSlope(points) {
  const ps = points.filter(([x, y]) => x > 0 && y > 0).map(([x, y]) => [Math.log(x), Math.log(y)]);
  const n = ps.length;
  if (n < 2) return NaN;
  const mx = ps.reduce((s, p) => s + p[0], 0) / n;
  const my = ps.reduce((s, p) => s + p[1], 0) / n;
  let num = 0, den = 0;
  for (const [x, y] of ps) { num += (x - mx) * (y - my); den += (x - mx) ** 2; }
  return num / den;
}
