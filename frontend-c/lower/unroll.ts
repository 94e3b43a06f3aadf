/**
 * @fileoverview Full unrolling of `#pragma unroll` loops of the canonical counted form
 * `for (i = C0; i COND C1; i++ / i-- / i += C)`, where the body never writes `i`, takes no
 * labels and the trip count is at most MAX_TRIPS. Kernels ≥ 5.3 verify bounded loops anyway;
 * unrolling is what BCC's clang does for the pragma and keeps older verifiers and tight loops
 * cheap. Anything else falls back to an ordinary loop.
 */
import { foldCmp } from "../sema/conversions.ts";
import type { LocalSym, TExpr, TStmt } from "../sema/typed-ast.ts";
import { normalizeConst } from "../sema/types.ts";

const MAX_TRIPS = 64;

export interface Unrolled {
  sym: LocalSym;
  /** Value of the counter at the start of each iteration. */
  values: bigint[];
  /** Value after the loop. */
  final: bigint;
}

function localOf(e: TExpr): LocalSym | undefined {
  if (e.k === "local") return e.sym;
  if (e.k === "cast" && e.operand.k === "local" && e.operand.type.kind === "int") return e.operand.sym;
  return undefined;
}

/** True when `s` may write `sym` or contains labels (which cannot be duplicated). */
function disqualifies(s: TStmt | TExpr | undefined, sym: LocalSym): boolean {
  if (s === undefined) return false;
  const writes = (t: TExpr): boolean => t.k === "local" && t.sym === sym;
  const visitExpr = (e: TExpr): boolean => {
    switch (e.k) {
      case "assign": return writes(e.target) || visitExpr(e.target) || visitExpr(e.value);
      case "compound": return writes(e.target) || visitExpr(e.target) || visitExpr(e.rhs);
      case "incdec": return writes(e.target) || visitExpr(e.target);
      case "addr": case "decay": return writes(e.of) || visitExpr(e.of);
      case "stmt-expr": return e.body.some(visitStmt) || (e.result !== undefined && visitExpr(e.result));
      case "temp": return e.init.parts.some((p) => p.kind !== "bytes" && visitExpr(p.expr));
      default:
        for (const v of Object.values(e)) {
          if (v && typeof v === "object" && "k" in v && "type" in v && visitExpr(v as TExpr)) return true;
          if (Array.isArray(v) && v.some((x) => x && typeof x === "object" && "k" in x && "type" in x && visitExpr(x as TExpr))) return true;
        }
        return false;
    }
  };
  const visitStmt = (t: TStmt): boolean => {
    switch (t.k) {
      case "label": case "goto": return true;
      case "block": return t.items.some(visitStmt);
      case "decl": return t.init?.parts.some((p) => p.kind !== "bytes" && visitExpr(p.expr)) ?? false;
      case "expr": return visitExpr(t.expr);
      case "if": return visitExpr(t.cond) || visitStmt(t.then) || (t.else !== undefined && visitStmt(t.else));
      case "loop":
        return (t.init !== undefined && visitStmt(t.init)) || (t.cond !== undefined && visitExpr(t.cond)) ||
          (t.step !== undefined && visitExpr(t.step)) || visitStmt(t.body);
      case "switch": return visitExpr(t.cond) || visitStmt(t.body);
      case "return": return t.value !== undefined && visitExpr(t.value);
      default: return false;
    }
  };
  return "span" in s && "k" in s && "type" in s ? visitExpr(s as TExpr) : visitStmt(s as TStmt);
}

/** The counter's iterations if `s` is an unrollable counted loop, else undefined. */
export function analyzeUnroll(s: TStmt & { k: "loop" }): Unrolled | undefined {
  if (!s.unroll || s.postTest || !s.cond || !s.step || s.cond.k !== "cmp") return undefined;
  // Initial value: `for (int i = C0; ...)` or `for (i = C0; ...)`.
  let sym: LocalSym | undefined;
  let start: bigint | undefined;
  const init = s.init?.k === "block" && s.init.items.length === 1 ? s.init.items[0] : s.init;
  if (init?.k === "decl") {
    const p = init.init?.parts[0];
    if (init.init?.parts.length === 1 && p?.kind === "scalar" && p.offset === 0 && p.expr.k === "const") {
      sym = init.sym;
      start = p.expr.value;
    }
  } else if (init?.k === "expr" && init.expr.k === "assign" && init.expr.target.k === "local" && init.expr.value.k === "const") {
    sym = init.expr.target.sym;
    start = init.expr.value.value;
  }
  if (!sym || start === undefined || sym.addressTaken || sym.type.kind !== "int") return undefined;
  const cmp = s.cond;
  const leftIsI = localOf(cmp.left) === sym && cmp.right.k === "const";
  const rightIsI = localOf(cmp.right) === sym && cmp.left.k === "const";
  if (!leftIsI && !rightIsI) return undefined;
  const bound = leftIsI ? (cmp.right as TExpr & { k: "const" }).value : (cmp.left as TExpr & { k: "const" }).value;
  let delta: bigint | undefined;
  const st = s.step;
  if (st.k === "incdec" && st.target.k === "local" && st.target.sym === sym) delta = st.delta;
  else if (st.k === "compound" && st.target.k === "local" && st.target.sym === sym && st.rhs.k === "const" && (st.op === "add" || st.op === "sub")) {
    delta = st.op === "add" ? st.rhs.value : -st.rhs.value;
  }
  if (delta === undefined || delta === 0n || disqualifies(s.body, sym)) return undefined;
  // The comparison is done in the (promoted) operand type; the counter in its own type.
  const cmpType = cmp.left.type;
  const values: bigint[] = [];
  let v = normalizeConst(start, sym.type);
  for (;;) {
    const cv = normalizeConst(v, cmpType);
    const holds = leftIsI ? foldCmp(cmp.op, cv, bound) : foldCmp(cmp.op, bound, cv);
    if (!holds) break;
    if (values.length >= MAX_TRIPS) return undefined;
    values.push(v);
    v = normalizeConst(v + delta, sym.type);
  }
  return { sym, values, final: v };
}
