import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, documentText, ROOT, STACK_FRAME, TEMPLATE, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

function write(name: string, text: string): string {
  const file = path.join(tmp.dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** Exit 2, something on stderr, nothing on stdout, no stack trace anywhere. */
function expectInputError(r: { code: number; stdout: string; stderr: string }) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toBe('');
  expect(r.stderr).not.toMatch(STACK_FRAME);
}

const BROKEN = documentText(
  [
    { id: 'users', kind: 'client', position: { x: 0, y: 0 }, params: { rate: -5 } },
    { id: 'api', kind: 'service', position: { x: 220, y: 0 }, params: { concurrency: 0 } },
  ],
  [{ id: 'e1', source: 'users', target: 'ghost', params: {} }],
);

describe('bad input exits 2 with a readable message', () => {
  it('an invalid document lists every problem by path, for run and validate', async () => {
    const file = write('broken.bp.json', BROKEN);
    for (const command of ['run', 'validate']) {
      const r = await cli([command, 'broken.bp.json'], tmp.dir);
      expectInputError(r);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toContainEqual(expect.stringMatching(/^broken\.bp\.json: nodes\[0\]\.params\.rate: /));
      expect(lines).toContainEqual(expect.stringMatching(/^broken\.bp\.json: nodes\[1\]\.params\.concurrency: /));
      expect(lines).toContainEqual(expect.stringMatching(/^broken\.bp\.json: edges\[0\]\.target: .*ghost/));
      expect(lines.at(-1)).toBe('broken.bp.json: invalid (3 problems)');
    }
    expect(fs.existsSync(file)).toBe(true);
  });

  it('bad JSON reports the line and column', async () => {
    write('bad.bp.json', '{\n  "format": "backpressure.topology",\n  "nodes": [,]\n}\n');
    const r = await cli(['run', 'bad.bp.json'], tmp.dir);
    expectInputError(r);
    expect(r.stderr).toMatch(/^bad\.bp\.json: .*JSON.*line 3, column \d+/m);
  });

  it('a missing file', async () => {
    for (const command of ['run', 'validate']) {
      const r = await cli([command, 'missing.bp.json'], tmp.dir);
      expectInputError(r);
      expect(r.stderr).toBe('backpressure: cannot read missing.bp.json: no such file\n');
    }
  });

  it('a directory, an empty file and a file that is not UTF-8', async () => {
    fs.mkdirSync(path.join(tmp.dir, 'dir.bp.json'));
    expectInputError(await cli(['run', 'dir.bp.json'], tmp.dir));
    write('empty.bp.json', '');
    expectInputError(await cli(['validate', 'empty.bp.json'], tmp.dir));
    fs.writeFileSync(path.join(tmp.dir, 'latin1.bp.json'), Buffer.from([0x7b, 0xe9, 0x7d]));
    const r = await cli(['validate', 'latin1.bp.json'], tmp.dir);
    expectInputError(r);
    expect(r.stderr).toMatch(/not UTF-8/);
  });

  it('a UTF-8 byte order mark is fine', async () => {
    write('bom.bp.json', '\uFEFF' + fs.readFileSync(path.join(ROOT, TEMPLATE), 'utf8'));
    const r = await cli(['validate', 'bom.bp.json'], tmp.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('bom.bp.json: valid (4 nodes, 3 edges)\n');
  });

  it.each([
    [['--duration', '5 parsecs'], /--duration "5 parsecs": unknown unit "parsecs"/],
    [['--duration', '5', 'parsecs'], /too many arguments/],
    [['--duration', '0'], /must be more than 0/],
    [['--duration', '-5s'], /--duration "-5s"/],
    [['--duration', '25h'], /at most 24h/],
    [['--duration', 'abc'], /expected milliseconds or a number with a unit/],
    [['--seed', '-1'], /--seed "-1": must be an integer from 0 to 4294967295/],
    [['--seed', 'abc'], /--seed "abc"/],
    [['--seed', '1.5'], /--seed "1.5"/],
    [['--seed', '4294967296'], /--seed "4294967296"/],
    [['--bogus'], /unknown option '--bogus'/],
    [['--seed'], /argument missing/],
  ])('run %j', async (flags, message) => {
    const r = await cli(['run', TEMPLATE, ...flags]);
    expectInputError(r);
    expect(r.stderr).toMatch(message);
  });

  it('usage errors: missing argument, unknown command, no command', async () => {
    const missing = await cli(['run']);
    expectInputError(missing);
    expect(missing.stderr).toMatch(/missing required argument 'file'/);
    const unknown = await cli(['simulate', TEMPLATE]);
    expectInputError(unknown);
    expect(unknown.stderr).toMatch(/unknown command 'simulate'/);
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Usage: backpressure/);
  });

  it('a cdn node is either simulated or refused as input naming its path, never a crash', async () => {
    // This core may or may not simulate cdn nodes yet (engine-errors.test.ts covers the refusal itself).
    write(
      'cdn.bp.json',
      documentText(
        [
          { id: 'users', kind: 'client', position: { x: 0, y: 0 }, params: { rate: 10 } },
          { id: 'edge-cache', kind: 'cdn', position: { x: 220, y: 0 }, params: {} },
          { id: 'origin', kind: 'service', position: { x: 440, y: 0 }, params: {} },
        ],
        [
          { id: 'e1', source: 'users', target: 'edge-cache', params: {} },
          { id: 'e2', source: 'edge-cache', target: 'origin', params: {} },
        ],
      ),
    );
    const r = await cli(['run', 'cdn.bp.json', '--json'], tmp.dir);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    if (r.code === 0) expect(JSON.parse(r.stdout)).toHaveProperty('caches');
    else {
      expectInputError(r);
      expect(r.stderr).toMatch(/^cdn\.bp\.json: nodes\[1\]/m);
    }
    const v = await cli(['validate', 'cdn.bp.json'], tmp.dir);
    expect(v.code).toBe(0);
    expect(v.stdout).toBe('cdn.bp.json: valid (3 nodes, 2 edges)\n');
  });

  it('help and version exit 0 on stdout', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: backpressure \[options\] \[command\]/);
    const runHelp = await cli(['run', '--help']);
    expect(runHelp.code).toBe(0);
    expect(runHelp.stdout).toMatch(/--duration <time>/);
    const version = await cli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
