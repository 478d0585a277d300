import type { DocumentFile, DocumentRecord, DocumentText, Finding, Setting, Tag } from '../model/types';

/**
 * A `.rwb-backup` file is a zip archive holding:
 *
 *   manifest.json            {@link BackupManifest}: format, versions, counts, size and SHA-256 of every other entry
 *   documents.json           DocumentRecord[]
 *   texts/<documentId>.json  DocumentText, one per document
 *   files/<documentId>.<ext> the document's original bytes
 *   findings.json            Finding[]
 *   tags.json                Tag[] (the codebook, exactly as stored)
 *   settings.json            Setting[]
 *
 * Records are written exactly as the workspace stores them, so a restore gives back the same tables.
 */

/** The `format` of a backup's manifest. */
export const BACKUP_FORMAT = 'report-workbench-backup';

/** The backup format this build writes; later ones are refused, earlier ones read. */
export const BACKUP_FORMAT_VERSION = 1;

/** The extension of a backup file, with its dot. */
export const BACKUP_EXTENSION = '.rwb-backup';

/** Name of the manifest entry. */
export const MANIFEST_ENTRY = 'manifest.json';

/** Name of the entry listing the documents. */
export const DOCUMENTS_ENTRY = 'documents.json';
/** Name of the entry listing the findings. */
export const FINDINGS_ENTRY = 'findings.json';
/** Name of the entry holding the codebook. */
export const TAGS_ENTRY = 'tags.json';
/** Name of the entry holding the preferences. */
export const SETTINGS_ENTRY = 'settings.json';

const MB = 1024 * 1024;

/**
 * Sizes a backup may reach. A JSON entry must fit in one JavaScript string (V8 caps strings just
 * above 512 M characters), a document's file in what the app imports at all; the total bounds the
 * memory a restore can take, whatever the archive claims.
 */
export const BACKUP_LIMITS = Object.freeze({
  /** The whole unpacked backup. */
  maxTotalBytes: 2048 * MB,
  /** The `.rwb-backup` file itself (it is never larger than its unpacked entries plus zip overhead). */
  maxArchiveBytes: 2048 * MB + 64 * MB,
  manifestBytes: 1 * MB,
  jsonEntryBytes: 512 * MB,
  /** As MAX_FILE_BYTES of ingest.ts: no document can be bigger. */
  fileEntryBytes: 512 * MB,
  entries: 200_000,
});

/** One entry of the archive as the manifest lists it. */
export interface BackupEntry {
  name: string;
  /** Unpacked size in bytes. */
  size: number;
  /** Hex SHA-256 of the unpacked bytes. */
  sha256: string;
}

/** What `manifest.json` holds. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  /** CURRENT_SCHEMA_VERSION of the app that wrote it: the shape of the records. */
  schemaVersion: number;
  /** Version of the app that wrote it, when known. */
  appVersion?: string;
  /** ISO 8601. */
  createdAt: string;
  counts: { documents: number; findings: number; tags: number };
  /** Every other entry of the archive, in archive order. */
  entries: BackupEntry[];
}

/** A backup read and checked by readBackup: the whole workspace, ready to restore or merge. */
export interface BackupContents {
  manifest: BackupManifest;
  documents: DocumentRecord[];
  /** One per document. */
  texts: DocumentText[];
  /** One per document. */
  files: DocumentFile[];
  findings: Finding[];
  tags: Tag[];
  settings: Setting[];
  /** Oddities that did not stop the backup from being read (a finding with a tag the codebook lacks…). */
  warnings: string[];
}

/** Every table of a workspace: what a backup holds, and what a restore puts back. */
export type WorkspaceTables = Pick<BackupContents, 'documents' | 'texts' | 'files' | 'findings' | 'tags' | 'settings'>;

/** The entry holding a document's text. */
export function textEntryName(documentId: string): string {
  return `texts/${documentId}.json`;
}

const EXTENSION = /^[a-z0-9]{1,10}$/;

/** The entry holding a document's original bytes: its id plus the file's own extension, so it opens as-is once unzipped. */
export function fileEntryName(doc: Pick<DocumentRecord, 'id' | 'fileName' | 'kind'>): string {
  const base = doc.fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  return `files/${doc.id}.${EXTENSION.test(ext) ? ext : doc.kind === 'pdf' ? 'pdf' : 'txt'}`;
}

/** A suggested file name for a backup made at `now` (local time, sortable, safe on every system). */
export function backupFileName(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} ${p(now.getHours())}-${p(now.getMinutes())}`;
  return `Report Workbench ${stamp}${BACKUP_EXTENSION}`;
}

/** A byte count for messages ("512 MB", "10.0 GB"). */
export function formatBytes(n: number): string {
  if (n >= 1024 * MB) return `${(n / (1024 * MB)).toFixed(1)} GB`;
  if (n >= MB) return `${Math.round(n / MB)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} ${n === 1 ? 'byte' : 'bytes'}`;
}
