import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { DEFAULT_CODEBOOK } from '../../src/shared/codebook/default-codebook';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';
import { fixtureBytes } from '../fixtures';

/** A store over its own in-memory IndexedDB; `reopen` gives a fresh connection to the same data. */
function freshStore() {
  const indexedDB = new IDBFactory();
  const open = () => new WorkbenchStore(new WorkbenchDb({ name: 'test', indexedDB, IDBKeyRange }));
  return { store: open(), reopen: open };
}

async function excerpt() {
  const bytes = fixtureBytes('tip/tip-2015-excerpt.pdf');
  return { bytes, doc: await ingestFile({ fileName: 'tip-2015-excerpt.pdf', bytes, pdfjs: await loadNodePdfjs() }) };
}

describe('WorkbenchStore', () => {
  it('starts with the default TIP codebook', async () => {
    const { store } = freshStore();
    expect((await store.listTags()).map((t) => [t.name, t.parentId])).toEqual(DEFAULT_CODEBOOK.map((t) => [t.name, t.parentId]));
  });

  it('imports a document once, recognising the same file by content', async () => {
    const { store } = freshStore();
    const { bytes, doc } = await excerpt();
    const first = await store.importDocument(doc, bytes);
    const again = await store.importDocument({ ...doc, fileName: 'renamed.pdf' }, bytes);
    expect(first.created).toBe(true);
    expect(again).toEqual({ document: first.document, created: false });
    expect(await store.listDocuments()).toEqual([first.document]);
    expect(first.document).toMatchObject({ title: 'tip-2015-excerpt', kind: 'pdf', pageCount: 3 });
    expect((await store.getText(first.document.id))?.text).toBe(doc.text);
    expect(first.document.year).toBe(2015);
    expect(first.document.countries).toEqual([{ name: 'Lithuania', tier: null }, { name: 'Luxembourg', tier: 'Tier 1' }]);
  });

  it('creates a finding with quote, position and page, and keeps it across a reopen', async () => {
    const { store, reopen } = freshStore();
    const { bytes, doc } = await excerpt();
    const { document } = await store.importDocument(doc, bytes);
    const text = doc.text;
    const sentence = 'Luxembourg is a destination country for men, women, and children subjected to sex trafficking';
    const start = text.indexOf(sentence);
    expect(start).toBeGreaterThan(0);
    const finding = await store.createFinding({
      documentId: document.id,
      start,
      end: start + sentence.length,
      tagIds: ['tag-tier', 'tag-tier'],
      note: '  profile sentence  ',
    });
    expect(finding.quote.exact).toBe(sentence);
    expect(finding.quote.prefix).toBe(text.slice(start - 32, start));
    expect(finding.quote.suffix).toBe(text.slice(start + sentence.length, start + sentence.length + 32));
    expect(finding.page).toBe(2);
    expect(finding.tagIds).toEqual(['tag-tier']);
    expect(finding.note).toBe('profile sentence');

    store.db.close();
    const again = reopen();
    expect(await again.listFindings(document.id)).toEqual([finding]);
    expect(await again.listDocuments()).toHaveLength(1);
  });

  it('refuses findings that cannot be right, storing nothing', async () => {
    const { store } = freshStore();
    const { bytes, doc } = await excerpt();
    const { document } = await store.importDocument(doc, bytes);
    await expect(store.createFinding({ documentId: document.id, start: 0, end: 5, tagIds: [] })).rejects.toThrow(/at least one tag/);
    await expect(store.createFinding({ documentId: document.id, start: 10, end: 5, tagIds: ['tag-figure'] })).rejects.toThrow(/outside/);
    await expect(store.createFinding({ documentId: document.id, start: 0, end: 10 ** 9, tagIds: ['tag-figure'] })).rejects.toThrow(/outside/);
    await expect(store.createFinding({ documentId: 'missing', start: 0, end: 5, tagIds: ['tag-figure'] })).rejects.toThrow(/no longer/);
    await expect(store.createFinding({ documentId: document.id, start: 0, end: 5, tagIds: ['no-such-tag'] })).rejects.toThrow(/tags no longer exists/);
    expect(await store.listFindings(document.id)).toEqual([]);
  });

  it('deletes a finding and returns it so it can be restored', async () => {
    const { store } = freshStore();
    const { bytes, doc } = await excerpt();
    const { document } = await store.importDocument(doc, bytes);
    const f = await store.createFinding({ documentId: document.id, start: 0, end: 10, tagIds: ['tag-protection'] });
    expect(await store.deleteFinding(f.id)).toEqual(f);
    expect(await store.listFindings(document.id)).toEqual([]);
    expect(await store.deleteFinding(f.id)).toBeUndefined();
  });
});
