/**
 * Keeps an export alive for as long as the library object built over its
 * memory: CPython's `memoryview` holds its exporter's buffer until it is
 * released (`mbuf_release` in Objects/memoryobject.c); a scijs or Arrow array
 * has no release call, so the export ends when the garbage collector frees
 * the array's data. Until then an exporter that counts exports refuses to
 * resize under it.
 *
 * @module
 */

import { releaseBuffer, type BufferRecord } from "@pybuffer/core";
import { hasReleaseMethod } from "@pybuffer/core/internal";

const exportsHeld = new FinalizationRegistry<BufferRecord>((record) => {
  try {
    releaseBuffer(record);
  } catch {
    // A release method that throws has nobody to report to in a finalizer; the export is over either way.
  }
});

/** Releases `record` once `holder` (the typed array that reads its memory) is collected. */
export function holdExportWhileAlive(holder: object, record: BufferRecord): void {
  // An exporter without a release method has nothing to hear (no built-in
  // one has): a registration per array would cost more than the rest of
  // fromExporter, as core's memoryview defers no release for those either.
  if (hasReleaseMethod(record.obj)) exportsHeld.register(holder, record);
}
