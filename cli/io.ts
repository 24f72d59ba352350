/** Where the command line reads and writes, injected so tests can run it in-process. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Directory that relative paths are resolved against. */
  cwd: string;
  /** Environment variables (defaults to `process.env`); `BACKPRESSURE_DEBUG=1` shows stack traces of bugs. */
  env?: Readonly<Record<string, string | undefined>>;
}
