import { Dexie } from 'dexie';
import { IDBKeyRange, type IDBFactory } from 'fake-indexeddb';
import { SCHEMA_VERSIONS } from '../src/shared/store/schema';

/** Database `name` exactly as version `v` of the app wrote it (its schema and upgrades up to v). */
export function oldDb(indexedDB: IDBFactory, v: number, name: string): Dexie {
  const db = new Dexie(name, { indexedDB, IDBKeyRange });
  for (const s of SCHEMA_VERSIONS.filter((x) => x.version <= v)) {
    const dv = db.version(s.version).stores(s.stores);
    if (s.upgrade) dv.upgrade(s.upgrade);
  }
  return db;
}
