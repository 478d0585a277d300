import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { autoBackupName, preUpgradeCopyName, writeAutoBackup, writePreUpgradeCopy } from '../../src/main/auto-backup';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { keepWorkspaceCopy } from '../../src/shared/backup/create-backup';
import { readBackup } from '../../src/shared/backup/read-backup';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { errorMessage, fail, ok } from '../../src/shared/result';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';
import { fixtureBytes } from '../fixtures';

describe('automatic backups', () => {
  it('writes atomically and keeps only the newest ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rwb-auto-'));
    writeFileSync(join(dir, 'my-notes.txt'), 'not a backup');
    const start = Date.UTC(2026, 10, 29, 8, 0, 0);
    for (let i = 0; i < 25; i++) {
      await writeAutoBackup(dir, new Uint8Array([i]), { now: new Date(start + i * 600_000), keep: 20 });
    }
    const files = readdirSync(dir).sort();
    expect(files.filter((f) => f.endsWith('.rwb-backup'))).toHaveLength(20);
    // The five oldest went; the newest holds the last bytes; nothing else was touched; no temp files left.
    expect(files).not.toContain(autoBackupName(new Date(start)));
    expect([...readFileSync(join(dir, autoBackupName(new Date(start + 24 * 600_000))))]).toEqual([24]);
    expect(files).toContain('my-notes.txt');
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('keeps pre-upgrade copies beside them, the last five, without touching the automatic backups', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rwb-auto-'));
    const start = Date.UTC(2026, 10, 29, 8, 0, 0);
    await writeAutoBackup(dir, new Uint8Array([1]), { now: new Date(start) });
    // Versions 1 to 7, a day apart: the version number in the name does not decide what is oldest.
    for (let v = 7; v >= 1; v--) await writePreUpgradeCopy(dir, v, new Uint8Array([v]), { now: new Date(start + (8 - v) * 86_400_000) });
    const files = readdirSync(dir).sort();
    expect(files.filter((f) => f.endsWith('.rwb-preupgrade'))).toHaveLength(5);
    expect(files).not.toContain(preUpgradeCopyName(7, new Date(start + 86_400_000)));
    expect(files).not.toContain(preUpgradeCopyName(6, new Date(start + 2 * 86_400_000)));
    expect([...readFileSync(join(dir, preUpgradeCopyName(1, new Date(start + 7 * 86_400_000))))]).toEqual([1]);
    expect(files).toContain(autoBackupName(new Date(start)));
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
  });
});

describe('before a restore replaces the workspace, a copy of it goes to the automatic backups', () => {
  async function workspaceWithAFinding() {
    const store = new WorkbenchStore(new WorkbenchDb({ name: 'keep-copy', indexedDB: new IDBFactory(), IDBKeyRange }));
    const bytes = fixtureBytes('tip/tip-2015-excerpt.txt');
    const { document } = await store.importDocument(await ingestFile({ fileName: 'tip-2015-excerpt.txt', bytes, pdfjs: await loadNodePdfjs() }), bytes);
    const text = (await store.getText(document.id))!.text;
    const at = text.indexOf('Lithuanian courts');
    await store.createFinding({ documentId: document.id, start: at, end: at + 'Lithuanian courts'.length, tagIds: ['tag-protection'], note: 'mine' });
    return store;
  }
  // As the IPC layer answers the renderer: a thrown error comes back as a failed Result.
  const keepIn = (dir: string) => async (bytes: Uint8Array) => {
    try {
      return ok(await writeAutoBackup(dir, bytes));
    } catch (e) {
      return fail(errorMessage(e));
    }
  };
  const notes = async (store: WorkbenchStore) => (await store.db.findings.toArray()).map((f) => f.note);

  it('writes one automatic backup that reads back as the workspace', async () => {
    const store = await workspaceWithAFinding();
    const dir = mkdtempSync(join(tmpdir(), 'rwb-auto-'));
    const path = await keepWorkspaceCopy(store, keepIn(dir));
    expect(path).toBeDefined();
    expect(readdirSync(dir).map((f) => join(dir, f))).toEqual([path]);
    const read = await readBackup(new Uint8Array(readFileSync(path!)));
    expect(read.ok && read.value.findings.map((f) => f.note)).toEqual(['mine']);
  });

  it('refuses with a clear message when the copy cannot be written, changing nothing', async () => {
    const store = await workspaceWithAFinding();
    // A file where the backups folder should be: the folder cannot be made.
    const blocked = join(mkdtempSync(join(tmpdir(), 'rwb-auto-')), 'backups');
    writeFileSync(blocked, 'not a folder');
    await expect(keepWorkspaceCopy(store, keepIn(blocked))).rejects.toThrow(
      /^Your current workspace could not be copied to the automatic backups first, so it was not replaced: .*(?:EEXIST|ENOTDIR)/,
    );
    expect(await notes(store)).toEqual(['mine']);
  });

  it('keeps nothing for an empty workspace', async () => {
    const store = new WorkbenchStore(new WorkbenchDb({ name: 'keep-empty', indexedDB: new IDBFactory(), IDBKeyRange }));
    const dir = mkdtempSync(join(tmpdir(), 'rwb-auto-'));
    expect(await keepWorkspaceCopy(store, keepIn(dir))).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });
});
