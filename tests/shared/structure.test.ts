import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CountryNarrative, ReportStructure } from '../../src/shared/ingest/report-types';
import { parseReportStructure } from '../../src/shared/ingest/structure';
import { fixture } from '../fixtures';
import expected from './expected/tip-2015-excerpt.structure.json';

const EXCERPT = readFileSync(fixture('tip/tip-2015-excerpt.txt'), 'utf8');

/** Whitespace runs (hard line wraps) collapsed, so wrapped and unwrapped text compare equal. */
function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A line that is a heading in a TIP-style text: capitals (with an optional tier) or `NAME: Tier …`. */
function isHeadingLine(line: string): boolean {
  const t = line.trim();
  return t !== '' && (!/[a-z]/.test(t.replace(/:\s*tier.*$/i, '')) || /:\s*tier\s*\d/i.test(t));
}

/**
 * Joins hard-wrapped lines into one line per paragraph, as the layout step will: a line ends its
 * paragraph before or after a heading, or when it ends a sentence well short of the wrap width.
 */
function unwrap(text: string): string {
  const lines = text.split('\n');
  const width = Math.max(...lines.map((l) => l.length));
  const out: string[] = [];
  let para = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    para = para === '' ? line : `${para} ${line}`;
    const next = lines[i + 1];
    const ends =
      next === undefined ||
      next.trim() === '' ||
      line.trim() === '' ||
      isHeadingLine(line) ||
      isHeadingLine(next) ||
      (/[.!?]$/.test(line) && line.length < width * 0.85);
    if (ends) {
      out.push(para);
      para = '';
    }
  }
  return out.join('\n');
}

/** Structural promises that hold for every parse: ordered, contiguous sections; items inside their section. */
function checkInvariants(s: ReportStructure): void {
  let lastEnd = -1;
  for (const c of s.countries) {
    expect(c.start).toBeGreaterThanOrEqual(lastEnd);
    expect(c.end).toBeGreaterThan(c.start);
    lastEnd = c.end;
    expect(c.figures).toEqual([]);
    for (let k = 0; k < c.sections.length; k++) {
      const sec = c.sections[k]!;
      expect(sec.start).toBeGreaterThanOrEqual(c.start);
      expect(sec.end).toBeGreaterThan(sec.start);
      if (k + 1 < c.sections.length) expect(sec.end).toBe(c.sections[k + 1]!.start);
      else expect(sec.end).toBe(c.end);
    }
    const rec = c.sections.find((x) => x.kind === 'recommendations');
    for (const r of c.recommendations) {
      expect(rec).toBeDefined();
      expect(r.start).toBeGreaterThan(rec!.start);
      expect(r.end).toBeLessThanOrEqual(rec!.end);
      expect(r.text).toBe(r.text.trim());
      expect(r.text).not.toMatch(/^and\s|[;.]$/);
    }
  }
  for (const o of s.outline) expect(o.start).toBeGreaterThanOrEqual(0);
  expect(s.outline.map((o) => o.start)).toEqual([...s.outline.map((o) => o.start)].sort((a, b) => a - b));
}

/** Compares a parse with the hand-written expectation, field by field. */
function checkAgainstExpected(text: string, s: ReportStructure, pageText = false): void {
  expect(s.countries.map((c) => c.name)).toEqual(expected.countries.map((c) => c.name));
  expected.countries.forEach((want, i) => {
    const got = s.countries[i]!;
    expect(got.tier).toBe(want.tier);
    expect(got.inferred).toBe(want.inferred);
    const body = squash(text.slice(got.start, got.end));
    expect(body.startsWith(want.startsWith), `${want.name} starts: ${body.slice(0, 80)}`).toBe(true);
    expect(body.endsWith(want.endsWith), `${want.name} ends: ${body.slice(-80)}`).toBe(true);
    expect(got.sections.map((x) => x.kind)).toEqual(want.sections.map((x) => x.kind));
    want.sections.forEach((ws, k) => {
      const sec = got.sections[k]!;
      let sText = squash(text.slice(sec.start, sec.end));
      // A paginated copy carries running heads at page tops; they belong to no section's words.
      if (pageText) sText = squash(sText.replace(/TRAFFICKING IN PERSONS REPORT 2015 \d+ /g, ''));
      expect(sText.startsWith(ws.startsWith), `${ws.kind} starts: ${sText.slice(0, 80)}`).toBe(true);
      expect(sText.endsWith(ws.endsWith), `${ws.kind} ends: ${sText.slice(-80)}`).toBe(true);
    });
    expect(got.recommendations.map((r) => r.text)).toEqual(want.recommendations);
    for (const r of got.recommendations) {
      const slice = squash(text.slice(r.start, r.end));
      if (!pageText) expect(slice).toBe(r.text);
      expect(slice.startsWith(r.text.slice(0, 20))).toBe(true);
      expect(slice.endsWith(r.text.slice(-20))).toBe(true);
    }
  });
  expect(s.outline.map((o) => ({ title: o.title, level: o.level }))).toEqual(
    expected.outline.map((o) => ({ title: o.title, level: o.level })),
  );
  expected.outline.forEach((o, i) => expect(text.slice(s.outline[i]!.start).startsWith(o.startsWith)).toBe(true));
}

describe('parseReportStructure on the TIP 2015 excerpt', () => {
  it('reads the hard-wrapped text as the hand-written expectation says', () => {
    const s = parseReportStructure(EXCERPT, { fileName: 'tip-2015-excerpt.txt' });
    expect(s.year).toBe(expected.year);
    expect(s.yearSource).toBe(expected.yearSource);
    checkAgainstExpected(EXCERPT, s);
    checkInvariants(s);
    for (const c of s.countries) {
      expect(c.page).toBe(1);
      for (const r of c.recommendations) expect(r.page).toBe(1);
    }
  });

  it('reads the same structure from the text unwrapped to one line per paragraph', () => {
    const text = unwrap(EXCERPT);
    expect(text.split('\n').length).toBeLessThan(20);
    expect(text).toContain('\nRECOMMENDATIONS FOR LUXEMBOURG:\nVigorously prosecute');
    const s = parseReportStructure(text, { fileName: 'tip-2015-excerpt.txt' });
    checkAgainstExpected(text, s);
    checkInvariants(s);
  });

  it('reads the same structure from paginated text with running heads and page numbers', () => {
    // The typeset PDF breaks pages before "plan to deinstitutionalize" and inside the last recommendation.
    const cut1 = EXCERPT.indexOf('plan to deinstitutionalize');
    const cut2 = EXCERPT.indexOf('work\ncollaboratively');
    const bodies = [EXCERPT.slice(0, cut1), EXCERPT.slice(cut1, cut2), EXCERPT.slice(cut2)].map((b) => b.trimEnd());
    const pages = bodies.map((b, i) => `TRAFFICKING IN PERSONS REPORT 2015\n${i + 1}\n${b}`);
    const pageStarts: number[] = [];
    let at = 0;
    for (const p of pages) {
      pageStarts.push(at);
      at += p.length + 2;
    }
    const text = pages.join('\n\n');
    const s = parseReportStructure(text, { pageStarts });
    expect(s.year).toBe(2015);
    expect(s.yearSource).toBe('running-head');
    checkAgainstExpected(text, s, true);
    checkInvariants(s);
    const [lit, lux] = s.countries as [CountryNarrative, CountryNarrative];
    expect(lit.page).toBe(1);
    expect(lux.page).toBe(2);
    expect(lux.sections.map((x) => x.page)).toEqual([2, 2, 2, 3]);
    expect(lux.recommendations.map((r) => r.page)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 3]);
    // The last item starts on its own words, past the running head and page number.
    expect(text.slice(lux.recommendations[8]!.start).startsWith('work\ncollaboratively')).toBe(true);
    expect(s.outline.some((o) => /TRAFFICKING IN PERSONS/.test(o.title))).toBe(false);
  });

  it('reads CRLF line ends the same way', () => {
    const text = EXCERPT.replace(/\n/g, '\r\n');
    const s = parseReportStructure(text, { fileName: 'tip-2015-excerpt.txt' });
    checkAgainstExpected(text, s);
    checkInvariants(s);
  });

  it('survives fragments: a lone heading, a heading at the very end, blank text', () => {
    for (const text of ['\n\n\n', 'PROTECTION', 'LUXEMBOURG: Tier 1', 'LUXEMBOURG: Tier 1\nRECOMMENDATIONS FOR LUXEMBOURG:', 'X'.repeat(5000)]) {
      const s = parseReportStructure(text, { pageStarts: [0] });
      checkInvariants(s);
    }
    const lone = parseReportStructure('LUXEMBOURG: Tier 1\nRECOMMENDATIONS FOR LUXEMBOURG:', {});
    expect(lone.countries[0]).toMatchObject({ name: 'Luxembourg', recommendations: [] });
    expect(lone.countries[0]!.sections.map((x) => x.kind)).toEqual(['recommendations']);
  });

  it('dates the excerpt from the years its text talks about when there is no file name', () => {
    const s = parseReportStructure(EXCERPT, {});
    // "in 2014" (four times) is the latest year mentioned often: the 2015 report.
    expect(s.year).toBe(2015);
    expect(s.yearSource).toBe('text-years');
  });
});

describe('report year', () => {
  const body = '\nThe government made efforts in 2013 and in 2013 again.\n';
  it('reads a title near the start', () => {
    expect(parseReportStructure(`TRAFFICKING IN PERSONS REPORT 2015${body}`, { fileName: 'tip-2009.txt' })).toMatchObject({
      year: 2015,
      yearSource: 'title',
    });
    expect(parseReportStructure(`Trafficking in Persons Report June 2016${body}`, {})).toMatchObject({ year: 2016, yearSource: 'title' });
    expect(parseReportStructure(`Trafficking in Persons Report\nJune 2017\n${body}`, {})).toMatchObject({ year: 2017, yearSource: 'title' });
    expect(parseReportStructure(`2018 Trafficking in Persons Report${body}`, {})).toMatchObject({ year: 2018, yearSource: 'title' });
  });

  it('reads a running head repeated through the document', () => {
    const page = `TRAFFICKING IN PERSONS REPORT 2015\nSome text about 2014.\n`;
    const late = 'x'.repeat(3000);
    expect(parseReportStructure(`${late}\n${page}${page}${page}`, {})).toMatchObject({ year: 2015, yearSource: 'running-head' });
    expect(parseReportStructure('No title here.', { runningHeads: ['TRAFFICKING IN PERSONS REPORT 2012'] })).toMatchObject({
      year: 2012,
      yearSource: 'running-head',
    });
  });

  it('does not take a sentence that mentions an earlier report for a title', () => {
    const s = parseReportStructure(
      'Since the release of the 2014 Trafficking in Persons Report, the government increased its efforts in 2015 and 2015.',
      {},
    );
    expect(s).toMatchObject({ year: 2016, yearSource: 'text-years' });
  });

  it('falls back to the file name, then to nothing', () => {
    expect(parseReportStructure(body, { fileName: '/some/dir/gtip-projects-fy2002.txt' })).toMatchObject({
      year: 2002,
      yearSource: 'file-name',
    });
    expect(parseReportStructure(body, { fileName: 'report-1985.txt' })).toMatchObject({ year: 2014, yearSource: 'text-years' });
    expect(parseReportStructure('No years at all.', { fileName: 'notes.txt' })).toMatchObject({ year: null, yearSource: null });
    expect(parseReportStructure('', {})).toEqual({ year: null, yearSource: null, countries: [], outline: [] });
  });
});

describe('country headings and sections', () => {
  const narrative = (heading: string, name = 'Ruritania'): string =>
    `${heading}\n${name} is a source country for men subjected to forced labor.\n` +
    `The Government of ${name} does not fully meet the minimum standards for the elimination of trafficking.\n` +
    `RECOMMENDATIONS FOR ${name.toUpperCase()}:\nTrain police; fund shelters.\nPROSECUTION\nThe government prosecuted.\n` +
    `PROTECTION\nThe government protected.\nPREVENTION\nThe government prevented.\n`;

  it('accepts every tier spelling and prints names for display', () => {
    const cases: Array<[string, string, string]> = [
      ['LUXEMBOURG: Tier 1', 'Luxembourg', 'Tier 1'],
      ['LUXEMBOURG: TIER 1', 'Luxembourg', 'Tier 1'],
      ['BELARUS: TIER 2 WATCH LIST', 'Belarus', 'Tier 2 Watch List'],
      ['BELARUS: Tier 2 Watchlist', 'Belarus', 'Tier 2 Watch List'],
      ['THAILAND: tier 3', 'Thailand', 'Tier 3'],
      ['SOMALIA: Special Case', 'Somalia', 'Special Case'],
      ["COTE D'IVOIRE: Tier 2", "Cote d'Ivoire", 'Tier 2'],
      ['CÔTE D’IVOIRE: Tier 2', "Cote d'Ivoire", 'Tier 2'],
      ['CONGO, DEMOCRATIC REPUBLIC OF THE: Tier 2 Watch List', 'Congo, Democratic Republic of the', 'Tier 2 Watch List'],
      ['KOREA, NORTH: Tier 3', 'Korea, North', 'Tier 3'],
      ['GUINEA-BISSAU: Tier 2 Watch List', 'Guinea-Bissau', 'Tier 2 Watch List'],
      ['THE GAMBIA: Tier 2', 'The Gambia', 'Tier 2'],
      ['MACEDONIA (FYROM): Tier 2', 'Macedonia', 'Tier 2'],
      ['COUNTRY 007: Tier 2', 'Country 007', 'Tier 2'],
      ["SAINT-PIERRE D'ARC (NORTH): Tier 1", "Saint-Pierre d'Arc (North)", 'Tier 1'],
      ['Luxembourg: Tier 1', 'Luxembourg', 'Tier 1'],
      ['AFGHANISTAN (Tier 2)', 'Afghanistan', 'Tier 2'],
    ];
    for (const [heading, name, tier] of cases) {
      const s = parseReportStructure(narrative(heading), {});
      expect(s.countries.map((c) => [c.name, c.tier, c.inferred])).toEqual([[name, tier, false]]);
      expect(s.countries[0]!.sections.map((x) => x.kind)).toEqual([
        'profile',
        'compliance',
        'recommendations',
        'prosecution',
        'protection',
        'prevention',
      ]);
    }
  });

  it('does not take other lines with a tier for country headings', () => {
    for (const line of [
      'tier rating: Tier 3 – Belarus does not fully meet the minimum standards',
      'tier rating: Tier 3',
      'The country was placed on Tier 2',
      'Ruritania moved to Tier 2 Watch List',
    ]) {
      expect(parseReportStructure(`${line}\nMore text.`, {}).countries).toEqual([]);
    }
  });

  it('reads the 2019+ layout: compliance first, PRIORITIZED RECOMMENDATIONS, TRAFFICKING PROFILE last', () => {
    const text = [
      'MALAYSIA: TIER 2 WATCH LIST',
      'The Government of Malaysia does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so.',
      'PRIORITIZED RECOMMENDATIONS:',
      'Increase investigations (including of officials; labor cases) and convictions; amend the law to remove the requirement of force; and fund NGO shelters.',
      'PROSECUTION',
      'The government decreased law enforcement efforts.',
      'PROTECTION',
      'The government maintained efforts.',
      'PREVENTION',
      'The government increased efforts.',
      'TRAFFICKING PROFILE',
      'As reported over the past five years, human traffickers exploit domestic and foreign victims in Malaysia.',
      'THAILAND: TIER 2',
      'The Government of Thailand does not fully meet the minimum standards for the elimination of trafficking.',
      'PRIORITIZED RECOMMENDATIONS: Prosecute officials; screen migrants.',
      'PROSECUTION',
      'Text.',
    ].join('\n');
    const s = parseReportStructure(text, {});
    expect(s.countries.map((c) => [c.name, c.tier])).toEqual([
      ['Malaysia', 'Tier 2 Watch List'],
      ['Thailand', 'Tier 2'],
    ]);
    const [my, th] = s.countries as [CountryNarrative, CountryNarrative];
    expect(my.sections.map((x) => x.kind)).toEqual([
      'compliance',
      'recommendations',
      'prosecution',
      'protection',
      'prevention',
      'trafficking-profile',
    ]);
    expect(text.slice(my.sections[5]!.start).startsWith('TRAFFICKING PROFILE\nAs reported')).toBe(true);
    expect(my.sections[5]!.end).toBe(th.start);
    expect(my.recommendations.map((r) => r.text)).toEqual([
      'Increase investigations (including of officials; labor cases) and convictions',
      'amend the law to remove the requirement of force',
      'fund NGO shelters',
    ]);
    for (const r of my.recommendations) expect(text.slice(r.start, r.end)).toBe(r.text);
    // Recommendations on the heading's own line, after the colon.
    expect(th.recommendations.map((r) => r.text)).toEqual(['Prosecute officials', 'screen migrants']);
    expect(th.sections.map((x) => x.kind)).toEqual(['compliance', 'recommendations', 'prosecution']);
    expect(s.outline.map((o) => [o.level, o.title])).toEqual([
      [1, 'Malaysia: Tier 2 Watch List'],
      [2, 'Prioritized Recommendations'],
      [2, 'Prosecution'],
      [2, 'Protection'],
      [2, 'Prevention'],
      [2, 'Trafficking Profile'],
      [1, 'Thailand: Tier 2'],
      [2, 'Prioritized Recommendations'],
      [2, 'Prosecution'],
    ]);
    checkInvariants(s);
  });

  it('splits bulleted recommendations one per bullet', () => {
    const text =
      'RUSSIA: Tier 3\nThe Government of Russia does not fully meet the minimum standards.\nPRIORITIZED RECOMMENDATIONS:\n' +
      '• Investigate and prosecute trafficking cases; convict traffickers.\n• Screen migrants for indicators\nof trafficking.\n• And fund shelters.\nPROSECUTION\nText.';
    const [ru] = parseReportStructure(text, {}).countries as [CountryNarrative];
    expect(ru.recommendations.map((r) => r.text)).toEqual([
      'Investigate and prosecute trafficking cases; convict traffickers',
      'Screen migrants for indicators of trafficking',
      'fund shelters',
    ]);
  });

  it('finds a compliance paragraph with "fully complies" and keeps a wrapped recommendations heading', () => {
    const text =
      'CONGO, DEMOCRATIC REPUBLIC OF THE: Tier 2 Watch List\nThe DRC is a source country.\n' +
      'The Government of the Democratic Republic of the Congo does not fully comply with the minimum standards.\n' +
      'RECOMMENDATIONS FOR THE DEMOCRATIC\nREPUBLIC OF THE CONGO:\nEnd child soldiering; and fund care.\nPROSECUTION\nText.';
    const s = parseReportStructure(text, {});
    const [drc] = s.countries as [CountryNarrative];
    expect(drc.name).toBe('Congo, Democratic Republic of the');
    expect(drc.sections.map((x) => x.kind)).toEqual(['profile', 'compliance', 'recommendations', 'prosecution']);
    expect(drc.recommendations.map((r) => r.text)).toEqual(['End child soldiering', 'fund care']);
    expect(s.outline.map((o) => o.title)).toContain('Recommendations for Congo, Democratic Republic of the');
  });

  it('does not take a sentence starting "The Government of" mid-paragraph for the compliance statement', () => {
    const text =
      'RURITANIA: Tier 2\nRuritania is a destination country for workers from neighbouring states and\n' +
      'The Government of Freedonia sends many; it fully complies with nothing.\nPROSECUTION\nText.';
    const [ru] = parseReportStructure(text, {}).countries as [CountryNarrative];
    expect(ru.sections.map((x) => x.kind)).toEqual(['profile', 'prosecution']);
  });
});

describe('a document that begins mid-narrative', () => {
  it('infers the country from the demonyms of the leading part', () => {
    const s = parseReportStructure(EXCERPT, {});
    expect(s.countries[0]).toMatchObject({ name: 'Lithuania', tier: null, inferred: true, start: 0 });
  });

  it('prefers the country a leading recommendations heading names', () => {
    const text =
      'RECOMMENDATIONS FOR ESTONIA:\nTrain judges; fund shelters.\nPROSECUTION\nLatvian and Russian victims were found; Russian officials helped.\nFINLAND: Tier 1\nText.';
    const s = parseReportStructure(text, {});
    expect(s.countries.map((c) => [c.name, c.inferred])).toEqual([
      ['Estonia', true],
      ['Finland', false],
    ]);
    expect(s.countries[0]!.recommendations.map((r) => r.text)).toEqual(['Train judges', 'fund shelters']);
  });

  it('does not count regions for countries ("Latin American", "South America")', () => {
    const text =
      'PROTECTION\nLatin American and South American victims, and American NGOs, helped Peruvian courts.\nPREVENTION\nPeruvian police helped.\nCHILE: Tier 1\nText.';
    expect(parseReportStructure(text, {}).countries.map((c) => c.name)).toEqual(['Peru', 'Chile']);
  });

  it('emits no country for a leading part it cannot attribute', () => {
    const text = 'PROTECTION\nThe government protected victims.\nPREVENTION\nIt prevented more.\nFRANCE: Tier 1\nFrance is a destination country.';
    const s = parseReportStructure(text, {});
    expect(s.countries.map((c) => [c.name, c.inferred])).toEqual([['France', false]]);
    // The headings stay in the outline as the document printed them.
    expect(s.outline.map((o) => o.title)).toEqual(['PROTECTION', 'PREVENTION', 'France: Tier 1']);
  });

  it('leaves front matter with section-like headings alone', () => {
    const text =
      'INTRODUCTION\n\nThe 3P paradigm is described below.\n\nPROSECUTION\nThai and Thai and Thai courts.\n\nMETHODOLOGY\n\nHow we rank.\n\nFRANCE: Tier 1\nText.';
    const s = parseReportStructure(text, {});
    expect(s.countries.map((c) => c.name)).toEqual(['France']);
    expect(s.outline.map((o) => o.title)).toEqual(['INTRODUCTION', 'PROSECUTION', 'METHODOLOGY', 'France: Tier 1']);
  });
});

describe('generic outline', () => {
  it('outlines the government project list by region and country without flooding', () => {
    const text = readFileSync(fixture('text/gtip-projects-fy2002.txt'), 'utf8');
    const s = parseReportStructure(text, { fileName: 'gtip-projects-fy2002.txt' });
    expect(s.countries).toEqual([]);
    expect(s).toMatchObject({ year: 2002, yearSource: 'file-name' });
    // 79 lines stand alone between blank lines in the file: 8 regions and 71 country or "REGIONAL" headings.
    expect(s.outline).toHaveLength(79);
    expect(s.outline.filter((o) => o.level === 1).map((o) => o.title)).toEqual([
      'Global',
      'Africa',
      'East Asia and Pacific Islands',
      'South Asia',
      'Eurasia',
      'Europe',
      'Latin America and Caribbean',
      'Middle East',
    ]);
    expect(s.outline.slice(0, 5).map((o) => [o.level, o.title])).toEqual([
      [1, 'Global'],
      [1, 'Africa'],
      [2, 'REGIONAL'],
      [2, 'BENIN'],
      [2, 'BURKINA FASO'],
    ]);
    const level2 = s.outline.filter((o) => o.level === 2).map((o) => o.title);
    expect(level2).toHaveLength(71);
    for (const t of ['CZECH REPBULIC', 'MACEDONIA (FYROM)', 'REGIONAL – CENTRAL AMERICA', 'PAPUA NEW GUINEA', 'UNITED ARAB EMIRATES']) {
      expect(level2).toContain(t);
    }
    expect(level2.at(-1)).toBe('UNITED ARAB EMIRATES');
    for (const o of s.outline) {
      expect(text.slice(o.start).startsWith(o.title)).toBe(true);
      expect(o.title).not.toMatch(/:/);
      expect(o.page).toBe(1);
    }
  });

  it('finds no headings in the Factbook summaries (two labelled paragraphs and a provenance note)', () => {
    const dir = fixture('factbook');
    let files = 0;
    for (const country of readdirSync(dir)) {
      for (const edition of readdirSync(join(dir, country))) {
        const text = readFileSync(join(dir, country, edition), 'utf8');
        const s = parseReportStructure(text, { fileName: edition });
        expect([country, edition, s.outline, s.countries]).toEqual([country, edition, [], []]);
        expect(s.year).toBe(Number(edition.slice(0, 4)));
        files++;
      }
    }
    expect(files).toBeGreaterThan(40);
    const belarus = parseReportStructure(readFileSync(fixture('factbook/belarus/2016.txt'), 'utf8'), {});
    // "tier rating: Tier 3 – Belarus ..." is a paragraph, not a country heading.
    expect(belarus.countries).toEqual([]);
  });

  it('levels numbered headings by their numbering and ignores numbered sentences', () => {
    const text = [
      'ANNUAL REVIEW',
      '',
      '1. Introduction',
      '',
      'This review covers the year. It has several parts.',
      '',
      '1.1 Scope and Method',
      '',
      'We read everything that was published.',
      '1. The government should increase funding for shelters.',
      '2. the list goes on',
      '',
      'II. Findings',
      '',
      'Findings follow in this part, with numbers.',
      '',
      'Regional Overview',
      '',
      'The region saw a rise in cases.',
      'A Short Line Without End',
      'continues the sentence in lower case.',
    ].join('\n');
    const s = parseReportStructure(text, {});
    expect(s.outline.map((o) => [o.level, o.title])).toEqual([
      [1, 'ANNUAL REVIEW'],
      [1, '1. Introduction'],
      [2, '1.1 Scope and Method'],
      [1, 'II. Findings'],
      [2, 'Regional Overview'],
    ]);
  });

  it('reads runs of capitalised lines and capitalised sentences as text, not headings', () => {
    const text = [
      'TIER PLACEMENTS',
      '',
      'ARMENIA',
      'AUSTRALIA',
      'AUSTRIA',
      'THE BAHAMAS',
      'BELGIUM',
      '',
      'THIS NOTICE IS PRINTED IN CAPITALS AND ENDS AS A SENTENCE.',
      '',
      'Methodology',
      '',
      'The Department ranks every country each year using the information it gathers.',
    ].join('\n');
    expect(parseReportStructure(text, {}).outline.map((o) => o.title)).toEqual(['TIER PLACEMENTS', 'Methodology']);
  });

  it('never takes ordinary sentences of the excerpt for headings', () => {
    for (const text of [EXCERPT, unwrap(EXCERPT)]) {
      const titles = parseReportStructure(text, {}).outline.map((o) => o.title);
      expect(titles).toEqual(expected.outline.map((o) => o.title));
    }
  });
});

describe('the synthetic 190-country report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rwb-structure-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function makeBig(): { text: string; truth: { year: number; countries: Array<{ country: string; tier: string }> } } {
    const out = join(dir, 'big.txt');
    const run = spawnSync('python3', [fixture('tip/make_big_report.py'), out, '--countries', '190'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    return { text: readFileSync(out, 'utf8'), truth: JSON.parse(readFileSync(`${out}.truth.json`, 'utf8')) };
  }

  it('finds all 190 countries with their tiers and sections, hard-wrapped and unwrapped', () => {
    const { text, truth } = makeBig();
    expect(truth.countries).toHaveLength(190);
    for (const [label, variant] of [
      ['hard-wrapped', text],
      ['unwrapped', unwrap(text)],
    ] as const) {
      const t0 = performance.now();
      parseReportStructure(variant, { fileName: 'big.txt' });
      const t1 = performance.now();
      const s = parseReportStructure(variant, { fileName: 'big.txt' });
      const t2 = performance.now();
      const size = `${(variant.length / 1e6).toFixed(2)} M chars`;
      console.log(`structure of the 190-country report (${label}, ${size}): first parse ${(t1 - t0).toFixed(1)} ms, second ${(t2 - t1).toFixed(1)} ms`);
      expect(s.countries.map((c) => [c.name, c.tier])).toEqual(truth.countries.map((c) => [c.country, c.tier]));
      let matched = 0;
      for (const c of s.countries) {
        const kinds = c.sections.map((x) => x.kind);
        expect(kinds).toEqual(['profile', 'compliance', 'recommendations', 'prosecution', 'protection', 'prevention']);
        expect(c.recommendations).toHaveLength(9);
        expect(c.recommendations[6]!.text).toBe(`allow non-EU trafficking victims access to ${c.name}’s labor market`);
        expect(c.inferred).toBe(false);
        matched++;
      }
      expect(matched).toBe(190);
      expect(s.outline.filter((o) => o.level === 1)).toHaveLength(190);
      expect(s.outline).toHaveLength(190 * 5);
      checkInvariants(s);
    }
  });
});

describe('Watch List headings through the whole text pipeline', () => {
  it('keeps "Tier 2 Watch List" whole when the heading is alone on its line', async () => {
    const { ingestFile } = await import('../../src/shared/ingest/ingest');
    const { loadNodePdfjs } = await import('../../src/node/pdfjs-node');
    const text = 'MALAYSIA: Tier 2 Watch List\nMalaysia is a destination and, to a lesser extent, a source country.\nPROSECUTION\nThe government made efforts.\n';
    const doc = await ingestFile({ fileName: 'm.txt', bytes: new TextEncoder().encode(text), pdfjs: await loadNodePdfjs() });
    expect(doc.structure.countries.map((c) => [c.name, c.tier])).toEqual([['Malaysia', 'Tier 2 Watch List']]);
  });
});
