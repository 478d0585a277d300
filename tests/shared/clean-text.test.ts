import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildVocabulary,
  cleanText,
  isHeadingLine,
  keepsHyphen,
  lineJoin,
  mapOffset,
  repairArtefacts,
  unwrapPlainText,
} from '../../src/shared/ingest/clean-text';
import { fixture } from '../fixtures';

describe('keepsHyphen: real hyphen or a word broken at the line end', () => {
  it.each([
    ['anti', 'trafficking', true],
    ['Government', 'funded', true],
    ['at', 'risk', true],
    ['non', 'EU', true],
    ['self', 'reliance', true],
    ['whole-of', 'government', true],
    ['30', 'day', true],
    ['e', 'mail', true],
    ['EU', 'funded', true],
    ['community', 'based', true],
    ['traf', 'ficking', false],
    ['gov', 'ernment', false],
    ['re', 'traumatization', false],
    ['pre', 'vention', false],
    ['at', 'tempt', false],
    ['state', 'ment', false],
    ['with', 'out', false],
    ['ex', 'ample', false],
    ['cross', 'border', true],
  ])('%s- + %s → keep %s', (before, after, keep) => {
    expect(keepsHyphen(before, after)).toBe(keep);
  });

  it("follows the document's own spelling first", () => {
    const vocabulary = buildVocabulary(['to prevent re-traumatization of victims', 'a well established theory']);
    expect(keepsHyphen('re', 'traumatization', vocabulary)).toBe(true);
    // "well" is a compound head, but the document writes "well established" apart, not joined: still kept.
    expect(keepsHyphen('well', 'established', vocabulary)).toBe(true);
    expect(keepsHyphen('anti', 'body', buildVocabulary(['an antibody test']))).toBe(false);
  });

  it('ignores a trailing fragment when building the vocabulary', () => {
    const vocabulary = buildVocabulary(['prevent re-', 'traumatization of victims, at-risk individuals']);
    expect(vocabulary.has('re')).toBe(false);
    expect(vocabulary.has('at-risk')).toBe(true);
    expect(vocabulary.has('victims')).toBe(true);
  });
});

describe('lineJoin', () => {
  it('joins lines with a space, and a broken word without its hyphen', () => {
    expect(lineJoin('courts officially', 'identified 30')).toEqual({ drop: 0, separator: ' ' });
    expect(lineJoin('which could be used to prevent re-', 'traumatization of')).toEqual({ drop: 1, separator: '' });
    expect(lineJoin('victims and at-', 'risk individuals')).toEqual({ drop: 0, separator: '' });
    expect(lineJoin('the traf\u00ad', 'ficking')).toEqual({ drop: 1, separator: '' });
    // A dash before a number or a spaced dash is not a break inside a word.
    expect(lineJoin('Articles 382-', '1 and 382-2')).toEqual({ drop: 0, separator: ' ' });
    expect(lineJoin('prison time -', 'as before')).toEqual({ drop: 0, separator: ' ' });
  });
});

describe('repairArtefacts', () => {
  it.each([
    ['Government- funded NGOs offered', 'Government-funded NGOs offered'],
    ['and funded anti- trafficking training', 'and funded anti-trafficking training'],
    ['the traf- ficking of boys', 'the trafficking of boys'],
    ['pre- and post-trial detention', 'pre- and post-trial detention'],
    ['aware of this service.The government did', 'aware of this service. The government did'],
    ['limited technical capabilities.The government', 'limited technical capabilities. The government'],
    ['construction.Traffickers reportedly', 'construction. Traffickers reportedly'],
    ['in 2013.The figures', 'in 2013. The figures'],
    ['the report (2014).The next', 'the report (2014). The next'],
    ['Is it?The answer', 'Is it? The answer'],
    ['U.S.Government and e.g.The case', 'U.S.Government and e.g.The case'],
    ['rose 3.5 The next', 'rose 3.5 The next'],
    ['see www.State.Gov and http://x.org/a.Html or mail@host.Com now', 'see www.State.Gov and http://x.org/a.Html or mail@host.Com now'],
    ['Art. 382-1 applies', 'Art. 382-1 applies'],
  ])('%s', (input, output) => {
    expect(cleanText(input)).toBe(output);
  });

  it('reports its edits so offsets into the text can follow', () => {
    const input = 'Government- funded NGOs. This service.The end';
    const { text, edits } = repairArtefacts(input);
    expect(text).toBe('Government-funded NGOs. This service. The end');
    const at = (word: string): [number, number] => [input.indexOf(word), input.indexOf(word) + word.length];
    for (const word of ['funded', 'NGOs', 'service.', 'The', 'end']) {
      const [s, e] = at(word);
      expect(text.slice(mapOffset(edits, s, 'start'), mapOffset(edits, e, 'end'))).toBe(word);
    }
    // A span ending at the inserted space does not take it in; one starting there starts after it.
    const dot = input.indexOf('.The') + 1;
    expect(text[mapOffset(edits, dot, 'end') - 1]).toBe('.');
    expect(text[mapOffset(edits, dot, 'start')]).toBe('T');
  });
});

describe('isHeadingLine', () => {
  it.each([
    ['PROTECTION', true],
    ['LUXEMBOURG: Tier 1', true],
    ['RECOMMENDATIONS FOR LUXEMBOURG:', true],
    ['BOSNIA AND HERZEGOVINA: Tier 2 Watch List', true],
    ["COTE D'IVOIRE: TIER 2", true],
    ['TRAFFICKING IN PERSONS REPORT 2015', true],
    ['The government demonstrated some efforts', false],
    ['NGOs', false],
    ['EU, UN,', false],
  ])('%s → %s', (line, heading) => {
    expect(isHeadingLine(line)).toBe(heading);
  });
});

describe('unwrapPlainText on the TIP 2015 excerpt', () => {
  const source = readFileSync(fixture('tip/tip-2015-excerpt.txt'), 'utf8');
  const text = unwrapPlainText(source);
  const lines = text.split('\n');

  it('puts each paragraph and each heading on one line', () => {
    expect(lines.filter((l) => /^[A-Z][A-Z :,0-9a-z]*$/.test(l) && (l === l.toUpperCase() || /: Tier/.test(l)))).toEqual([
      'PROTECTION',
      'PREVENTION',
      'LUXEMBOURG: Tier 1',
      'RECOMMENDATIONS FOR LUXEMBOURG:',
      'PROSECUTION',
    ]);
    expect(lines).toHaveLength(12);
    expect(lines[0]).toBe('PROTECTION');
    expect(lines[1]).toMatch(/^The government demonstrated some efforts to assist victims\. Lithuanian courts officially identified 30 trafficking victims, compared with 15 in 2013\. Authorities/);
    expect(lines[1]).toMatch(/placed child victims in foster homes and mixed-use shelters\.$/);
    expect(lines[2]).toMatch(/^The government offered foreign victims of trafficking a 30-day reflection period .* could receive temporary residency\. Authorities did not identify/);
    expect(lines[2]).toMatch(/while waiting for a planned police raid\.$/);
    expect(lines[6]).toBe(
      'Luxembourg is a destination country for men, women, and children subjected to sex trafficking and forced labor. Victims of sex trafficking from Europe, Africa, Asia, and South America are exploited in prostitution in cabarets, private apartments, and on the street. Forced labor, sometimes involving Chinese or Eastern or Southern European men, women, and children, occurs in various sectors, including restaurants and construction. Traffickers reportedly transport an unknown number of Romani children from neighboring countries for forced begging in Luxembourg. Groups vulnerable to trafficking include migrant workers in domestic work, catering, construction, and begging, as well as unaccompanied foreign children, and people in Luxembourg’s legal and illegal sex trade. Several police officers have been accused of pimping crimes in recent years.',
    );
    expect(lines[7]).toMatch(/^The Government of Luxembourg fully complies .* trafficking victims\.$/);
    expect(lines[9]).toMatch(/^Vigorously prosecute, .*; and work collaboratively .* response to human trafficking\.$/);
  });

  it('repairs the artefacts of text pulled out of a PDF', () => {
    expect(text).toContain('Government-funded NGOs offered female trafficking victims');
    expect(text).not.toContain('Government- funded');
    expect(text).toContain('funded anti-trafficking training');
    expect(text).toContain('aware of this service. The government did not ensure');
    expect(text).toContain('technical capabilities. The government provided');
    expect(text).toContain('restaurants and construction. Traffickers reportedly');
    expect(text).toContain('prevent re-traumatization of trafficking victims');
    expect(text).toContain('at-risk individuals');
    expect(text).toContain('whole-of-government efforts');
    expect(text).toContain('149,400 litas ($50,900)');
    expect(text).toContain('men’s crisis centers');
    expect(text).toContain('Art. 382-1, to clarify');
  });

  it('keeps every word of the source in order', () => {
    const words = (s: string): string[] => s.replace(/-\s+/g, '-').split(/\s+/).filter(Boolean);
    expect(words(text.replace(/\.(?=[A-Z])/g, '. '))).toEqual(words(source.replace(/\.(?=[A-Z])/g, '. ')));
  });
});

describe('unwrapPlainText on small inputs', () => {
  it('ends paragraphs at blank lines, joins broken words and keeps page breaks', () => {
    const input = [
      'The traf-',
      'ficking of boys was limited, though the',
      'ministry announced a plan.',
      '',
      'A second paragraph',
      'continues here.',
      '\fPAGE TWO HEADING',
      'Text on page two.',
    ].join('\n');
    expect(unwrapPlainText(input)).toBe(
      'The trafficking of boys was limited, though the ministry announced a plan.\nA second paragraph continues here.\f' +
        'PAGE TWO HEADING\nText on page two.',
    );
  });

  it('starts a paragraph at a list marker and at an indented line after a sentence end', () => {
    const input = ['Recommendations follow in this list of items that are long enough to wrap:', '• first item', '• second item.', '  Indented new paragraph.'].join('\n');
    expect(unwrapPlainText(input).split('\n')).toEqual([
      'Recommendations follow in this list of items that are long enough to wrap:',
      '• first item',
      '• second item.',
      'Indented new paragraph.',
    ]);
  });

  it('accepts CRLF line ends', () => {
    expect(unwrapPlainText('PROTECTION\r\nThe government\r\nacted.\r\n')).toBe('PROTECTION\nThe government acted.');
  });
});

describe('splitRunInHeadings', () => {
  it('puts a run-in country heading on its own line without moving any offset', async () => {
    const { splitRunInHeadings } = await import('../../src/shared/ingest/clean-text');
    const text = 'COUNTRY 000: Tier 2 Country 000 is a destination country.\nKOREA, NORTH: Tier 3 The Government of\nPROTECTION\nLUXEMBOURG: Tier 1\n';
    const out = splitRunInHeadings(text);
    expect(out.length).toBe(text.length);
    expect(out.split('\n')).toEqual(['COUNTRY 000: Tier 2', 'Country 000 is a destination country.', 'KOREA, NORTH: Tier 3', 'The Government of', 'PROTECTION', 'LUXEMBOURG: Tier 1', '']);
    expect(splitRunInHeadings('BELARUS: Tier 2 Watch List Belarus is a source')).toBe('BELARUS: Tier 2 Watch List\nBelarus is a source');
    // A Watch List heading already on its own line stays whole.
    expect(splitRunInHeadings('MALAYSIA: Tier 2 Watch List\nMalaysia is a destination')).toBe('MALAYSIA: Tier 2 Watch List\nMalaysia is a destination');
    // The layout broke the paragraph after the run-in line: the paragraph is joined back.
    expect(splitRunInHeadings('MALI: Tier 2 Mali is a source\ncountry for men.\nPROTECTION')).toBe('MALI: Tier 2\nMali is a source country for men.\nPROTECTION');
  });
});
