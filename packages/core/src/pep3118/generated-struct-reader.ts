/**
 * Straight-line code for reading a struct item: one object literal per
 * record, its plain-number fields read by DataView calls written into the
 * code and every other field by its own reader. Like `struct`'s generated
 * code (format/record-code.ts), it gives V8 one call site per field, and
 * one hidden class per struct: a record then costs its allocation and
 * little more. Hosts that forbid generating code (a Content-Security-Policy
 * without 'unsafe-eval') get `null`, and the caller's loop reads the same
 * values.
 *
 * @module
 */

import { generationAllowed } from "../format/record-code.ts";
import type { ExtendedType } from "./extended-type.ts";

/** Reads the item at byte `offset` of `view` (record-reader.ts's RecordReader, named here so neither file imports the other). */
type RecordReader = (view: DataView, offset: number) => unknown;

/** Past this many fields one literal stops paying off. */
const MAX_FIELDS = 256;


/** One field: its name, byte offset in the struct, type, and the reader of anything not read inline. */
export interface GeneratedField {
  readonly name: string;
  readonly offset: number;
  readonly type: ExtendedType;
  readonly read: RecordReader;
}

/**
 * The reader of a struct with `fields`, or null where code cannot be
 * generated, a name is `__proto__` (a literal key would set the prototype)
 * or the struct is too wide. Only JSON string literals (the names),
 * integers (offsets) and DataView method names enter the source; the
 * other readers come in as an argument.
 */
export function generatedStructReader(fields: readonly GeneratedField[]): RecordReader | null {
  if (!generationAllowed || fields.length > MAX_FIELDS || fields.some((field) => field.name === "__proto__")) return null;
  const body = fields
    .map((field, i) => `${JSON.stringify(field.name)}: ${inlineRead(field.type, field.offset) ?? `r[${i}](view, offset + ${field.offset})`}`)
    .join(", ");
  try {
    const make = new Function("r", `"use strict"; return (view, offset) => ({ ${body} });`) as (r: readonly RecordReader[]) => RecordReader;
    return make(fields.map((field) => field.read));
  } catch {
    return null;
  }
}

/**
 * The DataView expression reading a scalar at `offset` from the record's
 * start, exactly as its `struct` codec reads it (format/item-codec.ts), or
 * null for anything else (half floats, complex, text, pointers).
 */
function inlineRead(type: ExtendedType, offset: number): string | null {
  if (type.kind !== "scalar") return null;
  const at = `offset + ${offset}`;
  const le = type.littleEndian ? "true" : "false";
  switch (type.scalarKind) {
    case "bool":
      // The codec's '?': any non-zero byte is True.
      return type.size === 1 ? `view.getUint8(${at}) !== 0` : null;
    case "int": {
      if (type.code === "P") return null;
      const sign = type.signed ? "Int" : "Uint";
      if (type.size === 1) return `view.get${sign}8(${at})`;
      if (type.size === 2 || type.size === 4) return `view.get${sign}${type.size * 8}(${at}, ${le})`;
      return type.size === 8 ? `view.getBig${sign}64(${at}, ${le})` : null;
    }
    case "float":
      if (type.size === 4) return `view.getFloat32(${at}, ${le})`;
      return type.size === 8 ? `view.getFloat64(${at}, ${le})` : null;
    default:
      return null;
  }
}
