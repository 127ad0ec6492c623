/**
 * `node --import <this>`: registers ./hooks.mjs with the builds named by
 * PYBUFFER_BENCH_PACKAGE_URLS (JSON: specifier to URL; set by profile/main.mjs
 * for its child).
 *
 * @module
 */

import { register } from "node:module";

const urls = process.env["PYBUFFER_BENCH_PACKAGE_URLS"];
if (urls !== undefined) register("./hooks.mjs", import.meta.url, { data: { urls: JSON.parse(urls) } });
