// ESLint flat config. Besides the recommended rules it enforces the layer fences (README.md, Layout): imports
// only point downwards (electron -> shared, renderer -> shared, cli -> shared), and shared/ stays free of React,
// Electron, Node, the DOM and every source of nondeterminism (shared/README.md).
import { builtinModules } from 'node:module';
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const repoRoot = import.meta.dirname;
const nodeBuiltins = new Set(builtinModules);
const code = '{ts,tsx,mts,cts,js,jsx,mjs,cjs}';

/** The package name of a bare specifier: `react-dom/client` -> `react-dom`, `@xyflow/react/x` -> `@xyflow/react`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** `name` matches `pattern`, where a trailing `*` matches any rest (`zustand*`, `@xyflow/*`). */
function matches(name, pattern) {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/**
 * Reports every import (static, dynamic, re-export, `import x = require()`, `require()` and `import('x')` types)
 * that crosses a fence. Relative paths are resolved against the importing file, so `../../renderer/x` from
 * `shared/engine/` is caught and a folder of shared/ that happens to be called `cli` is not.
 *
 * Options: `{ layer, layers: [top-level folders not to import], packages: [names or prefixes with *],
 * nodeBuiltins: boolean }`.
 */
const layerImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import fences between the layers (README.md, Layout)' },
    schema: [
      {
        type: 'object',
        properties: {
          layer: { type: 'string' },
          layers: { type: 'array', items: { type: 'string' } },
          packages: { type: 'array', items: { type: 'string' } },
          nodeBuiltins: { type: 'boolean' },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      layer: "{{layer}}/ must not import from {{target}}/ ('{{specifier}}') (README.md, Layout).",
      package: "{{layer}}/ must not import '{{specifier}}' (README.md, Layout).",
      builtin: "{{layer}}/ must not import the Node builtin '{{specifier}}' (README.md, Layout).",
    },
  },
  create(context) {
    const { layer = '', layers = [], packages = [], nodeBuiltins: noBuiltins = false } = context.options[0] ?? {};

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      const data = { layer, specifier };
      if (specifier.startsWith('.') || path.isAbsolute(specifier)) {
        const resolved = path.resolve(path.dirname(context.filename), specifier);
        const target = path.relative(repoRoot, resolved).split(path.sep)[0];
        if (layers.includes(target)) context.report({ node, messageId: 'layer', data: { ...data, target } });
        return;
      }
      if (noBuiltins && (specifier.startsWith('node:') || nodeBuiltins.has(specifier))) {
        context.report({ node, messageId: 'builtin', data });
        return;
      }
      const name = packageName(specifier);
      if (packages.some((pattern) => matches(name, pattern))) context.report({ node, messageId: 'package', data });
    }

    /** The string of a literal or of a template literal without expressions. */
    function text(node) {
      if (node?.type === 'Literal') return node.value;
      if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
      if (node?.type === 'TSLiteralType') return text(node.literal);
      return undefined;
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => check(node.source, text(node.source)),
      TSImportType: (node) => check(node, text(node.source ?? node.argument)),
      TSExternalModuleReference: (node) => check(node.expression, text(node.expression)),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) {
          check(node.arguments[0], text(node.arguments[0]));
        }
      },
    };
  },
};

const fences = { rules: { 'layer-imports': layerImports } };

const uiPackages = ['react', 'react-dom', '@xyflow/*', 'zustand*', 'immer', 'electron'];

const notInShared = 'shared/ is deterministic and runs everywhere: see shared/README.md.';

export default defineConfig(
  globalIgnores(['dist/', 'coverage/', 'test-results/', 'playwright-report/', '.vite/']),

  {
    files: [`**/*.${code}`],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    plugins: { backpressure: fences },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },

  // Node code: command line, desktop main process, tests, tools (scripts/) and configuration.
  {
    files: [`{cli,electron,test,bin,scripts}/**/*.${code}`, `*.${code}`],
    languageOptions: { globals: { ...globals.node } },
  },

  // The browser app.
  {
    files: [`renderer/**/*.${code}`],
    languageOptions: { globals: { ...globals.browser } },
  },

  // shared/: plain ES2022, no UI, no Node, no DOM, no wall clock, no Math.random.
  {
    files: [`shared/**/*.${code}`],
    rules: {
      'backpressure/layer-imports': [
        'error',
        { layer: 'shared', layers: ['renderer', 'cli', 'electron'], packages: uiPackages, nodeBuiltins: true },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: `Use the run's seeded PRNG. ${notInShared}` },
        { object: 'Date', property: 'now', message: `Use simulated time. ${notInShared}` },
        { object: 'performance', property: 'now', message: `Use simulated time. ${notInShared}` },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB'].map((name) => ({
          name,
          message: `No DOM in shared/. ${notInShared}`,
        })),
        ...['requestAnimationFrame', 'cancelAnimationFrame'].map((name) => ({
          name,
          message: `No frame loop in shared/. ${notInShared}`,
        })),
        ...['process', 'Buffer', 'global', 'require', '__dirname', '__filename', 'crypto'].map((name) => ({
          name,
          message: `No Node or host APIs in shared/. ${notInShared}`,
        })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date']",
          message: `new Date() reads or formats wall-clock time; use simulated time. ${notInShared}`,
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: `Date() reads the wall clock; use simulated time. ${notInShared}`,
        },
      ],
    },
  },

  {
    files: [`renderer/**/*.${code}`],
    rules: {
      'backpressure/layer-imports': [
        'error',
        { layer: 'renderer', layers: ['cli', 'electron'], packages: ['electron'], nodeBuiltins: true },
      ],
    },
  },
  {
    files: [`cli/**/*.${code}`],
    rules: { 'backpressure/layer-imports': ['error', { layer: 'cli', layers: ['renderer', 'electron'] }] },
  },
  {
    files: [`electron/**/*.${code}`],
    rules: { 'backpressure/layer-imports': ['error', { layer: 'electron', layers: ['renderer', 'cli'] }] },
  },
);
