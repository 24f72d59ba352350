/**
 * Bundles the desktop shell into `dist/electron`, so the installed app ships no `node_modules`:
 * - `vite build -c electron/vite.config.ts` (mode `production`): the main process, `main.ts` -> `main.js` (ESM),
 *   with its dependencies (zod, the shared contract) inlined, the window icon beside it, and `dist/package.json`,
 *   the manifest of the app electron-builder packages (`directories.app: dist`): no dependencies, as everything
 *   that runs is bundled;
 * - `--mode preload`: the preload, `preload.ts` -> `preload.cjs` (CommonJS: a sandboxed preload cannot be an ES
 *   module, and may require nothing but `electron`).
 * `electron` and Node's builtins stay external. Type-checking is `npm run typecheck` (tsc), not this.
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'dist', 'electron');

/** Puts the app icon beside main.js, for the window and taskbar icon when running from the checkout. */
function windowIcon(): Plugin {
  return {
    name: 'backpressure-window-icon',
    generateBundle() {
      const source = path.join(root, 'assets', 'icons', 'icon.png');
      if (fs.existsSync(source))
        this.emitFile({ type: 'asset', fileName: 'icon.png', source: fs.readFileSync(source) });
    },
  };
}

/** Writes the packaged app's package.json next to the bundles: what Electron needs to start it, nothing more. */
function appManifest(): Plugin {
  let out = outDir;
  return {
    name: 'backpressure-app-manifest',
    configResolved(config) {
      out = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
      const manifest = {
        name: pkg.name,
        productName: 'Backpressure',
        version: pkg.version,
        description: pkg.description,
        license: pkg.license,
        author: { name: 'Backpressure contributors' },
        type: 'module',
        main: `${path.basename(out)}/main.js`,
      };
      fs.writeFileSync(path.join(out, '..', 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
}

export default defineConfig(({ mode }) => {
  const preload = mode === 'preload';
  return {
    root,
    publicDir: false,
    logLevel: 'warn',
    plugins: preload ? [] : [windowIcon(), appManifest()],
    ssr: { noExternal: true, external: ['electron'] },
    build: {
      ssr: path.join(root, 'electron', preload ? 'preload.ts' : 'main.ts'),
      outDir,
      // The main build runs first and starts from an empty folder; the preload build adds to it.
      emptyOutDir: !preload,
      target: 'node22',
      sourcemap: true,
      minify: false,
      reportCompressedSize: false,
      rollupOptions: {
        external: ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
        output: {
          format: preload ? 'cjs' : 'es',
          entryFileNames: preload ? 'preload.cjs' : 'main.js',
        },
      },
    },
  };
});
