import type { Transaction } from 'dexie';
import { upgradeToDefaultCodebook } from '../codebook/default-codebook';
import type { Tag } from '../model/types';

/**
 * Every version of the workspace database, oldest first, kept forever: Dexie needs the whole
 * history to upgrade an old database, and each version has a migration test.
 */
export interface SchemaVersion {
  version: number;
  /** When this version was introduced (ISO date). */
  date: string;
  /** Why it exists. */
  why: string;
  /** Dexie store definitions (primary key first, then indexes). */
  stores: Record<string, string | null>;
  /** Moves data from the previous shape; runs inside the upgrade transaction. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** The database's history. Append a new version; never edit a released one. */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    date: '2026-11-29',
    why: 'First release: documents with their text and bytes, findings, tags, settings.',
    stores: {
      documents: 'id, &sha256, addedAt',
      texts: 'documentId',
      files: 'documentId',
      findings: 'id, documentId, createdAt, *tagIds',
      tags: 'id, order',
      settings: 'key',
    },
  },
  {
    version: 2,
    date: '2026-11-29',
    why: 'Hierarchical codebook: tags gain a parent, a shortcut and a REFI-QDA GUID; the flat starter list becomes the default TIP codebook.',
    stores: { tags: 'id, order, parentId' },
    upgrade: async (tx) => {
      const tags = tx.table<Tag, string>('tags');
      const upgraded = upgradeToDefaultCodebook(await tags.toArray());
      await tags.clear();
      await tags.bulkAdd(upgraded);
    },
  },
];

/** The version this build of the app writes. */
export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
