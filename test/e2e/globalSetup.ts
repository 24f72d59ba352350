/**
 * Global setup of the `e2e` Vitest project: builds the web app once into dist/web (skipped with
 * BP_E2E_SKIP_BUILD=1), serves it over http on a free port of 127.0.0.1, and hands the URL to the tests as
 * `inject('e2eBaseUrl')`. The server stops when the run ends.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT, WEB_DIST, findChromium, findElectron, isCI } from './environment.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** `vite build` with the repository's vite.config.ts, as `npm run build:web` does. */
export async function buildWeb(): Promise<void> {
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, which would give a development build of React; build what users get.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** The file under `root` a request path names, or undefined when it leaves `root` or is not a file. */
function resolveFile(root: string, requestUrl: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = path.resolve(root, `.${pathname}`);
  if (!file.startsWith(root + path.sep)) return undefined;
  try {
    return fs.statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/** A minimal static file server for `root` on a free port of 127.0.0.1: GET and HEAD, no caching. */
export async function serveStatic(root: string): Promise<StaticServer> {
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = resolveFile(root, request.url ?? '/');
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': fs.statSync(file).size,
      'Cache-Control': 'no-store',
    });
    if (request.method === 'HEAD') response.end();
    else fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Builds (unless BP_E2E_SKIP_BUILD=1) and serves dist/web; returns the server. */
async function buildAndServe(): Promise<StaticServer> {
  if (process.env.BP_E2E_SKIP_BUILD === '1') {
    if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
      throw new Error(`BP_E2E_SKIP_BUILD=1 but ${path.join(WEB_DIST, 'index.html')} is missing: run npm run build:web`);
    }
  } else {
    await buildWeb();
  }
  return serveStatic(WEB_DIST);
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  project.provide('e2eBaseUrl', '');
  project.provide('e2eSetupError', '');

  const chromium = findChromium();
  if (!chromium.found) {
    const consequence = isCI() || chromium.misconfigured ? 'the browser tests will fail' : 'skipping the browser tests';
    console.warn(`[e2e] ${chromium.reason}; ${consequence}.`);
  }
  // Nothing to drive: neither build nor serve.
  if (!chromium.found && !findElectron()) return undefined;

  let server: StaticServer;
  try {
    server = await buildAndServe();
  } catch (error) {
    // Reported by the e2e tests themselves, so a broken web build fails them and leaves the other projects running.
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[e2e] could not build or serve the web app:\n${message}`);
    project.provide('e2eSetupError', `The web app could not be built or served: ${message}`);
    return undefined;
  }
  project.provide('e2eBaseUrl', server.url);
  return () => server.close();
}
