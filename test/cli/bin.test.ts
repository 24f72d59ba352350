import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../shared/engine/index.js';
import { ROOT, STACK_FRAME, TEMPLATE, tempDir } from './helpers.js';

const MAIN_JS = path.join(ROOT, 'dist/cli/main.js');
const BIN = path.join(ROOT, 'bin/backpressure.js');
let tmp: ReturnType<typeof tempDir>;

beforeAll(() => {
  tmp = tempDir();
  // Bring dist/ up to date (incremental, so cheap when it already is). If the build fails (someone's half-edited
  // file elsewhere in the tree) an existing build is still good enough to prove the launcher works.
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-b', 'cli'], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
  } catch (err) {
    if (!fs.existsSync(MAIN_JS)) {
      const e = err as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`could not build the CLI:\n${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`, {
        cause: err,
      });
    }
  }
}, 180_000);
afterAll(() => tmp.cleanup());

function launch(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

describe('bin/backpressure.js', () => {
  it('is an executable Node script', () => {
    expect(fs.readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(fs.statSync(BIN).mode & 0o111).not.toBe(0);
  });

  it('runs a template end to end', () => {
    const r = launch(['run', TEMPLATE, '--json', '--duration', '5s']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.format).toBe('backpressure.report');
    expect(report.durationMs).toBe(5000);
    expect(report.clients.users.requests).toBeGreaterThan(0);
  });

  it('exits 2 on a broken file, without a stack trace', () => {
    const file = path.join(tmp.dir, 'broken.bp.json');
    fs.writeFileSync(file, '{"format": "backpressure.topology", "version": 1, "nodes": 3}');
    const r = launch(['run', file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file}: `);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });
});
