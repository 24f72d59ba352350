import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../cli/main.js';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TEMPLATES_DIR = path.join(ROOT, 'assets/templates');
/** Every template, as a path relative to the root. */
export const TEMPLATES = fs
  .readdirSync(TEMPLATES_DIR)
  .filter((f) => f.endsWith('.bp.json'))
  .sort()
  .map((f) => `assets/templates/${f}`);
/** A small template used by most tests. */
export const TEMPLATE = 'assets/templates/three-tier-web-app.bp.json';

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with `cwd` (default: the repository root) and captures what it prints. */
export async function cli(argv: string[], cwd = ROOT, env: Record<string, string | undefined> = {}): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd,
    env,
  });
  return { code, stdout, stderr };
}

/** A fresh temporary directory, removed by the returned cleanup function. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backpressure-cli-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A minimal valid document around `nodes` and `edges`. */
export function documentText(nodes: unknown[], edges: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      format: 'backpressure.topology',
      version: 1,
      name: 'test document',
      simulation: { seed: 1, durationMs: 2000 },
      nodes,
      edges,
      faults: [],
      notes: [],
      ...extra,
    },
    null,
    2,
  );
}

/** A stack frame line, which must never reach a user for bad input. */
export const STACK_FRAME = /^\s{4}at /m;
