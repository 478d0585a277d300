import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/shared/store/open-workspace';
import { CURRENT_SCHEMA_VERSION } from '../../src/shared/store/schema';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';

describe('openWorkspace', () => {
  it('opens a fresh or current workspace', async () => {
    const db = new WorkbenchDb({ name: 'fresh', indexedDB: new IDBFactory(), IDBKeyRange });
    expect(await openWorkspace(db)).toEqual({ ok: true, value: {} });
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('refuses a workspace written by a newer version, leaving it untouched', async () => {
    const indexedDB = new IDBFactory();
    const newer = new Dexie('newer', { indexedDB, IDBKeyRange });
    newer.version(CURRENT_SCHEMA_VERSION + 1).stores({ findings: 'id', future: 'id' });
    await newer.table('future').add({ id: 'x', from: 'the future' });
    newer.close();

    // Dexie's own probe uses the global indexedDB: point it at this fake for the test.
    Dexie.dependencies.indexedDB = indexedDB;
    Dexie.dependencies.IDBKeyRange = IDBKeyRange;
    const result = await openWorkspace(new WorkbenchDb({ name: 'newer', indexedDB, IDBKeyRange }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/newer version of Report Workbench \(database version \d+\); this version reads up to version \d+\. Update the app/);

    const again = new Dexie('newer', { indexedDB, IDBKeyRange });
    await again.open();
    expect(await again.table('future').get('x')).toEqual({ id: 'x', from: 'the future' });
    again.close();
  });
});
