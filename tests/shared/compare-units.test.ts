import { describe, expect, it } from 'vitest';
import { alignUnits, wordChanges } from '../../src/shared/compare/align';
import { compareFigures, figureDelta } from '../../src/shared/compare/figure-changes';
import { trackRecommendations } from '../../src/shared/compare/recommendation-tracker';
import { isSignificantChange, significantDifferences } from '../../src/shared/compare/significance';
import { MIN_REWORDED_SIMILARITY, normalizePassage, passageSimilarity, passageWords, wordSimilarity } from '../../src/shared/compare/similarity';
import { tierChange, tierFromText, tierRank } from '../../src/shared/compare/tier';
import { splitUnits } from '../../src/shared/compare/units';
import type { Figure, Recommendation, Tier } from '../../src/shared/ingest/report-types';

const units = (text: string, clauses = false) => splitUnits(text, 0, text.length, clauses);
const texts = (text: string, clauses = false) => units(text, clauses).map((u) => u.text);

describe('splitting a section into sentences', () => {
  it('cuts at sentence ends and line breaks, not after abbreviations, initials or inside numbers', () => {
    const text =
      'Luxembourg prohibits trafficking through Art. 382-1 of the code. The U.S. Department of State gave $1.5 million.\n' +
      'The government provided legal aid.The courts convicted 3 traffickers! Was it enough? Yes.';
    expect(texts(text)).toEqual([
      'Luxembourg prohibits trafficking through Art. 382-1 of the code.',
      'The U.S. Department of State gave $1.5 million.',
      'The government provided legal aid.',
      'The courts convicted 3 traffickers!',
      'Was it enough?',
      'Yes.',
    ]);
  });

  it('keeps offsets into the text, and also cuts at semicolons when asked (Factbook summaries)', () => {
    const text = 'x current situation: Belarus is a source country; women are trafficked abroad; men too';
    const from = text.indexOf('Belarus');
    const us = splitUnits(text, from, text.length, true);
    expect(us.map((u) => u.text)).toEqual(['Belarus is a source country;', 'women are trafficked abroad;', 'men too']);
    for (const u of us) expect(text.slice(u.start, u.end)).toBe(u.text);
  });
});

describe('similarity', () => {
  it('is one minus the word edit distance over the longer passage', () => {
    expect(wordSimilarity(['a', 'b'], ['a', 'b'])).toBe(1);
    expect(wordSimilarity([], [])).toBe(1);
    expect(passageSimilarity('Courts identified 30 trafficking victims, compared with 15 in 2013.', 'Courts identified 41 trafficking victims, compared with 15 in 2013.')).toBeCloseTo(9 / 10);
    // Two insertions into seven words: 1 − 2/9.
    expect(passageSimilarity('train law enforcement to identify trafficking victims', 'train law enforcement officials to proactively identify trafficking victims')).toBeCloseTo(7 / 9);
    // Word order counts, unlike a bag of words.
    expect(passageSimilarity('victims not traffickers', 'traffickers not victims')).toBeCloseTo(1 / 3);
  });

  it('returns 0 early when the floor cannot be reached', () => {
    expect(wordSimilarity(['a'], ['a', 'b', 'c', 'd'], MIN_REWORDED_SIMILARITY)).toBe(0);
    expect(wordSimilarity(['a', 'b', 'c'], ['x', 'y', 'z'], 0.5)).toBe(0);
  });

  it('normalises case, typography, broken hyphenation and closing punctuation', () => {
    expect(normalizePassage('Government- funded  NGOs’ “shelters”;')).toBe(`government-funded ngos' "shelters"`);
    expect(normalizePassage('and work with the rapporteur.')).toBe('work with the rapporteur');
    expect(passageWords('149,400 litas ($50,900) under Art. 382-1')).toEqual(['149,400', 'litas', '50,900', 'under', 'art', '382-1']);
  });
});

describe('aligning sentences', () => {
  const S = ['Alpha one two three.', 'Beta four five six.', 'Gamma seven eight nine.', 'Delta ten eleven twelve.', 'Epsilon.'];

  it('reports a sentence that changed place as moved, and nothing else', () => {
    const later = [S[1], S[2], S[3], S[0], S[4]].join(' ');
    const a = alignUnits(units(S.join(' ')), units(later));
    expect(a.removed).toEqual([]);
    expect(a.added).toEqual([]);
    expect(a.pairs.filter((p) => p.type === 'moved')).toEqual([{ earlier: 0, later: 3, type: 'moved', similarity: 1 }]);
    expect(a.pairs.filter((p) => p.type === 'same')).toHaveLength(4);
  });

  it('pairs a reworded sentence as changed, one to one, and leaves the rest removed or added', () => {
    const earlier = 'Courts identified 30 victims in 2014. Police opened a hotline for the public. Shelters stayed open.';
    const later = 'Courts identified 41 victims in 2014. Shelters stayed open. The ministry funded training for judges.';
    const a = alignUnits(units(earlier), units(later));
    expect(a.pairs.map((p) => [p.earlier, p.later, p.type])).toEqual([
      [0, 0, 'changed'],
      [2, 1, 'same'],
    ]);
    expect(a.removed).toEqual([1]);
    expect(a.added).toEqual([2]);
  });

  it('gives word-level changes', () => {
    expect(wordChanges('identified 30 victims', 'identified 41 victims')).toEqual([
      { type: 'same', text: 'identified ' },
      { type: 'removed', text: '30' },
      { type: 'added', text: '41' },
      { type: 'same', text: ' victims' },
    ]);
  });
});

describe('significant changes', () => {
  it.each([
    ['Courts identified 30 victims.', 'Courts identified 41 victims.', ['numbers']],
    ['The penalties range from three to 10 years.', 'The penalties range from four to 10 years.', ['numbers']],
    ['Authorities did not identify foreign victims.', 'Authorities did identify foreign victims.', ['negation']],
    ['Investigations increased.', 'Investigations decreased.', ['claim']],
    ['The government identified more victims.', 'The government identified fewer victims.', ['claim']],
    ['Care facilities were adequate.', 'Care facilities were inadequate.', ['claim']],
    ['Efforts improved.', 'Efforts worsened.', ['claim']],
  ])('%s → %s: %j', (a, b, why) => {
    expect(significantDifferences(a, b)).toEqual(why);
    expect(isSignificantChange(a, b)).toBe(true);
  });

  it('lets routine rewording through as not significant', () => {
    expect(isSignificantChange('The government demonstrated some efforts to assist victims.', 'Authorities demonstrated some efforts to help victims.')).toBe(false);
    expect(isSignificantChange('It provided 149,400 litas.', 'The government provided 149400 litas.')).toBe(false);
  });
});

describe('tiers', () => {
  const order: Tier[] = ['Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3'];

  it('orders Tier 1 > Tier 2 > Tier 2 Watch List > Tier 3', () => {
    expect(order.map(tierRank)).toEqual([1, 2, 3, 4]);
    expect(tierChange('Tier 2 Watch List', 'Tier 3')).toBe('down');
    expect(tierChange('Tier 3', 'Tier 2 Watch List')).toBe('up');
    expect(tierChange('Tier 1', 'Tier 2')).toBe('down');
    expect(tierChange('Tier 2', 'Tier 2')).toBe('same');
  });

  it('does not rank Special Case or an unknown tier', () => {
    expect(tierRank('Special Case')).toBeUndefined();
    expect(tierChange('Special Case', 'Tier 3')).toBe('n/a');
    expect(tierChange('Tier 1', 'Special Case')).toBe('n/a');
    expect(tierChange('Special Case', 'Special Case')).toBe('same');
    expect(tierChange(null, 'Tier 1')).toBe('n/a');
    expect(tierChange(null, null)).toBe('n/a');
  });

  it.each([
    ['tier rating: Tier 2 Watch List – Belarus does not fully comply', 'Tier 2 Watch List'],
    ['tier rating: Tier 3 - lack of satisfactory progress', 'Tier 3'],
    ['tier rating: Tier 2 Watch list - Malaysia does not', 'Tier 2 Watch List'],
    ['trafficking tier rating: Tier 2 Watch List - Malaysia improved from Tier 3 to the Tier 2 Watch List', 'Tier 2 Watch List'],
    ['tier rating: Tier 3 Belarus does not fully meet', 'Tier 3'],
    ['Tier rating: TIER 1 – the government fully meets', 'Tier 1'],
    ['tier rating: Tier 2', 'Tier 2'],
    ['tier rating: Special Case', 'Special Case'],
    ['Malaysia improved from Tier 3 to the Tier 2 Watch List', null],
    ['tier rating: not rated', null],
  ])('tierFromText(%j) = %j', (text, tier) => {
    expect(tierFromText(text)).toBe(tier);
  });
});

describe('figures', () => {
  const fig = (kind: Figure['kind'], value: number, quote: string, extra: Partial<Figure> = {}): Figure => ({ kind, value, quote, start: 0, end: quote.length, page: 1, ...extra });

  it('computes absolute and percent change (30 → 41 is +11, +36.7 %)', () => {
    expect(figureDelta(30, 41)).toEqual({ absolute: 11, percent: 36.7 });
    expect(figureDelta(41, 30)).toEqual({ absolute: -11, percent: -26.8 });
    expect(figureDelta(0, 5)).toEqual({ absolute: 5, percent: null });
  });

  it('pairs several figures of a kind by unit, then sentence, then rank; keeps one-sided ones', () => {
    const range = 'Penalties range from three to 10 years for adults and 10 to 20 years for children.';
    const earlier = [
      fig('penalty-years', 3, range, { unit: 'years (minimum)' }),
      fig('penalty-years', 10, range, { unit: 'years (maximum)' }),
      fig('penalty-years', 10, range, { unit: 'years (minimum)' }),
      fig('penalty-years', 20, range, { unit: 'years (maximum)' }),
      fig('convictions', 4, 'Courts convicted four traffickers.'),
    ];
    const later = [
      fig('penalty-years', 5, range, { unit: 'years (minimum)', start: 1 }),
      fig('penalty-years', 10, range, { unit: 'years (maximum)', start: 1 }),
      fig('penalty-years', 10, range, { unit: 'years (minimum)', start: 1 }),
      fig('penalty-years', 20, range, { unit: 'years (maximum)', start: 1 }),
      fig('victims-identified', 41, 'Courts identified 41 victims.', { start: 2 }),
    ];
    const rows = compareFigures(earlier, later);
    expect(rows.map((r) => [r.kind, r.earlier?.value ?? null, r.later?.value ?? null, r.change?.absolute ?? null])).toEqual([
      ['penalty-years', 3, 5, 2],
      ['penalty-years', 10, 10, 0],
      ['penalty-years', 10, 10, 0],
      ['penalty-years', 20, 20, 0],
      ['convictions', 4, null, null],
      ['victims-identified', null, 41, null],
    ]);
    expect(rows[0]!.earlier?.unit).toBe('years (minimum)');
  });

  it('compares dollar equivalents when the currency changed, and nothing without them', () => {
    const a = fig('funding', 149400, 'It provided 149,400 litas ($50,900).', { currency: 'litas', usd: 50900 });
    const b = fig('funding', 45000, 'It provided 45,000 euros ($50,000).', { currency: 'EUR', usd: 50000 });
    expect(compareFigures([a], [b])[0]!.change).toEqual({ absolute: -900, percent: -1.8, basis: 'usd' });
    expect(compareFigures([{ ...a, usd: undefined }], [b])[0]!.change).toBeNull();
  });
});

describe('recommendations tracker', () => {
  const rec = (text: string, start = 0): Recommendation => ({ text, start, end: start + text.length, page: 1 });

  it('keeps verbatim repeats, pairs rewordings one to one by best similarity, and lists the rest', () => {
    const earlier = [
      rec('Vigorously prosecute traffickers'),
      rec('train police to identify victims of forced labor'),
      rec('train police to identify victims of sex trafficking'),
      rec('establish a hotline'),
    ];
    const later = [rec('vigorously  prosecute TRAFFICKERS.'), rec('train police and labor inspectors to identify victims of forced labor'), rec('fund NGO shelters')];
    const t = trackRecommendations(earlier, later);
    expect(t.kept.map((k) => k.earlier.text)).toEqual(['Vigorously prosecute traffickers']);
    expect(t.reworded).toHaveLength(1);
    expect(t.reworded[0]!.earlier.text).toBe('train police to identify victims of forced labor');
    expect(t.reworded[0]!.later.text).toBe('train police and labor inspectors to identify victims of forced labor');
    expect(t.reworded[0]!.similarity).toBeCloseTo(0.727, 3);
    // The sex-trafficking one is as close as 0.545 (< 0.6) and may not take the same successor.
    expect(t.dropped.map((d) => d.text)).toEqual(['train police to identify victims of sex trafficking', 'establish a hotline']);
    expect(t.added.map((a) => a.text)).toEqual(['fund NGO shelters']);
  });

  it('gives a contested successor to the closer of two candidates', () => {
    const t = trackRecommendations(
      [rec('provide shelter to adult male victims of trafficking'), rec('provide shelter to adult female victims of trafficking')],
      [rec('provide shelter to adult female victims of forced labor')],
    );
    expect(t.reworded.map((r) => r.earlier.text)).toEqual(['provide shelter to adult female victims of trafficking']);
    expect(t.dropped.map((d) => d.text)).toEqual(['provide shelter to adult male victims of trafficking']);
  });
});
