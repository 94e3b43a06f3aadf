/**
 * @fileoverview Codec: the compiled pair of (decode, encode) functions for one C type, plus the
 * BCC-flavoured conveniences built on them (`make` ≈ ctypes `Key(...)`/`Leaf(...)`, `describe`).
 *
 * Value mapping (BCC returns ctypes objects; we return plain JS values):
 * - integers of 1, 2, 4 bytes → number; 8 bytes (incl. long, u64, s64) → bigint, never rounded;
 * - bool → boolean; float/double → number; enum → number (bigint when 8 bytes);
 * - pointers → bigint addresses;
 * - `char[N]` → string up to the first NUL; any other array → JS array;
 * - struct → plain object; union → plain object with every member decoded over the same bytes;
 * - bitfields → masked and sign-extended per the field's type.
 * Encoders accept numbers, bigints, numeric strings, booleans, `{ value }` holders (ctypes style),
 * enumerator names, strings/bytes for char arrays, and objects with any subset of the fields (the
 * rest is zero). A Uint8Array of exactly `size` bytes is taken as the raw encoding.
 */
import { typeName, type CTypeDesc } from "../spec/index.ts";
import { generateDecoder, generateEncoder } from "./generate.ts";
import { HELPERS, HELPER_NAMES, describeValue } from "./runtime-helpers.ts";

type DecodeFn = (dv: DataView, u8: Uint8Array, o: number) => unknown;
type EncodeFn = (dv: DataView, u8: Uint8Array, o: number, v: unknown) => void;

function compile<F>(gen: { source: string; consts: unknown[] }): F {
  const factory = new Function(...HELPER_NAMES, "K", gen.source) as (...args: unknown[]) => F;
  return factory(...HELPER_NAMES.map((n) => HELPERS[n]), gen.consts);
}

/** A DataView over exactly the bytes of `u8` (views are cheap, but reused when decoding in a loop). */
export function viewOf(u8: Uint8Array): DataView {
  return new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
}

export class Codec<T = unknown> {
  readonly type: CTypeDesc;
  readonly size: number;
  /** The generated JavaScript, for debugging (`console.log(codec.source.decode)`). */
  readonly source: { readonly decode: string; readonly encode: string };
  readonly #decode: DecodeFn;
  readonly #encode: EncodeFn;
  // The last ArrayBuffer decoded from, with a view and a byte array over all of it: event loops
  // decode every record from one buffer (a perf or ring buffer mapping), each record through its
  // own subarray, so the views are keyed on the buffer, not on the record's array.
  #lastBuffer: ArrayBufferLike | undefined;
  #lastDv: DataView | undefined;
  #lastU8: Uint8Array | undefined;

  constructor(type: CTypeDesc) {
    this.type = type;
    this.size = type.size;
    const dec = generateDecoder(type);
    const enc = generateEncoder(type);
    this.source = { decode: dec.source, encode: enc.source };
    this.#decode = compile<DecodeFn>(dec);
    this.#encode = compile<EncodeFn>(enc);
  }

  /** Decodes the value stored at `offset` in `buf`. */
  decode(buf: Uint8Array, offset = 0): T {
    if (offset < 0 || offset + this.size > buf.length) {
      throw new RangeError(`${typeName(this.type)}: need ${this.size} bytes at offset ${offset}, buffer has ${buf.length}`);
    }
    let dv = this.#lastDv;
    let u8 = this.#lastU8;
    if (this.#lastBuffer !== buf.buffer || dv === undefined || u8 === undefined) {
      dv = new DataView(buf.buffer);
      // A map value read into its own buffer is the whole buffer: no second array needed.
      u8 = buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength ? buf : new Uint8Array(buf.buffer);
      this.#lastBuffer = buf.buffer;
      this.#lastDv = dv;
      this.#lastU8 = u8;
    }
    return this.#decode(dv, u8, buf.byteOffset + offset) as T;
  }

  /** Decodes with a caller-provided view (no bounds check beyond the DataView's own). */
  decodeAt(dv: DataView, u8: Uint8Array, offset: number): T {
    return this.#decode(dv, u8, offset) as T;
  }

  /**
   * Encodes `value` into `out` at `offset` (allocating `size` bytes when `out` is omitted) and returns
   * the buffer. The target bytes are zeroed first, so omitted fields and padding are zero.
   */
  encode(value: unknown, out?: Uint8Array, offset = 0): Uint8Array {
    const buf = out ?? new Uint8Array(this.size);
    if (offset < 0 || offset + this.size > buf.length) {
      throw new RangeError(`${typeName(this.type)}: need ${this.size} bytes at offset ${offset}, buffer has ${buf.length}`);
    }
    if (value instanceof Uint8Array && value.length === this.size && this.type.kind !== "array") {
      buf.set(value, offset);
      return buf;
    }
    if (out !== undefined) buf.fill(0, offset, offset + this.size);
    try {
      this.#encode(viewOf(buf), buf, offset, value);
    } catch (e) {
      if (e instanceof TypeError) throw new TypeError(`cannot encode ${describeValue(value)} as ${typeName(this.type)}: ${e.message}`);
      throw e;
    }
    return buf;
  }

  /** The decoded all-zero value (what a fresh map slot holds). */
  zero(): T {
    return this.decode(new Uint8Array(this.size));
  }

  /**
   * A complete JS value of this type from a partial one: what BCC's `table.Key(...)`/`table.Leaf(...)`
   * give (e.g. `make({ pid: 1 })` fills the other fields with zeros, `make(5)` for an int type).
   */
  make(init?: unknown): T {
    return this.decode(this.encode(init));
  }

  /** A one-line C-ish description, e.g. `struct key_t { u32 pid @0; char comm[16] @4 } (20 bytes)`. */
  describe(): string {
    return describeType(this.type);
  }
}

/** Describes a type with its field offsets; nested records are shown by name only. */
export function describeType(t: CTypeDesc): string {
  if (t.kind !== "struct" && t.kind !== "union") return `${typeName(t)} (${t.size} bytes)`;
  const fields = t.fields.map((f) => {
    const bits = f.bitSize !== undefined ? `:${f.bitSize} @${f.offset}+${f.bitOffset ?? 0}b` : ` @${f.offset}`;
    return `${typeName(f.type)} ${f.name}${bits}`;
  });
  return `${typeName(t)} { ${fields.join("; ")} } (${t.size} bytes)`;
}

/** The enumerator name for a value of an enum type, or undefined (BCC leaves this to the user). */
export function enumName(t: CTypeDesc, value: number | bigint): string | undefined {
  if (t.kind !== "enum") return undefined;
  const v = BigInt(value);
  return t.values.find((e) => e.value === v)?.name;
}

/**
 * Compiles each distinct type once. Owned by whoever owns the tables (a BPF object), never global:
 * keys are the type objects themselves, plus a structural key so equal descriptions from different
 * specs share the generated code.
 */
export class CodecCache {
  readonly #byObject = new WeakMap<CTypeDesc, Codec>();
  readonly #byShape = new Map<string, Codec>();

  get<T = unknown>(type: CTypeDesc): Codec<T> {
    const hit = this.#byObject.get(type);
    if (hit) return hit as Codec<T>;
    const shape = JSON.stringify(type, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
    let codec = this.#byShape.get(shape);
    if (!codec) {
      codec = new Codec(type);
      this.#byShape.set(shape, codec);
    }
    this.#byObject.set(type, codec);
    return codec as Codec<T>;
  }

  get size(): number {
    return this.#byShape.size;
  }
}
