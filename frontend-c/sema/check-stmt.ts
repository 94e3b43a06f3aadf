/**
 * @fileoverview Statements and local declarations: scopes, loops (with a check for loops that
 * can never exit, which the verifier would reject after a long search), switch/case collection,
 * labels/goto, and return conversions.
 */
import type { Declaration, Expr, Stmt } from "../parse/ast.ts";
import type { Checker } from "./checker.ts";
import { assignConvert, checkRvalue, checkScalar, errorExpr } from "./check-expr.ts";
import { checkInitializer } from "./check-init.ts";
import { constOf, convert, mkConst, promote } from "./conversions.ts";
import { resolveTypeName } from "./resolve-type.ts";
import type { TExpr, TInit, TStmt } from "./typed-ast.ts";
import { type CType, isComplete, isInt, typeToString } from "./types.ts";

export function checkBlockItems(c: Checker, items: Stmt[]): TStmt[] {
  const out: TStmt[] = [];
  for (const s of items) {
    if (s.kind === "decl") out.push(...checkLocalDecl(c, s));
    else out.push(checkStmt(c, s));
  }
  return out;
}

export function checkLocalDecl(c: Checker, d: Declaration): TStmt[] {
  const out: TStmt[] = [];
  const isTypedef = d.storage.includes("typedef");
  if (d.declarators.length === 0) resolveTypeName(c, d.base); // defines tags
  for (const v of d.declarators) {
    let t = resolveTypeName(c, v.type);
    if (isTypedef) {
      c.scope.names.set(v.name, { kind: "typedef", type: t, span: v.nameSpan });
      continue;
    }
    const isConstStatic = d.storage.includes("static") && isConstObject(t) && v.init !== undefined;
    // `static const char fmt[] = "...";` (libbpf's bpf_printk) behaves like a plain local: it is
    // never written, so a stack copy initialised on entry is indistinguishable.
    if (!isConstStatic && (d.storage.includes("static") || d.storage.includes("extern"))) {
      c.error("sema/unsupported", v.nameSpan, `'${d.storage.includes("static") ? "static" : "extern"}' local variables are not supported in BPF programs; use a map`);
      continue;
    }
    if (t.kind === "func") {
      c.error("sema/unsupported", v.nameSpan, "local function declarations are not supported");
      continue;
    }
    const prev = c.scope.names.get(v.name);
    if (prev && prev.kind === "local") {
      c.error("sema/redefinition", v.nameSpan, `redefinition of '${v.name}'`, [{ message: "previous definition is here", span: prev.span }]);
    }
    if (t.kind === "error") {
      // Still declare it so later uses do not report unknown identifiers.
      c.scope.names.set(v.name, c.newLocal(v.name, t, v.nameSpan));
      continue;
    }
    // The name is in scope from the end of its declarator, so `T *e = f(sizeof(*e));` works.
    const sym = c.newLocal(v.name, t, v.nameSpan);
    c.scope.names.set(v.name, sym);
    let tinit: TInit | undefined;
    if (v.init) {
      const r = checkInitializer(c, t, v.init);
      t = r.type;
      tinit = { zeroFill: r.zeroFill, parts: r.parts };
    }
    if (!isComplete(t)) {
      c.error("sema/incomplete-type", v.nameSpan, `variable '${v.name}' has incomplete type ${typeToString(t)}`);
      t = { kind: "error" };
    }
    sym.type = t;
    out.push({ k: "decl", sym, init: tinit, span: v.span });
  }
  return out;
}

function condition(c: Checker, e: Expr, what: string): TExpr {
  return checkScalar(c, e, what);
}

/** True when a statement contains a way out of an enclosing loop (break at this level, return, goto). */
function canExit(s: Stmt, depth: number): boolean {
  switch (s.kind) {
    case "break": return depth === 0;
    case "return": case "goto": return true;
    case "block": return s.items.some((x) => canExit(x, depth));
    case "if": return canExit(s.then, depth) || (s.else !== undefined && canExit(s.else, depth));
    case "while": case "do": case "for": return canExit(s.body, depth + 1);
    case "switch": return canExit(s.body, depth + 1);
    case "case": case "default": case "label": return s.body !== undefined && canExit(s.body, depth);
    case "expr": return s.expr.kind === "stmt-expr" && canExit(s.expr.body, depth);
    default: return false;
  }
}

function checkLoopBound(c: Checker, cond: TExpr | undefined, body: Stmt, span: Stmt["span"]): void {
  const forever = cond === undefined || (cond.k === "const" && cond.value !== 0n);
  if (forever && !canExit(body, 0)) {
    c.error("sema/unbounded-loop", span, "this loop never terminates; the BPF verifier only accepts bounded loops");
  }
}

export function checkStmt(c: Checker, s: Stmt): TStmt {
  const fn = c.fn!;
  switch (s.kind) {
    case "block": {
      c.pushScope();
      const items = checkBlockItems(c, s.items);
      c.popScope();
      return { k: "block", items, span: s.span };
    }
    case "decl":
      return { k: "block", items: checkLocalDecl(c, s), span: s.span };
    case "expr":
      return { k: "expr", expr: checkRvalue(c, s.expr), span: s.span };
    case "empty":
      return { k: "empty", span: s.span };
    case "if":
      return {
        k: "if",
        cond: condition(c, s.cond, "an if condition"),
        then: checkStmt(c, s.then),
        else: s.else ? checkStmt(c, s.else) : undefined,
        span: s.span,
      };
    case "while":
    case "do": {
      const cond = condition(c, s.cond, "a loop condition");
      checkLoopBound(c, cond, s.body, s.span);
      fn.loopDepth++;
      fn.breakable++;
      const body = checkStmt(c, s.body);
      fn.loopDepth--;
      fn.breakable--;
      return { k: "loop", init: undefined, cond, step: undefined, body, postTest: s.kind === "do", unroll: s.unroll, span: s.span };
    }
    case "for": {
      c.pushScope();
      let init: TStmt | undefined;
      if (s.init) {
        init = s.init.kind === "decl"
          ? { k: "block", items: checkLocalDecl(c, s.init), span: s.init.span }
          : { k: "expr", expr: checkRvalue(c, s.init), span: s.init.span };
      }
      const cond = s.cond ? condition(c, s.cond, "a loop condition") : undefined;
      checkLoopBound(c, cond, s.body, s.span);
      const step = s.step ? checkRvalue(c, s.step) : undefined;
      fn.loopDepth++;
      fn.breakable++;
      const body = checkStmt(c, s.body);
      fn.loopDepth--;
      fn.breakable--;
      c.popScope();
      return { k: "loop", init, cond, step, body, postTest: false, unroll: s.unroll, span: s.span };
    }
    case "switch": {
      let cond = checkRvalue(c, s.cond);
      if (cond.type.kind !== "error" && !isInt(cond.type)) {
        c.error("sema/type-mismatch", s.cond.span, `switch needs an integer, not ${typeToString(cond.type)}`);
        cond = errorExpr(s.cond.span);
      }
      if (isInt(cond.type)) cond = convert(cond, promote(cond.type));
      const sw = { cases: new Map(), list: [] as { value: bigint; label: number }[], defaultLabel: undefined as number | undefined, type: cond.type };
      fn.switches.push(sw);
      fn.breakable++;
      const body = checkStmt(c, s.body);
      fn.breakable--;
      fn.switches.pop();
      return { k: "switch", cond, body, cases: sw.list, defaultLabel: sw.defaultLabel, span: s.span };
    }
    case "case":
    case "default": {
      const sw = fn.switches[fn.switches.length - 1] as (typeof fn.switches)[number] & { type?: CType } | undefined;
      const label = c.newId();
      if (!sw) {
        c.error("sema/case-outside-switch", s.span, `'${s.kind}' label not within a switch statement`);
      } else if (s.kind === "case") {
        const v = checkRvalue(c, s.value);
        const k = constOf(v);
        if (v.type.kind !== "error" && (k === undefined || !isInt(v.type))) {
          c.error("sema/not-constant", s.value.span, "case label must be an integer constant expression");
        } else if (k !== undefined) {
          let hi = k;
          if (s.high) {
            const hv = constOf(checkRvalue(c, s.high));
            if (hv === undefined) c.error("sema/not-constant", s.high.span, "case range end must be an integer constant expression");
            else hi = hv;
            if (hi - k > 4096n) {
              c.error("sema/unsupported", s.span, "case ranges of more than 4096 values are not supported");
              hi = k;
            }
          }
          for (let x = k; x <= hi; x++) {
            const cv = mkConst(x, v.type, s.value.span);
            const conv = sw.type && isInt(sw.type) ? constOf(convert(cv, sw.type)) ?? x : x;
            const prev = sw.cases.get(conv);
            if (prev) {
              c.error("sema/duplicate-case", s.value.span, `duplicate case value ${conv}`, [{ message: "previous case is here", span: prev }]);
              break;
            }
            sw.cases.set(conv, s.span);
            sw.list.push({ value: conv, label });
          }
        }
      } else {
        if (sw.defaultLabel !== undefined) c.error("sema/duplicate-case", s.span, "multiple default labels in one switch");
        else sw.defaultLabel = label;
      }
      const items: TStmt[] = [{ k: "case-label", label, span: s.span }];
      if (s.body) items.push(checkStmt(c, s.body));
      return { k: "block", items, span: s.span };
    }
    case "break":
      if (fn.breakable === 0) c.error("sema/break-outside-loop", s.span, "'break' outside of a loop or switch");
      return { k: "break", span: s.span };
    case "continue":
      if (fn.loopDepth === 0) c.error("sema/continue-outside-loop", s.span, "'continue' outside of a loop");
      return { k: "continue", span: s.span };
    case "return": {
      const ret = fn.ret;
      if (!s.value) {
        if (ret.kind !== "void" && ret.kind !== "error") {
          c.error("sema/return-type", s.span, `non-void function '${fn.sym.name}' must return a value`);
        }
        return { k: "return", value: undefined, span: s.span };
      }
      const v = checkRvalue(c, s.value);
      if (ret.kind === "void") {
        if (v.type.kind !== "void" && v.type.kind !== "error") {
          c.error("sema/return-type", s.value.span, `void function '${fn.sym.name}' should not return a value`);
        }
        return { k: "block", items: [{ k: "expr", expr: v, span: s.span }, { k: "return", value: undefined, span: s.span }], span: s.span };
      }
      return { k: "return", value: assignConvert(c, ret, v, s.value.span, "return value"), span: s.span };
    }
    case "goto":
      fn.gotos.push({ label: s.label, span: s.span });
      return { k: "goto", label: s.label, span: s.span };
    case "label": {
      const prev = fn.labels.get(s.label);
      if (prev) c.error("sema/duplicate-label", s.span, `redefinition of label '${s.label}'`);
      fn.labels.set(s.label, s.span);
      const items: TStmt[] = [{ k: "label", label: s.label, span: s.span }];
      if (s.body) {
        if (s.body.kind === "decl") items.push(...checkLocalDecl(c, s.body));
        else items.push(checkStmt(c, s.body));
      }
      return { k: "block", items, span: s.span };
    }
  }
}

/** A const object: const-qualified itself, or an array of const elements. */
function isConstObject(t: CType): boolean {
  if ((t as { const?: boolean }).const === true) return true;
  return t.kind === "array" && isConstObject(t.of);
}
