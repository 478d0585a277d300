import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { classifySaveError, isQuotaError } from '../../src/shared/store/save-error';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';

const quotaDom = () => new DOMException('The current transaction exceeded its quota limitations.', 'QuotaExceededError');

describe('classifySaveError', () => {
  it('recognises a full disk however IndexedDB and Dexie report it', () => {
    // As Chromium reports it on a request, as Dexie maps it, and as Dexie reports an aborted
    // transaction whose cause was the quota (seen in the wild: AbortError with the quota inside).
    const shapes: unknown[] = [quotaDom(), new Dexie.QuotaExceededError('quota'), new Dexie.AbortError('Transaction aborted', quotaDom())];
    for (const e of shapes) {
      expect(isQuotaError(e)).toBe(true);
      expect(classifySaveError(e)).toEqual({
        kind: 'disk-full',
        message: 'Not saved — disk full. Your passage, tags and note are kept here: free some disk space, then press Retry.',
      });
    }
    expect(isQuotaError(new Error('wrapped', { cause: quotaDom() }))).toBe(true);
  });

  it('does not call every abort a full disk', () => {
    const abort = new Dexie.AbortError('Transaction aborted', new DOMException('I/O failure', 'UnknownError'));
    expect(isQuotaError(abort)).toBe(false);
    const c = classifySaveError(abort);
    expect(c.kind).toBe('storage');
    expect(c.message).toMatch(/^Not saved — the browser's storage refused the write \(.*\)\. Your draft is kept here; press Retry\.$/);
  });

  it('says so when the workspace was closed under the form (real Dexie error)', async () => {
    const store = new WorkbenchStore(new WorkbenchDb({ name: 'closed', indexedDB: new IDBFactory(), IDBKeyRange }));
    await store.listTags();
    store.db.close();
    const e = await store.createFinding({ documentId: 'd', start: 0, end: 5, tagIds: ['tag-tier'] }).catch((x: unknown) => x);
    expect((e as Error).name).toBe('DatabaseClosedError');
    const c = classifySaveError(e);
    expect(c.kind).toBe('closed');
    expect(c.message).toMatch(/^Not saved — the workspace is closed for writing .*reload the app, then press Retry\.$/);
  });

  it("passes the store's own refusal through in its words", async () => {
    const store = new WorkbenchStore(new WorkbenchDb({ name: 'refused', indexedDB: new IDBFactory(), IDBKeyRange }));
    const e = await store.createFinding({ documentId: 'gone', start: 0, end: 5, tagIds: ['tag-tier'] }).catch((x: unknown) => x);
    expect(classifySaveError(e)).toEqual({ kind: 'refused', message: 'Not saved: That document is no longer in the library.' });
    expect(classifySaveError('odd')).toEqual({ kind: 'refused', message: 'Not saved: odd' });
  });
});
