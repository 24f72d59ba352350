import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Every module a bundle loads at run time: ESM imports and CommonJS requires. */
function loadedModules(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/^\s*import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["']/gm)) found.add(m[1]!);
  for (const m of code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) found.add(m[1]!);
  for (const m of code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) found.add(m[1]!);
  return [...found].sort();
}

const isBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);

/**
 * The desktop bundles as `npm run build:electron` makes them, built into a temporary folder: what the installers
 * package must run without node_modules.
 */
describe('desktop bundles', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-bundle-'));
  const out = path.join(scratch, 'electron');
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  beforeAll(async () => {
    const { build } = await import('vite');
    for (const mode of ['production', 'preload']) {
      await build({ configFile: path.join(ROOT, 'electron', 'vite.config.ts'), mode, build: { outDir: out } });
    }
  }, 120_000);

  it('main.js loads only electron and Node builtins: zod and the contract are inlined', () => {
    const modules = loadedModules(fs.readFileSync(path.join(out, 'main.js'), 'utf8'));
    expect(modules).toContain('electron');
    expect(modules.filter((m) => m !== 'electron' && !isBuiltin(m))).toEqual([]);
  });

  it('preload.cjs is CommonJS that requires electron and nothing else', () => {
    const code = fs.readFileSync(path.join(out, 'preload.cjs'), 'utf8');
    expect(loadedModules(code)).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).toContain('exposeInMainWorld("backpressure"');
    // The schemas stay in the main process: the preload carries no validation library.
    expect(code.length).toBeLessThan(20_000);
  });

  it('writes the packaged app’s manifest, with no dependencies to install', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(out, '..', 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest).toMatchObject({ productName: 'Backpressure', type: 'module', main: 'electron/main.js' });
    expect(manifest).not.toHaveProperty('dependencies');
    expect(fs.existsSync(path.join(out, 'icon.png'))).toBe(true);
  });
});
