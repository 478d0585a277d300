import { zipSync, type ZipOptions, type Zippable } from 'fflate';
import { sha256Hex } from '../ids';
import type { WorkbenchStore } from '../store/workbench-store';
import { CURRENT_SCHEMA_VERSION } from '../store/schema';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BACKUP_LIMITS,
  DOCUMENTS_ENTRY,
  FINDINGS_ENTRY,
  MANIFEST_ENTRY,
  SETTINGS_ENTRY,
  TAGS_ENTRY,
  fileEntryName,
  formatBytes,
  textEntryName,
  type BackupEntry,
  type BackupManifest,
  type WorkspaceTables,
} from './backup-format';
import type { Result } from '../result';
import { readBackup } from './read-backup';

/** Options of {@link createBackup}. */
export interface CreateBackupOptions {
  /** The app's version, recorded in the manifest. */
  appVersion?: string;
  /** The backup's time; now by default. */
  now?: Date;
  /**
   * Reads the finished backup back with readBackup and throws if it would be refused (true by
   * default): a backup is only worth having if it restores, and the moment to learn that it would
   * not is while the workspace is still there.
   */
  verify?: boolean;
}

/** Every table of the workspace, read in a single transaction so it is one consistent moment. */
export function snapshotWorkspace(store: WorkbenchStore): Promise<WorkspaceTables> {
  const db = store.db;
  const tables = [db.documents, db.texts, db.files, db.findings, db.tags, db.settings];
  return db.transaction('r', tables, async () => ({
    documents: await db.documents.toArray(),
    texts: await db.texts.toArray(),
    files: await db.files.toArray(),
    findings: await db.findings.toArray(),
    tags: await db.tags.toArray(),
    settings: await db.settings.toArray(),
  }));
}

/** The workspace as one `.rwb-backup` file (see backup-format.ts), read in a single transaction so it is one consistent moment. */
export async function createBackup(store: WorkbenchStore, options: CreateBackupOptions = {}): Promise<Uint8Array> {
  const snapshot = await snapshotWorkspace(store);

  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  const entries: [string, Uint8Array][] = [[DOCUMENTS_ENTRY, json(snapshot.documents)]];
  const texts = new Map(snapshot.texts.map((t) => [t.documentId, t]));
  const files = new Map(snapshot.files.map((f) => [f.documentId, f.bytes]));
  for (const doc of snapshot.documents) {
    const text = texts.get(doc.id);
    const bytes = files.get(doc.id);
    if (!text || !bytes) throw new Error(`The workspace cannot be backed up: ${!text ? 'the text' : 'the original file'} of “${doc.title}” is missing from it.`);
    entries.push([textEntryName(doc.id), json(text)], [fileEntryName(doc), bytes]);
  }
  entries.push([FINDINGS_ENTRY, json(snapshot.findings)], [TAGS_ENTRY, json(snapshot.tags)], [SETTINGS_ENTRY, json(snapshot.settings)]);

  let total = 0;
  for (const [name, data] of entries) {
    const limit = name.startsWith('files/') ? BACKUP_LIMITS.fileEntryBytes : BACKUP_LIMITS.jsonEntryBytes;
    if (data.length > limit) throw new Error(`The workspace cannot be backed up: ${name} would be ${formatBytes(data.length)}, more than the ${formatBytes(limit)} one entry of a backup may hold.`);
    total += data.length;
  }
  if (total > BACKUP_LIMITS.maxTotalBytes) {
    throw new Error(`The workspace is too large to back up in one file (${formatBytes(total)}; the limit is ${formatBytes(BACKUP_LIMITS.maxTotalBytes)}).`);
  }

  const now = options.now ?? new Date();
  const listed: BackupEntry[] = [];
  for (const [name, data] of entries) listed.push({ name, size: data.length, sha256: await sha256Hex(data) });
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    ...(options.appVersion !== undefined ? { appVersion: options.appVersion } : {}),
    createdAt: now.toISOString(),
    counts: { documents: snapshot.documents.length, findings: snapshot.findings.length, tags: snapshot.tags.length },
    entries: listed,
  };

  // Original PDFs are compressed already; deflating them again costs time and saves nothing.
  const stored: ZipOptions = { level: 0 };
  const zippable: Zippable = { [MANIFEST_ENTRY]: [new TextEncoder().encode(JSON.stringify(manifest, null, 2)), {}] };
  for (const [name, data] of entries) zippable[name] = [data, name.endsWith('.pdf') ? stored : {}];
  const zip = zipSync(zippable, { level: 6, mtime: now });

  if (options.verify ?? true) {
    const check = await readBackup(zip);
    if (!check.ok) throw new Error(`The backup could not be verified, so it was not kept: ${check.error}`);
  }
  return zip;
}

/**
 * Before something replaces the workspace (restoring a backup), hands it as it is, as a backup, to
 * `keep` (the desktop app's automatic backups). Resolves to where it was kept, or undefined for an
 * empty workspace (nothing to keep); throws, so that nothing is replaced, when it cannot be kept.
 */
export async function keepWorkspaceCopy(store: WorkbenchStore, keep: (bytes: Uint8Array) => Promise<Result<string>>): Promise<string | undefined> {
  if ((await store.db.documents.count()) === 0) return undefined;
  const kept = await keep(await createBackup(store));
  if (!kept.ok) throw new Error(`Your current workspace could not be copied to the automatic backups first, so it was not replaced: ${kept.error}`);
  return kept.value;
}
