#!/usr/bin/env node
// `npm test`: every tier in order — typecheck, lint, Electronegativity, unit, end to end — then one closing line
// with the number of tests passed and failed. A tier whose prerequisite is missing on a user's
// machine (Chromium, the Electron binary) says so in one line and skips; CI requires all but Electron.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`npm test: Node ${process.versions.node} is too old; this project needs Node 22.13 or later.`);
  process.exit(1);
}

let passed = 0;
let failed = 0;
let skipped = 0;
const failedTiers = [];
/** Each failed test, named again at the very end: CI keeps only the tail of a long log. */
const failures = [];

function run(name, args, command = npx) {
  console.log(`\n=== ${name}: ${args.join(' ')}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return r.status === 0;
}

function vitestTier(name, config, jsonFile) {
  const out = join(results, jsonFile);
  const ok = run(name, ['vitest', 'run', '-c', config, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const file of report.testResults ?? []) {
      const where = file.name.startsWith(root) ? file.name.slice(root.length + 1) : file.name;
      for (const t of file.assertionResults ?? []) {
        if (t.status !== 'failed') continue;
        const why = String(t.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 300);
        failures.push(`  ${name}: ${where} › ${t.fullName ?? t.title}\n      ${why}`);
      }
      // A file that failed to load has no tests to name; its message says why.
      if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')) {
        failures.push(`  ${name}: ${where}\n      ${String(file.message ?? '').split('\n')[0].slice(0, 300)}`);
      }
    }
  }
  if (!ok) failedTiers.push(name);
}

if (!run('typecheck', ['tsc', '--noEmit', '-p', 'tsconfig.node.json'])) failedTiers.push('typecheck (node)');
if (!run('typecheck', ['tsc', '--noEmit', '-p', 'tsconfig.web.json'])) failedTiers.push('typecheck (web)');
if (!run('typecheck', ['tsc', '--noEmit', '-p', 'tsconfig.test.json'])) failedTiers.push('typecheck (tests)');
if (!run('lint', ['eslint', '--max-warnings', '0', '.'])) failedTiers.push('lint');
// Electron security linter; fails on any finding not on scripts/electronegativity-allow.json.
if (!run('electronegativity', ['scripts/electronegativity.mjs'], process.execPath)) failedTiers.push('electronegativity');
vitestTier('unit', 'vitest.config.ts', 'unit.json');
vitestTier('end to end', 'vitest.e2e.config.ts', 'e2e.json');

console.log('');
if (failures.length) console.log(`npm test: failed tests:\n${failures.join('\n')}`);
if (failedTiers.length) console.log(`npm test: failed tiers: ${failedTiers.join(', ')}`);
if (failedTiers.length && failed === 0) failed = failedTiers.length;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedTiers.length ? 1 : 0);
