import { Dexie, type DexieOptions } from 'dexie';
import { errorMessage } from '../result';
import { SCHEMA_VERSIONS, type SchemaVersion } from './schema';

/** The IndexedDB database that keeps a copy of the workspace from before each schema upgrade. */
export const PRE_UPGRADE_BACKUP_DB = 'rwb-pre-upgrade-backups';
/** How many pre-upgrade copies are kept (each holds the whole workspace, original files included). */
export const KEEP_PRE_UPGRADE_BACKUPS = 3;

/** The workspace exactly as it was on disk before an upgrade: every object store's records. */
export interface PreUpgradeBackup {
  id: string;
  /** The workspace database it is a copy of. */
  database: string;
  /** Schema version the copy was written with, and the one the app was about to upgrade to. */
  fromVersion: number;
  toVersion: number;
  createdAt: string;
  /** Records per object store (every store of this database keeps its key inside the record). */
  tables: Record<string, unknown[]>;
}

/** Where the IndexedDB lives: the global one when empty (fake-indexeddb's in Node tests). */
export type IdbDeps = Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>;

/** Dexie options for `deps`, with durable commits. */
function dexieOptions(deps: IdbDeps): DexieOptions {
  return { ...(deps.indexedDB ? { indexedDB: deps.indexedDB, IDBKeyRange: deps.IDBKeyRange } : {}), chromeTransactionDurability: 'strict' };
}

/**
 * The schema version a workspace database on disk was written with (Dexie stores version × 10),
 * or undefined when there is no such database. Neither creates nor upgrades anything: Dexie
 * opened without a schema opens the database as it is, and refuses one that does not exist.
 */
export async function installedVersion(deps: IdbDeps, name: string): Promise<number | undefined> {
  const probe = new Dexie(name, dexieOptions(deps));
  try {
    await probe.open();
    return Math.floor(probe.verno);
  } catch (e) {
    if ((e as { name?: string }).name === Dexie.errnames.NoSuchDatabase) return undefined;
    throw e;
  } finally {
    probe.close();
  }
}

/** Opens the backups database (its own tiny schema, never upgraded with the workspace). */
function backupsDb(deps: IdbDeps): Dexie {
  const db = new Dexie(PRE_UPGRADE_BACKUP_DB, dexieOptions(deps));
  db.version(1).stores({ backups: 'id, database, createdAt' });
  return db;
}

/** Reads every table of database `name` as it is, at whatever version it is, in one transaction. */
async function readAsIs(deps: IdbDeps, name: string): Promise<{ version: number; tables: Record<string, unknown[]> }> {
  const db = new Dexie(name, dexieOptions(deps));
  try {
    await db.open();
    const tables: Record<string, unknown[]> = {};
    if (db.tables.length) {
      await db.transaction('r', db.tables, async () => {
        for (const t of db.tables) tables[t.name] = await t.toArray();
      });
    }
    return { version: Math.floor(db.verno), tables };
  } finally {
    db.close();
  }
}

/**
 * Before the app upgrades the workspace database `name` to schema `toVersion`, keeps a complete
 * copy of it in {@link PRE_UPGRADE_BACKUP_DB} (the last few copies are kept). Does nothing and
 * resolves to undefined when there is no workspace yet or it needs no upgrade. Throws a readable
 * error when the copy cannot be kept: the caller must then not upgrade.
 */
export async function backUpBeforeUpgrade(deps: IdbDeps, name: string, toVersion: number, now = new Date()): Promise<PreUpgradeBackup | undefined> {
  const installed = await installedVersion(deps, name);
  if (installed === undefined || installed >= toVersion) return undefined;
  const backups = backupsDb(deps);
  try {
    const { version, tables } = await readAsIs(deps, name);
    const backup: PreUpgradeBackup = {
      id: `${name}@${now.toISOString()}`,
      database: name,
      fromVersion: version,
      toVersion,
      createdAt: now.toISOString(),
      tables,
    };
    await backups.transaction('rw', 'backups', async () => {
      const table = backups.table<PreUpgradeBackup, string>('backups');
      await table.put(backup);
      const old = await table.where('database').equals(name).sortBy('createdAt');
      await table.bulkDelete(old.slice(0, Math.max(0, old.length - KEEP_PRE_UPGRADE_BACKUPS)).map((b) => b.id));
    });
    return backup;
  } catch (e) {
    throw new Error(
      `Report Workbench could not keep a copy of the workspace before upgrading it (${errorMessage(e).replace(/\s+/g, ' ').trim()}), so it did not upgrade it. ` +
        'Nothing was changed. Free some disk space and start the app again.',
      { cause: e },
    );
  } finally {
    backups.close();
  }
}

/** The pre-upgrade copies of workspace `name`, newest first. */
export async function listPreUpgradeBackups(deps: IdbDeps, name: string): Promise<PreUpgradeBackup[]> {
  const backups = backupsDb(deps);
  try {
    return (await backups.table<PreUpgradeBackup, string>('backups').where('database').equals(name).sortBy('createdAt')).reverse();
  } finally {
    backups.close();
  }
}

/**
 * Puts a pre-upgrade copy back: the workspace database is replaced by the copy, at the schema
 * version it was copied at (so the app upgrades it again when it next opens it). The workspace
 * must not be open elsewhere.
 */
export async function restorePreUpgradeBackup(deps: IdbDeps, backup: PreUpgradeBackup, versions: readonly SchemaVersion[] = SCHEMA_VERSIONS): Promise<void> {
  const schema = versions.filter((v) => v.version <= backup.fromVersion);
  if (schema.length === 0 || schema[schema.length - 1]!.version !== backup.fromVersion) {
    throw new Error(`This copy was made at database version ${backup.fromVersion}, which this app does not know; it was not restored.`);
  }
  const options = dexieOptions(deps);
  const db = new Dexie(backup.database, options);
  for (const v of schema) db.version(v.version).stores(v.stores);
  const names = Object.keys(backup.tables);
  const unknown = names.filter((n) => !db.tables.some((t) => t.name === n));
  if (unknown.length) throw new Error(`This copy holds tables (${unknown.join(', ')}) that version ${backup.fromVersion} does not have; it was not restored.`);
  await new Dexie(backup.database, options).delete();
  try {
    await db.open();
    await db.transaction('rw', names, async () => {
      for (const n of names) await db.table(n).bulkAdd(backup.tables[n]!);
    });
  } finally {
    db.close();
  }
}
