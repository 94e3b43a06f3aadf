/**
 * @fileoverview C declarations of BTF types for people: a struct/union printed the way pahole does
 * (members with their offsets and sizes as comments, anonymous members nested inline), enums with
 * their values, and function prototypes. Used for "what does the kernel's struct look like" output
 * and for messages; not meant to be fed back to a compiler.
 */
import type { BtfTypeDescriber, KType } from "./types.ts";
import { kTypeToString } from "./types.ts";

/** `type name` with C's declarator syntax for arrays and function pointers. */
export function declare(t: KType, name: string): string {
  const q = (t.const ? "const " : "") + (t.volatile ? "volatile " : "");
  switch (t.kind) {
    case "array": {
      // Collect dimensions outermost first: char a[2][3] is array(2) of array(3) of char.
      const dims: number[] = [];
      let e: KType = t;
      while (e.kind === "array") {
        dims.push(e.length);
        e = e.of;
      }
      return declare(e, `${name}${dims.map((d) => `[${d}]`).join("")}`);
    }
    case "ptr":
      if (t.to.kind === "func") {
        const f = t.to;
        return `${kTypeToString(f.ret)} (*${q ? q.trim() + " " : ""}${name})(${params(f)})`;
      }
      if (t.to.kind === "array") return declare(t.to, `(*${name})`);
      return `${kTypeToString(t.to)} *${q}${name}`;
    default:
      return `${kTypeToString(t)} ${name}`.trimEnd();
  }
}

function params(f: KType & { kind: "func" }): string {
  const ps = f.params.map((p) => declare(p.type, p.name ?? "").trimEnd());
  if (f.variadic) ps.push("...");
  return ps.length === 0 ? "void" : ps.join(", ");
}

/**
 * A struct/union as C with `/* offset size *\/` comments (bytes; bitfields as byte:bit). Anonymous
 * struct/union members are expanded inline, their offsets relative to the outermost record.
 */
export function formatRecord(d: BtfTypeDescriber, id: number): string {
  const lines: string[] = [];
  const emit = (rid: number, indent: string, base: number, head: string): void => {
    const rec = d.record(rid);
    lines.push(`${head}${rec.union ? "union" : "struct"}${rec.name ? " " + rec.name : ""} {`);
    for (const f of rec.fields) {
      const at = base + f.offset;
      if (f.name === undefined && f.type.kind === "record" && f.bitWidth === undefined) {
        emit(f.type.id, indent + "\t", at, indent + "\t");
        lines[lines.length - 1] += ";";
        continue;
      }
      const decl = declare(f.type, f.name ?? "");
      if (f.bitWidth !== undefined) {
        const abs = at * 8 + f.bitOffset!;
        lines.push(`${indent}\t${decl}:${f.bitWidth};${pad(decl.length + 2 + String(f.bitWidth).length)}/* ${Math.floor(abs / 8)}:${abs % 8} ${f.bitWidth} bits */`);
      } else {
        lines.push(`${indent}\t${decl};${pad(decl.length + 1)}/* ${at} ${sizeOrQ(d, f.type)} */`);
      }
    }
    lines.push(`${indent}}${indent === "" ? `; /* size ${rec.size}, align ${rec.align}${rec.packed ? ", packed" : ""} */` : ""}`);
  };
  emit(id, "", 0, "");
  return lines.join("\n");
}

function pad(used: number): string {
  return " ".repeat(Math.max(1, 40 - used));
}

function sizeOrQ(d: BtfTypeDescriber, t: KType): string {
  switch (t.kind) {
    case "int": case "float": case "enum": return String(t.size);
    case "ptr": return "8";
    case "record": return String(t.size);
    case "typedef": return sizeOrQ(d, t.to);
    case "array": {
      const e = sizeOrQ(d, t.of);
      return e === "?" ? "?" : String(Number(e) * t.length);
    }
    default: return "?";
  }
}

/** `enum name { A = 0, B = 1 }` on several lines. */
export function formatEnum(t: KType & { kind: "enum" }): string {
  const body = t.values.map((v) => `\t${v.name} = ${v.value},`).join("\n");
  return `enum${t.name ? " " + t.name : ""} {\n${body}\n};`;
}

/** `ssize_t vfs_read(struct file *file, char *buf, size_t count, loff_t *pos)`. */
export function formatFunc(name: string, f: KType & { kind: "func" }): string {
  return `${kTypeToString(f.ret)} ${name}(${params(f)})`;
}
