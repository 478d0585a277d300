import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { createBackup } from '../../src/shared/backup/create-backup';
import { mergeBackup } from '../../src/shared/backup/merge-backup';
import { readBackup } from '../../src/shared/backup/read-backup';
import { restoreBackup } from '../../src/shared/backup/restore-backup';
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

describe('FindingHistory.changeWorkspace (restoring or merging a backup)', () => {
  /** Every table, read straight from the database. */
  const tables = async (store: WorkbenchStore) => {
    const db = store.db;
    const [documents, texts, files, findings, tags, settings] = await Promise.all([db.documents, db.texts, db.files, db.findings, db.tags, db.settings].map((t) => t.toArray()));
    return { documents, texts, files, findings, tags, settings };
  };

  /** A colleague's workspace with one finding of its own, as readBackup hands it over. */
  async function colleague() {
    const { store, history, at } = await setup();
    const theirs = await history.create({ ...at('PREVENTION'), tagIds: ['tag-prevention'], note: 'theirs' });
    const read = await readBackup(await createBackup(store));
    if (!read.ok) throw new Error(read.error);
    return { contents: read.value, theirs };
  }

  it('undoes a restore whole, and the steps before it can be undone again; redo restores it again', async () => {
    const { store, history, document, at } = await setup();
    const mine = await history.create({ ...at('Lithuanian courts'), tagIds: ['tag-protection'], note: 'mine' });
    const { contents, theirs } = await colleague();
    const before = await tables(store);

    const summary = await history.changeWorkspace('restore a backup', () => restoreBackup(store, contents, 'replace'));
    expect(summary.findings).toBe(1);
    expect((await store.db.findings.toArray()).map((f) => f.id)).toEqual([theirs.id]);
    expect(history.state()).toEqual({ undoLabel: 'restore a backup', redoLabel: null });

    expect(await history.undo()).toBe('restore a backup');
    expect(await tables(store)).toEqual(before);
    // The finding created before the restore is undoable again, against the workspace it was made in.
    expect(await history.undo()).toBe('create finding');
    expect(await store.listFindings(document.id)).toEqual([]);
    expect(await history.redo()).toBe('create finding');
    expect((await store.listFindings(document.id)).map((f) => f.id)).toEqual([mine.id]);

    expect(await history.redo()).toBe('restore a backup');
    expect((await store.db.findings.toArray()).map((f) => f.note)).toEqual(['theirs']);
  });

  it('undoes a merge whole', async () => {
    const { store, history, at } = await setup();
    await history.create({ ...at('Lithuanian courts'), tagIds: ['tag-protection'], note: 'mine' });
    const { contents } = await colleague();
    const before = await tables(store);
    await history.changeWorkspace('merge a backup', () => mergeBackup(store, contents));
    expect((await store.db.findings.toArray()).map((f) => f.note).sort()).toEqual(['mine', 'theirs']);
    expect(await store.db.documents.count()).toBe(1);
    expect(await history.undo()).toBe('merge a backup');
    expect(await tables(store)).toEqual(before);
  });

  it('records nothing when the change fails, and the workspace is as it was', async () => {
    const { store, history, at } = await setup();
    await history.create({ ...at('Lithuanian courts'), tagIds: ['tag-protection'] });
    const before = await tables(store);
    const { contents } = await colleague();
    const damaged = { ...contents, findings: [...contents.findings, contents.findings[0]!] };
    await expect(history.changeWorkspace('restore a backup', () => restoreBackup(store, damaged, 'replace'))).rejects.toThrow();
    expect(await tables(store)).toEqual(before);
    expect(history.state()).toEqual({ undoLabel: 'create finding', redoLabel: null });
  });

  it('keeps two whole-workspace steps: a third drops the oldest and every step before it', async () => {
    const { store, history, at } = await setup();
    await history.create({ ...at('Lithuanian courts'), tagIds: ['tag-protection'] });
    const { contents } = await colleague();
    for (let i = 0; i < 3; i++) {
      // After a restore, the library holds the colleague's copy of the document.
      const documentId = (await store.db.documents.toArray())[0]!.id;
      await history.create({ ...at('LUXEMBOURG: Tier 1'), documentId, tagIds: ['tag-tier'], note: `before restore ${i}` });
      await history.changeWorkspace(`restore ${i}`, () => restoreBackup(store, contents, 'replace'));
    }
    const labels: string[] = [];
    for (let label = await history.undo(); label; label = await history.undo()) labels.push(label);
    expect(labels).toEqual(['restore 2', 'create finding', 'restore 1', 'create finding']);
  });
});
