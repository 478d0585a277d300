import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { FindingHistory } from '../../src/shared/store/finding-history';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';
import { fixtureBytes } from '../fixtures';

async function setup() {
  const store = new WorkbenchStore(new WorkbenchDb({ name: 'history', indexedDB: new IDBFactory(), IDBKeyRange }));
  const bytes = fixtureBytes('tip/tip-2015-excerpt.txt');
  const doc = await ingestFile({ fileName: 'tip-2015-excerpt.txt', bytes, pdfjs: await loadNodePdfjs() });
  const { document } = await store.importDocument(doc, bytes);
  const at = (s: string) => ({ documentId: document.id, start: doc.text.indexOf(s), end: doc.text.indexOf(s) + s.length });
  return { store, history: new FindingHistory(store), document, at };
}

describe('FindingHistory', () => {
  it('undoes and redoes create, edit and delete against the store', async () => {
    const { store, history, document, at } = await setup();
    const f = await history.create({ ...at('Lithuanian courts'), tagIds: ['tag-protection'], note: 'a' });
    await history.update(f.id, { tagIds: ['tag-protection', 'tag-figure'], note: 'b' });
    await history.remove([f.id]);
    expect(await store.listFindings(document.id)).toEqual([]);
    expect(history.state()).toEqual({ undoLabel: 'delete finding', redoLabel: null });

    expect(await history.undo()).toBe('delete finding');
    let [back] = await store.listFindings(document.id);
    expect(back).toMatchObject({ id: f.id, note: 'b', tagIds: ['tag-protection', 'tag-figure'] });

    expect(await history.undo()).toBe('edit finding');
    [back] = await store.listFindings(document.id);
    expect(back).toEqual(f);

    expect(await history.undo()).toBe('create finding');
    expect(await store.listFindings(document.id)).toEqual([]);
    expect(await history.undo()).toBeNull();

    expect(await history.redo()).toBe('create finding');
    expect(await history.redo()).toBe('edit finding');
    [back] = await store.listFindings(document.id);
    expect(back?.note).toBe('b');
    expect(history.state()).toEqual({ undoLabel: 'edit finding', redoLabel: 'delete finding' });
  });

  it('a new change clears the redo list; several deletions undo as one step', async () => {
    const { store, history, document, at } = await setup();
    const a = await history.create({ ...at('Lithuanian courts'), tagIds: ['tag-protection'] });
    const b = await history.create({ ...at('LUXEMBOURG: Tier 1'), tagIds: ['tag-tier'] });
    await history.remove([a.id, b.id]);
    await history.undo();
    expect(await store.listFindings(document.id)).toHaveLength(2);
    await history.create({ ...at('PREVENTION'), tagIds: ['tag-prevention'] });
    expect(history.state().redoLabel).toBeNull();
  });

  it('refuses edits that would leave a finding without tags, changing nothing', async () => {
    const { store, history, document, at } = await setup();
    const f = await history.create({ ...at('Lithuanian courts'), tagIds: ['tag-protection'] });
    await expect(history.update(f.id, { tagIds: [] })).rejects.toThrow(/at least one tag/);
    expect((await store.listFindings(document.id))[0]).toEqual(f);
    expect(history.state().undoLabel).toBe('create finding');
  });
});

describe('FindingHistory.addTag', () => {
  it('adds a code to many findings as one undoable step, skipping those that have it', async () => {
    const { store, history, document, at } = await setup();
    const a = await history.create({ ...at('Lithuanian courts'), tagIds: ['tag-protection'] });
    const b = await history.create({ ...at('LUXEMBOURG: Tier 1'), tagIds: ['tag-tier', 'tag-figure'] });
    expect(await history.addTag([a.id, b.id], 'tag-figure')).toBe(1);
    expect((await store.db.findings.get(a.id))?.tagIds).toEqual(['tag-protection', 'tag-figure']);
    expect(history.state().undoLabel).toBe('add a code to 1 finding');
    await history.undo();
    expect((await store.db.findings.get(a.id))?.tagIds).toEqual(['tag-protection']);
    expect(await store.listFindings(document.id)).toHaveLength(2);
  });
});

describe('FindingHistory.editCodebook', () => {
  it('undoes a code deletion: the code comes back and its findings get it again', async () => {
    const { deleteTag } = await import('../../src/shared/codebook/codebook-ops');
    const { store, history, at } = await setup();
    const f = await history.create({ ...at('Lithuanian courts'), tagIds: ['tag-figure', 'tag-protection'] });
    const before = await store.listTags();
    await history.editCodebook((tags, findings) => deleteTag(tags, findings, 'tag-figure', 'reparent-children'), 'delete code');
    expect((await store.listTags()).some((t) => t.id === 'tag-figure')).toBe(false);
    expect((await store.db.findings.get(f.id))?.tagIds).toEqual(['tag-protection']);
    expect(await history.undo()).toBe('delete code');
    expect(await store.listTags()).toEqual(before);
    expect((await store.db.findings.get(f.id))?.tagIds).toEqual(['tag-figure', 'tag-protection']);
    expect(await history.redo()).toBe('delete code');
    expect((await store.db.findings.get(f.id))?.tagIds).toEqual(['tag-protection']);
  });
});
