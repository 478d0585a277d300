import { readFileSync } from 'node:fs';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';
import { fixture } from '../fixtures';

const original = readFileSync(fixture('tip/tip-2015-excerpt.txt'), 'utf8');

async function ingestText(text: string) {
  const bytes = new TextEncoder().encode(text);
  return { bytes, doc: await ingestFile({ fileName: 'tip-2015-excerpt.txt', bytes, pdfjs: await loadNodePdfjs() }) };
}

async function setup() {
  const store = new WorkbenchStore(new WorkbenchDb({ name: 'reimport', indexedDB: new IDBFactory(), IDBKeyRange }));
  const { bytes, doc } = await ingestText(original);
  const { document } = await store.importDocument(doc, bytes);
  const tag = async (passage: string) => {
    const start = doc.text.indexOf(passage);
    expect(start, passage).toBeGreaterThanOrEqual(0);
    return store.createFinding({ documentId: document.id, start, end: start + passage.length, tagIds: ['tag-protection'] });
  };
  return { store, document, tag };
}

const KEPT = 'The government offered foreign victims of trafficking a 30-day reflection period to decide whether to cooperate with law enforcement.';
const REWORDED = 'Lithuanian courts officially identified 30 trafficking victims, compared with 15 in 2013.';
const DELETED = 'The police advertised and managed an e-mail account that the public could use to report potential human trafficking situations and ask for advice;';

describe('re-importing a changed version of a document', () => {
  it('re-anchors moved and reworded passages and keeps a deleted one as orphaned', async () => {
    const { store, document, tag } = await setup();
    const kept = await tag(KEPT);
    const reworded = await tag(REWORDED);
    const deleted = await tag(DELETED);

    const changed = original
      // A word changed before every passage: positions shift.
      .replace('The government demonstrated some efforts to assist victims.', 'The government demonstrated modest efforts to assist victims.')
      // The passage itself reworded slightly.
      .replace('officially identified 30 trafficking\nvictims', 'officially identified 31 trafficking\nvictims')
      // The passage deleted.
      .replace(/The police advertised and managed an e-mail account[\s\S]*?ask for advice;/, '');
    expect(changed).not.toBe(original);
    const { bytes, doc } = await ingestText(changed);
    const summary = await store.reimportDocument(document.id, doc, bytes);
    expect(summary).toEqual({ exact: 0, moved: 1, fuzzy: 1, orphaned: 1 });

    const after = new Map((await store.listFindings(document.id)).map((f) => [f.id, f]));
    expect(after.size).toBe(3);
    const k = after.get(kept.id)!;
    expect(doc.text.slice(k.position.start, k.position.end)).toBe(KEPT);
    expect(k.anchor?.status).toBe('moved');
    const r = after.get(reworded.id)!;
    expect(doc.text.slice(r.position.start, r.position.end)).toBe(REWORDED.replace('30', '31'));
    expect(r.anchor?.status).toBe('fuzzy');
    expect(r.anchor?.similarity).toBeGreaterThan(0.9);
    const d = after.get(deleted.id)!;
    expect(d.anchor?.status).toBe('orphaned');
    expect(d.quote.exact).toBe(DELETED);
    expect((await store.getText(document.id))?.text).toBe(doc.text);
  });

  it('refuses a file that is another document of the library, changing nothing', async () => {
    const { store, document, tag } = await setup();
    await tag(KEPT);
    const other = await ingestText(original + '\nAnother report.');
    const { document: second } = await store.importDocument(other.doc, other.bytes);
    await expect(store.reimportDocument(document.id, other.doc, other.bytes)).rejects.toThrow(/already in the library/);
    expect((await store.getText(document.id))?.text).not.toBe(other.doc.text);
    expect(second.id).not.toBe(document.id);
  });
});

describe('renaming and deleting documents', () => {
  it('renames, counts and deletes a document with its findings', async () => {
    const { store, document, tag } = await setup();
    await tag(KEPT);
    await tag(REWORDED);
    await store.renameDocument(document.id, '  TIP 2015 — excerpt ');
    expect((await store.listDocuments())[0]!.title).toBe('TIP 2015 — excerpt');
    await expect(store.renameDocument(document.id, '   ')).rejects.toThrow(/needs a title/);
    expect(await store.countFindings(document.id)).toBe(2);
    expect(await store.deleteDocument(document.id)).toBe(2);
    expect(await store.listDocuments()).toEqual([]);
    expect(await store.getText(document.id)).toBeUndefined();
    expect(await store.countFindings(document.id)).toBe(0);
  });
});
