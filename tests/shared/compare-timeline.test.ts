import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { countriesAcross, countryTimeline, recommendationMatrix, type CompareSide } from '../../src/shared/compare';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { fixture } from '../fixtures';

async function read(text: string, fileName: string, year?: number): Promise<CompareSide> {
  const doc = await ingestFile({ fileName, bytes: new TextEncoder().encode(text), pdfjs: await loadNodePdfjs() });
  return { text: doc.text, structure: doc.structure, pageStarts: doc.pageStarts, ...(year !== undefined && { year }) };
}

/** Every Factbook edition of a country, in the order the folder lists them. */
async function factbook(country: string): Promise<CompareSide[]> {
  const files = readdirSync(fixture(`factbook/${country}`)).filter((f) => /^\d{4}\.txt$/.test(f));
  return Promise.all(files.map((f) => read(readFileSync(fixture(`factbook/${country}/${f}`), 'utf8'), f)));
}

describe('a country over every edition (Factbook summaries, 2006–2025)', () => {
  it('Malaysia: the tier each year, with its moves, and the convictions the summaries state', async () => {
    const t = countryTimeline((await factbook('malaysia')).reverse(), 'Malaysia');
    expect(t.country).toBe('Malaysia');
    expect(t.missing).toEqual([]);
    // Read off each file's `tier rating:` paragraph (2018–2020 are not in the fixtures).
    expect(t.entries.map((e) => [e.year, e.tier, e.tierChange])).toEqual([
      [2006, 'Tier 2 Watch List', null],
      [2007, 'Tier 3', 'down'],
      [2008, 'Tier 2 Watch List', 'up'],
      [2009, 'Tier 2 Watch List', 'same'],
      [2010, 'Tier 2 Watch List', 'same'],
      [2011, 'Tier 2 Watch List', 'same'],
      [2012, 'Tier 2 Watch List', 'same'],
      [2013, 'Tier 2 Watch List', 'same'],
      [2014, 'Tier 2 Watch List', 'same'],
      [2015, 'Tier 3', 'down'],
      [2016, 'Tier 2 Watch List', 'up'],
      [2017, 'Tier 2 Watch List', 'same'],
      [2021, 'Tier 2 Watch List', 'same'],
      [2022, 'Tier 2 Watch List', 'same'],
      [2023, 'Tier 2 Watch List', 'same'],
    ]);
    expect(t.entries.map((e) => e.tierRank)).toEqual([3, 4, 3, 3, 3, 3, 3, 3, 3, 4, 3, 3, 3, 3, 3]);
    // "convicted only three traffickers for forced labor" in the 2016 and 2017 editions.
    expect(t.figureKinds).toEqual(['convictions']);
    const convictions = t.entries.map((e) => [e.year, e.figures.convictions?.value ?? null]).filter(([, v]) => v !== null);
    expect(convictions).toEqual([
      [2016, 3],
      [2017, 3],
    ]);
    expect(t.entries.find((e) => e.year === 2016)!.figures.convictions!.quote).toMatch(/convicted only three traffickers for forced labor/);
  });

  it('Belarus: Tier 2 Watch List until 2015, Tier 3 from 2016; one conviction in 2013 and 2014; another country is listed as missing', async () => {
    const belarus = await factbook('belarus');
    const russia2016 = await read(readFileSync(fixture('factbook/russia/2016.txt'), 'utf8'), '2016.txt');
    const t = countryTimeline([...belarus, russia2016], 'Belarus');
    expect(t.entries.map((e) => e.year)).toEqual([2011, 2013, 2014, 2015, 2016, 2017, 2021, 2022, 2023, 2024, 2025]);
    expect(t.entries.filter((e) => e.tierChange === 'down').map((e) => [e.year, e.tier])).toEqual([[2016, 'Tier 3']]);
    expect(t.entries.every((e) => (e.year! < 2016 ? e.tier === 'Tier 2 Watch List' : e.tier === 'Tier 3'))).toBe(true);
    expect(t.entries.filter((e) => e.figures.convictions).map((e) => [e.year, e.figures.convictions!.value])).toEqual([
      [2013, 1],
      [2014, 1],
    ]);
    expect(t.missing).toEqual([belarus.length]);
    expect(countriesAcross([...belarus, russia2016])).toEqual([
      { country: 'Belarus', editions: belarus.length },
      { country: 'Russia', editions: 1 },
    ]);
  });

  it('Russia: down to Tier 3 in 2013 and there since', async () => {
    const t = countryTimeline(await factbook('russia'), 'Russian Federation');
    expect(t.country).toBe('Russia');
    expect(t.entries.filter((e) => e.tierChange !== 'same').map((e) => [e.year, e.tier, e.tierChange])).toEqual([
      [2006, 'Tier 2 Watch List', null],
      [2013, 'Tier 3', 'down'],
    ]);
    expect(t.entries.at(-1)).toMatchObject({ year: 2025, tier: 'Tier 3' });
  });
});

describe('recommendations across editions', () => {
  // Three editions of the real 2015 text, edited as the next years' reports would be: 2016 drops
  // the hotline, rewords the training one and adds a new one; 2017 repeats 2016 and brings the
  // hotline back.
  const ORIGINAL = readFileSync(fixture('tip/tip-2015-excerpt.txt'), 'utf8');
  const HOTLINE = 'establish a hotline with operators trained to assist victims; ';
  const e2016 = ORIGINAL.replace(HOTLINE, '')
    .replace('train law enforcement that subjecting a child', 'train law enforcement and judges that subjecting a child')
    .replace('implement the planned national campaign', 'increase funding for specialized shelters for male victims; implement the planned national campaign');
  const e2017 = e2016.replace('allow non-EU', `${HOTLINE}allow non-EU`);

  it('Luxembourg 2015–2017: one row per recommendation, kept, reworded, new, dropped and returned', async () => {
    const sides = [await read(e2017, 'tip-2017.txt', 2017), await read(ORIGINAL, 'tip-2015.txt', 2015), await read(e2016, 'tip-2016.txt', 2016)];
    expect(e2016).not.toBe(ORIGINAL);
    expect(e2017).toContain(HOTLINE);
    const m = recommendationMatrix(sides, 'Luxembourg');
    expect(m.country).toBe('Luxembourg');
    expect(m.columns).toEqual([
      { edition: 1, year: 2015 },
      { edition: 2, year: 2016 },
      { edition: 0, year: 2017 },
    ]);
    const row = (start: string) => {
      const found = m.rows.filter((r) => r.text.startsWith(start));
      expect(found, start).toHaveLength(1);
      return found[0]!;
    };
    const statuses = (start: string) => row(start).cells.map((c) => c.status);
    expect(statuses('Vigorously prosecute')).toEqual(['new', 'kept', 'kept']);
    expect(statuses('train law enforcement')).toEqual(['new', 'reworded', 'kept']);
    expect(row('train law enforcement').text).toMatch(/^train law enforcement and judges/);
    expect(row('train law enforcement').cells[1]!.similarity).toBeGreaterThan(0.5);
    expect(statuses('establish a hotline')).toEqual(['new', 'dropped', 'returned']);
    expect(row('establish a hotline').present).toBe(2);
    expect(statuses('increase funding for specialized shelters')).toEqual(['absent', 'new', 'kept']);
    // The 2015 edition makes 9 recommendations; one more row for the one first made in 2016. All
    // but the hotline (dropped for a year) and the new one are in all three editions.
    expect(m.rows).toHaveLength(10);
    expect(m.rows.filter((r) => r.present === 3)).toHaveLength(8);
    // Each present cell points at its wording in its own edition.
    for (const r of m.rows) {
      r.cells.forEach((c, k) => {
        if (c.text === undefined) return;
        const text = sides[m.columns[k]!.edition]!.text;
        expect(text.slice(c.start, c.end).replace(/\s+/g, ' ')).toBe(c.text);
      });
    }
  });

  it('a country with no recommendations gives an empty matrix over its editions; an unknown one gives no columns', async () => {
    const belarus = await factbook('belarus');
    expect(recommendationMatrix(belarus, 'Belarus')).toMatchObject({ country: 'Belarus', rows: [] });
    expect(recommendationMatrix(belarus, 'Belarus').columns).toHaveLength(belarus.length);
    expect(recommendationMatrix(belarus, 'Luxembourg')).toEqual({ country: 'Luxembourg', columns: [], rows: [] });
  });
});
