import { configDefaults, defineConfig } from 'vitest/config';

// Three projects in one run (`npm test`):
// - unit: every test/**/*.test.ts(x) outside test/renderer and test/e2e, in Node;
// - renderer: test/renderer/**, in jsdom;
// - e2e: test/e2e/**, the built app in Chromium through playwright-core, one file at a time and only after the
//   other two have finished (sequence.groupOrder), so a browser never competes with the unit tests for the CPU.
const unitTimeouts = { testTimeout: 60_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: [...configDefaults.exclude, 'test/renderer/**', 'test/e2e/**'],
          environment: 'node',
          ...unitTimeouts,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.ts', 'test/renderer/**/*.test.tsx'],
          environment: 'jsdom',
          ...unitTimeouts,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/globalSetup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
