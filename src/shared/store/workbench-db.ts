import { Dexie, type DexieOptions, type EntityTable } from 'dexie';
import { DEFAULT_CODEBOOK } from '../codebook/default-codebook';
import type { DocumentFile, DocumentRecord, DocumentText, Finding, Setting, Tag } from '../model/types';
import { SCHEMA_VERSIONS, type SchemaVersion } from './schema';

/** Name of the workspace database in IndexedDB. */
export const DEFAULT_DB_NAME = 'report-workbench';

/** Options for {@link WorkbenchDb}. */
export interface WorkbenchDbOptions {
  /** Database name; tests use fresh names. */
  name?: string;
  /** IndexedDB factory where there is no global one (Node tests pass fake-indexeddb's). */
  indexedDB?: DexieOptions['indexedDB'];
  /** Its IDBKeyRange, passed together with `indexedDB`. */
  IDBKeyRange?: DexieOptions['IDBKeyRange'];
  /** The schema history; tests pass their own to exercise a failing upgrade. */
  versions?: readonly SchemaVersion[];
}

/** The workspace database: Dexie over IndexedDB, with durable ("strict") commits. */
export class WorkbenchDb extends Dexie {
  documents!: EntityTable<DocumentRecord, 'id'>;
  texts!: EntityTable<DocumentText, 'documentId'>;
  files!: EntityTable<DocumentFile, 'documentId'>;
  findings!: EntityTable<Finding, 'id'>;
  tags!: EntityTable<Tag, 'id'>;
  settings!: EntityTable<Setting, 'key'>;
  /** The IndexedDB this database lives in (for the pre-upgrade backup, which reads it as it is). */
  readonly idb: Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>;

  constructor(options: WorkbenchDbOptions = {}) {
    super(options.name ?? DEFAULT_DB_NAME, {
      // Chromium commits IndexedDB transactions "relaxed" by default: a crash right after a
      // confirmed save could lose it. Strict makes complete mean flushed to disk.
      chromeTransactionDurability: 'strict',
      ...(options.indexedDB ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : {}),
    });
    this.idb = options.indexedDB ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : {};
    for (const v of options.versions ?? SCHEMA_VERSIONS) {
      const dv = this.version(v.version).stores(v.stores);
      if (v.upgrade) dv.upgrade(v.upgrade);
    }
    this.on('populate', (tx) => {
      void tx.table('tags').bulkAdd(DEFAULT_CODEBOOK.map((t) => ({ ...t })));
    });
  }
}
