import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const lock = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string }>;
};

/** Compares dotted versions numerically. */
function atLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

describe('locked dependency versions', () => {
  it('pdfjs-dist is 6.2.108 or later (earlier versions have code-execution flaws: CVE-2024-4367 and the 6.2.108 fix)', () => {
    const v = lock.packages['node_modules/pdfjs-dist']?.version;
    expect(v, 'pdfjs-dist missing from package-lock.json').toBeDefined();
    expect(atLeast(v!, '6.2.108'), `pdfjs-dist ${v}`).toBe(true);
  });

  it('no second, older copy of pdfjs-dist is nested anywhere', () => {
    const nested = Object.entries(lock.packages).filter(([path]) => path.endsWith('/node_modules/pdfjs-dist') && path !== 'node_modules/pdfjs-dist');
    for (const [path, info] of nested) expect(atLeast(info.version ?? '0', '6.2.108'), path).toBe(true);
  });

  it('vite stays on 8.3.x (8.4.0 breaks npm ci: a missing optional package)', () => {
    expect(lock.packages['node_modules/vite']?.version).toMatch(/^8\.3\./);
  });
});
