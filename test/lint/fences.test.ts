import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layer fences of docs/ARCHITECTURE.md are lint rules; these cases prove they fire (and do not over-fire).
const root = path.resolve(import.meta.dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.js') });
});

/** The rule ids of the errors ESLint reports for `code` as if it were the file `filePath`. */
async function errors(code: string, filePath: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath });
  expect(result?.warningCount, 'the file must be linted, not ignored').toBe(0);
  return result?.messages.filter((message) => message.severity === 2).map((message) => message.ruleId) ?? [];
}

const readFs = "import fs from 'node:fs';\nexport const read = fs.readFileSync;\n";

describe('import fences', () => {
  it('forbids Node builtins in shared/', async () => {
    expect(await errors(readFs, 'shared/engine/x.ts')).toEqual(['backpressure/layer-imports']);
  });

  it('forbids Math.random in shared/', async () => {
    expect(await errors('export const roll = () => Math.random();\n', 'shared/engine/x.ts')).toEqual([
      'no-restricted-properties',
    ]);
  });

  it('forbids React in shared/', async () => {
    expect(await errors("import React from 'react';\nexport const r = React;\n", 'shared/model/x.ts')).toEqual([
      'backpressure/layer-imports',
    ]);
  });

  it('forbids the wall clock and the DOM in shared/', async () => {
    const code = 'export const now = () => [Date.now(), new Date(), window.innerWidth];\n';
    expect(await errors(code, 'shared/engine/x.ts')).toEqual([
      'no-restricted-properties',
      'no-restricted-syntax',
      'no-restricted-globals',
    ]);
  });

  it('allows Node builtins in cli/', async () => {
    expect(await errors(readFs, 'cli/x.ts')).toEqual([]);
  });

  it('keeps electron and Node out of renderer/ and renderer/ out of cli/', async () => {
    expect(await errors("import { app } from 'electron';\nexport const a = app;\n", 'renderer/src/x.ts')).toEqual([
      'backpressure/layer-imports',
    ]);
    expect(await errors(readFs, 'renderer/src/x.ts')).toEqual(['backpressure/layer-imports']);
    expect(await errors("export { App } from '../renderer/src/App.js';\n", 'cli/x.ts')).toEqual([
      'backpressure/layer-imports',
    ]);
  });
});
