import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { anchorQuote, createAnchorer, MIN_FUZZY_SIMILARITY, type AnchorResult } from '../../src/shared/anchoring/anchor';
import { matchQuote } from '../../src/shared/anchoring/match-quote';
import { normalizeWhitespace } from '../../src/shared/anchoring/normalize';
import { reanchorFindings } from '../../src/shared/anchoring/reanchor';
import { PAGE_SEPARATOR, quoteAt } from '../../src/shared/model/document-text';
import type { Finding } from '../../src/shared/model/types';
import { fixture } from '../fixtures';

const TIP = readFileSync(fixture('tip/tip-2015-excerpt.txt'), 'utf8');
const BELARUS_2015 = readFileSync(fixture('factbook/belarus/2015.txt'), 'utf8');
const BELARUS_2016 = readFileSync(fixture('factbook/belarus/2016.txt'), 'utf8');

/** A finding on the first occurrence of `passage` (after `from`) in `text`, as the reader would store it. */
function findingOn(text: string, passage: string, id = passage.slice(0, 12), from = 0): Finding {
  const start = text.indexOf(passage, from);
  if (start < 0) throw new Error(`passage not in text: ${passage}`);
  const end = start + passage.length;
  return {
    id,
    documentId: 'doc',
    quote: quoteAt(text, start, end),
    position: { start, end },
    page: 1,
    tagIds: ['t1'],
    note: '',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

function anchorFinding(text: string, f: Finding): AnchorResult {
  return anchorQuote(text, { quote: f.quote, position: f.position });
}

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one "${from}"`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

// Real passages of the excerpt; most cross a hard line wrap.
const COURTS = 'Lithuanian courts officially identified 30 trafficking\nvictims, compared with 15 in 2013.';
const REFLECTION =
  'The government offered foreign victims of trafficking a 30-day reflection period to decide whether to cooperate\nwith law enforcement.';
const HOTLINE =
  'The police advertised and managed an e-mail account that the public could use to report potential human trafficking\nsituations and ask for advice';
const LUXEMBOURG = 'Luxembourg is a destination country for men, women, and\nchildren subjected to sex trafficking and forced labor.';
const RECOMMENDATION = 'Vigorously prosecute, convict, and sentence labor and sex traffickers, including complicit officials';
const PASSAGES = [COURTS, REFLECTION, HOTLINE, LUXEMBOURG, RECOMMENDATION];

describe('normalizeWhitespace', () => {
  it('collapses runs and maps offsets both ways', () => {
    const original = 'a \n\t b\nc\r\nd  ';
    const n = normalizeWhitespace(original);
    expect(n.text).toBe('a b c d ');
    expect([...n.text].map((_, i) => n.toOriginal(i))).toEqual([0, 1, 5, 6, 7, 8, 10, 11]);
    expect(n.toOriginal(n.text.length)).toBe(original.length);
    expect(n.toNormalized(5)).toBe(2);
    expect(n.toNormalized(3)).toBe(1); // inside a collapsed run: its space
    expect(n.toNormalized(10)).toBe(6);
    expect(n.toNormalized(original.length)).toBe(n.text.length);
  });

  it('leaves single spaces and one-character line breaks at their offsets', () => {
    const n = normalizeWhitespace(TIP);
    expect(n.text.length).toBe(TIP.length);
    expect(n.toOriginal(4000)).toBe(4000);
  });
});

describe('anchorQuote on the TIP 2015 excerpt', () => {
  const findings = PASSAGES.map((p) => findingOn(TIP, p));

  it('finds every passage exactly where it was in the unchanged text', () => {
    for (const f of findings) {
      expect(anchorFinding(TIP, f)).toEqual({ status: 'exact', start: f.position.start, end: f.position.end, similarity: 1 });
    }
  });

  it('(a) finds passages moved by an edit before them at their new offsets', () => {
    const changed = replaceOnce(TIP, 'The government demonstrated some efforts to assist victims.', 'The government made modest efforts to assist victims.');
    const shift = 'made modest'.length - 'demonstrated some'.length;
    for (const f of findings) {
      const r = anchorFinding(changed, f);
      expect(r).toEqual({ status: 'moved', start: f.position.start + shift, end: f.position.end + shift, similarity: 1 });
      expect(changed.slice(r.start, r.end)).toBe(f.quote.exact);
    }
  });

  it('(b) finds a passage with a changed figure fuzzily at the same place', () => {
    const [courts] = findings;
    const changed = replaceOnce(TIP, 'identified 30 trafficking', 'identified 31 trafficking');
    const r = anchorFinding(changed, courts!);
    expect(r.status).toBe('fuzzy');
    expect(r.similarity).toBeGreaterThan(0.8);
    expect(r.similarity).toBeLessThan(1);
    expect([r.start, r.end]).toEqual([courts!.position.start, courts!.position.end]);
    expect(changed.slice(r.start, r.end)).toBe(COURTS.replace('30', '31'));
  });

  it('(b) finds a passage with inserted words fuzzily, covering the insertion', () => {
    const [courts] = findings;
    const changed = replaceOnce(TIP, 'officially identified 30', 'officially identified a total of 30');
    const r = anchorFinding(changed, courts!);
    expect(r.status).toBe('fuzzy');
    expect(r.similarity).toBeGreaterThan(0.8);
    expect(r.similarity).toBeLessThan(1);
    expect(changed.slice(r.start, r.end)).toBe(COURTS.replace('identified 30', 'identified a total of 30'));
  });

  it('(b) repairs a PDF hyphenation artefact fuzzily', () => {
    const f = findingOn(TIP, 'Government- funded NGOs offered female\ntrafficking victims shelter');
    const changed = replaceOnce(TIP, 'Government- funded', 'Government-funded');
    const r = anchorFinding(changed, f);
    expect(r.status).toBe('fuzzy');
    expect(changed.slice(r.start, r.end)).toBe('Government-funded NGOs offered female\ntrafficking victims shelter');
  });

  it('(c) orphans a deleted passage and keeps no offsets', () => {
    for (const passage of [HOTLINE, LUXEMBOURG, RECOMMENDATION]) {
      const f = findingOn(TIP, passage);
      const r = anchorFinding(replaceOnce(TIP, passage, ''), f);
      expect(r).toEqual({ status: 'orphaned', similarity: 0 });
    }
  });

  it('(d) finds the same words in unwrapped text', () => {
    const unwrapped = TIP.replace(/\n/g, ' ');
    for (const f of findings) {
      const r = anchorFinding(unwrapped, f);
      expect(r.status).toBe(f.quote.exact.includes('\n') ? 'moved' : 'exact');
      expect([r.start, r.end]).toEqual([f.position.start, f.position.end]);
      expect(unwrapped.slice(r.start, r.end)).toBe(squash(f.quote.exact));
    }
  });

  it('(d) maps back to the right offsets when line breaks change length (CRLF)', () => {
    const crlf = TIP.replace(/\n/g, '\r\n');
    for (const f of findings) {
      const r = anchorFinding(crlf, f);
      const linesBefore = TIP.slice(0, f.position.start).split('\n').length - 1;
      const linesInside = f.quote.exact.split('\n').length - 1;
      expect(r.status).toBe('moved');
      expect(r.start).toBe(f.position.start + linesBefore);
      expect(r.end).toBe(f.position.end + linesBefore + linesInside);
      expect(squash(crlf.slice(r.start, r.end))).toBe(squash(f.quote.exact));
    }
  });

  describe('a sentence repeated word for word elsewhere (formulaic reports)', () => {
    const reflection = findingOn(TIP, REFLECTION);
    const elsewhere = (text: string) => replaceOnce(text, 'PREVENTION\n', `PREVENTION\n${REFLECTION}\n`);

    it('prefers the rewording in its old surroundings to a verbatim copy in foreign context', () => {
      const changed = elsewhere(replaceOnce(TIP, 'a 30-day reflection', 'a 90-day reflection'));
      const r = anchorFinding(changed, reflection);
      expect(r.status).toBe('fuzzy');
      expect([r.start, r.end]).toEqual([reflection.position.start, reflection.position.end]);
    });

    it('follows the sentence when it moved on its own into new surroundings', () => {
      const changed = elsewhere(replaceOnce(TIP, `${REFLECTION} `, ''));
      const r = anchorFinding(changed, reflection);
      expect(r.status).toBe('moved');
      expect(r.start).toBe(changed.indexOf(REFLECTION));
    });
  });

  describe('(e) a phrase that occurs seven times: "trafficking victims"', () => {
    const phrase = 'trafficking victims';
    // The occurrence in "identify all types of trafficking victims and refer them".
    const target = findingOn(TIP, phrase, 'target', TIP.indexOf('all types of trafficking victims'));

    it('is found exactly where it was', () => {
      expect(anchorFinding(TIP, target).status).toBe('exact');
    });

    it('is told apart by its context, not by nearness, once everything has moved', () => {
      const inserted = 'NOTE: '.padEnd(600, 'x') + '\n';
      const changed = inserted + TIP;
      const newStarts: number[] = [];
      for (let i = changed.indexOf(phrase); i >= 0; i = changed.indexOf(phrase, i + 1)) newStarts.push(i);
      const wanted = target.position.start + inserted.length;
      // Another occurrence now sits nearer the old offset than the right one does.
      const nearest = newStarts.reduce((a, b) => (Math.abs(b - target.position.start) < Math.abs(a - target.position.start) ? b : a));
      expect(nearest).not.toBe(wanted);
      expect(anchorFinding(changed, target)).toEqual({ status: 'moved', start: wanted, end: wanted + phrase.length, similarity: 1 });
      expect(anchorQuote(changed, { quote: target.quote }).start).toBe(wanted);
    });

    it('is orphaned, not moved to a look-alike, when its own occurrence was reworded', () => {
      const changed = replaceOnce(TIP, 'all types of trafficking victims', 'all types of victims of trafficking');
      expect(anchorFinding(changed, target)).toEqual({ status: 'orphaned', similarity: 0 });
    });
  });
});

describe('(f) carry-forward across report years: Belarus, CIA Factbook 2015 → 2016', () => {
  it('finds the reworded tier sentence fuzzily (Tier 2 Watch List → Tier 3)', () => {
    const f = findingOn(BELARUS_2015, 'Tier 2 Watch List – Belarus does not fully comply with the minimum standards for the elimination of trafficking');
    const r = anchorFinding(BELARUS_2016, f);
    expect(r.status).toBe('fuzzy');
    expect(r.similarity).toBeGreaterThan(0.85);
    expect(BELARUS_2016.slice(r.start, r.end)).toBe('Tier 3 – Belarus does not fully comply with the minimum standards for the elimination of trafficking');
  });

  it('finds the reworded decree clause fuzzily ("retained" → "has retained")', () => {
    const f = findingOn(BELARUS_2015, 'the government retained a decree forbidding workers');
    const r = anchorFinding(BELARUS_2016, f);
    expect(r.status).toBe('fuzzy');
    expect(BELARUS_2016.slice(r.start, r.end)).toBe('the government has retained a decree forbidding workers');
  });

  it('finds unchanged wording where it was, or word for word where it moved', () => {
    // The header and the opening of the profile have the same length in both editions.
    const profile = findingOn(BELARUS_2015, 'Belarus is a source, transit, and destination country for women, men, and children');
    expect(anchorFinding(BELARUS_2016, profile)).toMatchObject({ status: 'exact', start: profile.position.start });
    const compliance = findingOn(BELARUS_2015, 'Belarus does not fully comply with the minimum standards for the elimination of trafficking');
    const r = anchorFinding(BELARUS_2016, compliance);
    expect(r.status).toBe('moved');
    expect(r.start).not.toBe(compliance.position.start);
    expect(BELARUS_2016.slice(r.start, r.end)).toBe(compliance.quote.exact);
  });

  it('orphans sentences that are gone in 2016', () => {
    for (const gone of [
      'a 2013 law permitting state funding for NGOs that provide services to victims has not been implemented',
      'authorities did not convict any trafficker and conducted the fewest investigations in the last four years',
      'Ukrainian women may be sex trafficked in Belarus',
    ]) {
      expect(anchorFinding(BELARUS_2016, findingOn(BELARUS_2015, gone))).toEqual({ status: 'orphaned', similarity: 0 });
    }
  });

  it('leaves a heavy rewording below the threshold for the analyst to review', () => {
    // Same fact, but a phrase moved and another inserted: 0.62 of the characters survive.
    const f = findingOn(
      BELARUS_2015,
      'the government retained a decree forbidding workers from leaving their jobs in the wood processing industry without their employer’s permission',
    );
    const loose = matchQuote(BELARUS_2016, f.quote, { maxErrorRate: 0.5 });
    expect(loose!.similarity).toBeLessThan(MIN_FUZZY_SIMILARITY);
    expect(anchorFinding(BELARUS_2016, f).status).toBe('orphaned');
  });
});

describe('matchQuote', () => {
  it('handles a quote far longer than the 32-character word with many edits', () => {
    const start = TIP.indexOf('The government continued some prevention efforts.');
    const end = TIP.indexOf('made some efforts to reduce the demand');
    const quote = quoteAt(TIP, start, end);
    expect(quote.exact.length).toBeGreaterThan(1000);
    const changed = TIP.slice(0, start) + quote.exact.replace(/government/g, 'State').replace(/the /g, '') + TIP.slice(end);
    const m = matchQuote(changed, quote, { hint: start });
    expect(m).not.toBeNull();
    expect(m!.start).toBe(start);
    expect(m!.similarity).toBeGreaterThan(0.8);
  });

  it('breaks ties between identical candidates by nearness to the hint', () => {
    const text = 'alpha beta gamma. alpha beta gamma. alpha beta gamma.';
    const quote = { exact: 'beta', prefix: 'alpha ', suffix: ' gamma' };
    expect(matchQuote(text, quote, { hint: 20 })!.start).toBe(24);
    expect(matchQuote(text, quote, { hint: 50 })!.start).toBe(42);
  });

  it('returns null when nothing is within the error budget', () => {
    expect(matchQuote(TIP, { exact: 'zebra crossings in Antarctica', prefix: '', suffix: '' })).toBeNull();
    expect(matchQuote(TIP, { exact: '', prefix: '', suffix: '' })).toBeNull();
  });
});

describe('anchorQuote on bad input', () => {
  it('never throws', () => {
    const quote = quoteAt(TIP, 100, 140);
    const cases = [
      { quote, position: { start: -5, end: 2 } },
      { quote, position: { start: 10, end: 1e9 } },
      { quote, position: { start: Number.NaN, end: Number.NaN } },
      { quote: { exact: '', prefix: '', suffix: '' } },
      { quote: { exact: '   \n ', prefix: '', suffix: '' } },
      { quote: { exact: quote.exact } as never },
      { quote: undefined as never },
    ];
    for (const selectors of cases) expect(() => anchorQuote(TIP, selectors)).not.toThrow();
    expect(anchorQuote(TIP, cases[0]!)).toMatchObject({ status: 'moved', start: 100, end: 140 });
    expect(anchorQuote(TIP, cases[3]!).status).toBe('orphaned');
    expect(anchorQuote('', { quote })).toEqual({ status: 'orphaned', similarity: 0 });
  });
});

describe('reanchorFindings', () => {
  it('returns every finding in order with updated selectors and pages, orphans untouched', () => {
    const findings = PASSAGES.map((p) => findingOn(TIP, p));
    const newPages = ['INTRODUCTION\nA page added in front.', replaceOnce(TIP, LUXEMBOURG, '').replace('identified 30', 'identified 31')];
    const newText = newPages.join(PAGE_SEPARATOR);
    const out = reanchorFindings(findings, newText, { pageStarts: [0, newPages[0]!.length + PAGE_SEPARATOR.length] });

    expect(out.map((o) => o.finding.id)).toEqual(findings.map((f) => f.id));
    expect(out.map((o) => o.result.status)).toEqual(['fuzzy', 'moved', 'moved', 'orphaned', 'moved']);
    for (const { finding, result } of out) {
      if (result.status === 'orphaned') {
        expect(finding).toBe(findings[3]);
        continue;
      }
      expect(finding.position).toEqual({ start: result.start, end: result.end });
      expect(finding.quote).toEqual(quoteAt(newText, result.start!, result.end!));
      expect(finding.page).toBe(2);
      expect(finding.tagIds).toEqual(['t1']);
    }
    expect(out[0]!.finding.quote.exact).toBe(COURTS.replace('30', '31'));
  });
});

describe('performance (printed, not asserted)', () => {
  it('anchors 200 quotes in a 1.3 MB text', () => {
    const copies = Array.from({ length: 190 }, (_, i) =>
      TIP.replace('identified 30', `identified ${30 + i}`)
        .replace(/LUXEMBOURG/g, `COUNTRY ${i}`)
        .replace(/Luxembourg/g, `Country ${i}`),
    );
    const oldText = copies.join('\n\n');
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const findings: Finding[] = [];
    while (findings.length < 200) {
      const start = oldText.indexOf(' ', Math.floor(random() * (oldText.length - 400))) + 1;
      const end = oldText.lastIndexOf(' ', start + 40 + Math.floor(random() * 200));
      findings.push(findingOn(oldText, oldText.slice(start, end), `f${findings.length}`, start));
    }
    // A re-import: a note in front shifts everything, every tenth copy is lightly edited (keeping
    // its length, so later offsets stay predictable) and five copies are gone.
    const newText =
      'Note added on re-import.\n' +
      copies
        .map((c, i) => (i % 10 === 3 ? c.replace(/The government/g, 'The Government').replace(/victims/g, 'Victims') : c))
        .filter((_, i) => i < 100 || i > 104)
        .join('\n\n');

    const t0 = performance.now();
    const out = reanchorFindings(findings, newText);
    const ms = performance.now() - t0;
    const counts: Record<string, number> = {};
    for (const o of out) counts[o.result.status] = (counts[o.result.status] ?? 0) + 1;
    // In the untouched copies before the deleted ones, each finding should sit exactly behind the note.
    const note = 'Note added on re-import.\n'.length;
    const copyLength = copies[0]!.length + 2;
    const untouched = findings
      .map((f, k) => ({ old: f.position.start, now: out[k]!.result.start }))
      .filter(({ old }) => Math.floor(old / copyLength) < 100 && Math.floor(old / copyLength) % 10 !== 3);
    const inPlace = untouched.filter(({ old, now }) => now === old + note).length;

    const anchor = createAnchorer(newText);
    const t1 = performance.now();
    const exact = 'A sentence of about 120 characters that the new text does not contain anywhere at all, so every search path runs in full.';
    anchor({ quote: { exact, prefix: '', suffix: '' }, position: { start: 600_000, end: 600_000 + exact.length } });
    const orphanMs = performance.now() - t1;

    console.log(
      `anchoring: ${findings.length} quotes in ${(newText.length / 1e6).toFixed(2)} M chars: ${ms.toFixed(0)} ms ` +
        `${JSON.stringify(counts)}, ${inPlace}/${untouched.length} of those in untouched copies at the expected offset; ` +
        `one orphan (full fuzzy scan): ${orphanMs.toFixed(0)} ms`,
    );
    expect(out).toHaveLength(200);
  });
});
