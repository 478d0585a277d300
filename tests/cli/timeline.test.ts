import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from '../fixtures';

const BIN = resolve(import.meta.dirname, '../../bin/rwb.mjs');

function rwb(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'rwb-timeline-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rwb timeline', () => {
  const malaysia = [2016, 2014, 2015, 2007, 2006].map((y) => fixture(`factbook/malaysia/${y}.txt`));

  it('prints the tier of each edition, oldest first, with its moves and the figures stated', () => {
    const r = rwb('timeline', ...malaysia, fixture('factbook/russia/2015.txt'), '--country', 'Malaysia');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^\| \d{4} /.test(l));
    expect(rows.map((l) => l.split('|').slice(1, 5).map((c) => c.trim()).filter((_, i) => i !== 1))).toEqual([
      ['2006', 'Tier 2 Watch List', '—'],
      ['2007', 'Tier 3', 'down'],
      ['2014', 'Tier 2 Watch List', 'up'],
      ['2015', 'Tier 3', 'down'],
      ['2016', 'Tier 2 Watch List', 'up'],
    ]);
    expect(r.stdout).toContain('| Convictions |');
    expect(rows.at(-1)).toMatch(/\| 3 \|$/);
    expect(r.stdout).toContain(`Not in: ${fixture('factbook/russia/2015.txt')}`);
  });

  it('--json gives the timeline and the recommendations matrix with the file of each edition', () => {
    const original = readFileSync(fixture('tip/tip-2015-excerpt.txt'), 'utf8');
    const a = join(dir, 'tip-2015.txt');
    const b = join(dir, 'tip-2016.txt');
    writeFileSync(a, original);
    writeFileSync(b, original.replace(/REPORT 2015/g, 'REPORT 2016').replace('LUXEMBOURG: Tier 1', 'LUXEMBOURG: Tier 2').replace('establish a hotline with operators trained to assist victims; ', ''));
    const r = rwb('timeline', b, a, '--country', 'Luxembourg', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      country: string;
      timeline: Array<{ file: string; year: number; tier: string; tierChange: string | null }>;
      recommendations: { columns: Array<{ file: string; year: number }>; rows: Array<{ text: string; present: number; cells: Array<{ status: string }> }> };
    };
    expect(json.country).toBe('Luxembourg');
    expect(json.timeline.map((e) => [e.file, e.year, e.tier, e.tierChange])).toEqual([
      [a, 2015, 'Tier 1', null],
      [b, 2016, 'Tier 2', 'down'],
    ]);
    expect(json.recommendations.columns.map((c) => c.file)).toEqual([a, b]);
    const hotline = json.recommendations.rows.find((row) => row.text.startsWith('establish a hotline'))!;
    expect(hotline.cells.map((c) => c.status)).toEqual(['new', 'dropped']);
    expect(json.recommendations.rows.filter((row) => row.present === 2)).toHaveLength(json.recommendations.rows.length - 1);
  });

  it('asks for a country, names the ones there, and refuses one in none of the files', () => {
    const none = rwb('timeline', malaysia[0]!);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('rwb: timeline needs --country; countries in these files: Malaysia\n');
    const chad = rwb('timeline', malaysia[0]!, '--country', 'Chad');
    expect(chad.code).toBe(1);
    expect(chad.stderr).toBe('rwb: “Chad” is in none of these files; countries in them: Malaysia.\n');
    expect(chad.stdout).toBe('');
    expect(rwb('timeline').code).toBe(2);
  });
});
