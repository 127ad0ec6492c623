/**
 * Every `@example` in interop's TSDoc runs, and the values its comments
 * state hold (see scripts/doc-examples.ts), against the pinned versions of
 * the libraries it bridges.
 */
import * as stdlibArray from "@stdlib/ndarray/array/lib/index.js";
import * as arrowLibrary from "apache-arrow";
import * as scijsNdarray from "ndarray";
import * as core from "@pybuffer/core";
import * as interop from "../src/index.ts";
import * as arrow from "../src/apache-arrow/index.ts";
import * as scijs from "../src/ndarray/index.ts";
import * as stdlib from "../src/stdlib-ndarray/index.ts";
import { describeDocExamples } from "../../../scripts/doc-examples.ts";

describeDocExamples(
  new URL("../src", import.meta.url),
  {
    "@pybuffer/core": core,
    "@pybuffer/interop": interop,
    "@pybuffer/interop/ndarray": scijs,
    "@pybuffer/interop/stdlib-ndarray": stdlib,
    "@pybuffer/interop/apache-arrow": arrow,
    ndarray: scijsNdarray,
    "@stdlib/ndarray/array/lib/index.js": stdlibArray,
    "apache-arrow": arrowLibrary,
  },
  16,
);
