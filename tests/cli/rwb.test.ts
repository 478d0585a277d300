import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../fixtures';

const BIN = resolve(import.meta.dirname, '../../bin/rwb.mjs');

function rwb(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('rwb ingest', () => {
  it('prints file, pages, characters and per-page text as JSON', () => {
    const file = fixture('tip/tip-2015-excerpt.pdf');
    const r = rwb('ingest', file, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      file: string;
      year: number;
      yearSource: string;
      pages: number;
      characters: number;
      warnings: string[];
      countries: { name: string; tier: string | null; inferred: boolean; sections: { kind: string }[]; recommendations: string[]; figures: { kind: string; value: number }[] }[];
      text: string[];
    };
    expect(Object.keys(out)).toEqual(['file', 'year', 'yearSource', 'pages', 'characters', 'warnings', 'countries', 'outline', 'text']);
    expect(out.file).toBe(file);
    expect(out.year).toBe(2015);
    expect(out.yearSource).toBe('running-head');
    expect(out.pages).toBe(3);
    expect(out.text).toHaveLength(3);
    expect(out.characters).toBeGreaterThanOrEqual(out.text.join('').length);
    expect(out.text.join('\n')).toContain('LUXEMBOURG: Tier 1');
    expect(out.countries.map((c) => [c.name, c.tier, c.inferred])).toEqual([
      ['Lithuania', null, true],
      ['Luxembourg', 'Tier 1', false],
    ]);
    expect(out.countries[1]!.sections.map((s) => s.kind)).toEqual(['profile', 'compliance', 'recommendations', 'prosecution']);
    expect(out.countries[1]!.recommendations).toHaveLength(9);
    expect(out.countries[0]!.figures.find((f) => f.kind === 'victims-identified')?.value).toBe(30);
  });

  it('reads text files too', () => {
    const r = rwb('ingest', fixture('tip/tip-2015-excerpt.txt'), '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { pages: number; yearSource: string }).pages).toBe(1);
  });

  it.each(['pdf/tricky/garbage.pdf', 'pdf/tricky/empty.pdf', 'pdf/tricky/garbage.txt'])('fails on %s with one line on stderr', (rel) => {
    const r = rwb('ingest', fixture(rel), '--json');
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^rwb: .+: .+/);
  });

  it('says when the file does not exist', () => {
    const r = rwb('ingest', '/no/such/report.pdf');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no such file/);
  });
});
