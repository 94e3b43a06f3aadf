// printf for the examples: Python's "%-16s %6d %.2f" % (...) formatting, which BCC tools use for
// every output line, so ported tools print exactly the same columns.
const SPEC = /%([-+ 0#]*)(\*|\d+)?(?:\.(\d+))?([sdiufxXoc%])/g;

export function sprintf(format, ...args) {
  let i = 0;
  return format.replace(SPEC, (_m, flags, width, prec, conv) => {
    if (conv === "%") return "%";
    if (width === "*") width = String(args[i++]);
    let v = args[i++];
    let s;
    switch (conv) {
      case "s":
        s = v === undefined || v === null ? String(v) : typeof v === "string" ? v : String(v);
        if (prec !== undefined) s = s.slice(0, Number(prec));
        break;
      case "c":
        s = typeof v === "number" ? String.fromCharCode(v) : String(v);
        break;
      case "d":
      case "i":
      case "u": {
        const n = typeof v === "bigint" ? v : BigInt(Math.trunc(Number(v)));
        s = (n < 0n ? -n : n).toString();
        if (n < 0n) s = "-" + s;
        else if (flags.includes("+")) s = "+" + s;
        break;
      }
      case "x":
      case "X":
      case "o": {
        const n = typeof v === "bigint" ? v : BigInt(Math.trunc(Number(v)));
        s = n.toString(conv === "o" ? 8 : 16);
        if (conv === "X") s = s.toUpperCase();
        if (flags.includes("#")) s = (conv === "o" ? "0o" : "0x") + s;
        break;
      }
      case "f":
        s = Number(v).toFixed(prec === undefined ? 6 : Number(prec));
        if (flags.includes("+") && Number(v) >= 0) s = "+" + s;
        break;
    }
    const w = width === undefined ? 0 : Number(width);
    if (s.length >= w) return s;
    if (flags.includes("-")) return s.padEnd(w);
    if (flags.includes("0") && conv !== "s") {
      const neg = s.startsWith("-") || s.startsWith("+");
      return neg ? s[0] + s.slice(1).padStart(w - 1, "0") : s.padStart(w, "0");
    }
    return s.padStart(w);
  });
}

/** print() with Python %-formatting. */
export function printf(format, ...args) {
  console.log(sprintf(format, ...args));
}

/** Python's time.strftime("%H:%M:%S") for now. */
export function strftimeHMS(d = new Date()) {
  const p = (n) => String(n).padStart(2, "0");
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** A char[] field decoded by bcc-ts is already a string; Uint8Array (raw) is cut at the NUL. */
export function cstr(v) {
  if (typeof v === "string") return v;
  if (v instanceof Uint8Array) {
    const end = v.indexOf(0);
    return new TextDecoder().decode(end < 0 ? v : v.subarray(0, end));
  }
  return String(v);
}
