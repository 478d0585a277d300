import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { findingSchema } from '../../src/shared/backup/backup-schemas';
import { createBackup } from '../../src/shared/backup/create-backup';
import { mergeBackup } from '../../src/shared/backup/merge-backup';
import { readBackup } from '../../src/shared/backup/read-backup';
import { restoreBackup } from '../../src/shared/backup/restore-backup';
import { findingLineage, narrativeOf, planCarryForward, type CompareSide } from '../../src/shared/compare';
import { exportFindings } from '../../src/shared/export/export-findings';
import { ingestFile } from '../../src/shared/ingest/ingest';
import type { DocumentText } from '../../src/shared/model/types';
import { FindingHistory } from '../../src/shared/store/finding-history';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';
import { fixture } from '../fixtures';

const ORIGINAL = readFileSync(fixture('tip/tip-2015-excerpt.txt'), 'utf8');
// The 2016 edition: the 2015 text with one sentence reworded and one taken out (as the next year's report does).
const EDITED = ORIGINAL.replace('The government demonstrated progress in holding traffickers accountable with prison time.', 'The government demonstrated some progress in holding traffickers accountable with prison sentences.').replace(
  'establish a hotline with operators trained to assist victims; ',
  '',
);

const KEPT = 'finalize the national referral mechanism to guide front-line responders';
const REWORDED = 'The government demonstrated progress in holding traffickers accountable with prison time.';
const GONE = 'establish a hotline with operators trained to assist victims';
const LITHUANIA = 'Lithuanian courts';

let dbs = 0;
const emptyStore = () => new WorkbenchStore(new WorkbenchDb({ name: `carry-${++dbs}`, indexedDB: new IDBFactory(), IDBKeyRange }));

async function workspace(store = emptyStore()) {
  const pdfjs = await loadNodePdfjs();
  const add = async (text: string, fileName: string) => {
    const bytes = new TextEncoder().encode(text);
    const doc = await ingestFile({ fileName, bytes, pdfjs });
    return (await store.importDocument(doc, bytes)).document;
  };
  const d2015 = await add(ORIGINAL, 'tip-2015.txt');
  const d2016 = await add(EDITED, 'tip-2016.txt');
  const t2015 = (await store.getText(d2015.id))!;
  const t2016 = (await store.getText(d2016.id))!;
  const at = (t: DocumentText, s: string) => {
    const start = t.text.indexOf(s);
    expect(start, s).toBeGreaterThanOrEqual(0);
    return { documentId: t.documentId, start, end: start + s.length };
  };
  return { store, history: new FindingHistory(store), d2015, d2016, t2015, t2016, at };
}

const side = (t: DocumentText, year: number): CompareSide => ({ text: t.text, structure: t.structure, pageStarts: t.pageStarts, year });

describe('carrying findings forward into the next edition', () => {
  it('plans by country, accepts with tags, note and predecessor, never twice, and undoes as one step', async () => {
    const { store, history, d2015, d2016, t2015, t2016, at } = await workspace();
    const kept = await history.create({ ...at(t2015, KEPT), tagIds: ['tag-protection'], note: 'referral still not final' });
    const reworded = await history.create({ ...at(t2015, REWORDED), tagIds: ['tag-prosecution', 'tag-protection'], note: '' });
    const gone = await history.create({ ...at(t2015, GONE), tagIds: ['tag-prevention'] });
    await history.create({ ...at(t2015, LITHUANIA), tagIds: ['tag-prosecution'] });

    const plan = async () => {
      const range = (t: DocumentText, y: number) => {
        const n = narrativeOf(side(t, y), 'Luxembourg')!;
        return { start: n.start, end: n.end };
      };
      return planCarryForward(await store.listFindings(d2015.id), await store.listFindings(d2016.id), t2015.text, t2016.text, {
        earlierRange: range(t2015, 2015),
        laterRange: range(t2016, 2016),
      });
    };
    const first = await plan();
    // Only Luxembourg's findings: the Lithuanian one belongs to another country's narrative.
    expect(first.map((p) => [p.finding.id, p.status])).toEqual([
      [kept.id, 'same'],
      [gone.id, 'gone'],
      [reworded.id, 'reworded'],
    ]);
    const rew = first.find((p) => p.status === 'reworded')!;
    expect(rew.similarity).toBeGreaterThan(0.75);
    expect(rew.similarity).toBeLessThan(1);
    // Widened to whole words and the closing full stop, not cut at the fewest-edit "…prison sen".
    expect(t2016.text.slice(rew.start, rew.end)).toBe('The government demonstrated some progress in holding traffickers accountable with prison sentences.');

    const items = first.filter((p) => p.status !== 'gone').map((p) => ({ predecessorId: p.finding.id, documentId: d2016.id, start: p.start!, end: p.end! }));
    const outcome = await history.carryForward(items);
    expect(outcome.skipped).toEqual([]);
    expect(outcome.created).toHaveLength(2);
    const later = await store.listFindings(d2016.id);
    expect(later.map((f) => [f.predecessorId, f.tagIds, f.note, f.quote.exact])).toEqual([
      [kept.id, ['tag-protection'], 'referral still not final', KEPT],
      [reworded.id, ['tag-prosecution', 'tag-protection'], '', t2016.text.slice(rew.start, rew.end)],
    ]);
    expect(history.state().undoLabel).toBe('carry forward 2 findings');

    // Accepting again (one or all) changes nothing: each is already carried.
    const again = await history.carryForward(items);
    expect(again.created).toEqual([]);
    expect(again.skipped.map((s) => s.reason)).toEqual(['Already carried into that document.', 'Already carried into that document.']);
    expect(await store.listFindings(d2016.id)).toEqual(later);
    const second = await plan();
    expect(second.map((p) => p.successor?.id ?? null)).toEqual([later[0]!.id, null, later[1]!.id]);

    // The passage's history, from either end.
    const all = await store.db.findings.toArray();
    const docs = await store.listDocuments();
    const steps = findingLineage(later[0]!, all, docs).map((s) => [s.year, s.quote, s.current]);
    expect(steps).toEqual([
      [2015, KEPT, false],
      [2016, KEPT, true],
    ]);
    expect(findingLineage(kept, all, docs).map((s) => [s.year, s.findingId])).toEqual([
      [2015, kept.id],
      [2016, later[0]!.id],
    ]);

    expect(await history.undo()).toBe('carry forward 2 findings');
    expect(await store.listFindings(d2016.id)).toEqual([]);
    expect(await store.listFindings(d2015.id)).toHaveLength(4);
    expect(await history.redo()).toBe('carry forward 2 findings');
    expect(await store.listFindings(d2016.id)).toEqual(later);
  });

  it('skips, with the reason, a predecessor that is gone, a passage outside the text, its own document and tags no longer in the codebook', async () => {
    const { store, history, d2016, t2015, t2016, at } = await workspace();
    const f = await history.create({ ...at(t2015, KEPT), tagIds: ['tag-protection'] });
    const out = await history.carryForward([
      { predecessorId: 'no-such-finding', documentId: d2016.id, start: 0, end: 10 },
      { predecessorId: f.id, documentId: d2016.id, start: t2016.text.length, end: t2016.text.length + 5 },
      { predecessorId: f.id, ...at(t2015, KEPT) },
    ]);
    expect(out.created).toEqual([]);
    expect(out.skipped.map((s) => s.reason)).toEqual([
      'That finding no longer exists.',
      'The passage is outside the document.',
      'A finding cannot be carried into its own document.',
    ]);
    expect(history.state().undoLabel).toBe('create finding');
    await store.db.tags.delete('tag-protection');
    const orphanTags = await history.carryForward([{ predecessorId: f.id, ...at(t2016, KEPT) }]);
    expect(orphanTags.skipped.map((s) => s.reason)).toEqual(['None of its tags is in the codebook any more.']);
    expect(await store.listFindings(d2016.id)).toEqual([]);
  });

  it('keeps the link through backup and restore, merge (onto our copy of the predecessor) and the CSV export', async () => {
    const { store, history, d2015, d2016, t2015, t2016, at } = await workspace();
    const p = await history.create({ ...at(t2015, KEPT), tagIds: ['tag-protection'], note: 'n' });
    const { created } = await history.carryForward([{ predecessorId: p.id, ...at(t2016, KEPT) }]);
    const s = created[0]!;

    const read = await readBackup(await createBackup(store));
    if (!read.ok) throw new Error(read.error);
    const restored = emptyStore();
    await restoreBackup(restored, read.value, 'replace');
    expect((await restored.db.findings.get(s.id))?.predecessorId).toBe(p.id);

    // Another workspace with the same two files and its own copy of the 2015 finding (another id).
    const other = await workspace();
    const mine = await other.history.create({ ...other.at(other.t2015, KEPT), tagIds: ['tag-protection'], note: 'n' });
    const summary = await mergeBackup(other.store, read.value);
    expect(summary.findings).toMatchObject({ added: 1, duplicates: 1 });
    const merged = await other.store.listFindings(other.d2016.id);
    expect(merged.map((f) => [f.id, f.predecessorId])).toEqual([[s.id, mine.id]]);

    const csv = new TextDecoder().decode((await exportFindings(await store.exportInput(), 'csv')).bytes);
    const header = csv.split('\r\n')[0]!.split(',');
    expect(header.at(-1)).toBe('Predecessor ID');
    expect(csv).toContain(`${s.id},${p.id}\r\n`);
    expect(d2015.id).not.toBe(d2016.id);

    // A backup whose link is not an id is refused; an absent link is fine.
    expect(v.safeParse(findingSchema, { ...s, predecessorId: 42 }).success).toBe(false);
    expect(v.safeParse(findingSchema, { ...s, predecessorId: '' }).success).toBe(false);
    const { predecessorId: _drop, ...plain } = s;
    expect(v.safeParse(findingSchema, plain).success).toBe(true);
  });
});

describe('a passage followed year by year (Factbook, Belarus 2013 → 2014 → 2015)', () => {
  it('carries a finding twice and gives its history from any year; a cycle or a deleted link ends the chain', async () => {
    const store = emptyStore();
    const history = new FindingHistory(store);
    const pdfjs = await loadNodePdfjs();
    const docs = [];
    for (const year of [2015, 2013, 2014]) {
      const bytes = new Uint8Array(readFileSync(fixture(`factbook/belarus/${year}.txt`)));
      docs.push((await store.importDocument(await ingestFile({ fileName: `${year}.txt`, bytes, pdfjs }), bytes)).document);
    }
    const [d2015, d2013, d2014] = docs as [(typeof docs)[0], (typeof docs)[0], (typeof docs)[0]];
    expect([d2013.year, d2014.year, d2015.year]).toEqual([2013, 2014, 2015]);
    const text = async (id: string) => (await store.getText(id))!.text;
    const passage = 'Belarus is a source, transit, and destination country for women, men, and children subjected to sex trafficking and forced labor';
    const start = (await text(d2013.id)).indexOf(passage);
    expect(start).toBeGreaterThanOrEqual(0);
    const first = await history.create({ documentId: d2013.id, start, end: start + passage.length, tagIds: ['tag-prevention'], note: 'profile' });

    // Each year from the one before, as the compare view does it.
    const carry = async (from: typeof d2013, to: typeof d2013) => {
      const [p] = planCarryForward(await store.listFindings(from.id), await store.listFindings(to.id), await text(from.id), await text(to.id));
      expect(p!.status).toBe('same');
      return (await history.carryForward([{ predecessorId: p!.finding.id, documentId: to.id, start: p!.start!, end: p!.end! }])).created[0]!;
    };
    const second = await carry(d2013, d2014);
    const third = await carry(d2014, d2015);
    expect(third.quote.exact).toBe(passage);
    expect(third.predecessorId).toBe(second.id);

    const all = await store.db.findings.toArray();
    const documents = await store.listDocuments();
    for (const f of [first, second, third]) {
      const steps = findingLineage(f, all, documents);
      expect(steps.map((s) => s.year)).toEqual([2013, 2014, 2015]);
      expect(steps.filter((s) => s.current).map((s) => s.findingId)).toEqual([f.id]);
    }

    // A hand-edited backup could link in a circle: the history stops at the repeat.
    const looped = all.map((f) => (f.id === first.id ? { ...f, predecessorId: third.id } : f));
    expect(findingLineage(second, looped, documents).map((s) => s.year)).toEqual([2015, 2013, 2014]);
    // Deleting the middle year's finding ends the history there, from either side.
    await history.remove([second.id]);
    const after = await store.db.findings.toArray();
    expect(findingLineage(third, after, documents).map((s) => s.year)).toEqual([2015]);
    expect(findingLineage(first, after, documents).map((s) => s.year)).toEqual([2013]);
  });
});
