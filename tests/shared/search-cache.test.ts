import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { ingestFile } from '../../src/shared/ingest/ingest';
import type { DocumentText } from '../../src/shared/model/types';
import { SearchCache } from '../../src/shared/search/search-cache';
import { ReportSearch, type SerializedSearch } from '../../src/shared/search/search-index';
import { SearchIndexer } from '../../src/shared/search/search-indexer';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';
import { fixtureBytes } from '../fixtures';

const QUERIES = ['reflection period', '"forced begging"', 'prosecut', 'BELARUS', 'cote ivoire', 'victims identified', 'tier', 'labor'];

/** A workspace with real documents (the TIP 2015 excerpt as PDF, two Factbook editions) and a note. */
async function workspace(idb = new IDBFactory()) {
  const store = new WorkbenchStore(new WorkbenchDb({ name: 'workspace', indexedDB: idb, IDBKeyRange }));
  const pdfjs = await loadNodePdfjs();
  const add = async (rel: string) => {
    const bytes = fixtureBytes(rel);
    return (await store.importDocument(await ingestFile({ fileName: rel.split('/').pop()!, bytes, pdfjs }), bytes)).document;
  };
  const tip = await add('tip/tip-2015-excerpt.pdf');
  await add('factbook/belarus/2015.txt');
  const text = (await store.getText(tip.id))!.text;
  const start = text.indexOf('LUXEMBOURG: Tier 1');
  const note = await store.createFinding({ documentId: tip.id, start, end: start + 18, tagIds: ['tag-tier'], note: 'Compare with the Côte d’Ivoire narrative' });
  return { store, add, note, cache: new SearchCache({ indexedDB: idb, IDBKeyRange }) };
}

async function state(store: WorkbenchStore) {
  return { documents: await store.listDocuments(), notes: await store.db.findings.toArray() };
}

/** Reads texts from the store, recording which were asked for. */
function textLoader(store: WorkbenchStore, asked: string[][]) {
  return async (ids: string[]) => {
    asked.push(ids);
    const texts = new Map<string, DocumentText>();
    for (const id of ids) texts.set(id, (await store.getText(id))!);
    return texts;
  };
}

const results = (s: { search(q: string): unknown }) => QUERIES.map((q) => s.search(q));

describe('search index serialisation and cache', () => {
  it('gives identical results after a JSON round trip', async () => {
    const { store } = await workspace();
    const { documents, notes } = await state(store);
    const texts = new Map(await Promise.all(documents.map(async (d) => [d.id, (await store.getText(d.id))!] as const)));
    const built = new ReportSearch(documents, texts, notes);
    const json = JSON.parse(JSON.stringify(built.toJSON())) as SerializedSearch;
    const loaded = ReportSearch.fromJSON(json);
    expect(results(built).flat().length).toBeGreaterThan(10);
    expect(results(loaded)).toEqual(results(built));
    expect(() => ReportSearch.fromJSON({ ...json, version: 0 })).toThrow(/another version/);
  });

  it('is built once, then loaded from the cache without reading any text', async () => {
    const idb = new IDBFactory();
    const { store, cache } = await workspace(idb);
    const { documents, notes } = await state(store);
    const asked: string[][] = [];
    const first = new SearchIndexer(cache);
    expect(await first.sync(documents, notes, textLoader(store, asked))).toMatchObject({ source: 'updated', indexed: 2 });
    expect(asked).toEqual([documents.map((d) => d.id)]);
    expect(await first.sync(documents, notes, textLoader(store, asked))).toMatchObject({ source: 'current' });

    // The next start: same workspace, a new indexer (a new worker).
    const second = new SearchIndexer(new SearchCache({ indexedDB: idb, IDBKeyRange }));
    expect(await second.sync(documents, notes, textLoader(store, asked))).toMatchObject({ source: 'cache', indexed: 0 });
    expect(asked).toHaveLength(1);
    expect(QUERIES.map((q) => second.query(q))).toEqual(QUERIES.map((q) => first.query(q)));
    expect(second.query('cote ivoire')).toEqual([expect.objectContaining({ kind: 'note', country: 'Luxembourg' })]);
  });

  it('updates only what changed: a note without reading texts, a new document alone, a deleted one dropped', async () => {
    const idb = new IDBFactory();
    const { store, cache, add, note } = await workspace(idb);
    const asked: string[][] = [];
    const before = await state(store);
    await new SearchIndexer(cache).sync(before.documents, before.notes, textLoader(store, asked));

    await store.updateFinding(note.id, { note: 'Ask about the shelter in Esch-sur-Alzette' });
    const factbook2016 = await add('factbook/belarus/2016.txt');
    const next = new SearchIndexer(new SearchCache({ indexedDB: idb, IDBKeyRange }));
    const { documents, notes } = await state(store);
    expect(await next.sync(documents, notes, textLoader(store, asked))).toMatchObject({ source: 'updated', indexed: 1 });
    expect(asked.at(-1)).toEqual([factbook2016.id]);
    expect(next.query('cote ivoire')).toEqual([]);
    expect(next.query('esch alzette')).toEqual([expect.objectContaining({ kind: 'note', findingId: note.id })]);
    expect(next.query('"more victims are exploited within Belarus"')).toEqual([expect.objectContaining({ documentId: factbook2016.id })]);

    // The incremental index answers exactly as one built from scratch.
    const texts = new Map(await Promise.all(documents.map(async (d) => [d.id, (await store.getText(d.id))!] as const)));
    const fresh = new ReportSearch(documents, texts, notes);
    const strip = (hits: { score: number }[]) => hits.map(({ score: _, ...h }) => h);
    for (const q of [...QUERIES, 'esch', 'belarus']) expect(strip(next.query(q))).toEqual(strip(fresh.search(q)));

    await store.deleteDocument(factbook2016.id);
    const after = await state(store);
    expect(await next.sync(after.documents, after.notes, textLoader(store, asked))).toMatchObject({ source: 'updated', indexed: 0 });
    expect(next.query('"more victims are exploited within Belarus"')).toEqual([]);
    expect(next.query('belarus').length).toBeGreaterThan(0);
  });

  it('rebuilds from a damaged cache instead of failing', async () => {
    const idb = new IDBFactory();
    const { store, cache } = await workspace(idb);
    const { documents, notes } = await state(store);
    await new SearchIndexer(cache).sync(documents, notes, textLoader(store, []));
    const [stored] = await cache.indexes.toArray();
    await cache.indexes.put({ ...stored!, json: '{"version":1,"documents":' });
    const asked: string[][] = [];
    const again = new SearchIndexer(new SearchCache({ indexedDB: idb, IDBKeyRange }));
    expect(await again.sync(documents, notes, textLoader(store, asked))).toMatchObject({ source: 'updated', indexed: 2 });
    expect(again.query('reflection period').length).toBe(1);
  });

  it('can store the latest state a moment after the last change', async () => {
    const idb = new IDBFactory();
    const { store, cache, note } = await workspace(idb);
    const indexer = new SearchIndexer(cache, 50);
    for (const text of ['first', 'second', 'third']) {
      await store.updateFinding(note.id, { note: `Note ${text}` });
      const { documents, notes } = await state(store);
      await indexer.sync(documents, notes, textLoader(store, []));
    }
    expect(await cache.indexes.count()).toBe(0);
    await vi.waitFor(async () => expect(await cache.indexes.count()).toBe(1), { timeout: 5000 });
    const { documents, notes } = await state(store);
    const loaded = new SearchIndexer(new SearchCache({ indexedDB: idb, IDBKeyRange }));
    expect(await loaded.sync(documents, notes, textLoader(store, []))).toMatchObject({ source: 'cache' });
    expect(loaded.query('third')).toEqual([expect.objectContaining({ kind: 'note', findingId: note.id })]);
    expect(loaded.query('second')).toEqual([]);
  });
});
