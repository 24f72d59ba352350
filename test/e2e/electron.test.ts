import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type ElectronApplication, _electron as electron } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ELECTRON_MAIN, ELECTRON_MISSING, ROOT, WEB_DIST, WINDOW_TITLE, findElectron } from './environment.js';

const electronBinary = findElectron();
if (!electronBinary) console.warn(`[e2e] ${ELECTRON_MISSING}.`);

describe.skipIf(!electronBinary)('desktop window (Electron)', () => {
  let app: ElectronApplication;

  beforeAll(async () => {
    const setupError = inject('e2eSetupError');
    if (setupError) throw new Error(setupError);
    if (!fs.existsSync(ELECTRON_MAIN)) {
      const build = spawnSync('npm', ['run', 'build:node'], { cwd: ROOT, stdio: 'inherit' });
      if (build.status !== 0) throw new Error(`npm run build:node failed (exit ${build.status})`);
    }
    // globalSetup.ts builds dist/web when an Electron binary is present.
    expect(fs.existsSync(path.join(WEB_DIST, 'index.html'))).toBe(true);

    // The built dist/web, never a dev server named in the caller's environment.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] => entry[0] !== 'BACKPRESSURE_DEV_URL' && entry[1] !== undefined,
      ),
    );
    // Chromium's sandbox refuses to start as root, as in most CI containers.
    const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await electron.launch({ executablePath: electronBinary, args: [...sandbox, ELECTRON_MAIN], cwd: ROOT, env });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('opens a window titled Backpressure', async () => {
    const window = await app.firstWindow();
    await window.waitForLoadState('load');
    expect(await window.title()).toMatch(WINDOW_TITLE);
  });
});
