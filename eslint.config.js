import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'http2',
  'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers', 'tls', 'url', 'util',
  'v8', 'vm', 'worker_threads', 'zlib',
];

/** Imports the renderer and src/shared must never make: they run without Node or Electron. */
const noHostImports = (extra = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: [
        { name: 'electron', message: 'Only src/main and src/preload may import electron; the renderer talks to the Host interface.' },
        ...NODE_BUILTINS.map((name) => ({ name, message: 'Node built-ins are not available here; keep this code runtime-neutral.' })),
        ...extra,
      ],
      patterns: [
        { group: ['node:*'], message: 'Node built-ins are not available here; keep this code runtime-neutral.' },
        { group: ['**/main/*', '**/preload/*', '**/node/*', '**/cli/*'], message: 'Import only from src/shared (or within the renderer).' },
      ],
    },
  ],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Raw HTML from a document could carry script: every text is rendered as text.
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'dangerouslySetInnerHTML is forbidden: render text as text.' },
        { selector: "MemberExpression[property.name='innerHTML']", message: 'innerHTML is forbidden: build DOM nodes or render text.' },
        { selector: "CallExpression[callee.name='eval']", message: 'eval is forbidden.' },
        { selector: "NewExpression[callee.name='Function']", message: 'new Function is forbidden.' },
      ],
    },
  },
  {
    // Browser benchmarks run code inside the page (page.evaluate).
    files: ['scripts/bench-browser.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...noHostImports(), 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: noHostImports([
      { name: 'react', message: 'src/shared is framework-free.' },
      { name: 'react-dom', message: 'src/shared is framework-free.' },
      { name: '@mantine/core', message: 'src/shared is framework-free.' },
    ]),
  },
);
