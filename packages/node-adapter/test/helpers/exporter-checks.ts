/** What the I/O tests ask of any exporter and of any failed call. */
import { BufferFlags, getBuffer, releaseBuffer, toContiguous } from "@pybuffer/core";
import { expect } from "vitest";

/** The exporter's items as C-ordered bytes (what a read fills or a write sends). */
export function cOrder(exporter: unknown): Uint8Array {
  const record = getBuffer(exporter, BufferFlags.FULL_RO);
  try {
    return toContiguous(record);
  } finally {
    releaseBuffer(record);
  }
}

/** The error of class `ErrorClass` that `action` throws or rejects with; fails the test otherwise. */
export async function failureOf<E extends Error>(ErrorClass: new (...args: never[]) => E, action: () => unknown): Promise<E> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(ErrorClass);
    return error as E;
  }
  throw new Error(`expected a ${ErrorClass.name}`);
}
