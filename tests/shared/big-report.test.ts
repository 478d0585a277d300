import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPath } from '../../src/node/ingest-path';
import { fixture } from '../fixtures';

const CHROMIUM = '/usr/lib/chromium/chromium';
const dir = join(tmpdir(), 'rwb-big-report');

interface Truth {
  year: number;
  countries: { country: string; tier: string; victimsIdentified: number; previousYear: number }[];
}

/** The synthetic 190-country report, typeset in two columns (about 260 pages); made once per machine. */
function bigReport(): { pdf: string; truth: Truth } {
  mkdirSync(dir, { recursive: true });
  const txt = join(dir, 'big.txt');
  const pdf = join(dir, 'big.pdf');
  if (!existsSync(txt)) spawnSync('python3', [fixture('tip/make_big_report.py'), txt, '--countries', '190'], { stdio: 'inherit' });
  if (!existsSync(pdf)) {
    const r = spawnSync('python3', [fixture('tip/typeset_report.py'), txt, `${pdf}.tmp`, '--layout', 'twocol', '--year', '2015'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`typesetting failed: ${r.stderr}`);
    spawnSync('mv', [`${pdf}.tmp`, pdf]);
  }
  return { pdf, truth: JSON.parse(readFileSync(`${txt}.truth.json`, 'utf8')) as Truth };
}

if (!existsSync(CHROMIUM)) console.log('big report: skipping the typeset 260-page PDF test: Chromium (needed to typeset it) is not installed.');

describe.skipIf(!existsSync(CHROMIUM))('the 260-page two-column synthetic report', () => {
  it('yields every country with its tier, sections and victims figure', { timeout: 300_000 }, async () => {
    const { pdf, truth } = bigReport();
    const t0 = performance.now();
    const { document } = await ingestPath(pdf);
    console.log(`big report: ${document.pageStarts.length} pages ingested in ${Math.round(performance.now() - t0)} ms (workers run from source)`);
    expect(document.pageStarts.length).toBeGreaterThanOrEqual(250);
    expect(document.structure.year).toBe(2015);
    const { countries } = document.structure;
    expect(countries.map((c) => [c.name, c.tier])).toEqual(truth.countries.map((c) => [c.country, c.tier]));
    for (const [i, c] of countries.entries()) {
      expect(c.sections.map((s) => s.kind), c.name).toEqual(['profile', 'compliance', 'recommendations', 'prosecution', 'protection', 'prevention']);
      const victims = c.figures.find((f) => f.kind === 'victims-identified');
      expect(victims?.value, c.name).toBe(truth.countries[i]!.victimsIdentified);
      expect(victims?.comparedValue, c.name).toBe(truth.countries[i]!.previousYear);
    }
  });
});
