/**
 * The models of the views a case can name, derived from `memoryview(exporter)`:
 * a slice, a cast, a read-only view. Each is what CPython's memoryobject.c
 * makes of the exporter's model (`memory_subscript`, `memoryview_cast_impl`,
 * `memoryview_toreadonly_impl`), or the reason the view cannot be made.
 *
 * @module
 */

import type { AbiName } from "@pybuffer/core";
import { concat, fortranBytes, makeModel, type Model, type ModelInit, type ViewSpec } from "./case.ts";
import { decodeItem, encodeItem, structFor, type Item } from "./items.ts";
import { contiguousStrides, product, sliceIndices } from "./layout.ts";

/** The model of `m[start:stop:step]` (dimension 0), or why the view cannot be made. */
export function sliceModel(model: Model, start: number | null, stop: number | null, step: number): Model | string {
  if (model.ndim === 0) return "a 0-d view cannot be sliced";
  const n0 = model.shape[0]!;
  const s = sliceIndices(start, stop, step, n0);
  const rest = model.shape.slice(1);
  const rowItems = product(rest);
  const items: Item[] = [];
  for (let k = 0; k < s.length; k++) {
    const row = s.start + k * s.step;
    for (let j = 0; j < rowItems; j++) items.push(model.items[row * rowItems + j]!);
  }
  const shape = [s.length, ...rest];
  const strides = model.strides === null ? null : [model.strides[0]! * step, ...model.strides.slice(1)];
  return makeModel({
    ...modelBase(model),
    shape,
    strides,
    items,
    ...orderedBytes(items, shape, model),
  });
}

/**
 * The cast a case's view names, made to apply: a format whose size does not
 * divide the view's bytes falls back to "B", a shape that does not fit falls
 * back to flat. (Deterministic, so a case literal always names one cast.)
 */
export function resolveCast(nbytes: number, abi: AbiName, format: string, shape: "flat" | "2d" | "scalar"): { format: string; shape: number[] } {
  const target = nbytes % structFor(format, abi).size === 0 ? format : "B";
  const count = nbytes / structFor(target, abi).size;
  if (shape === "scalar" && count === 1) return { format: target, shape: [] };
  const a = [2, 3, 5, 7].find((d) => count % d === 0);
  if (shape === "2d" && a !== undefined && count > 0) return { format: target, shape: [a, count / a] };
  return { format: target, shape: [count] };
}

/** The model of `m.cast("B").cast(format, shape)`, or why the cast does not apply. */
export function castModel(model: Model, requested: string, shapeKind: "flat" | "2d" | "scalar"): Model | string {
  if (model.c !== "yes") return "casts need a C-contiguous view";
  if (model.ndim !== 1 && model.shape.includes(0)) return "a view with zeros in its shape cannot be cast";
  const { format, shape } = resolveCast(model.len, model.abi, requested, shapeKind);
  const struct = structFor(format, model.abi);
  const size = struct.size;
  const count = model.len / size;
  const bytes = model.bytesC;
  const items: Item[] = [];
  for (let k = 0; k < count; k++) items.push(decodeItem(struct, bytes, k * size));
  const strides = contiguousStrides(shape, size, "C");
  const init: ModelInit = {
    format,
    itemsize: size,
    shape,
    strides,
    readonly: model.readonly,
    indirect: false,
    abi: model.abi,
    formatWithoutShape: "refuse",
    items,
    bytesC: bytes.slice(),
    bytesF: fortranBytes(bytes, shape, size),
  };
  return makeModel(init);
}

/** The model of `m.toReadonly()`. */
export function readonlyModel(model: Model): Model {
  return makeModel({ ...modelBase(model), shape: model.shape, strides: model.strides, items: model.items, bytesC: model.bytesC, bytesF: model.bytesF, readonly: true });
}

function modelBase(model: Model): Omit<ModelInit, "shape" | "strides" | "items" | "bytesC" | "bytesF"> {
  return {
    format: model.format,
    itemsize: model.itemsize,
    readonly: model.readonly,
    indirect: model.indirect,
    abi: model.abi,
    formatWithoutShape: "refuse",
  };
}

/** A derived model of a memoryview over the exporter: step 7 is memoryview's (refuse). */
export function viewModel(model: Model): Model {
  return makeModel({ ...modelBase(model), shape: model.shape, strides: model.strides, items: model.items, bytesC: model.bytesC, bytesF: model.bytesF });
}

function orderedBytes(items: readonly Item[], shape: readonly number[], model: Model): { bytesC: Uint8Array; bytesF: Uint8Array } {
  const struct = structFor(model.format, model.abi);
  const bytesC = concat(items.map((item) => encodeItem(struct, item)));
  return { bytesC, bytesF: fortranBytes(bytesC, shape, model.itemsize) };
}

/** The model of the view a case names (or of the exporter). */
export function derivedModel(model: Model, view: ViewSpec | undefined): Model | string {
  if (view === undefined) return model;
  switch (view.kind) {
    case "slice":
      return sliceModel(viewModel(model), view.start, view.stop, view.step);
    case "cast":
      return castModel(viewModel(model), view.format, view.shape);
    case "readonly":
      return readonlyModel(viewModel(model));
  }
}
