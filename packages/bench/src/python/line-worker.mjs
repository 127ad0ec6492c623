/**
 * A child process kept alive for a whole benchmark run, asked one JSON
 * request a line and answering one JSON reply a line, in order.
 *
 * @module
 */

import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

export class LineWorker {
  /** @type {import("node:child_process").ChildProcess} */
  #child;
  /** @type {{ resolve: (value: any) => void, reject: (error: Error) => void }[]} */
  #pending = [];
  /** @type {string[]} */
  #stderr = [];
  /** @type {Error | undefined} */
  #exited;

  /**
   * @param {string} command
   * @param {readonly string[]} args
   */
  constructor(command, args) {
    this.#child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    const stdout = /** @type {import("node:stream").Readable} */ (this.#child.stdout);
    const stderr = /** @type {import("node:stream").Readable} */ (this.#child.stderr);
    createInterface({ input: stdout }).on("line", (line) => {
      const waiting = this.#pending.shift();
      if (waiting === undefined) return;
      try {
        waiting.resolve(JSON.parse(line));
      } catch {
        waiting.reject(new Error(`the worker wrote a line that is not JSON: ${line.slice(0, 200)}`));
      }
    });
    stderr.setEncoding("utf8").on("data", (chunk) => {
      this.#stderr.push(String(chunk));
      if (this.#stderr.length > 50) this.#stderr.shift();
    });
    this.#child.on("error", (error) => this.#fail(error));
    this.#child.on("exit", (code, signal) => this.#fail(new Error(`the worker exited (${signal ?? `code ${code}`})${this.#lastStderr()}`)));
  }

  /**
   * The next line the worker writes, without sending anything (its greeting).
   *
   * @returns {Promise<any>}
   */
  next() {
    if (this.#exited !== undefined) return Promise.reject(this.#exited);
    return new Promise((resolve, reject) => this.#pending.push({ resolve, reject }));
  }

  /**
   * Sends a request and waits for its reply.
   *
   * @param {object} request
   * @returns {Promise<any>}
   */
  request(request) {
    const reply = this.next();
    /** @type {import("node:stream").Writable} */ (this.#child.stdin).write(`${JSON.stringify(request)}\n`);
    return reply;
  }

  /** Ends the worker (closing its stdin ends its loop). */
  close() {
    this.#child.stdin?.end();
    this.#child.kill();
  }

  /** @param {Error} error */
  #fail(error) {
    this.#exited ??= error;
    for (const waiting of this.#pending.splice(0)) waiting.reject(error);
  }

  #lastStderr() {
    const text = this.#stderr.join("").trim();
    return text === "" ? "" : `: ${text.split("\n").slice(-3).join(" | ")}`;
  }
}
