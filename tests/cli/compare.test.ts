import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from '../fixtures';
import { edit } from '../text-edits';

const BIN = resolve(import.meta.dirname, '../../bin/rwb.mjs');

function rwb(...args: string[]) {
  // The 190-country JSON is about 1.7 MB, beyond spawnSync's default 1 MB buffer.
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}


const dir = mkdtempSync(join(tmpdir(), 'rwb-compare-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MOVED = 'The government demonstrated progress in holding traffickers accountable with prison time.';

/** The 2015 excerpt and a made-up 2016 edition of it, written as text files. */
function editions(): { a: string; b: string } {
  const original = readFileSync(fixture('tip/tip-2015-excerpt.txt'), 'utf8');
  let t = original;
  t = edit(t, 'officially identified 30 trafficking victims', 'officially identified 41 trafficking victims');
  t = edit(t, 'establish a hotline with operators trained to assist victims; ', '');
  t = edit(t, 'train law enforcement that subjecting', 'train law enforcement officials and prosecutors that subjecting');
  t = edit(t, 'access to Luxembourg’s labor market;', 'access to Luxembourg’s labor market; ensure child victims receive specialized care in dedicated shelters;');
  t = edit(t, `PROSECUTION ${MOVED} `, 'PROSECUTION\n');
  t = edit(t, 'child trafficking. These', `child trafficking. ${MOVED} These`);
  t = edit(t, 'LUXEMBOURG: Tier 1', 'LUXEMBOURG: Tier 2');
  const a = join(dir, 'tip-2015-a.txt');
  const b = join(dir, 'tip-2016-b.txt');
  writeFileSync(a, original);
  writeFileSync(b, t);
  return { a, b };
}

interface CompareJson {
  country: string;
  earlier: { year: number | null; tier: string | null };
  later: { year: number | null; tier: string | null };
  tierChange: string;
  figures: { kind: string; earlier: { value: number; quote: string } | null; later: { value: number; quote: string } | null; change: { absolute: number; percent: number | null } | null }[];
  recommendations: { kept: string[]; reworded: { earlier: string; later: string; similarity: number }[]; dropped: string[]; added: string[] };
  sections: { kind: string; changes: { type: string; earlier?: { text: string }; later?: { text: string } }[] }[];
}

describe('rwb compare', () => {
  it('prints one country as JSON', () => {
    const { a, b } = editions();
    const r = rwb('compare', a, b, '--country', 'Luxembourg', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as CompareJson;
    expect(Object.keys(out)).toEqual(['country', 'earlier', 'later', 'tierChange', 'figures', 'recommendations', 'sections']);
    expect(out.country).toBe('Luxembourg');
    expect(out.earlier).toEqual({ year: 2015, tier: 'Tier 1' });
    expect(out.later).toEqual({ year: 2016, tier: 'Tier 2' });
    expect(out.tierChange).toBe('down');
    expect(out.recommendations.kept).toHaveLength(7);
    expect(out.recommendations.dropped).toEqual(['establish a hotline with operators trained to assist victims']);
    expect(out.recommendations.added).toEqual(['ensure child victims receive specialized care in dedicated shelters']);
    expect(out.recommendations.reworded).toEqual([
      {
        earlier: 'train law enforcement that subjecting a child to prostitution constitutes a trafficking offense',
        later: 'train law enforcement officials and prosecutors that subjecting a child to prostitution constitutes a trafficking offense',
        similarity: 0.813,
      },
    ]);
    expect(out.sections.find((s) => s.kind === 'prosecution')!.changes.map((c) => [c.type, c.later?.text])).toEqual([['moved', MOVED]]);
  });

  it('prints every country in both as a JSON array without --country', () => {
    const { a, b } = editions();
    const r = rwb('compare', a, b, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as CompareJson[];
    expect(out.map((c) => [c.country, c.tierChange])).toEqual([
      ['Lithuania', 'n/a'],
      ['Luxembourg', 'down'],
    ]);
    const victims = out[0]!.figures.find((f) => f.kind === 'victims-identified')!;
    expect([victims.earlier?.value, victims.later?.value, victims.change]).toEqual([30, 41, { absolute: 11, percent: 36.7 }]);
  });

  it('prints a Markdown brief by default and HTML with --html', () => {
    const { a, b } = editions();
    const md = rwb('compare', a, b, '--country', 'lithuania');
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('# Comparison: Lithuania: 2015 → 2016');
    expect(md.stdout).toMatch(/Victims identified \| 30 \| 41 \| \\?\+11 \(\+37 %\)/);
    const html = rwb('compare', a, b, '--country', 'Luxembourg', '--html');
    expect(html.code).toBe(0);
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(html.stdout).toContain('Content-Security-Policy');
  });

  it('names the countries in both when the one asked for is not there, on one line', () => {
    const { a, b } = editions();
    const r = rwb('compare', a, b, '--country', 'Atlantis', '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('rwb: “Atlantis” is not in both reports; countries in both: Lithuania, Luxembourg.\n');
  });

  it.each([
    ['a missing file', ['/no/such/report.txt'], /^rwb: \/no\/such\/report\.txt: .*no such file/],
    ['an unreadable file', [fixture('pdf/tricky/garbage.txt')], /^rwb: .*garbage\.txt: .+/],
  ])('fails on %s with one line on stderr', (_label, [bad], pattern) => {
    const { a } = editions();
    const r = rwb('compare', a, bad!, '--json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  });

  it('wants exactly two files', () => {
    const r = rwb('compare', fixture('tip/tip-2015-excerpt.txt'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rwb: compare takes exactly two files: the earlier edition, then the later one\n');
  });

  it('compares every country of two 190-country editions (timed)', { timeout: 120_000 }, () => {
    const big = join(tmpdir(), 'rwb-compare-big');
    mkdirSync(big, { recursive: true });
    const files = [1, 2].map((seed) => {
      const txt = join(big, `big-seed${seed}.txt`);
      if (!existsSync(`${txt}.truth.json`)) {
        const made = spawnSync('python3', [fixture('tip/make_big_report.py'), txt, '--countries', '190', '--seed', String(seed)], { encoding: 'utf8' });
        if (made.status !== 0) throw new Error(`make_big_report.py failed: ${made.stderr}`);
      }
      return txt;
    });
    const t0 = performance.now();
    const r = rwb('compare', files[0]!, files[1]!, '--json');
    const ms = Math.round(performance.now() - t0);
    console.log(`rwb compare: 190 countries of two synthetic editions in ${ms} ms for the whole CLI run (target < 3000 ms)`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as CompareJson[]).length).toBe(190);
  });
});
