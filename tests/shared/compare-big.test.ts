import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPath } from '../../src/node/ingest-path';
import { compareAll, comparisonJson, tierChange } from '../../src/shared/compare';
import type { Tier } from '../../src/shared/ingest/report-types';
import { fixture } from '../fixtures';

interface Truth {
  countries: { country: string; tier: Tier; victimsIdentified: number; previousYear: number }[];
}

/** Two editions of the synthetic 190-country report (seeds 1 and 2: other tiers and figures); made once per machine. */
function editions(): Array<{ txt: string; truth: Truth }> {
  const dir = join(tmpdir(), 'rwb-compare-big');
  mkdirSync(dir, { recursive: true });
  return [1, 2].map((seed) => {
    const txt = join(dir, `big-seed${seed}.txt`);
    if (!existsSync(`${txt}.truth.json`)) {
      const r = spawnSync('python3', [fixture('tip/make_big_report.py'), txt, '--countries', '190', '--seed', String(seed)], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`make_big_report.py failed: ${r.stderr}`);
    }
    return { txt, truth: JSON.parse(readFileSync(`${txt}.truth.json`, 'utf8')) as Truth };
  });
}

describe('comparing every country of two 190-country editions', () => {
  it('compares all of them, with their tier moves and victims figures', { timeout: 120_000 }, async () => {
    const [one, two] = editions();
    const t0 = performance.now();
    const [a, b] = [(await ingestPath(one!.txt)).document, (await ingestPath(two!.txt)).document];
    const t1 = performance.now();
    const all = compareAll({ text: a.text, structure: a.structure }, { text: b.text, structure: b.structure });
    const t2 = performance.now();
    const json = JSON.stringify(all.map(comparisonJson));
    const t3 = performance.now();
    console.log(
      `compare big: ingest both ${Math.round(t1 - t0)} ms, compareAll ${Math.round(t2 - t1)} ms for ${all.length} countries, ` +
        `JSON ${Math.round(t3 - t2)} ms (${Math.round(json.length / 1024)} KB)`,
    );

    expect(all).toHaveLength(190);
    for (const [i, c] of all.entries()) {
      const before = one!.truth.countries[i]!;
      const after = two!.truth.countries[i]!;
      expect(c.country).toBe(before.country);
      expect([c.earlier.tier, c.later.tier, c.tierChange], c.country).toEqual([before.tier, after.tier, tierChange(before.tier, after.tier)]);
      const victims = c.figures.find((f) => f.kind === 'victims-identified')!;
      expect([victims.earlier?.value, victims.later?.value, victims.change?.absolute], c.country).toEqual([
        before.victimsIdentified,
        after.victimsIdentified,
        after.victimsIdentified - before.victimsIdentified,
      ]);
      expect(c.recommendations.kept).toHaveLength(9);
      const changed = c.sections.find((s) => s.kind === 'protection')!.changes;
      if (before.victimsIdentified !== after.victimsIdentified) {
        expect(changed.map((ch) => [ch.type, ch.significance]), c.country).toEqual([['changed', ['numbers']]]);
        expect(changed[0]!.later!.text).toContain(`identified ${after.victimsIdentified} trafficking victims`);
      }
    }
  });
});
