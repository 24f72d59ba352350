import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// renderer/index.html carries one strict Content-Security-Policy for both the dev server and the build.
// The dev server needs no exception: the React plugin's one inline script (the Fast Refresh preamble) is put at
// the top of <head>, before the policy's <meta>, where the policy does not apply yet; and `connect-src 'self'`
// admits the HMR websocket on the same host and port (checked in headless Chromium: the page renders, and
// "[vite] connected"). The build has no inline script at all.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  // Relative asset URLs, so dist/web/index.html also works when Electron loads it over file://.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
  },
  server: {
    port: 5173,
    // A fixed port: BACKPRESSURE_DEV_URL (Electron against the dev server) points at it.
    strictPort: true,
  },
});
