import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The Electronegativity tier of `npm test` (scripts/electronegativity.mjs), run as the tier runs it,
// on a small app with a deliberately insecure window.
const root = resolve(import.meta.dirname, '../..');
const wrapper = join(root, 'scripts/electronegativity.mjs');

interface Finding {
  id: string;
  file: string;
  line: number;
}
interface Verdict {
  unexpected: Finding[];
  allowed: Finding[];
  stale: { id: string; file: string }[];
  ok: boolean;
}

let dir: string;
let appDir: string;

function runWrapper(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [wrapper, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeAllowList(name: string, entries: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(entries));
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rwb-electronegativity-'));
  appDir = join(dir, 'app');
  mkdirSync(appDir);
  writeFileSync(
    join(appDir, 'main.js'),
    [
      "const { app, BrowserWindow } = require('electron');",
      'app.whenReady().then(() => {',
      '  const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });',
      "  win.loadURL('https://example.com/');",
      '});',
      '',
    ].join('\n'),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Electronegativity tier', () => {
  it('fails, naming check and file, on a finding that is not on the allow-list (nodeIntegration: true)', () => {
    const empty = writeAllowList('empty.json', []);
    const r = runWrapper('--allow', empty, appDir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/UNEXPECTED NODE_INTEGRATION_JS_CHECK .*app\/main\.js:3:/);
    expect(r.stdout).toMatch(/UNEXPECTED CONTEXT_ISOLATION_JS_CHECK /);
    expect(r.stdout).toContain('Electronegativity: FAILED');
  });

  it('passes once every finding is on the allow-list, and fails again when one entry is removed', () => {
    const first = runWrapper('--json', '--allow', writeAllowList('empty2.json', []), appDir);
    const verdict = JSON.parse(first.stdout) as Verdict;
    expect(verdict.ok).toBe(false);
    const entries = verdict.unexpected.map((f) => ({ id: f.id, file: f.file, justification: 'test: reviewed' }));
    const unique = [...new Map(entries.map((e) => [`${e.id} ${e.file}`, e])).values()];
    expect(runWrapper('--allow', writeAllowList('all.json', unique), appDir).status).toBe(0);

    const withoutNode = unique.filter((e) => e.id !== 'NODE_INTEGRATION_JS_CHECK');
    expect(withoutNode.length).toBe(unique.length - 1);
    const again = runWrapper('--json', '--allow', writeAllowList('partial.json', withoutNode), appDir);
    expect(again.status).toBe(1);
    expect((JSON.parse(again.stdout) as Verdict).unexpected.map((f) => f.id)).toEqual(['NODE_INTEGRATION_JS_CHECK']);
  });

  it('fails on an allow-list entry that no longer matches any finding (the list stays reviewed)', () => {
    const first = JSON.parse(runWrapper('--json', '--allow', writeAllowList('empty3.json', []), appDir).stdout) as Verdict;
    const entries = [...new Map(first.unexpected.map((f) => [`${f.id} ${f.file}`, { id: f.id, file: f.file, justification: 'test' }])).values()];
    entries.push({ id: 'OPEN_EXTERNAL_JS_CHECK', file: 'src/gone.ts', justification: 'was there once' });
    const r = runWrapper('--allow', writeAllowList('stale.json', entries), appDir);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('STALE allow-list entry OPEN_EXTERNAL_JS_CHECK src/gone.ts');
  });

  it('refuses an allow-list entry without a justification', () => {
    const r = runWrapper('--allow', writeAllowList('bad.json', [{ id: 'NODE_INTEGRATION_JS_CHECK', file: 'x.js', justification: ' ' }]), appDir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/entry 0 needs a non-empty "justification"/);
  });

  it("the app's own allow-list justifies every entry", () => {
    const list = JSON.parse(readFileSync(join(root, 'scripts/electronegativity-allow.json'), 'utf8')) as { id: string; file: string; justification: string }[];
    expect(list.length).toBeGreaterThan(0);
    for (const e of list) expect(e.justification.length, `${e.id} ${e.file}`).toBeGreaterThan(40);
  });
});
