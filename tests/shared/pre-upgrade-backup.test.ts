import { Dexie } from 'dexie';
import { strToU8, zipSync } from 'fflate';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { ingestFile } from '../../src/shared/ingest/ingest';
import { BUILTIN_TAGS } from '../../src/shared/model/builtin-tags';
import type { DocumentRecord, Finding } from '../../src/shared/model/types';
import { openWorkspace } from '../../src/shared/store/open-workspace';
import {
  installedVersion,
  KEEP_PRE_UPGRADE_BACKUPS,
  listPreUpgradeBackups,
  restorePreUpgradeBackup,
} from '../../src/shared/store/pre-upgrade-backup';
import { decodePreUpgradeCopy, encodePreUpgradeCopy } from '../../src/shared/store/pre-upgrade-file';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS, type SchemaVersion } from '../../src/shared/store/schema';
import { WorkbenchDb } from '../../src/shared/store/workbench-db';
import { WorkbenchStore } from '../../src/shared/store/workbench-store';
import { fixtureBytes } from '../fixtures';
import { oldDb } from '../old-db';

const NAME = 'report-workbench';


/** Every record of every store of the workspace, read with plain IndexedDB at whatever version it is. */
async function dump(indexedDB: IDBFactory): Promise<Record<string, unknown[]>> {
  const db = new Dexie(NAME, { indexedDB, IDBKeyRange });
  await db.open();
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  db.close();
  return out;
}

/** Findings in key order, as IndexedDB lists them. */
const byId = (fs: Finding[]): Finding[] => [...fs].sort((a, b) => (a.id < b.id ? -1 : 1));

let seed: { document: DocumentRecord; text: object; bytes: Uint8Array; findings: Finding[] };

beforeAll(async () => {
  const bytes = fixtureBytes('tip/tip-2015-excerpt.pdf');
  const doc = await ingestFile({ fileName: 'tip-2015-excerpt.pdf', bytes, pdfjs: await loadNodePdfjs() });
  // Ingest and store through the current store once, to get real records of a real report.
  const store = new WorkbenchStore(new WorkbenchDb({ name: 'seed', indexedDB: new IDBFactory(), IDBKeyRange }));
  const { document } = await store.importDocument(doc, bytes);
  const at = doc.text.indexOf('Luxembourg is a destination country');
  const f1 = await store.createFinding({ documentId: document.id, start: at, end: at + 60, tagIds: ['tag-tier'], note: 'written by version 1' });
  const f2 = await store.createFinding({ documentId: document.id, start: at + 100, end: at + 180, tagIds: ['tag-figure', 'tag-victim-identification'] });
  seed = { document, text: (await store.getText(document.id))!, bytes, findings: [f1, f2] };
  store.db.close();
});

/** A version-1 workspace with the real report, two findings, the flat v1 tags and a setting. */
async function seedV1(indexedDB: IDBFactory): Promise<Record<string, unknown[]>> {
  const v1 = oldDb(indexedDB, 1, NAME);
  await v1.table('documents').add(seed.document);
  await v1.table('texts').add(seed.text);
  await v1.table('files').add({ documentId: seed.document.id, bytes: seed.bytes });
  await v1.table('findings').bulkAdd(seed.findings);
  await v1.table('tags').bulkAdd(BUILTIN_TAGS.map((t) => ({ ...t })));
  await v1.table('settings').add({ key: 'lastDocumentId', value: seed.document.id });
  v1.close();
  return dump(indexedDB);
}

const open = (indexedDB: IDBFactory, versions?: readonly SchemaVersion[]) =>
  new WorkbenchDb({ name: NAME, indexedDB, IDBKeyRange, ...(versions ? { versions } : {}) });

describe('backup before each upgrade', () => {
  it('copies a version-1 workspace whole before upgrading it, and the copy restores', async () => {
    const indexedDB = new IDBFactory();
    const before = await seedV1(indexedDB);
    expect(await installedVersion({ indexedDB, IDBKeyRange }, NAME)).toBe(1);

    const db = open(indexedDB);
    const opened = await openWorkspace(db);
    expect(opened).toMatchObject({ ok: true, value: { upgradedFrom: 1, backup: { fromVersion: 1, toVersion: CURRENT_SCHEMA_VERSION } } });
    expect(await installedVersion({ indexedDB, IDBKeyRange }, NAME)).toBe(CURRENT_SCHEMA_VERSION);
    // Upgraded: the codebook is hierarchical now.
    expect((await db.tags.get('tag-victim-identification'))?.parentId).toBe('tag-protection');

    const [copy, ...more] = await listPreUpgradeBackups(db.idb, NAME);
    expect(more).toEqual([]);
    expect(copy).toMatchObject({ database: NAME, fromVersion: 1, toVersion: CURRENT_SCHEMA_VERSION });
    expect(copy!.tables).toEqual(before);
    expect(opened.ok && opened.value.backup?.id).toBe(copy!.id);

    // Restore it: the workspace is version 1 again, record for record, original bytes included.
    db.close();
    await restorePreUpgradeBackup(db.idb, copy!);
    expect(await installedVersion({ indexedDB, IDBKeyRange }, NAME)).toBe(1);
    const restored = await dump(indexedDB);
    expect(restored).toEqual(before);
    expect((restored.files![0] as { bytes: Uint8Array }).bytes).toEqual(seed.bytes);

    // And the app upgrades it again, keeping another copy.
    const again = open(indexedDB);
    expect((await openWorkspace(again)).ok).toBe(true);
    expect(await again.findings.toArray()).toEqual(byId(seed.findings));
    expect(await listPreUpgradeBackups(again.idb, NAME)).toHaveLength(2);
    again.close();
  });

  it('makes no copy of a workspace that needs no upgrade, and keeps only the last few', async () => {
    const indexedDB = new IDBFactory();
    const fresh = open(indexedDB);
    expect(await openWorkspace(fresh)).toEqual({ ok: true, value: {} });
    fresh.close();
    const current = open(indexedDB);
    expect(await openWorkspace(current)).toEqual({ ok: true, value: {} });
    expect(await listPreUpgradeBackups(current.idb, NAME)).toEqual([]);
    current.close();

    const other = new IDBFactory();
    for (let i = 0; i < KEEP_PRE_UPGRADE_BACKUPS + 2; i++) {
      await other.deleteDatabase(NAME);
      await seedV1(other);
      const db = open(other);
      expect((await openWorkspace(db)).ok).toBe(true);
      db.close();
    }
    expect(await listPreUpgradeBackups({ indexedDB: other, IDBKeyRange }, NAME)).toHaveLength(KEEP_PRE_UPGRADE_BACKUPS);
  });
});

describe('a failed upgrade', () => {
  /** A next version whose upgrade changes every finding, then fails half-way. */
  const failing: SchemaVersion = {
    version: CURRENT_SCHEMA_VERSION + 1,
    date: '2026-12-01',
    why: 'test only: an upgrade that fails after writing',
    stores: { findings: 'id, documentId, createdAt, *tagIds, page' },
    upgrade: async (tx) => {
      await tx
        .table('findings')
        .toCollection()
        .modify((f: Finding) => {
          f.note = 'half-upgraded';
        });
      throw new Error('simulated failure in the upgrade');
    },
  };

  it('leaves the old data intact at the old version and says so', async () => {
    const indexedDB = new IDBFactory();
    await seedV1(indexedDB);
    const current = open(indexedDB);
    expect((await openWorkspace(current)).ok).toBe(true);
    current.close();
    const before = await dump(indexedDB);

    const next = open(indexedDB, [...SCHEMA_VERSIONS, failing]);
    const result = await openWorkspace(next);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toBe(
      `The workspace could not be upgraded from version ${CURRENT_SCHEMA_VERSION} to version ${CURRENT_SCHEMA_VERSION + 1}: ` +
        `${!result.ok && /: (.*)\. The upgrade was undone/.exec(result.error)?.[1]}. ` +
        `The upgrade was undone: your documents and findings are intact, exactly as version ${CURRENT_SCHEMA_VERSION} left them, ` +
        'and a copy from before the upgrade was kept. Keep using the previous version of Report Workbench for now, and report this problem.',
    );
    expect(!result.ok && result.error).toContain('simulated failure in the upgrade');

    // Still the old version, every record as it was (no half-upgraded note), and it opens normally.
    expect(await installedVersion({ indexedDB, IDBKeyRange }, NAME)).toBe(CURRENT_SCHEMA_VERSION);
    expect(await dump(indexedDB)).toEqual(before);
    const reopened = open(indexedDB);
    expect(await openWorkspace(reopened)).toEqual({ ok: true, value: {} });
    expect((await reopened.findings.toArray()).map((f) => f.note)).toEqual(byId(seed.findings).map((f) => f.note));
    // The copy taken before the attempt is there too.
    expect((await listPreUpgradeBackups(reopened.idb, NAME))[0]).toMatchObject({ fromVersion: CURRENT_SCHEMA_VERSION, toVersion: CURRENT_SCHEMA_VERSION + 1 });
    reopened.close();
  });
});

describe('a confirmed save', () => {
  it('is committed when it resolves: a second connection sees it at that moment', async () => {
    const indexedDB = new IDBFactory();
    await seedV1(indexedDB);
    const store = new WorkbenchStore(open(indexedDB));
    const other = open(indexedDB);
    expect((await openWorkspace(store.db)).ok).toBe(true);
    await other.open();
    const at = (seed.text as { text: string }).text.indexOf('Luxembourg');
    const saved = await store.createFinding({ documentId: seed.document.id, start: at, end: at + 10, tagIds: ['tag-tier'] });
    expect(await other.findings.get(saved.id)).toEqual(saved);
  });
});

describe('the pre-upgrade copy as a file (the desktop app keeps it on disk too)', () => {
  it('is handed to the host before the upgrade, and the file reads back as the same copy, which restores', async () => {
    const indexedDB = new IDBFactory();
    const before = await seedV1(indexedDB);
    const kept: { bytes: Uint8Array; versionOnDisk: number | undefined }[] = [];
    const db = open(indexedDB);
    const opened = await openWorkspace(db, {
      keepCopy: async (copy) => {
        kept.push({ bytes: encodePreUpgradeCopy(copy), versionOnDisk: await installedVersion({ indexedDB, IDBKeyRange }, NAME) });
        return '/backups/pre-upgrade-v1.rwb-preupgrade';
      },
    });
    expect(opened).toMatchObject({ ok: true, value: { upgradedFrom: 1, backup: { keptAt: '/backups/pre-upgrade-v1.rwb-preupgrade' } } });
    // Written while the workspace was still at version 1.
    expect(kept).toHaveLength(1);
    expect(kept[0]!.versionOnDisk).toBe(1);

    const copy = decodePreUpgradeCopy(kept[0]!.bytes);
    expect(copy).toEqual((await listPreUpgradeBackups(db.idb, NAME))[0]);
    expect(copy.tables).toEqual(before);
    db.close();
    await restorePreUpgradeBackup(db.idb, copy);
    expect(await dump(indexedDB)).toEqual(before);
  });

  it('a host that cannot keep the file does not stop the upgrade (the copy in IndexedDB is there)', async () => {
    const indexedDB = new IDBFactory();
    await seedV1(indexedDB);
    const db = open(indexedDB);
    const opened = await openWorkspace(db, { keepCopy: () => Promise.reject(new Error('disk full')) });
    expect(opened).toMatchObject({ ok: true, value: { upgradedFrom: 1 } });
    expect(opened.ok && opened.value.backup?.keptAt).toBeUndefined();
    expect(await listPreUpgradeBackups(db.idb, NAME)).toHaveLength(1);
    db.close();
  });

  it('refuses files that are not such a copy, with a clear message', () => {
    expect(() => decodePreUpgradeCopy(new TextEncoder().encode('not a zip'))).toThrow(/not a pre-upgrade copy .* not a zip archive/);
    expect(() => decodePreUpgradeCopy(zipSync({ 'other.json': strToU8('{}') }))).toThrow(/has no copy.json/);
    expect(() => decodePreUpgradeCopy(zipSync({ 'copy.json': strToU8('{"format":"something else"}') }))).toThrow(/not a pre-upgrade copy/);
    const missing = zipSync({ 'copy.json': strToU8(JSON.stringify({ format: 'report-workbench-pre-upgrade-copy', id: 'x', database: 'd', fromVersion: 1, toVersion: 2, createdAt: 'now', tables: { files: [{ bytes: { $bytes: 'bytes/0' } }] } })) });
    expect(() => decodePreUpgradeCopy(missing)).toThrow(/damaged: bytes\/0 is missing/);
  });
});
