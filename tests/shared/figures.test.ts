import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractFigures } from '../../src/shared/ingest/figures';
import type { Figure } from '../../src/shared/ingest/report-types';
import { fixture } from '../fixtures';

const FIELDS = ['kind', 'value', 'unit', 'currency', 'usd', 'comparedValue', 'comparedYear', 'quote', 'start', 'end', 'page'] as const;

const excerpt = readFileSync(fixture('tip/tip-2015-excerpt.txt'), 'utf8');
// Written by reading the excerpt, not by running the extractor: see the quotes it holds.
const expected = JSON.parse(
  readFileSync(resolve(import.meta.dirname, 'expected/tip-2015-excerpt.figures.json'), 'utf8'),
) as Figure[];

/** Compares field by field so a failure names the figure and the field. */
function expectFigures(text: string, got: Figure[], want: Figure[]) {
  expect(got.map((f) => `${f.kind} ${f.value}`)).toEqual(want.map((f) => `${f.kind} ${f.value}`));
  got.forEach((f, i) => {
    for (const field of FIELDS) expect(f[field], `figure ${i} (${f.kind} ${f.value}) field ${field}`).toEqual(want[i]![field]);
    expect(Object.keys(f).filter((k) => !(FIELDS as readonly string[]).includes(k)), `figure ${i} extra fields`).toEqual([]);
    expect(text.slice(f.start, f.end), `figure ${i} quote is the slice`).toBe(f.quote);
  });
}

/** Just what is compared in the synthetic cases: no quote or offsets. */
const brief = (text: string) => extractFigures(text).map(({ quote: _q, start: _s, end: _e, page: _p, ...rest }) => rest);

describe('extractFigures on the TIP 2015 excerpt', () => {
  it('finds exactly the expected figures, field by field', () => {
    expectFigures(excerpt, extractFigures(excerpt), expected);
  });

  it('leaves out counts that are not a figure kind, years and article numbers', () => {
    const values = extractFigures(excerpt).map((f) => f.value);
    expect(values).not.toContain(50); // "approximately 50 messages"
    expect(values).not.toContain(2014);
    expect(values).not.toContain(382);
    expect(values).not.toContain(5); // "met five times"
  });

  it('gives the same figures when the hard wraps are spaces', () => {
    const flat = excerpt.replace(/\n/g, ' ');
    const want = expected.map((f) => ({ ...f, quote: f.quote.replace(/\n/g, ' ') }));
    expectFigures(flat, extractFigures(flat), want);
  });

  it('gives the same figures with CRLF line ends, at shifted offsets', () => {
    const crlf = excerpt.replace(/\n/g, '\r\n');
    const shift = (offset: number) => offset + (excerpt.slice(0, offset).match(/\n/g)?.length ?? 0);
    const want = expected.map((f) => ({ ...f, quote: f.quote.replace(/\n/g, '\r\n'), start: shift(f.start), end: shift(f.end) }));
    expectFigures(crlf, extractFigures(crlf), want);
  });

  it('numbers pages from the sentence start and honours the scanned range', () => {
    const lux = excerpt.indexOf('LUXEMBOURG: Tier 1');
    const pageStarts = [0, excerpt.indexOf('PREVENTION'), lux];
    expect(extractFigures(excerpt, { pageStarts }).map((f) => f.page)).toEqual([1, 1, 1, 1, 3, 3, 3, 3]);

    const luxembourg = extractFigures(excerpt, { start: lux, pageStarts });
    expect(luxembourg.map((f) => [f.kind, f.value])).toEqual([
      ['penalty-years', 3],
      ['penalty-years', 10],
      ['penalty-years', 10],
      ['penalty-years', 20],
    ]);

    // A range that ends mid-sentence clips the quote to the range.
    const cut = excerpt.indexOf(', compared with 15');
    const [first, ...rest] = extractFigures(excerpt, { end: cut });
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ kind: 'victims-identified', value: 30, end: cut });
    expect(first!.comparedValue).toBeUndefined();
    expect(first!.quote).toBe('Lithuanian courts officially identified 30 trafficking\nvictims');
  });
});

describe('extractFigures: one sentence per kind', () => {
  it.each<[string, object[]]>([
    ['Authorities identified 14 victims in 2014.', [{ kind: 'victims-identified', value: 14, unit: 'victims' }]],
    ['The government officially identified 30 trafficking victims.', [{ kind: 'victims-identified', value: 30, unit: 'trafficking victims' }]],
    ['Three victims were identified during the year.', [{ kind: 'victims-identified', value: 3, unit: 'victims' }]],
    ['Officials identified approximately 1,200 victims.', [{ kind: 'victims-identified', value: 1200 }]],
    ['Police identified 47 potential victims.', [{ kind: 'potential-victims', value: 47, unit: 'potential victims' }]],
    ['Police investigated 12 cases.', [{ kind: 'investigations', value: 12, unit: 'cases' }]],
    ['Authorities initiated 5 investigations.', [{ kind: 'investigations', value: 5, unit: 'investigations' }]],
    ['Police launched investigations into nine cases.', [{ kind: 'investigations', value: 9, unit: 'cases' }]],
    ['The government prosecuted 7 defendants.', [{ kind: 'prosecutions', value: 7, unit: 'defendants' }]],
    ['Prosecutors initiated prosecutions of 3 suspects.', [{ kind: 'prosecutions', value: 3, unit: 'suspects' }]],
    ['Courts convicted 4 traffickers.', [{ kind: 'convictions', value: 4, unit: 'traffickers' }]],
    ['Twenty-one traffickers were convicted.', [{ kind: 'convictions', value: 21, unit: 'traffickers' }]],
    ['NGOs assisted 40 victims.', [{ kind: 'people-assisted', value: 40, unit: 'victims' }]],
    ['Government shelters accommodated 12 victims.', [{ kind: 'people-assisted', value: 12, unit: 'victims' }]],
    ['The government provided shelter and services to 40 women and children.', [{ kind: 'people-assisted', value: 40, unit: 'women and children' }]],
    ['40 victims received government-funded assistance.', [{ kind: 'people-assisted', value: 40 }]],
    [
      'The government allocated 1.2 million euros ($1.5 million) for victim protection.',
      [{ kind: 'funding', value: 1_200_000, currency: 'EUR', usd: 1_500_000 }],
    ],
    ['The ministry provided €500,000 to NGOs.', [{ kind: 'funding', value: 500_000, currency: 'EUR' }]],
    ['The government provided $2 million to NGOs.', [{ kind: 'funding', value: 2_000_000, currency: 'USD', usd: 2_000_000 }]],
    ['The government spent EUR 300,000 on a hotline.', [{ kind: 'funding', value: 300_000, currency: 'EUR' }]],
    ['The government allocated 400,000 lari ($226,000) to the fund.', [{ kind: 'funding', value: 400_000, currency: 'lari', usd: 226_000 }]],
    [
      'The government allocated 5 million convertible marks (KM) ($2.8 million) to NGOs.',
      [{ kind: 'funding', value: 5_000_000, currency: 'convertible marks', usd: 2_800_000 }],
    ],
    ['The government provided NT$20 million ($650,000) to shelters.', [{ kind: 'funding', value: 20_000_000, currency: 'TWD', usd: 650_000 }]],
    ['A court sentenced one trafficker to five years’ imprisonment.', [{ kind: 'penalty-years', value: 5, unit: 'years' }]],
    ['Courts sentenced him to five years and six months in prison.', [{ kind: 'penalty-years', value: 5.5, unit: 'years' }]],
    ['Trafficking is punishable by up to 15 years in prison.', [{ kind: 'penalty-years', value: 15, unit: 'years (maximum)' }]],
    [
      'Penalties range from six months to two years’ imprisonment.',
      [
        { kind: 'penalty-years', value: 0.5, unit: 'years (minimum)' },
        { kind: 'penalty-years', value: 2, unit: 'years (maximum)' },
      ],
    ],
    [
      'Sentences ranged from two to 10 years.',
      [
        { kind: 'penalty-years', value: 2, unit: 'years (minimum)' },
        { kind: 'penalty-years', value: 10, unit: 'years (maximum)' },
      ],
    ],
    [
      'Courts sentenced two traffickers to 10 and 12 years’ imprisonment, respectively.',
      [
        { kind: 'penalty-years', value: 10, unit: 'years' },
        { kind: 'penalty-years', value: 12, unit: 'years' },
      ],
    ],
    [
      'In 2014, the government reported 58 investigations, 20 prosecutions, and nine convictions.',
      [
        { kind: 'investigations', value: 58 },
        { kind: 'prosecutions', value: 20 },
        { kind: 'convictions', value: 9 },
      ],
    ],
    [
      'The government identified 19 sex trafficking victims and 12 labor trafficking victims.',
      [
        { kind: 'victims-identified', value: 19, unit: 'sex trafficking victims' },
        { kind: 'victims-identified', value: 12, unit: 'labor trafficking victims' },
      ],
    ],
  ])('%s', (sentence, want) => {
    const got = brief(sentence);
    expect(got).toHaveLength(want.length);
    got.forEach((f, i) => expect(f).toMatchObject(want[i]!));
  });
});

describe('extractFigures: comparisons', () => {
  it.each<[string, number | undefined, number | undefined]>([
    ['Police identified 30 victims, compared with 15 in 2013.', 15, 2013],
    ['NGOs assisted 133 victims in 2014, compared to 129 individuals in 2013.', 129, 2013],
    ['Police identified 47 potential victims, the same as in 2013.', 47, 2013],
    ['Courts convicted 4 traffickers, an increase from 2 in 2013.', 2, 2013],
    ['Courts convicted 4 traffickers, a decrease from ten in 2013.', 10, 2013],
    ['The government prosecuted 7 defendants, up from 3 in 2013.', 3, 2013],
    ['The government prosecuted 7 defendants, down from 11 in 2013.', 11, 2013],
    ['The government convicted 8 traffickers, versus 5 in 2013.', 5, 2013],
    ['The government identified 13 victims (compared with 9 in 2013).', 9, 2013],
    ['Authorities identified 120 victims, compared with none in 2013.', 0, 2013],
    ['The government identified 8 victims, compared with 10 the previous year.', 10, undefined],
    ['The government provided 10,000 euros ($12,000) to NGOs, the same amount as the previous year.', 10_000, undefined],
    [
      'The government provided 2.5 million ringgit ($780,000) to NGOs, compared with 2 million ringgit ($620,000) in 2013.',
      2_000_000,
      2013,
    ],
    ['The government allocated 5 million convertible marks (KM) ($2.8 million), compared with 4 million in 2013.', 4_000_000, 2013],
    ['The government identified 30 victims in 2014.', undefined, undefined],
    // The comparison belongs to the arrests, which are no figure kind, so it is not borrowed.
    ['Police identified 20 victims and arrested 5 suspects, compared with 8 in 2013.', undefined, undefined],
  ])('%s', (sentence, comparedValue, comparedYear) => {
    const got = brief(sentence);
    expect(got).toHaveLength(1);
    expect(got[0]!.comparedValue).toBe(comparedValue);
    expect(got[0]!.comparedYear).toBe(comparedYear);
  });

  it('gives each figure the comparison that follows it', () => {
    const got = brief(
      'The government reported investigating 31 cases, compared with 21 in 2013, and prosecuting 26 defendants, compared with 19 in 2012.',
    );
    expect(got).toEqual([
      { kind: 'investigations', value: 31, unit: 'cases', comparedValue: 21, comparedYear: 2013 },
      { kind: 'prosecutions', value: 26, unit: 'defendants', comparedValue: 19, comparedYear: 2012 },
    ]);
  });
});

describe('extractFigures: sentences', () => {
  it.each([
    'The U.S. Embassy reported that police identified 12 victims.',
    'Under Art. 382 of the code, e.g. in case No. 5, officials identified 7 victims.',
    'A 2.5 percent budget rise let shelters accommodate more; NGOs assisted 11 victims.',
    'Officials identified 6\nvictims across the\ncountry.',
  ])('quotes the whole sentence: %s', (sentence) => {
    const text = `The year was difficult. ${sentence} Nothing else happened.`;
    const [f] = extractFigures(text);
    expect(f!.quote).toBe(sentence);
    expect(text.slice(f!.start, f!.end)).toBe(sentence);
  });

  it('splits where a PDF lost the space after a stop, and at headings, running heads and page numbers', () => {
    const text = 'There was a service.The government identified 9 victims.\n12\nTRAFFICKING IN PERSONS REPORT 2015\nPROTECTION\nIt assisted 11 victims';
    expect(extractFigures(text).map((f) => f.quote)).toEqual(['The government identified 9 victims.', 'It assisted 11 victims']);
  });
});

describe('extractFigures: not figures', () => {
  it.each([
    'In 2014, the government passed a law.',
    'Article 382-1 prohibits all forms of trafficking.',
    'The law, Art. 382, was amended on 12 March 2014.',
    'The police received approximately 50 messages during the reporting period.',
    '30 percent of identified victims were children.',
    'The government offered foreign victims a 30-day reflection period.',
    'Of the 30 victims identified, 12 were children.',
    'In one case, the Supreme Court exonerated a child victim.',
    'The police arrested 15 suspects.',
    'The victims were between 14 and 17 years old.',
    'Children as young as 10 years of age were exploited.',
    'Over the past three years, the government funded a hotline.',
    'Traffickers were fined 5,000 euros.',
    'Courts ordered traffickers to pay 10,000 euros in compensation to victims.',
    'Traffickers charged victims fees of $3,000 each.',
    'Victims paid 3,000 euros to recruiters before the government provided shelter.',
    'The investigation uncovered 2 million euros in criminal assets.',
    'A working group met five times during the year.',
    'Page 12 of the 2015 report covers 190 countries.',
  ])('%s', (sentence) => {
    expect(brief(sentence)).toEqual([]);
  });
});

describe('extractFigures on the synthetic 190-country report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rwb-figures-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every country’s victims figure and its comparison', () => {
    const out = join(dir, 'big.txt');
    const made = spawnSync('python3', [fixture('tip/make_big_report.py'), out, '--countries', '190'], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    const truth = JSON.parse(readFileSync(`${out}.truth.json`, 'utf8')) as {
      countries: { country: string; victimsIdentified: number; previousYear: number }[];
    };
    const heads = [...text.matchAll(/^COUNTRY \d{3}: /gm)].map((m) => m.index);
    expect(heads).toHaveLength(190);

    const t0 = performance.now();
    const perCountry = heads.map((start, i) => extractFigures(text, { start, end: heads[i + 1] ?? text.length }));
    const t1 = performance.now();
    const whole = extractFigures(text);
    const t2 = performance.now();
    console.log(
      `figures: ${(text.length / 1e6).toFixed(2)} MB, 190 narratives in ${(t1 - t0).toFixed(1)} ms, ` +
        `whole text in ${(t2 - t1).toFixed(1)} ms, ${whole.length} figures`,
    );

    const matches = perCountry.filter((figs, i) => {
      const victims = figs.filter((f) => f.kind === 'victims-identified');
      const want = truth.countries[i]!;
      return victims.length === 1 && victims[0]!.value === want.victimsIdentified && victims[0]!.comparedValue === want.previousYear;
    });
    expect(matches).toHaveLength(190);
    expect(whole).toEqual(perCountry.flat());
  });
});
