import type { WorkbenchStore } from '../store/workbench-store';
import type { WorkspaceTables } from './backup-format';

/** How a restore treats the workspace: `replace` puts the backup in its place. */
export type RestoreMode = 'replace';

/** What {@link restoreBackup} wrote. */
export interface RestoreSummary {
  documents: number;
  findings: number;
  tags: number;
  settings: number;
  /** The backup's own warnings (from readBackup), for the analyst. */
  warnings: string[];
}

/**
 * Replaces the whole workspace with a backup read by readBackup (or a snapshot taken by
 * snapshotWorkspace): every table is cleared and refilled in one transaction, so if anything fails
 * the workspace is exactly as it was before.
 */
export async function restoreBackup(
  store: WorkbenchStore,
  contents: WorkspaceTables & { warnings?: readonly string[] },
  mode: RestoreMode = 'replace',
): Promise<RestoreSummary> {
  if (mode !== 'replace') throw new Error(`Unknown restore mode “${String(mode)}”.`);
  const db = store.db;
  await db.transaction('rw', [db.documents, db.texts, db.files, db.findings, db.tags, db.settings], async () => {
    await Promise.all([db.documents.clear(), db.texts.clear(), db.files.clear(), db.findings.clear(), db.tags.clear(), db.settings.clear()]);
    await db.documents.bulkAdd(contents.documents);
    await db.texts.bulkAdd(contents.texts);
    await db.files.bulkAdd(contents.files);
    await db.findings.bulkAdd(contents.findings);
    await db.tags.bulkAdd(contents.tags);
    await db.settings.bulkAdd(contents.settings);
  });
  return {
    documents: contents.documents.length,
    findings: contents.findings.length,
    tags: contents.tags.length,
    settings: contents.settings.length,
    warnings: [...(contents.warnings ?? [])],
  };
}
