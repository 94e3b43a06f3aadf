/**
 * @fileoverview Statements → control flow. Loops use the rotated-free classic shape
 * (cond → body → step → cond) the verifier handles well; switch is a compare chain.
 */
import type { Span } from "../diagnostics/index.ts";
import { type Block, imm } from "../ir/ir.ts";
import type { TStmt } from "../sema/typed-ast.ts";
import { castValue, lowerCond, lowerEffect, lowerExpr } from "./lower-expr.ts";
import { initObject } from "./lower-init.ts";
import { lowerRecordValue } from "./lower-lvalue.ts";
import { analyzeUnroll } from "./unroll.ts";
import { sizeOf } from "../sema/types.ts";
import type { FnLowerer } from "./lowerer.ts";

export function lowerStmts(L: FnLowerer, items: TStmt[]): void {
  for (const s of items) lowerStmt(L, s);
}

function labelBlock(L: FnLowerer, name: string): Block {
  let b = L.frame.labels.get(name);
  if (!b) {
    b = L.b.newBlock(name);
    L.frame.labels.set(name, b);
  }
  return b;
}

function lowerReturn(L: FnLowerer, s: TStmt & { k: "return" }): void {
  const f = L.frame;
  if (f.retBlock) {
    if (s.value && f.retObj) {
      const src = lowerRecordValue(L, s.value);
      L.b.copy(f.retObj, 0, src.base, src.off, sizeOf(s.value.type), 1, s.span);
    } else if (s.value && f.retValue !== undefined) L.b.mov(f.retValue, lowerExpr(L, s.value), s.span);
    else if (s.value) lowerEffect(L, s.value);
    L.b.jmp(f.retBlock, s.span);
    return;
  }
  const v = s.value ? lowerExpr(L, s.value) : imm(0);
  L.b.ret(v, s.span);
}

export function lowerStmt(L: FnLowerer, s: TStmt): void {
  const span = s.span;
  switch (s.k) {
    case "block":
      lowerStmts(L, s.items);
      return;
    case "decl": {
      const st = L.declare(s.sym);
      if (st.kind === "vreg") {
        const part = s.init?.parts[0];
        if (part && part.kind === "scalar") {
          const v = lowerExpr(L, part.expr);
          L.b.mov(st.v, castValue(L, v, part.expr.type, s.sym.type, span), span);
        } else {
          // Uninitialised scalars read as 0 (the verifier rejects reading unset registers).
          L.b.mov(st.v, imm(0), span);
        }
        return;
      }
      initObject(L, { base: st.ref, off: 0 }, s.sym.type, s.init, span);
      return;
    }
    case "expr":
      lowerEffect(L, s.expr);
      return;
    case "empty":
      return;
    case "if": {
      const thenB = L.b.newBlock("if.then");
      const join = L.b.newBlock("if.end");
      const elseB = s.else ? L.b.newBlock("if.else") : join;
      lowerCond(L, s.cond, thenB, elseB);
      L.b.setBlock(thenB);
      lowerStmt(L, s.then);
      if (L.b.open) L.b.jmp(join, span);
      if (s.else) {
        L.b.setBlock(elseB);
        lowerStmt(L, s.else);
        if (L.b.open) L.b.jmp(join, span);
      }
      L.b.setBlock(join);
      return;
    }
    case "loop":
      lowerLoop(L, s);
      return;
    case "switch": {
      const v = L.reg(lowerExpr(L, s.cond), span);
      const exit = L.b.newBlock("switch.end");
      for (const c of s.cases) L.caseBlocks.set(c.label, L.b.newBlock("case"));
      if (s.defaultLabel !== undefined) L.caseBlocks.set(s.defaultLabel, L.b.newBlock("default"));
      for (const c of s.cases) {
        const next = L.b.newBlock("switch.next");
        L.b.br("eq", v, imm(c.value), L.caseBlocks.get(c.label)!, next, span);
        L.b.setBlock(next);
      }
      L.b.jmp(s.defaultLabel !== undefined ? L.caseBlocks.get(s.defaultLabel)! : exit, span);
      L.targets.push({ breakTo: exit, continueTo: undefined });
      L.startBlock("switch.dead"); // statements before the first label are unreachable
      lowerStmt(L, s.body);
      L.targets.pop();
      L.fallInto(exit, span);
      return;
    }
    case "case-label": {
      const b = L.caseBlocks.get(s.label);
      if (b) L.fallInto(b, span);
      return;
    }
    case "break": {
      const t = L.targets[L.targets.length - 1];
      if (t) L.b.jmp(t.breakTo, span);
      return;
    }
    case "continue": {
      for (let i = L.targets.length - 1; i >= 0; i--) {
        const c = L.targets[i]!.continueTo;
        if (c) {
          L.b.jmp(c, span);
          return;
        }
      }
      return;
    }
    case "return":
      lowerReturn(L, s);
      return;
    case "goto":
      L.b.jmp(labelBlock(L, s.label), span);
      return;
    case "label":
      L.fallInto(labelBlock(L, s.label), span);
      return;
  }
}

function lowerLoop(L: FnLowerer, s: TStmt & { k: "loop" }): void {
  const span: Span = s.span;
  if (s.init) lowerStmt(L, s.init);
  const unrolled = analyzeUnroll(s);
  if (unrolled) {
    const st = L.storageOf(unrolled.sym);
    if (st.kind === "vreg") {
      const exit = L.b.newBlock("unroll.end");
      const start = irSize(L.b.fn);
      let done = 0;
      for (const v of unrolled.values) {
        // Nested unrolled loops multiply: past the budget the remaining trips run as an ordinary
        // (bounded) loop from the counter's current value, so code size and compile time stay
        // bounded whatever the nesting.
        if (done > 0 && irSize(L.b.fn) - start > UNROLL_BUDGET_INSTS) break;
        const next = L.b.newBlock("unroll.next");
        L.b.mov(st.v, imm(v), span);
        L.targets.push({ breakTo: exit, continueTo: next });
        lowerStmt(L, s.body);
        L.targets.pop();
        L.fallInto(next, span);
        done++;
      }
      if (done === unrolled.values.length) {
        L.b.mov(st.v, imm(unrolled.final), span);
        L.fallInto(exit, span);
        return;
      }
      L.b.mov(st.v, imm(unrolled.values[done]!), span);
      lowerRolledLoop(L, { ...s, postTest: false }, span, exit);
      return;
    }
  }
  lowerRolledLoop(L, s, span, L.b.newBlock("loop.end"));
}

/** Above this many IR instructions emitted for one `#pragma unroll` loop, unrolling stops. */
const UNROLL_BUDGET_INSTS = 2048;

function irSize(fn: { blocks: readonly { insts: readonly unknown[] }[] }): number {
  let n = 0;
  for (const b of fn.blocks) n += b.insts.length;
  return n;
}

function lowerRolledLoop(L: FnLowerer, s: TStmt & { k: "loop" }, span: Span, exit: Block): void {
  const condB = L.b.newBlock("loop.cond");
  const bodyB = L.b.newBlock("loop.body");
  const stepB = L.b.newBlock("loop.step");
  L.b.jmp(s.postTest ? bodyB : condB, span);
  L.b.setBlock(condB);
  if (s.cond) lowerCond(L, s.cond, bodyB, exit);
  else L.b.jmp(bodyB, span);
  L.b.setBlock(bodyB);
  L.targets.push({ breakTo: exit, continueTo: stepB });
  lowerStmt(L, s.body);
  L.targets.pop();
  L.fallInto(stepB, span);
  if (s.step) lowerEffect(L, s.step);
  L.b.jmp(condB, span);
  L.b.setBlock(exit);
}
