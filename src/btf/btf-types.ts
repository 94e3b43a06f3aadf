/**
 * @fileoverview BTF types as the reader returns them and the writer accepts them: one plain object
 * per type record, close to the wire format (type references are ids), names decoded to strings
 * ("" for anonymous). `BtfTypeSpec` is the same without the id, for the writer.
 */

export interface BtfMember {
  /** undefined for an anonymous member (an embedded struct/union, or an unnamed bitfield). */
  name: string | undefined;
  type: number;
  /** Offset from the start of the enclosing struct/union, in bits. */
  bitOffset: number;
  /** Bitfield width in bits; 0 for an ordinary member. */
  bitSize: number;
}

export interface BtfParam {
  name: string | undefined;
  type: number;
}

export interface BtfEnumValue {
  name: string;
  value: bigint;
}

export interface BtfVarSecinfo {
  type: number;
  offset: number;
  size: number;
}

export type BtfTypeSpec =
  | { kind: "int"; name: string; size: number; signed: boolean; char: boolean; bool: boolean; bits: number; bitOffset: number }
  | { kind: "ptr"; type: number }
  | { kind: "array"; type: number; indexType: number; length: number }
  | { kind: "struct" | "union"; name: string; size: number; members: BtfMember[] }
  /** ENUM (4-byte values) and ENUM64 (8-byte values) are distinguished by kind to round-trip exactly. */
  | { kind: "enum" | "enum64"; name: string; size: number; signed: boolean; values: BtfEnumValue[] }
  | { kind: "fwd"; name: string; union: boolean }
  | { kind: "typedef"; name: string; type: number }
  | { kind: "volatile" | "const" | "restrict"; type: number }
  /** TYPE_TAG (`__user`, `__rcu`, `__percpu` on pointee types): name is the tag. */
  | { kind: "type_tag"; name: string; type: number }
  /** linkage: 0 static, 1 global, 2 extern (BtfFuncLinkage). `type` is a FUNC_PROTO id. */
  | { kind: "func"; name: string; type: number; linkage: number }
  /** returnType 0 = void. A trailing `...` is `variadic`, not a param. */
  | { kind: "func_proto"; returnType: number; params: BtfParam[]; variadic: boolean }
  | { kind: "var"; name: string; type: number; linkage: number }
  | { kind: "datasec"; name: string; size: number; vars: BtfVarSecinfo[] }
  | { kind: "float"; name: string; size: number }
  /** componentIdx -1: the tag applies to the type itself; otherwise to member/param number N. */
  | { kind: "decl_tag"; name: string; type: number; componentIdx: number };

/** A decoded BTF type: the spec plus its id. Id 0 is `void`. */
export type BtfType = ({ kind: "void" } | BtfTypeSpec) & { readonly id: number };

/** The decoded type of kind K (intersection, so the shared "struct" | "union" entry narrows too). */
export type BtfTypeOf<K extends BtfType["kind"]> = BtfType & { kind: K };

/** The name of a type ("" for kinds without one or anonymous types). */
export function btfTypeName(t: BtfType): string {
  return "name" in t ? t.name : "";
}
