import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { CountryNotFoundError, narrativeOf, sideBySide, type CompareSide, type SideBySideSection, type SideCell } from '../../src/shared/compare';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { fixture } from '../fixtures';
import { edit } from '../text-edits';

const original = readFileSync(fixture('tip/tip-2015-excerpt.txt'), 'utf8');


const MOVED = 'The government demonstrated progress in holding traffickers accountable with prison time.';
const CROSS = 'The government took steps to prevent victims from being punished for crimes committed as a direct result of their being subjected to trafficking.';
const DROPPED = 'establish a hotline with operators trained to assist victims';
const ADDED = 'ensure child victims receive specialized care in dedicated shelters';

/** The 2015 excerpt as a made-up next edition: exactly these edits. */
function nextEdition(): string {
  let t = original;
  // Lithuania: a changed figure, a dropped negation, routine rewording, a sentence moved to another section.
  t = edit(t, 'officially identified 30 trafficking victims', 'officially identified 41 trafficking victims');
  t = edit(t, 'observers reported these procedures were not effective in practice.', 'observers reported these procedures were effective in practice.');
  t = edit(t, 'The government offered foreign victims of trafficking a 30-day', 'Authorities offered foreign victims of trafficking a 30-day');
  t = edit(t, `${CROSS} `, '');
  t = edit(t, 'The government continued some prevention efforts.', `The government continued some prevention efforts. ${CROSS}`);
  // Luxembourg: a dropped and an added recommendation, a sentence moved within its section.
  t = edit(t, `${DROPPED}; `, '');
  t = edit(t, 'access to Luxembourg’s labor market;', `access to Luxembourg’s labor market; ${ADDED};`);
  t = edit(t, `PROSECUTION ${MOVED} `, 'PROSECUTION\n');
  t = edit(t, 'child trafficking. These', `child trafficking. ${MOVED} These`);
  return t;
}

async function side(text: string, fileName: string): Promise<CompareSide> {
  const doc = await ingestFile({ fileName, bytes: new TextEncoder().encode(text), pdfjs: await loadNodePdfjs() });
  return { text: doc.text, structure: doc.structure, pageStarts: doc.pageStarts };
}

async function factbook(country: string, year: number): Promise<CompareSide> {
  const doc = await ingestFile({ fileName: `${year}.txt`, bytes: new Uint8Array(readFileSync(fixture(`factbook/${country}/${year}.txt`))), pdfjs: await loadNodePdfjs() });
  return { text: doc.text, structure: doc.structure, pageStarts: doc.pageStarts };
}

const editions = async () => ({ earlier: await side(original, 'tip-2015-excerpt.txt'), later: await side(nextEdition(), 'tip-2016-excerpt.txt') });

const cells = (sections: SideBySideSection[], which: 'earlier' | 'later') =>
  sections.flatMap((s) => s.rows.map((r) => r[which]).filter((c): c is SideCell => c !== null).map((c) => ({ kind: s.kind, ...c })));
const marked = (c: SideCell) => (c.runs ?? []).filter((r) => r.marked).map((r) => r.text.trim());

/** Every passage of each edition's narrative is shown once, in that edition's reading order within each section, and is its text. */
function expectFullTextInOrder(sections: SideBySideSection[], earlier: CompareSide, later: CompareSide, country: string) {
  for (const [which, s] of [['earlier', earlier], ['later', later]] as const) {
    const units = narrativeOf(s, country)!.sections().flatMap((sec) => sec.units.map((u) => `${sec.kind}@${u.start}`));
    const shown = cells(sections, which);
    expect(shown.map((c) => `${c.kind}@${c.start}`).sort()).toEqual([...units].sort());
    for (const sec of sections) {
      const starts = sec.rows.map((r) => r[which]?.start).filter((x) => x !== undefined);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    }
    for (const c of shown) {
      expect(s.text.slice(c.start, c.end).replace(/\s+/g, ' ')).toBe(c.text);
      if (c.runs) expect(c.runs.map((r) => r.text).join('')).toBe(c.text);
    }
  }
  for (const sec of sections) for (const r of sec.rows) expect(r.earlier ?? r.later).not.toBeNull();
}

describe('side by side: both editions in full, aligned row by row', () => {
  it('Lithuania: the changed figure level in both columns, a dropped negation, routine rewording and a move to another section', async () => {
    const { earlier, later } = await editions();
    const sections = sideBySide(earlier, later, 'Lithuania');
    expectFullTextInOrder(sections, earlier, later, 'Lithuania');
    expect(sections.map((s) => s.kind)).toEqual(['protection', 'prevention']);

    const changed = sections.flatMap((s) => s.rows.filter((r) => r.changed).map((r) => ({ kind: s.kind, ...r })));
    const figure = changed.find((r) => r.earlier?.text.includes('officially identified 30'))!;
    expect(figure.kind).toBe('protection');
    expect(figure.later!.text).toContain('officially identified 41');
    expect([figure.earlier!.mark, figure.later!.mark]).toEqual(['changed', 'changed']);
    expect([marked(figure.earlier!), marked(figure.later!)]).toEqual([['30'], ['41']]);

    const negation = changed.find((r) => r.earlier?.text.includes('were not effective'))!;
    expect(marked(negation.earlier!)).toEqual(['not']);
    expect(marked(negation.later!)).toEqual([]);

    const routine = changed.find((r) => r.later?.text.startsWith('Authorities offered foreign victims'))!;
    expect(routine.earlier!.text).toMatch(/^The government offered foreign victims/);
    expect(routine.earlier!.significance).toEqual([]);

    // The sentence that went from Protection to Prevention is a move on both sides, not a deletion and an insertion.
    const gone = cells(sections, 'earlier').find((c) => c.text === CROSS)!;
    const come = cells(sections, 'later').find((c) => c.text === CROSS)!;
    expect([gone.kind, gone.mark, gone.otherSection]).toEqual(['protection', 'moved', 'prevention']);
    expect([come.kind, come.mark, come.otherSection]).toEqual(['prevention', 'moved', 'protection']);
    expect([gone.otherStart, come.otherStart]).toEqual([come.start, gone.start]);
    // Paragraphs of each edition are kept: each section opens one, and the reflection-period paragraph starts one.
    for (const sec of sections) expect(sec.rows[0]!.earlier!.paragraphStart).toBe(true);
    const paragraphs = cells(sections, 'earlier').filter((c) => c.paragraphStart).map((c) => c.text.slice(0, 40));
    expect(paragraphs).toContain('The government offered foreign victims o');
    expect(paragraphs.length).toBeLessThan(cells(sections, 'earlier').length / 3);
    expect(changed).toHaveLength(5);
    expect(changed.every((r) => [r.earlier?.mark, r.later?.mark].every((m) => m !== 'removed' && m !== 'added'))).toBe(true);

    // Only significant changes: the figure and the negation stay marked (just their words); the rewording and the move are plain.
    const strict = sideBySide(earlier, later, 'Lithuania', { significantOnly: true });
    expectFullTextInOrder(strict, earlier, later, 'Lithuania');
    const strictChanged = strict.flatMap((s) => s.rows.filter((r) => r.changed));
    expect(strictChanged.map((r) => [marked(r.earlier!), marked(r.later!)])).toEqual([
      [['30'], ['41']],
      [['not'], []],
    ]);
    const plain = strict.flatMap((s) => s.rows).find((r) => r.later?.text.startsWith('Authorities offered'))!;
    expect([plain.earlier!.mark, plain.later!.mark, plain.changed]).toEqual(['same', 'same', false]);
    expect(cells(strict, 'later').find((c) => c.text === CROSS)!.mark).toBe('same');
  });

  it('Luxembourg: a sentence moved within its section is shown moved at its place in each column; dropped and added recommendations padded', async () => {
    const { earlier, later } = await editions();
    const sections = sideBySide(earlier, later, 'Luxembourg');
    expectFullTextInOrder(sections, earlier, later, 'Luxembourg');
    const prosecution = sections.find((s) => s.kind === 'prosecution')!;
    const from = prosecution.rows.findIndex((r) => r.earlier?.text === MOVED);
    const to = prosecution.rows.findIndex((r) => r.later?.text === MOVED);
    expect(from).toBe(0);
    expect(to).toBeGreaterThan(from);
    expect([prosecution.rows[from]!.earlier!.mark, prosecution.rows[to]!.later!.mark]).toEqual(['moved', 'moved']);
    // Each copy knows where the other is, to go to it.
    expect(prosecution.rows[from]!.earlier!.otherStart).toBe(prosecution.rows[to]!.later!.start);
    expect(prosecution.rows[to]!.later!.otherStart).toBe(prosecution.rows[from]!.earlier!.start);
    // The sentences it jumped over stay level and unmarked.
    const between = prosecution.rows.slice(from + 1, to).filter((r) => r.earlier && r.later);
    expect(between.length).toBeGreaterThan(0);
    expect(between.every((r) => !r.changed && r.earlier!.text === r.later!.text)).toBe(true);

    const recs = sections.find((s) => s.kind === 'recommendations')!;
    const dropped = recs.rows.find((r) => r.earlier?.text === DROPPED)!;
    expect(dropped.earlier!.mark).toBe('removed');
    const added = recs.rows.find((r) => r.later?.text === ADDED)!;
    expect(added.later!.mark).toBe('added');
    expect(sections.flatMap((s) => s.rows).filter((r) => r.changed)).toHaveLength(4);
  });

  it('a sentence moved and reworded is shown moved at its place in each column, with its changed words marked', async () => {
    const earlier = await side(original, 'tip-2015-excerpt.txt');
    let t = edit(original, `PROSECUTION ${MOVED} `, 'PROSECUTION\n');
    t = edit(t, 'child trafficking. These', `child trafficking. ${MOVED.replace('prison time', 'prison terms')} These`);
    const later = await side(t, 'tip-2016-excerpt.txt');
    const sections = sideBySide(earlier, later, 'Luxembourg');
    expectFullTextInOrder(sections, earlier, later, 'Luxembourg');
    const rows = sections.find((s) => s.kind === 'prosecution')!.rows;
    const from = rows.findIndex((r) => r.earlier?.text === MOVED);
    const to = rows.findIndex((r) => r.later?.text.startsWith('The government demonstrated progress'));
    expect(to).toBeGreaterThan(from);
    expect([rows[from]!.earlier!.mark, rows[to]!.later!.mark]).toEqual(['moved', 'moved']);
    expect([marked(rows[from]!.earlier!), marked(rows[to]!.later!)]).toEqual([['time'], ['terms']]);
    expect(sections.flatMap((s) => s.rows).filter((r) => r.changed)).toHaveLength(2);
  });

  it('an edition beside itself: every passage level with its twin, nothing marked', async () => {
    const { earlier } = await editions();
    for (const country of ['Lithuania', 'Luxembourg']) {
      const sections = sideBySide(earlier, earlier, country);
      expectFullTextInOrder(sections, earlier, earlier, country);
      for (const r of sections.flatMap((s) => s.rows)) {
        expect(r.changed).toBe(false);
        expect(r.earlier!.start).toBe(r.later!.start);
      }
    }
  });

  it('Factbook Belarus 2015 → 2016 (real text, labelled fields): full text in order, kept statements level, rewritten ones marked', async () => {
    const earlier = await factbook('belarus', 2015);
    const later = await factbook('belarus', 2016);
    const sections = sideBySide(earlier, later, 'Belarus');
    expect(sections.map((s) => s.kind)).toEqual(['current-situation', 'tier-rating']);
    expectFullTextInOrder(sections, earlier, later, 'Belarus');
    const rows = sections[0]!.rows;
    expect(rows[0]!.earlier!.text.startsWith('Belarus is a source, transit')).toBe(true);
    expect([rows[0]!.changed, rows[0]!.earlier!.text === rows[0]!.later!.text]).toEqual([false, true]);
    expect(rows.some((r) => r.earlier?.text === 'Ukrainian women may be sex trafficked in Belarus' && r.earlier.mark === 'removed')).toBe(true);
    expect(rows.some((r) => r.later?.text === 'state-sponsored forced labor is a continuing problem;' && r.later.mark === 'added')).toBe(true);
    const rating = sections[1]!.rows;
    expect(rating.some((r) => r.later?.text.startsWith('Tier 3 – Belarus does not fully comply') && r.later.mark !== 'same')).toBe(true);
  });

  it('a country not in both editions is a clear error', async () => {
    const { earlier, later } = await editions();
    expect(() => sideBySide(earlier, later, 'Atlantis')).toThrow(CountryNotFoundError);
    expect(() => sideBySide(earlier, later, 'Atlantis')).toThrow('countries in both: Lithuania, Luxembourg');
  });
});
