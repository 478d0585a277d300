import { Dexie, type DexieOptions, type EntityTable } from 'dexie';

/** Name of the search cache database: apart from the workspace, so it can be dropped at any time. */
export const SEARCH_CACHE_DB_NAME = 'rwb-search-cache';

/** A serialised search index and the signature of the workspace it indexes. */
export interface CachedIndex {
  signature: string;
  /** ISO 8601. */
  savedAt: string;
  /** `JSON.stringify` of {@link ReportSearch.toJSON}. */
  json: string;
}

/** Options for {@link SearchCache}. */
export interface SearchCacheOptions {
  /** Database name; tests use fresh names. */
  name?: string;
  /** IndexedDB factory where there is no global one (Node tests pass fake-indexeddb's). */
  indexedDB?: DexieOptions['indexedDB'];
  IDBKeyRange?: DexieOptions['IDBKeyRange'];
}

/**
 * The last search index built, kept in its own IndexedDB database so the app does not rebuild it
 * on every start. Only a cache: losing it costs a rebuild, never data.
 */
export class SearchCache extends Dexie {
  indexes!: EntityTable<CachedIndex, 'signature'>;

  constructor(options: SearchCacheOptions = {}) {
    super(options.name ?? SEARCH_CACHE_DB_NAME, options.indexedDB ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : {});
    this.version(1).stores({ indexes: 'signature, savedAt' });
  }

  /** The index stored under `signature` (exact), else the newest one stored (to update rather than rebuild). */
  async find(signature: string): Promise<{ exact: boolean; json: string } | undefined> {
    const hit = await this.indexes.get(signature);
    if (hit) return { exact: true, json: hit.json };
    const newest = await this.indexes.orderBy('savedAt').last();
    return newest && { exact: false, json: newest.json };
  }

  /** Stores an index under its signature, replacing any older one. */
  async store(signature: string, json: string): Promise<void> {
    await this.transaction('rw', this.indexes, async () => {
      await this.indexes.clear();
      await this.indexes.put({ signature, savedAt: new Date().toISOString(), json });
    });
  }
}
