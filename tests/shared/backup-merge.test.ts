import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import type { BackupContents } from '../../src/shared/backup/backup-format';
import { createBackup } from '../../src/shared/backup/create-backup';
import { conflictKey, mergeBackup, previewMerge, type MergeConflict } from '../../src/shared/backup/merge-backup';
import { readBackup } from '../../src/shared/backup/read-backup';
import { restoreBackup } from '../../src/shared/backup/restore-backup';
import { addTag, renameTag } from '../../src/shared/codebook/codebook-ops';
import { ingestFile } from '../../src/shared/ingest/ingest';
import type { IngestedDocument } from '../../src/shared/ingest/types';
import { quoteAt } from '../../src/shared/model/document-text';
import type { Finding } from '../../src/shared/model/types';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';
import { fixtureBytes } from '../fixtures';

const TXT = fixtureBytes('tip/tip-2015-excerpt.txt');
const PDF = fixtureBytes('tip/tip-2015-excerpt.pdf');
// A document only the other analyst has: the same report with an addendum, so another file.
const OTHER = new Uint8Array([...TXT, ...new TextEncoder().encode('\n\nAddendum: the government opened two new shelters in 2015.\n')]);
let txtDoc: IngestedDocument;
let pdfDoc: IngestedDocument;
let otherDoc: IngestedDocument;

beforeAll(async () => {
  const pdfjs = await loadNodePdfjs();
  txtDoc = await ingestFile({ fileName: 'tip-2015-excerpt.txt', bytes: TXT, pdfjs });
  pdfDoc = await ingestFile({ fileName: 'tip-2015-excerpt.pdf', bytes: PDF, pdfjs });
  otherDoc = await ingestFile({ fileName: 'tip-2015-addendum.txt', bytes: OTHER, pdfjs });
});

const VICTIMS = 'Lithuanian courts officially identified 30 trafficking victims, compared with 15 in 2013.';
const FUNDING = 'The central government provided NGOs 149,400 litas ($50,900)';
const SHELTER = 'Government-funded NGOs offered female trafficking victims shelter, medical and psychological assistance, and legal aid.';
const POTENTIAL = 'Authorities identified 47 potential victims from investigations started in 2014, the same as in 2013.';
const ADDENDUM = 'the government opened two new shelters in 2015.';

let dbCount = 0;
const emptyStore = () => new WorkbenchStore(new WorkbenchDb({ name: `merge-${++dbCount}`, indexedDB: new IDBFactory(), IDBKeyRange }));

async function tag(store: WorkbenchStore, documentId: string, doc: IngestedDocument, passage: string, tagIds: string[], note = ''): Promise<Finding> {
  const start = doc.text.indexOf(passage);
  expect(start, passage).toBeGreaterThanOrEqual(0);
  return store.createFinding({ documentId, start, end: start + passage.length, tagIds, note });
}

async function contentsOf(store: WorkbenchStore): Promise<BackupContents> {
  const read = await readBackup(await createBackup(store));
  if (!read.ok) throw new Error(read.error);
  return read.value;
}

/** Analyst A's workspace: both fixtures, three findings, a code of their own. */
async function analystA() {
  const store = emptyStore();
  const { document: txt } = await store.importDocument(txtDoc, TXT);
  const { document: pdf } = await store.importDocument(pdfDoc, PDF);
  await store.editCodebook((tags) => addTag(tags, { id: 'tag-mine', name: 'Labour inspections', parentId: 'tag-prevention', shortcut: '8' }));
  const victims = await tag(store, txt.id, txtDoc, VICTIMS, ['tag-victim-identification', 'tag-figure'], 'Up from 15.');
  const funding = await tag(store, txt.id, txtDoc, FUNDING, ['tag-protection-funding']);
  const tier = await tag(store, pdf.id, pdfDoc, 'LUXEMBOURG: Tier 1', ['tag-tier']);
  return { store, txt, pdf, victims, funding, tier };
}

async function dump(store: WorkbenchStore) {
  const db = store.db;
  return {
    documents: await db.documents.toArray(),
    texts: await db.texts.toArray(),
    files: await db.files.toArray(),
    findings: await db.findings.toArray(),
    tags: await db.tags.toArray(),
    settings: await db.settings.toArray(),
  };
}

/** Nothing is stored twice: one document per file, one finding per id and per passage-with-tags-and-note. */
async function expectNoDuplicates(store: WorkbenchStore) {
  const { documents, findings } = await dump(store);
  expect(new Set(documents.map((d) => d.sha256)).size).toBe(documents.length);
  expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
  const key = (f: Finding) => JSON.stringify([f.documentId, f.position, [...f.tagIds].sort(), f.note]);
  expect(new Set(findings.map(key)).size).toBe(findings.length);
}

describe('merging another analyst’s backup', () => {
  it('two workspaces with a shared history: overlapping findings once, conflicting ones listed, ours kept', async () => {
    const a = await analystA();
    // B starts from A's backup, then both work apart.
    const b = emptyStore();
    await restoreBackup(b, await contentsOf(a.store), 'replace');
    await b.updateFinding(a.funding.id, { note: 'B: this is the 2014 budget line.', tagIds: ['tag-protection-funding', 'tag-figure'] });
    await b.editCodebook((tags) => addTag(tags, { id: 'tag-b', name: 'Shelters', parentId: 'tag-protection' }));
    await b.editCodebook((tags) => renameTag(tags, 'tag-figure', 'Numbers'));
    const fromB = await tag(b, a.txt.id, txtDoc, SHELTER, ['tag-b'], 'Only for women.');
    const mineLater = await tag(a.store, a.txt.id, txtDoc, POTENTIAL, ['tag-figure']);

    const summary = await mergeBackup(a.store, await contentsOf(b));
    expect(summary.documents).toEqual({ added: 0, matched: 2, conflicts: 0 });
    expect(summary.findings).toEqual({ added: 1, unchanged: 2, duplicates: 0, conflicts: 1, reanchored: 0, orphaned: 0 });
    expect(summary.tags).toMatchObject({ added: 1, matched: 0, conflicts: 1 });
    expect(summary.warnings).toEqual([]);

    const [findingConflict, tagConflict] = summary.conflicts;
    expect(findingConflict).toMatchObject({ kind: 'finding', id: a.funding.id, ours: { note: '' }, theirs: { note: 'B: this is the 2014 budget line.' } });
    expect(findingConflict!.message).toBe('The finding “The central government provided NGOs 149,400 litas ($50,900)” differs in the backup (tags, note); yours was kept.');
    expect(tagConflict).toMatchObject({ kind: 'tag', id: 'tag-figure', fields: ['name'], ours: { name: 'Figure' }, theirs: { name: 'Numbers' } });
    expect(tagConflict!.message).toBe('The code “Figure” is called “Numbers” in the backup; yours was kept.');

    const findings = new Map((await a.store.db.findings.toArray()).map((f) => [f.id, f]));
    expect([...findings.keys()].sort()).toEqual([a.victims.id, a.funding.id, a.tier.id, mineLater.id, fromB.id].sort());
    expect(findings.get(a.funding.id)).toEqual(a.funding);
    expect(findings.get(fromB.id)).toEqual(fromB);
    expect((await a.store.listTags()).find((t) => t.id === 'tag-b')).toMatchObject({ name: 'Shelters', parentId: 'tag-protection' });
    expect((await a.store.listTags()).find((t) => t.id === 'tag-figure')?.name).toBe('Figure');
    await expectNoDuplicates(a.store);

    // Merging the same backup again changes nothing at all.
    const once = await dump(a.store);
    const again = await mergeBackup(a.store, await contentsOf(b));
    expect(again.findings).toEqual({ added: 0, unchanged: 3, duplicates: 0, conflicts: 1, reanchored: 0, orphaned: 0 });
    expect(again.tags).toMatchObject({ added: 0, conflicts: 1 });
    expect(await dump(a.store)).toEqual(once);
  });

  it('independent workspaces sharing one file: the document is recognised by content, its findings attached to ours', async () => {
    const a = await analystA();
    const c = emptyStore();
    // C imported the same bytes on their own: another document id for the same file.
    const { document: cTxt } = await c.importDocument(txtDoc, TXT);
    const { document: cOther } = await c.importDocument(otherDoc, OTHER);
    expect(cTxt.id).not.toBe(a.txt.id);
    await c.editCodebook((tags) => addTag(tags, { name: 'labour inspections ', parentId: 'tag-prevention' }));
    const cLabour = (await c.listTags()).find((t) => t.name === 'labour inspections')!;
    await c.editCodebook((tags) => addTag(tags, { id: 'tag-c', name: 'Courts', parentId: 'tag-prosecution', shortcut: '8' }));
    // The same passage, tags and note as A's: the same finding, made twice.
    await tag(c, cTxt.id, txtDoc, VICTIMS, ['tag-figure', 'tag-victim-identification'], 'Up from 15.');
    const labour = await tag(c, cTxt.id, txtDoc, POTENTIAL, [cLabour.id, 'tag-c']);
    const addendum = await tag(c, cOther.id, otherDoc, ADDENDUM, ['tag-protection-shelter-services']);

    const before = await a.store.db.findings.count();
    const summary = await mergeBackup(a.store, await contentsOf(c));
    expect(summary.documents).toEqual({ added: 1, matched: 1, conflicts: 0 });
    expect(summary.findings).toEqual({ added: 2, unchanged: 0, duplicates: 1, conflicts: 0, reanchored: 0, orphaned: 0 });
    expect(summary.tags).toMatchObject({ added: 1, matched: 1, conflicts: 0 });
    expect(summary.conflicts).toEqual([]);
    expect(await a.store.db.findings.count()).toBe(before + 2);

    const merged = (await a.store.db.findings.get(labour.id))!;
    expect(merged.documentId).toBe(a.txt.id);
    expect(merged.tagIds).toEqual(['tag-mine', 'tag-c']);
    expect(txtDoc.text.slice(merged.position.start, merged.position.end)).toBe(POTENTIAL);
    // Key 8 is taken here (by “Labour inspections”): the new code comes without it.
    const courts = (await a.store.listTags()).find((t) => t.id === 'tag-c');
    expect(courts).toMatchObject({ name: 'Courts', parentId: 'tag-prosecution' });
    expect(courts?.shortcut).toBeUndefined();

    // C's own document arrives whole: record, text and original bytes.
    const docs = await a.store.listDocuments();
    expect(docs.map((d) => d.sha256).sort()).toEqual([txtDoc.sha256, pdfDoc.sha256, otherDoc.sha256].sort());
    expect(Buffer.from((await a.store.getFileBytes(cOther.id))!).equals(Buffer.from(OTHER))).toBe(true);
    expect((await a.store.getText(cOther.id))?.text).toBe(otherDoc.text);
    expect((await a.store.db.findings.get(addendum.id))?.documentId).toBe(cOther.id);
    await expectNoDuplicates(a.store);
  });

  it('the same file read into another text (another version of ingestion): findings are found again in ours', async () => {
    const a = await analystA();
    const theirs = await contentsOf(a.store);
    // Their ingestion kept a line ours drops: every offset after it moves.
    const extra = 'Page header kept by an older version\n\n';
    const text = theirs.texts.find((t) => t.documentId === a.txt.id)!;
    text.text = extra + text.text;
    text.pageStarts = text.pageStarts.map((s, i) => (i === 0 ? 0 : s + extra.length));
    theirs.findings = theirs.findings.map((f) =>
      f.documentId === a.txt.id ? { ...f, position: { start: f.position.start + extra.length, end: f.position.end + extra.length } } : f,
    );
    const start = text.text.indexOf(SHELTER);
    const fresh: Finding = { ...a.victims, id: 'their-new-finding', quote: quoteAt(text.text, start, start + SHELTER.length), position: { start, end: start + SHELTER.length }, note: '' };
    theirs.findings.push(fresh);
    theirs.manifest.counts.findings++;

    const summary = await mergeBackup(a.store, theirs);
    // Their copies of our two findings land where ours are: the same findings, unchanged.
    expect(summary.findings).toEqual({ added: 1, unchanged: 3, duplicates: 0, conflicts: 0, reanchored: 3, orphaned: 0 });
    const merged = (await a.store.db.findings.get('their-new-finding'))!;
    expect(txtDoc.text.slice(merged.position.start, merged.position.end)).toBe(SHELTER);
    expect(merged.anchor?.status).toBe('moved');
    expect(merged.quote).toEqual(quoteAt(txtDoc.text, merged.position.start, merged.position.end));
  });

  it('a merge that fails half-way changes nothing', async () => {
    const a = await analystA();
    const c = emptyStore();
    await c.importDocument(otherDoc, OTHER);
    const theirs = await contentsOf(c);
    // A code no codebook may hold: the merge is refused after the new document was written.
    theirs.tags.push({ id: 'tag-nameless', name: '   ', color: '#123456', description: '', order: 999, parentId: null });
    const before = await dump(a.store);
    await expect(mergeBackup(a.store, theirs)).rejects.toThrow(/^The backup was not merged: its codebook cannot join yours\. The code “tag-nameless” has no name\.$/);
    expect(await dump(a.store)).toEqual(before);
  });

  it('a document that shares an id with one of ours but is another file is added beside it', async () => {
    const a = await analystA();
    const c = emptyStore();
    const { document } = await c.importDocument(otherDoc, OTHER);
    const theirs = await contentsOf(c);
    // As after a re-import in a workspace restored from ours: same id, new file.
    const swap = (id: string) => (id === document.id ? a.txt.id : id);
    theirs.documents = theirs.documents.map((d) => ({ ...d, id: swap(d.id) }));
    theirs.texts = theirs.texts.map((t) => ({ ...t, documentId: swap(t.documentId) }));
    theirs.files = theirs.files.map((f) => ({ ...f, documentId: swap(f.documentId) }));
    const summary = await mergeBackup(a.store, theirs);
    expect(summary.documents).toEqual({ added: 1, matched: 0, conflicts: 0 });
    expect(summary.warnings).toEqual(['“tip-2015-addendum” from the backup has the same id as “tip-2015-excerpt” here but is a different file; it was added as a separate document.']);
    expect((await a.store.getText(a.txt.id))?.text).toBe(txtDoc.text);
    expect(await a.store.db.documents.count()).toBe(3);
    await expectNoDuplicates(a.store);
  });
});

/** Resolves once the clock has moved on, so that the next edit is stamped strictly later. */
async function nextMillisecond(): Promise<void> {
  const start = new Date().toISOString();
  while (new Date().toISOString() === start) await new Promise((r) => setTimeout(r, 1));
}

describe('merge conflicts, previewed and resolved', () => {
  /** A and B share a history (B restored A's backup), then each edits the same records differently. */
  async function diverged() {
    const a = await analystA();
    const b = emptyStore();
    await restoreBackup(b, await contentsOf(a.store), 'replace');
    // The same finding: another note and tags on each side.
    await a.store.updateFinding(a.victims.id, { note: 'A: identified by courts only.' });
    // B edits later: in the same millisecond the two edits would be equally new.
    await nextMillisecond();
    await b.updateFinding(a.victims.id, { note: 'B: courts and police together.', tagIds: ['tag-victim-identification'] });
    // The same code: another name and colour.
    await b.editCodebook((tags) => renameTag(tags, 'tag-figure', 'Numbers'));
    await b.db.tags.update('tag-figure', { color: '#e8590c' });
    // The same file: another title.
    await a.store.renameDocument(a.pdf.id, 'TIP 2015 (PDF)');
    await b.renameDocument(a.pdf.id, 'Trafficking in Persons 2015');
    // Something only B has: a new code and a finding using it.
    await b.editCodebook((tags) => addTag(tags, { id: 'tag-b', name: 'Shelters', parentId: 'tag-protection' }));
    const fromB = await tag(b, a.txt.id, txtDoc, SHELTER, ['tag-b'], 'Only for women.');
    return { a, b, fromB, theirs: await contentsOf(b) };
  }

  const byKind = (conflicts: MergeConflict[]) => Object.fromEntries(conflicts.map((c) => [c.kind, c])) as Record<MergeConflict['kind'], MergeConflict>;

  it('a preview lists what would be added and every conflict (what, ours, theirs, kept), and writes nothing', async () => {
    const { a, fromB, theirs } = await diverged();
    const before = await dump(a.store);
    const preview = await previewMerge(a.store, theirs);
    expect(await dump(a.store)).toEqual(before);

    expect(preview.applied).toBe(false);
    expect(preview.added.documents).toEqual([]);
    expect(preview.added.findings.map((f) => f.id)).toEqual([fromB.id]);
    expect(preview.added.tags.map((t) => [t.id, t.name])).toEqual([['tag-b', 'Shelters']]);
    expect(preview.documents).toEqual({ added: 0, matched: 2, conflicts: 1 });
    expect(preview.findings).toMatchObject({ added: 1, conflicts: 1 });
    expect(preview.tags).toMatchObject({ added: 1, conflicts: 1 });
    expect(preview.conflicts.map((c) => c.kind)).toEqual(['finding', 'tag', 'document']);
    const { finding, tag: code, document } = byKind(preview.conflicts);
    expect(finding).toMatchObject({
      id: a.victims.id,
      fields: ['tags', 'note'],
      kept: 'ours',
      newer: 'theirs',
      ours: { note: 'A: identified by courts only.', tagIds: ['tag-victim-identification', 'tag-figure'] },
      theirs: { note: 'B: courts and police together.', tagIds: ['tag-victim-identification'] },
      message: 'The finding “Lithuanian courts officially identified 30 trafficking vict…” differs in the backup (tags, note); yours was kept.',
    });
    expect(code).toMatchObject({ id: 'tag-figure', fields: ['name', 'color'], kept: 'ours', ours: { name: 'Figure' }, theirs: { name: 'Numbers', color: '#e8590c' } });
    expect(code!.description).toBe('The code “Figure” is called “Numbers” and has a different colour in the backup');
    expect(document).toMatchObject({ id: a.pdf.id, fields: ['title'], kept: 'ours', ours: { title: 'TIP 2015 (PDF)' }, theirs: { title: 'Trafficking in Persons 2015' } });
    expect(document!.message).toBe('The document “TIP 2015 (PDF)” is called “Trafficking in Persons 2015” in the backup; yours was kept.');

    // The preview is what the merge then does.
    const merged = await mergeBackup(a.store, theirs);
    expect({ ...merged, applied: false }).toEqual(preview);
    expect(merged.applied).toBe(true);
  });

  it('keeps ours by default: every conflicting record of ours stays as it was, theirs is only added where new', async () => {
    const { a, fromB, theirs } = await diverged();
    const ours = await dump(a.store);
    await mergeBackup(a.store, theirs);
    const after = await dump(a.store);
    expect(after.findings.find((f) => f.id === a.victims.id)).toEqual(ours.findings.find((f) => f.id === a.victims.id));
    // Only its place in the listing moves (their new code joins the codebook before it).
    const { order: _o1, ...figureAfter } = after.tags.find((t) => t.id === 'tag-figure')!;
    const { order: _o2, ...figureBefore } = ours.tags.find((t) => t.id === 'tag-figure')!;
    expect(figureAfter).toEqual(figureBefore);
    expect(after.documents.find((d) => d.id === a.pdf.id)?.title).toBe('TIP 2015 (PDF)');
    expect(after.findings.find((f) => f.id === fromB.id)).toEqual(fromB);
    await expectNoDuplicates(a.store);
  });

  it('keeps theirs where chosen, in one merge, nothing duplicated', async () => {
    const { a, theirs } = await diverged();
    const preview = await previewMerge(a.store, theirs);
    const choices = Object.fromEntries(preview.conflicts.map((c) => [conflictKey(c), 'theirs' as const]));
    const summary = await mergeBackup(a.store, theirs, { choices });
    expect(summary.conflicts.map((c) => [c.kind, c.kept])).toEqual([['finding', 'theirs'], ['tag', 'theirs'], ['document', 'theirs']]);
    expect(summary.conflicts[0]!.message).toMatch(/^The finding “Lithuanian courts .*” differs in the backup \(tags, note\); theirs was taken\.$/);

    const victims = (await a.store.db.findings.get(a.victims.id))!;
    expect(victims).toEqual(theirs.findings.find((f) => f.id === a.victims.id));
    expect(victims.note).toBe('B: courts and police together.');
    const figure = (await a.store.listTags()).find((t) => t.id === 'tag-figure')!;
    expect(figure).toMatchObject({ name: 'Numbers', color: '#e8590c', shortcut: '6' });
    expect((await a.store.db.documents.get(a.pdf.id))?.title).toBe('Trafficking in Persons 2015');
    expect(await a.store.db.findings.count()).toBe(4);
    await expectNoDuplicates(a.store);

    // Both sides now agree: merging again finds nothing left to resolve.
    const again = await previewMerge(a.store, theirs);
    expect(again.conflicts).toEqual([]);
    expect(again.findings).toMatchObject({ added: 0, unchanged: 4, conflicts: 0 });
  });

  it('choices are per conflict: theirs for the note, ours for the rest', async () => {
    const { a, theirs } = await diverged();
    const summary = await mergeBackup(a.store, theirs, { choices: { [conflictKey({ kind: 'finding', id: a.victims.id })]: 'theirs' } });
    expect(summary.conflicts.map((c) => c.kept)).toEqual(['theirs', 'ours', 'ours']);
    expect((await a.store.db.findings.get(a.victims.id))?.note).toBe('B: courts and police together.');
    expect((await a.store.listTags()).find((t) => t.id === 'tag-figure')?.name).toBe('Figure');
  });

  it('a chosen version that cannot join our codebook stops the whole merge, changing nothing', async () => {
    const { a, b } = await diverged();
    // B turned two codes round: “Victim identification” at the top, “Protection” inside it.
    await b.db.tags.update('tag-victim-identification', { parentId: null });
    await b.db.tags.update('tag-protection', { parentId: 'tag-victim-identification' });
    const theirs = await contentsOf(b);
    expect((await previewMerge(a.store, theirs)).conflicts.filter((c) => c.kind === 'tag').map((c) => [c.id, (c as { fields: string[] }).fields])).toEqual([
      ['tag-victim-identification', ['parent']],
      ['tag-protection', ['parent']],
      ['tag-figure', ['name', 'color']],
    ]);
    // Their “Protection” under our “Victim identification”, itself under “Protection”: a loop.
    const before = await dump(a.store);
    const choices = { 'tag:tag-protection': 'theirs' as const, [`finding:${a.victims.id}`]: 'theirs' as const };
    await expect(previewMerge(a.store, theirs, choices)).rejects.toThrow(/^The backup was not merged: its codebook cannot join yours\. .*inside itself/);
    await expect(mergeBackup(a.store, theirs, { choices })).rejects.toThrow(/^The backup was not merged: its codebook cannot join yours\./);
    expect(await dump(a.store)).toEqual(before);
    // Both of theirs together are a codebook of their own, and join.
    const both = await mergeBackup(a.store, theirs, { choices: { ...choices, 'tag:tag-victim-identification': 'theirs' } });
    expect(both.conflicts.filter((c) => c.kept === 'theirs').map((c) => c.id)).toEqual([a.victims.id, 'tag-victim-identification', 'tag-protection']);
    const tags = new Map((await a.store.listTags()).map((t) => [t.id, t]));
    expect(tags.get('tag-protection')?.parentId).toBe('tag-victim-identification');
    expect(tags.get('tag-victim-identification')?.parentId ?? null).toBeNull();
  });
});
