/**
 * Where the CLI reads and writes: the process's streams for the bin, strings
 * for tests that call `runCli` in process.
 *
 * @module
 */

/**
 * Where the CLI reads and writes.
 *
 * @since 0.1.0
 */
export interface CliIo {
  /** @since 0.1.0 */
  readonly stdout: (text: string) => void;
  /** @since 0.1.0 */
  readonly stderr: (text: string) => void;
  /** @since 0.1.0 */
  readonly cwd: string;
  /** @since 0.1.0 */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** @since 0.1.0 */
  readonly tty: boolean;
  /** @since 0.1.0 */
  readonly color: boolean;
}
