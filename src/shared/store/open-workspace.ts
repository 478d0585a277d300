import { Dexie } from 'dexie';
import { errorMessage, fail, ok, type Result } from '../result';
import { backUpBeforeUpgrade, installedVersion, type PreUpgradeBackup } from './pre-upgrade-backup';
import type { WorkbenchDb } from './workbench-db';

/** What opening the workspace did besides opening it. */
export interface OpenedWorkspace {
  /** Set when the database was upgraded from an older schema version. */
  upgradedFrom?: number;
  /** The copy kept before that upgrade (in rwb-pre-upgrade-backups), and where the host also kept it. */
  backup?: Pick<PreUpgradeBackup, 'id' | 'createdAt' | 'fromVersion' | 'toVersion'> & { keptAt?: string };
}

/** Options for {@link openWorkspace}. */
export interface OpenWorkspaceOptions {
  /**
   * Also keeps the pre-upgrade copy where the host keeps files (Electron: the backups folder in
   * the user-data folder); called before the upgrade, resolves to where it went.
   */
  keepCopy?: (backup: PreUpgradeBackup) => Promise<string>;
}

/**
 * Opens the workspace database, or says in plain words why it cannot be opened.
 * - A database made by a newer version of the app is never opened for writing, so it stays
 *   exactly as it is for the newer app.
 * - A database of an older version is first copied whole into rwb-pre-upgrade-backups, then
 *   upgraded. If the copy cannot be kept, it is not upgraded. If the upgrade fails, IndexedDB
 *   rolls the whole upgrade back: the data stays as the older version left it, and the message
 *   says so.
 */
export async function openWorkspace(db: WorkbenchDb, options: OpenWorkspaceOptions = {}): Promise<Result<OpenedWorkspace>> {
  // Before open(), Dexie's verno is the highest declared version: the one this build writes.
  const target = db.verno;
  let installed: number | undefined;
  try {
    installed = await installedVersion(db.idb, db.name);
  } catch (e) {
    return fail(`The workspace could not be opened: ${errorMessage(e)} Nothing was changed.`);
  }
  if (installed !== undefined && installed > target) return fail(newerMessage(installed, target));

  let backup: PreUpgradeBackup | undefined;
  try {
    backup = await backUpBeforeUpgrade(db.idb, db.name, target);
  } catch (e) {
    return fail(errorMessage(e));
  }
  let keptAt: string | undefined;
  if (backup && options.keepCopy) {
    // A second copy where the host keeps files (the desktop app's backups folder), still before
    // the upgrade. The copy in IndexedDB is there already, so a failure here does not stop it.
    try {
      keptAt = await options.keepCopy(backup);
    } catch (e) {
      console.warn(`The pre-upgrade copy was not written to disk: ${errorMessage(e)}`);
    }
  }

  try {
    await db.open();
    // Another window may have upgraded it between the check and the open.
    const now = Math.floor(db.backendDB().version / 10);
    if (now > target) {
      db.close();
      return fail(newerMessage(now, target));
    }
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === Dexie.errnames.Version || name === 'VersionError') {
      return fail(newerMessage(await installedVersion(db.idb, db.name).catch(() => undefined), target));
    }
    if (installed !== undefined && installed < target) {
      const still = await installedVersion(db.idb, db.name).catch(() => undefined);
      return fail(
        `The workspace could not be upgraded from version ${installed} to version ${target}: ${errorMessage(e).replace(/\s+/g, ' ').trim()}. ` +
          (still === installed
            ? `The upgrade was undone: your documents and findings are intact, exactly as version ${installed} left them`
            : 'Your documents and findings were not changed by this app') +
          (backup ? ', and a copy from before the upgrade was kept. ' : '. ') +
          'Keep using the previous version of Report Workbench for now, and report this problem.',
      );
    }
    return fail(`The workspace could not be opened: ${errorMessage(e)} Nothing was changed.`);
  }
  if (installed === undefined || installed === target) return ok({});
  return ok({
    upgradedFrom: installed,
    ...(backup ? { backup: { id: backup.id, createdAt: backup.createdAt, fromVersion: backup.fromVersion, toVersion: backup.toVersion, ...(keptAt ? { keptAt } : {}) } } : {}),
  });
}

function newerMessage(found: number | undefined, reads: number): string {
  return (
    `This workspace was last used by a newer version of Report Workbench${found ? ` (database version ${found})` : ''}; this version reads up to version ${reads}. ` +
    'Update the app to open it. Nothing was changed.'
  );
}
