/**
 * @fileoverview State a caller may keep across preprocessor runs to skip repeated work: the lexed
 * lines of every file (re-lexed only when its text changes) and the parsed `#define` lines. A BCC
 * tool compiles the same virtual headers on every compile, and those are mostly macro definitions.
 *
 * File indices are stable for the cache's lifetime (cached tokens carry them), so the file table lives
 * here too. Everything cached is immutable; a cache must not be used by two runs at the same time.
 */
import type { DefineResult } from "./define.ts";
import { lexFile, type LexResult, type Token } from "./lexer.ts";

export class PreprocessCache {
  private readonly fileIds = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly lexed = new Map<number, { text: string; result: LexResult }>();
  /** Keyed by a directive line's token array, which is shared while the file's lex result is. */
  readonly defines = new WeakMap<readonly Token[], DefineResult>();

  /** The index of a file name (assigned on first use). */
  fileId(name: string): number {
    let idx = this.fileIds.get(name);
    if (idx === undefined) {
      idx = this.names.length;
      this.names.push(name);
      this.fileIds.set(name, idx);
    }
    return idx;
  }

  fileName(idx: number): string {
    return this.names[idx] ?? "";
  }

  /** A copy of the file table, for a SourceMap that must not change under later runs. */
  files(): string[] {
    return this.names.slice();
  }

  lex(idx: number, text: string): LexResult {
    const hit = this.lexed.get(idx);
    if (hit !== undefined && hit.text === text) return hit.result;
    const result = lexFile(text, idx);
    this.lexed.set(idx, { text, result });
    return result;
  }
}
