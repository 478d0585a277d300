import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { deleteTag, mergeTags, moveTag, renameTag } from '../../src/shared/codebook/codebook-ops';
import { DEFAULT_CODEBOOK } from '../../src/shared/codebook/default-codebook';
import { BUILTIN_TAGS } from '../../src/shared/model/builtin-tags';
import type { Finding } from '../../src/shared/model/types';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../src/shared/store/schema';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';
import { oldDb } from '../old-db';

const NAME = 'migration';


const finding = (id: string, tagIds: string[]): Finding => ({
  id,
  documentId: 'doc-1',
  quote: { exact: 'thirty victims', prefix: 'identified ', suffix: ' in 2014' },
  position: { start: 10, end: 24 },
  page: 1,
  tagIds,
  note: 'kept through the upgrade',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
});

describe('schema migrations', () => {
  it('history is numbered 1..n with a date and reason for each version', () => {
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(SCHEMA_VERSIONS.map((_, i) => i + 1));
    expect(CURRENT_SCHEMA_VERSION).toBe(SCHEMA_VERSIONS.length);
    for (const v of SCHEMA_VERSIONS) expect(v.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('version 1 → 2: the flat tag list becomes the default codebook; custom tags and findings survive', async () => {
    const indexedDB = new IDBFactory();
    const v1 = oldDb(indexedDB, 1, NAME);
    const mine = { id: 'tag-mine', name: 'Labour inspections', color: '#123456', description: 'my own', order: 99 };
    await v1.table('tags').bulkAdd([...BUILTIN_TAGS, mine]);
    await v1.table('findings').bulkAdd([finding('f1', ['tag-victim-identification']), finding('f2', ['tag-mine', 'tag-figure'])]);
    v1.close();

    const store = new WorkbenchStore(new WorkbenchDb({ name: NAME, indexedDB, IDBKeyRange }));
    const tags = await store.listTags();
    for (const d of DEFAULT_CODEBOOK) expect(tags.find((t) => t.id === d.id), d.id).toMatchObject({ name: d.name, parentId: d.parentId });
    expect(tags.find((t) => t.id === 'tag-mine')).toMatchObject({ name: 'Labour inspections', parentId: null, color: '#123456' });
    // Victim identification is now under Protection; the finding still points at it.
    expect(tags.find((t) => t.id === 'tag-victim-identification')?.parentId).toBe('tag-protection');
    expect(await store.db.findings.get('f1')).toEqual(finding('f1', ['tag-victim-identification']));
    expect(await store.db.findings.get('f2')).toEqual(finding('f2', ['tag-mine', 'tag-figure']));
    expect(store.db.verno).toBe(CURRENT_SCHEMA_VERSION);
  });
});

describe('codebook edits through the store', () => {
  it('rename, move, merge and delete keep findings consistent with the codes', async () => {
    const store = new WorkbenchStore(new WorkbenchDb({ name: 'codebook', indexedDB: new IDBFactory(), IDBKeyRange }));
    await store.db.findings.bulkAdd([finding('a', ['tag-figure']), finding('b', ['tag-figure', 'tag-tier']), finding('c', ['tag-tier'])]);
    await store.editCodebook((tags) => renameTag(tags, 'tag-figure', 'Figures'));
    expect((await store.listTags()).find((t) => t.id === 'tag-figure')?.name).toBe('Figures');

    await store.editCodebook((tags) => moveTag(tags, 'tag-figure', 'tag-prosecution'));
    expect((await store.listTags()).find((t) => t.id === 'tag-figure')?.parentId).toBe('tag-prosecution');
    await expect(store.editCodebook((tags) => moveTag(tags, 'tag-prosecution', 'tag-figure'))).rejects.toThrow(/inside it/);

    const merged = await store.editCodebook((tags, findings) => mergeTags(tags, findings, 'tag-figure', 'tag-tier'));
    expect(merged.message).toBeTruthy();
    expect((await store.db.findings.get('a'))?.tagIds).toEqual(['tag-tier']);
    expect((await store.db.findings.get('b'))?.tagIds).toEqual(['tag-tier']);
    expect((await store.listTags()).some((t) => t.id === 'tag-figure')).toBe(false);

    const plan = await store.editCodebook((tags, findings) => deleteTag(tags, findings, 'tag-tier', 'reparent-children'));
    expect(plan.untaggedFindingIds.sort()).toEqual(['a', 'b', 'c']);
    // Findings are never deleted with a tag: they stay, untagged.
    expect((await store.db.findings.get('c'))?.tagIds).toEqual([]);
    expect(await store.db.findings.count()).toBe(3);
  });
});
