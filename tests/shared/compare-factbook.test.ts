import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { carryForward, compareAll, compareCountry, comparisonToMarkdown, CountryNotFoundError, type CompareSide } from '../../src/shared/compare';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { quoteAt } from '../../src/shared/model/document-text';
import { fixture } from '../fixtures';

/** A World Factbook "Trafficking in persons" entry: real text, no TIP structure, year from the file name. */
async function factbook(country: string, year: number): Promise<CompareSide> {
  const rel = `factbook/${country}/${year}.txt`;
  const doc = await ingestFile({ fileName: `${year}.txt`, bytes: new Uint8Array(readFileSync(fixture(rel))), pdfjs: await loadNodePdfjs() });
  expect(doc.structure.countries, rel).toEqual([]);
  return { text: doc.text, structure: doc.structure, pageStarts: doc.pageStarts };
}

describe('comparing Factbook summaries (no TIP structure) across years', () => {
  it('Belarus 2015 → 2016: Tier 2 Watch List → Tier 3, down, with the rewritten passages', async () => {
    const earlier = await factbook('belarus', 2015);
    const later = await factbook('belarus', 2016);
    const c = compareCountry(earlier, later, 'Belarus');
    expect(c.country).toBe('Belarus');
    expect(c.earlier).toEqual({ year: 2015, tier: 'Tier 2 Watch List' });
    expect(c.later).toEqual({ year: 2016, tier: 'Tier 3' });
    expect(c.tierChange).toBe('down');
    // Sections are the entry's labelled fields; the provenance header before them is not compared.
    expect(c.sections.map((s) => s.kind)).toEqual(['current-situation', 'tier-rating']);
    const [situation, rating] = c.sections;
    const removed = (s: typeof situation) => s!.changes.filter((ch) => ch.type === 'removed').map((ch) => ch.earlier!.text);
    const added = (s: typeof situation) => s!.changes.filter((ch) => ch.type === 'added').map((ch) => ch.later!.text);
    // The opening statement is word for word the same both years, so it is not listed.
    expect(situation!.changes.some((ch) => (ch.earlier ?? ch.later)!.text.startsWith('Belarus is a source, transit'))).toBe(false);
    expect(removed(situation)).toContain('Ukrainian women may be sex trafficked in Belarus');
    expect(added(situation)).toContain('state-sponsored forced labor is a continuing problem;');
    expect(removed(rating)[0]).toMatch(/^Tier 2 Watch List – Belarus does not fully comply/);
    expect(added(rating)[0]).toMatch(/^Tier 3 – Belarus does not fully comply .* placed on Tier 3 after being on the Tier 2 Watch List/);
    expect(added(rating)).toContain('no trafficking offenders were convicted in 2014, and the number of investigations progressively declined from 2005-2014;');
    for (const ch of [...situation!.changes, ...rating!.changes]) {
      if (ch.earlier) expect(earlier.text.slice(ch.earlier.start, ch.earlier.end).replace(/\s+/g, ' ')).toBe(ch.earlier.text);
      if (ch.later) expect(later.text.slice(ch.later.start, ch.later.end).replace(/\s+/g, ' ')).toBe(ch.later.text);
    }
    expect(compareAll(earlier, later).map((x) => x.country)).toEqual(['Belarus']);
    expect(comparisonToMarkdown(c)).toContain('**Tier:** Tier 2 Watch List → Tier 3 (down)');
  });

  // Read off the files' `tier rating:` paragraphs: Malaysia fell to Tier 3 in the 2007 and 2015
  // editions and came back to the Watch List in the next ones ("Tier 2 Watch list" in 2016).
  it.each([
    [2006, 2007, 'Tier 2 Watch List', 'Tier 3', 'down'],
    [2007, 2008, 'Tier 3', 'Tier 2 Watch List', 'up'],
    [2013, 2014, 'Tier 2 Watch List', 'Tier 2 Watch List', 'same'],
    [2014, 2015, 'Tier 2 Watch List', 'Tier 3', 'down'],
    [2015, 2016, 'Tier 3', 'Tier 2 Watch List', 'up'],
  ] as const)('Malaysia %i → %i: %s → %s (%s)', async (from, to, tierFrom, tierTo, change) => {
    const c = compareCountry(await factbook('malaysia', from), await factbook('malaysia', to), 'Malaysia');
    expect([c.earlier.year, c.earlier.tier, c.later.year, c.later.tier, c.tierChange]).toEqual([from, tierFrom, to, tierTo, change]);
  });

  it('Malaysia 2014 → 2015: reworded passages come back as changed, with their words', async () => {
    const c = compareCountry(await factbook('malaysia', 2014), await factbook('malaysia', 2015), 'Malaysia');
    const changed = c.sections.find((s) => s.kind === 'current-situation')!.changes.filter((ch) => ch.type === 'changed');
    expect(changed.length).toBeGreaterThanOrEqual(3);
    const abroad = changed.find((ch) => ch.later!.text.startsWith('a small number of Malaysian citizens'))!;
    expect(abroad.words!.filter((w) => w.type !== 'same').map((w) => [w.type, w.text.trim()])).toEqual([
      ['removed', 'to Singapore, China, and Japan'],
      ['added', 'in 2013'],
    ]);
    expect(abroad.significance).toContain('numbers');
  });

  it('Malaysia 2015 → 2016: a figure stated in one summary only, quoted by its own clause', async () => {
    const c = compareCountry(await factbook('malaysia', 2015), await factbook('malaysia', 2016), 'Malaysia');
    expect(c.figures.map((f) => [f.kind, f.earlier, f.later?.value, f.change])).toEqual([['convictions', null, 3, null]]);
    expect(c.figures[0]!.later!.quote).toMatch(/^authorities more than doubled investigations and prosecutions but convicted only three traffickers .*problem;$/);
  });

  it('Malaysia 2016 → 2017: an unchanged entry has no changes at all', async () => {
    const c = compareCountry(await factbook('malaysia', 2016), await factbook('malaysia', 2017), 'Malaysia');
    expect(c.tierChange).toBe('same');
    expect(c.sections.flatMap((s) => s.changes)).toEqual([]);
  });

  it('refuses a country the entries are not about, and finds none in common between two countries', async () => {
    const belarus = await factbook('belarus', 2015);
    expect(() => compareCountry(belarus, belarus, 'Russia')).toThrow(CountryNotFoundError);
    expect(() => compareCountry(belarus, belarus, 'Russia')).toThrow('countries in both: Belarus');
    expect(compareAll(belarus, await factbook('malaysia', 2015))).toEqual([]);
  });

  it('carries a finding from Belarus 2015 to 2016: the reworded tier statement is found, a dropped one is gone', async () => {
    const earlier = await factbook('belarus', 2015);
    const later = await factbook('belarus', 2016);
    const finding = (passage: string) => {
      const start = earlier.text.indexOf(passage);
      expect(start, passage).toBeGreaterThanOrEqual(0);
      const end = start + passage.length;
      return { id: passage, documentId: 'd', quote: quoteAt(earlier.text, start, end), position: { start, end }, page: 1, tagIds: [], note: '', createdAt: '', updatedAt: '' };
    };
    const out = carryForward(
      [
        finding('Belarus is a source, transit, and destination country for women, men, and children subjected to sex trafficking and forced labor'),
        finding('Tier 2 Watch List – Belarus does not fully comply with the minimum standards for the elimination of trafficking'),
        finding('a 2013 law permitting state funding for NGOs that provide services to victims has not been implemented'),
      ],
      earlier.text,
      later.text,
    );
    expect(out.map((o) => o.status)).toEqual(['same', 'reworded', 'gone']);
    expect(later.text.slice(out[1]!.start, out[1]!.end)).toMatch(/Belarus does not fully comply with the minimum standards for the elimination of trafficking$/);
    expect(out[1]!.similarity).toBeGreaterThan(0.75);
  });
});

describe('comparing documents by their heading outline', () => {
  it('finds each country under its heading in a list of projects (gtip-projects-fy2002) and compares its passages', async () => {
    const original = readFileSync(fixture('text/gtip-projects-fy2002.txt'), 'utf8');
    const edited = original.replace('The USAID Mission in Benin is working with', 'The USAID Mission in Benin works with');
    expect(edited).not.toBe(original);
    const read = async (text: string, fileName: string) => {
      const doc = await ingestFile({ fileName, bytes: new TextEncoder().encode(text), pdfjs: await loadNodePdfjs() });
      return { text: doc.text, structure: doc.structure };
    };
    const earlier = await read(original, 'gtip-projects-fy2002.txt');
    const later = await read(edited, 'gtip-projects-fy2003.txt');
    const all = compareAll(earlier, later);
    expect(all.map((c) => c.country)).toEqual(expect.arrayContaining(['Benin', 'Burkina Faso', 'Burma', 'Belarus']));
    const changed = all.filter((c) => c.sections.some((s) => s.changes.length > 0));
    expect(changed.map((c) => c.country)).toEqual(['Benin']);
    const [change] = changed[0]!.sections.flatMap((s) => s.changes);
    expect(change!.type).toBe('changed');
    expect(change!.words!.filter((w) => w.type !== 'same').map((w) => w.text.trim())).toEqual(['is', 'works', 'working']);
    expect(compareCountry(earlier, later, 'Myanmar').country).toBe('Burma');
  });
});
