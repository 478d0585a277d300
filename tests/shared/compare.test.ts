import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import {
  carryForward,
  compareAll,
  compareCountry,
  comparisonJson,
  comparisonToHtml,
  comparisonToMarkdown,
  countriesInBoth,
  CountryNotFoundError,
  type CompareSide,
  type CountryComparison,
} from '../../src/shared/compare';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { quoteAt } from '../../src/shared/model/document-text';
import type { Finding } from '../../src/shared/model/types';
import { fixture } from '../fixtures';
import { edit } from '../text-edits';

const original = readFileSync(fixture('tip/tip-2015-excerpt.txt'), 'utf8');


const MOVED = 'The government demonstrated progress in holding traffickers accountable with prison time.';
const DROPPED = 'establish a hotline with operators trained to assist victims';
const REWORDED_BEFORE = 'train law enforcement that subjecting a child to prostitution constitutes a trafficking offense';
const REWORDED_AFTER = 'train law enforcement officials and prosecutors that subjecting a child to prostitution constitutes a trafficking offense';
const ADDED = 'ensure child victims receive specialized care in dedicated shelters';

/** The 2015 excerpt as a made-up next edition: exactly these edits. */
function nextEdition(text = original): string {
  let t = text;
  t = edit(t, 'officially identified 30 trafficking victims', 'officially identified 41 trafficking victims');
  t = edit(t, `${DROPPED}; `, '');
  t = edit(t, `${REWORDED_BEFORE};`, `${REWORDED_AFTER};`);
  t = edit(t, 'access to Luxembourg’s labor market;', `access to Luxembourg’s labor market; ${ADDED};`);
  t = edit(t, `PROSECUTION ${MOVED} `, 'PROSECUTION\n');
  t = edit(t, 'child trafficking. These', `child trafficking. ${MOVED} These`);
  t = edit(t, 'LUXEMBOURG: Tier 1', 'LUXEMBOURG: Tier 2');
  return t;
}

async function side(text: string, fileName: string): Promise<CompareSide> {
  const doc = await ingestFile({ fileName, bytes: new TextEncoder().encode(text), pdfjs: await loadNodePdfjs() });
  return { text: doc.text, structure: doc.structure, pageStarts: doc.pageStarts };
}

const editions = async () => ({ earlier: await side(original, 'tip-2015-excerpt.txt'), later: await side(nextEdition(), 'tip-2016-excerpt.txt') });

const changesOf = (c: CountryComparison) =>
  c.sections.flatMap((s) => s.changes.map((ch) => ({ kind: s.kind, type: ch.type, earlier: ch.earlier?.text, later: ch.later?.text })));

describe('comparing a country across two TIP editions', () => {
  it('finds exactly the edits made to Luxembourg: tier, recommendations and a moved sentence', async () => {
    const { earlier, later } = await editions();
    const c = compareCountry(earlier, later, 'Luxembourg');
    expect(c.country).toBe('Luxembourg');
    expect(c.earlier).toEqual({ year: 2015, tier: 'Tier 1' });
    expect(c.later).toEqual({ year: 2016, tier: 'Tier 2' });
    expect(c.tierChange).toBe('down');

    const r = c.recommendations;
    expect(r.kept).toHaveLength(7);
    expect(r.dropped.map((x) => x.text)).toEqual([DROPPED]);
    expect(r.reworded.map((x) => [x.earlier.text, x.later.text])).toEqual([[REWORDED_BEFORE, REWORDED_AFTER]]);
    // 13 of 16 words in place: 1 − 3/16.
    expect(r.reworded[0]!.similarity).toBeCloseTo(0.813, 3);
    expect(r.added.map((x) => x.text)).toEqual([ADDED]);
    for (const x of [...r.dropped, r.reworded[0]!.earlier]) expect(earlier.text.slice(x.start, x.end)).toBe(x.text);
    for (const x of [...r.added, r.reworded[0]!.later]) expect(later.text.slice(x.start, x.end)).toBe(x.text);

    expect(changesOf(c)).toEqual([
      { kind: 'recommendations', type: 'changed', earlier: REWORDED_BEFORE, later: REWORDED_AFTER },
      { kind: 'recommendations', type: 'removed', earlier: DROPPED, later: undefined },
      { kind: 'recommendations', type: 'added', earlier: undefined, later: ADDED },
      { kind: 'prosecution', type: 'moved', earlier: MOVED, later: MOVED },
    ]);
    const moved = c.sections.find((s) => s.kind === 'prosecution')!.changes[0]!;
    expect(earlier.text.slice(moved.earlier!.start, moved.earlier!.end)).toBe(MOVED);
    expect(later.text.slice(moved.later!.start, moved.later!.end)).toBe(MOVED);
    expect(moved.later!.start).toBeGreaterThan(later.text.indexOf('The prescribed penalties'));
    expect(c.sections.map((s) => s.kind)).toEqual(['profile', 'compliance', 'recommendations', 'prosecution']);
    expect(c.figures.every((f) => f.change?.absolute === 0)).toBe(true);
  });

  it('finds the changed figure in Lithuania: 30 → 41 victims is +11, +36.7 %, with both quotes', async () => {
    const { earlier, later } = await editions();
    const c = compareCountry(earlier, later, 'lithuania');
    expect(c.tierChange).toBe('n/a');
    const victims = c.figures.find((f) => f.kind === 'victims-identified')!;
    expect(victims.earlier?.value).toBe(30);
    expect(victims.later?.value).toBe(41);
    expect(victims.change).toEqual({ absolute: 11, percent: 36.7 });
    expect(Math.round(victims.change!.percent!)).toBe(37);
    expect(victims.earlier!.quote).toBe('Lithuanian courts officially identified 30 trafficking victims, compared with 15 in 2013.');
    expect(later.text.slice(victims.later!.start, victims.later!.end)).toBe(victims.later!.quote);
    expect(c.figures.filter((f) => f !== victims).every((f) => f.change?.absolute === 0)).toBe(true);

    const [changed, ...rest] = c.sections.flatMap((s) => s.changes.map((ch) => ({ kind: s.kind, ...ch })));
    expect(rest).toEqual([]);
    expect(changed!.kind).toBe('protection');
    expect(changed!.type).toBe('changed');
    expect(changed!.words!.filter((w) => w.type !== 'same')).toEqual([
      { type: 'removed', text: '30' },
      { type: 'added', text: '41' },
    ]);
    expect(changed!.significance).toEqual(['numbers']);
    // One of 12 words differs.
    expect(changed!.similarity).toBeCloseTo(11 / 12, 3);
  });

  it('compares every country present in both; an edition against itself has no changes', async () => {
    const { earlier, later } = await editions();
    expect(countriesInBoth(earlier, later)).toEqual(['Lithuania', 'Luxembourg']);
    const all = compareAll(earlier, later);
    expect(all.map((c) => [c.country, c.tierChange])).toEqual([
      ['Lithuania', 'n/a'],
      ['Luxembourg', 'down'],
    ]);
    for (const c of compareAll(earlier, earlier)) {
      expect(c.sections.every((s) => s.changes.length === 0), c.country).toBe(true);
      expect(c.recommendations.dropped.length + c.recommendations.added.length + c.recommendations.reworded.length).toBe(0);
      expect(c.figures.every((f) => f.change?.absolute === 0)).toBe(true);
    }
  });

  it('matches a country by alias across editions (Burma/Myanmar, Czech Republic/Czechia)', async () => {
    const renamed = (name: string, tier: string) => original.replace('LUXEMBOURG: Tier 1', `${name}: ${tier}`);
    const burma = await side(renamed('BURMA', 'Tier 3'), 'tip-2015.txt');
    const myanmar = await side(renamed('MYANMAR', 'Tier 2'), 'tip-2016.txt');
    for (const asked of ['Myanmar', 'Burma', 'burma (myanmar)']) {
      const c = compareCountry(burma, myanmar, asked);
      expect(c.country).toBe('Burma');
      expect([c.earlier.tier, c.later.tier, c.tierChange]).toEqual(['Tier 3', 'Tier 2', 'up']);
    }
    // The caller's year wins over the one ingestion read from the file name.
    expect(compareCountry({ ...burma, year: 2014 }, myanmar, 'Burma').earlier.year).toBe(2014);
    const czech = await side(renamed('CZECH REPUBLIC', 'Tier 1'), 'tip-2015.txt');
    const czechia = await side(renamed('CZECHIA', 'Tier 1'), 'tip-2021.txt');
    expect(compareAll(czech, czechia).map((c) => [c.country, c.tierChange])).toEqual([
      ['Lithuania', 'n/a'],
      ['Czech Republic', 'same'],
    ]);
  });

  it('says which countries are in both when the one asked for is not', async () => {
    const { earlier, later } = await editions();
    let error: unknown;
    try {
      compareCountry(earlier, later, 'Narnia');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CountryNotFoundError);
    expect((error as CountryNotFoundError).available).toEqual(['Lithuania', 'Luxembourg']);
    expect((error as Error).message).toBe('“Narnia” is not in both reports; countries in both: Lithuania, Luxembourg.');
  });

  it('hides routine rewording and moves with significantOnly, keeping numbers, negations and claims', async () => {
    let t = nextEdition();
    t = edit(t, 'The government demonstrated some efforts to assist victims.', 'Authorities demonstrated some efforts to help victims.');
    t = edit(t, 'Observers also reported authorities did not consistently refer', 'Observers also reported authorities consistently referred');
    t = edit(t, 'The government continued some prevention efforts.', 'The government continued fewer prevention efforts.');
    const earlier = await side(original, 'tip-2015.txt');
    const later = await side(t, 'tip-2016.txt');
    const firstWords = (text: string) => text.split(' ').slice(0, 4).join(' ');
    const brief = (significantOnly: boolean) =>
      compareAll(earlier, later, { significantOnly }).flatMap((c) => c.sections.flatMap((s) => s.changes.map((ch) => `${ch.type}: ${firstWords((ch.later ?? ch.earlier)!.text)}`)));
    expect(brief(false)).toEqual([
      'changed: Authorities demonstrated some efforts',
      'changed: Lithuanian courts officially identified',
      'changed: Observers also reported authorities',
      'changed: The government continued fewer',
      'changed: train law enforcement officials',
      'removed: establish a hotline with',
      'added: ensure child victims receive',
      'moved: The government demonstrated progress',
    ]);
    // Left: the changed figure, the dropped negation, the flipped claim, and content removed or added.
    expect(brief(true)).toEqual([
      'changed: Lithuanian courts officially identified',
      'changed: Observers also reported authorities',
      'changed: The government continued fewer',
      'removed: establish a hotline with',
      'added: ensure child victims receive',
    ]);
  });

  it('reports a sentence moved to another section as moved from there', async () => {
    const sentence = 'The government sponsored informational seminars for social workers and presentations at institutions providing social services, such as foster homes and high schools.';
    let t = edit(original, `${sentence} `, '');
    t = edit(t, 'Authorities did not identify any foreign victims in 2014.', `Authorities did not identify any foreign victims in 2014. ${sentence}`);
    const c = compareCountry(await side(original, 'a.txt'), await side(t, 'b.txt'), 'Lithuania');
    expect(c.sections.map((s) => [s.kind, s.changes.map((ch) => [ch.type, ch.fromSection])])).toEqual([
      ['protection', [['moved', 'prevention']]],
      ['prevention', []],
    ]);
  });
});

describe('the comparison as JSON, Markdown and HTML', () => {
  it('keeps the CLI JSON shape exactly', async () => {
    const { earlier, later } = await editions();
    const json = comparisonJson(compareCountry(earlier, later, 'Luxembourg'));
    expect(Object.keys(json)).toEqual(['country', 'earlier', 'later', 'tierChange', 'figures', 'recommendations', 'sections']);
    expect(json.earlier).toEqual({ year: 2015, tier: 'Tier 1' });
    expect(Object.keys(json.recommendations)).toEqual(['kept', 'reworded', 'dropped', 'added']);
    expect(json.recommendations.reworded).toEqual([{ earlier: REWORDED_BEFORE, later: REWORDED_AFTER, similarity: 0.813 }]);
    expect(json.recommendations.dropped).toEqual([DROPPED]);
    expect(json.recommendations.added).toEqual([ADDED]);
    expect(json.recommendations.kept).toHaveLength(7);
    for (const f of json.figures) expect(Object.keys(f)).toEqual(['kind', 'earlier', 'later', 'change']);
    for (const s of json.sections) {
      expect(Object.keys(s)).toEqual(['kind', 'changes']);
      for (const ch of s.changes) expect(Object.keys(ch).every((k) => ['type', 'earlier', 'later'].includes(k))).toBe(true);
    }
    expect(json.sections.find((s) => s.kind === 'prosecution')!.changes).toEqual([
      { type: 'moved', earlier: expect.objectContaining({ text: MOVED }), later: expect.objectContaining({ text: MOVED }) },
    ]);
  });

  it('writes a Markdown brief', async () => {
    const { earlier, later } = await editions();
    const md = comparisonToMarkdown(compareAll(earlier, later));
    expect(md).toContain('## Luxembourg: 2015 → 2016');
    expect(md).toContain('**Tier:** Tier 1 → Tier 2 (down)');
    expect(md).toMatch(/\| Victims identified \| 30 \| 41 \| \\?\+11 \(\+37 %\) \|/);
    expect(md).toContain('7 kept, 1 reworded, 1 dropped, 1 added.');
    expect(md).toContain('identified ~~30~~**41** trafficking');
    expect(md).toContain(`**Moved:** ${MOVED}`);
  });

  it('writes a standalone, escaped HTML brief with a strict CSP', async () => {
    const hostile = edit(nextEdition(), 'with prison time. These', 'with prison time. Officials said <script>alert(1)</script> & <img src=x onerror=alert(2)> nothing. These');
    const c = compareCountry(await side(original, 'tip-2015.txt'), await side(hostile, 'tip-2016.txt'), 'Luxembourg');
    const html = comparisonToHtml(c);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'" />`);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('<del>establish a hotline with operators trained to assist victims</del>');
    const lithuania = comparisonToHtml(compareCountry(await side(original, 'tip-2015.txt'), await side(hostile, 'tip-2016.txt'), 'Lithuania'));
    expect(lithuania).toContain('identified <del>30</del><ins>41</ins> trafficking');
  });
});

describe('carrying findings forward to the next edition', () => {
  it('finds each passage the same, reworded or gone, with no position hint', async () => {
    const { earlier, later } = await editions();
    const finding = (passage: string): Finding => {
      const start = earlier.text.indexOf(passage);
      expect(start, passage).toBeGreaterThanOrEqual(0);
      const end = start + passage.length;
      return { id: passage.slice(0, 12), documentId: 'd', quote: quoteAt(earlier.text, start, end), position: { start, end }, page: 1, tagIds: [], note: '', createdAt: '', updatedAt: '' };
    };
    const KEPT = 'The government offered foreign victims of trafficking a 30-day reflection period to decide whether to cooperate with law enforcement.';
    const FIGURE = 'Lithuanian courts officially identified 30 trafficking victims, compared with 15 in 2013.';
    const out = carryForward([finding(KEPT), finding(MOVED), finding(FIGURE), finding(DROPPED)], earlier.text, later.text);
    expect(out.map((o) => [o.status, o.start === undefined ? undefined : later.text.slice(o.start, o.end)])).toEqual([
      ['same', KEPT],
      ['same', MOVED],
      ['reworded', FIGURE.replace('30', '41')],
      ['gone', undefined],
    ]);
    expect(out[0]!.similarity).toBe(1);
    expect(out[2]!.similarity).toBeGreaterThan(0.95);
    expect(out[2]!.similarity).toBeLessThan(1);
    expect(out[3]!.similarity).toBe(0);
    expect(out.map((o) => o.finding.id)).toEqual([KEPT, MOVED, FIGURE, DROPPED].map((p) => p.slice(0, 12)));
  });
});
