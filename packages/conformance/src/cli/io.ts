/**
 * Where the CLI reads and writes: the process's streams for the bin, strings
 * for tests that call `runCli` in process.
 *
 * @module
 */

/** Where the CLI reads and writes. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly tty: boolean;
  readonly color: boolean;
}
