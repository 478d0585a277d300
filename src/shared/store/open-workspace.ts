import { Dexie } from 'dexie';
import { errorMessage, fail, ok, type Result } from '../result';
import { CURRENT_SCHEMA_VERSION } from './schema';
import type { WorkbenchDb } from './workbench-db';

/**
 * Opens the workspace database, or says in plain words why it cannot be opened. A database made
 * by a newer version of the app is never opened for writing (Dexie refuses to downgrade), so it
 * stays exactly as it is for the newer app.
 */
export async function openWorkspace(db: WorkbenchDb): Promise<Result<void>> {
  try {
    await db.open();
    // Dexie 4 opens a database of a higher version without complaint; this app must not write to
    // one: it may not know the newer shape of what it would write.
    const installed = Math.floor(db.backendDB().version / 10);
    if (installed > CURRENT_SCHEMA_VERSION) {
      db.close();
      return fail(newerMessage(installed));
    }
    return ok(undefined);
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === Dexie.errnames.Version || name === 'VersionError') {
      return fail(newerMessage(await storedVersion(db.name)));
    }
    return fail(`The workspace could not be opened: ${errorMessage(e)} Nothing was changed.`);
  }
}

function newerMessage(found: number | undefined): string {
  return (
    `This workspace was last used by a newer version of Report Workbench${found ? ` (database version ${found})` : ''}; this version reads up to version ${CURRENT_SCHEMA_VERSION}. ` +
    'Update the app to open it. Nothing was changed.'
  );
}

/** The schema version a database was written with (Dexie stores version × 10), without upgrading it. */
async function storedVersion(name: string): Promise<number | undefined> {
  try {
    const probe = new Dexie(name);
    await probe.open();
    const v = Math.floor(probe.verno);
    probe.close();
    return v;
  } catch {
    return undefined;
  }
}
