import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRendererRecovery, MAX_RELOADS } from '../src/main/renderer-recovery';
import { BUILTIN_TAGS } from '../src/shared/model/builtin-tags';
import { openWorkspace } from '../src/shared/store/open-workspace';
import { installedVersion, listPreUpgradeBackups } from '../src/shared/store/pre-upgrade-backup';
import { classifySaveError } from '../src/shared/store/save-error';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../src/shared/store/schema';
import { WorkbenchDb } from '../src/shared/store/workbench-db';
import { WorkbenchStore } from '../src/shared/store/workbench-store';

/** A workspace database at schema version `v` with one finding, over its own fake IndexedDB. */
async function workspaceAt(v: number): Promise<IDBFactory> {
  const indexedDB = new IDBFactory();
  const db = new Dexie('report-workbench', { indexedDB, IDBKeyRange });
  for (const s of SCHEMA_VERSIONS.filter((x) => x.version <= v)) db.version(s.version).stores(s.stores);
  if (v > CURRENT_SCHEMA_VERSION) db.version(v).stores({ future: 'id' });
  await db.open();
  await db.table('tags').bulkAdd(BUILTIN_TAGS.map((t) => ({ ...t })));
  await db.table('findings').add({ id: 'f1', documentId: 'd1', quote: { exact: 'x', prefix: '', suffix: '' }, position: { start: 0, end: 1 }, page: 1, tagIds: ['tag-tier'], note: 'kept', createdAt: '', updatedAt: '' });
  db.close();
  return indexedDB;
}

const open = (indexedDB: IDBFactory, versions = SCHEMA_VERSIONS) => new WorkbenchDb({ indexedDB, IDBKeyRange, versions });

/** What each storage fault really does today, as rows of docs/reliability.md (fault | outcome). */
export async function storageFaultRows(): Promise<[string, string][]> {
  const rows: [string, string][] = [];

  // Disk full: the error as Chromium reports an aborted commit (e2e/quota.e2e.ts makes it happen for real).
  const quota = new Dexie.AbortError('Transaction aborted', new DOMException('The current transaction exceeded its quota limitations.', 'QuotaExceededError'));
  rows.push(['saving a finding with the disk full (QuotaExceededError)', `the form keeps the draft: “${classifySaveError(quota).message}”`]);

  const closedStore = new WorkbenchStore(open(new IDBFactory()));
  await closedStore.listTags();
  closedStore.db.close();
  const closed = await closedStore.createFinding({ documentId: 'd', start: 0, end: 1, tagIds: ['tag-tier'] }).catch((e: unknown) => e);
  rows.push(['saving a finding after the database was closed', `the form keeps the draft: “${classifySaveError(closed).message}”`]);

  const older = await workspaceAt(1);
  const upgraded = await openWorkspace(open(older));
  const copies = await listPreUpgradeBackups({ indexedDB: older, IDBKeyRange }, 'report-workbench');
  rows.push([
    'opening a workspace of schema version 1',
    upgraded.ok
      ? `upgraded to version ${await installedVersion({ indexedDB: older, IDBKeyRange }, 'report-workbench')}; ${copies.length} copy of the version-${copies[0]?.fromVersion} data kept in rwb-pre-upgrade-backups (${Object.values(copies[0]?.tables ?? {}).reduce((n, t) => n + t.length, 0)} records)`
      : `refused: ${upgraded.error}`,
  ]);

  const newer = await workspaceAt(CURRENT_SCHEMA_VERSION + 1);
  const refused = await openWorkspace(open(newer));
  rows.push([`opening a workspace of schema version ${CURRENT_SCHEMA_VERSION + 1} (newer app)`, refused.ok ? 'opened' : `not opened: ${refused.error}`]);

  const current = await workspaceAt(CURRENT_SCHEMA_VERSION);
  const failing = await openWorkspace(
    open(current, [
      ...SCHEMA_VERSIONS,
      {
        version: CURRENT_SCHEMA_VERSION + 1,
        date: '2026-12-01',
        why: 'an upgrade that fails half-way',
        stores: { findings: 'id, documentId, createdAt, *tagIds, page' },
        upgrade: async (tx) => {
          await tx.table('findings').toCollection().modify({ note: 'half-upgraded' });
          throw new Error('simulated failure');
        },
      },
    ]),
  );
  const after = open(current);
  await after.open();
  const note = (await after.findings.get('f1'))?.note;
  after.close();
  rows.push([
    'an upgrade that fails half-way',
    `${failing.ok ? 'opened' : `not opened: ${failing.error}`} — afterwards: version ${await installedVersion({ indexedDB: current, IDBKeyRange }, 'report-workbench')}, the finding's note “${note}”`,
  ]);

  const decide = createRendererRecovery({ now: () => 0 });
  const actions = Array.from({ length: MAX_RELOADS + 1 }, () => decide({ reason: 'crashed', exitCode: 11 }));
  const last = actions[actions.length - 1]!;
  rows.push([
    'the window’s renderer crashes (Electron render-process-gone)',
    `reloaded (the workspace is in IndexedDB); crash number ${MAX_RELOADS + 1} within a minute: not reloaded, “${last.action === 'give-up' ? last.message : last.action}”`,
  ]);
  return rows;
}
