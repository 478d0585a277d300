import * as v from 'valibot';
import { validateCodebook } from '../codebook/codebook-ops';
import type { CodebookTag } from '../codebook/codebook-tag';
import { upgradeToDefaultCodebook } from '../codebook/default-codebook';
import { sha256Hex } from '../ids';
import type { DocumentFile, DocumentRecord, DocumentText, Finding, Setting, Tag } from '../model/types';
import { errorMessage, fail, ok, type Result } from '../result';
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
  type BackupContents,
  type BackupManifest,
} from './backup-format';
import { describeIssue, documentSchema, findingSchema, manifestSchema, settingSchema, tagSchema, textSchema } from './backup-schemas';
import { TooManyEntriesError, listZipEntries, unzipEntries, type ZipEntryInfo } from './safe-unzip';

/** A refusal with its message for the analyst; anything else thrown is a bug or an environment failure. */
class Refusal extends Error {
  override name = 'Refusal';
}

function refuse(message: string): never {
  throw new Refusal(message);
}

const NOT_A_BACKUP = 'This file is not a Report Workbench backup';
const DAMAGED = 'The backup is damaged';
const quoted = (s: string) => `“${s.length > 80 ? `${s.slice(0, 79)}…` : s}”`;

/**
 * Reads and checks a `.rwb-backup` file completely, in memory, before anything may be written:
 * the zip and its declared sizes (before unpacking), the manifest's format and versions, every
 * entry's checksum, every record's shape, and the references between records. Resolves to the
 * contents, upgraded to this app's schema, or to one clear sentence saying why the file is refused.
 */
export async function readBackup(bytes: Uint8Array): Promise<Result<BackupContents>> {
  try {
    return ok(await read(bytes));
  } catch (e) {
    return fail(e instanceof Refusal ? e.message : `The backup could not be read: ${errorMessage(e)}`);
  }
}

async function read(bytes: Uint8Array): Promise<BackupContents> {
  if (bytes.length === 0) refuse(`${NOT_A_BACKUP}: the file is empty.`);
  if (bytes.length > BACKUP_LIMITS.maxArchiveBytes) {
    refuse(`This file is too large to be a Report Workbench backup (${formatBytes(bytes.length)}; a backup is at most ${formatBytes(BACKUP_LIMITS.maxArchiveBytes)}).`);
  }
  if (!looksLikeZip(bytes)) refuse(`${NOT_A_BACKUP}: ${whatItIs(bytes)}.`);

  const entries = listEntries(bytes);
  const manifestInfo = entries.get(MANIFEST_ENTRY);
  if (!manifestInfo) refuse(`${NOT_A_BACKUP}: it is a zip archive without a ${MANIFEST_ENTRY}.`);
  checkDeclaredSize(manifestInfo, BACKUP_LIMITS.manifestBytes);
  const manifest = readManifest(unzip(bytes, [MANIFEST_ENTRY]).get(MANIFEST_ENTRY));

  // Every size is checked as declared, before a byte is inflated: an archive cannot make us allocate more.
  let total = 0;
  for (const info of entries.values()) {
    checkDeclaredSize(info, info.name.startsWith('files/') ? BACKUP_LIMITS.fileEntryBytes : BACKUP_LIMITS.jsonEntryBytes);
    total += info.size;
  }
  if (total > BACKUP_LIMITS.maxTotalBytes) {
    refuse(`The backup is refused: its entries would unpack to ${formatBytes(total)} in all, more than the ${formatBytes(BACKUP_LIMITS.maxTotalBytes)} a backup may hold.`);
  }
  const listed = new Map<string, BackupManifest['entries'][number]>();
  for (const e of manifest.entries) {
    if (e.name === MANIFEST_ENTRY) refuse(`${DAMAGED}: its manifest lists itself among the entries.`);
    if (listed.has(e.name)) refuse(`${DAMAGED}: its manifest lists ${quoted(e.name)} twice.`);
    listed.set(e.name, e);
  }
  for (const info of entries.values()) {
    if (info.name !== MANIFEST_ENTRY && !listed.has(info.name)) refuse(`${DAMAGED}: it holds ${quoted(info.name)}, which its manifest does not list.`);
  }
  for (const e of listed.values()) {
    const info = entries.get(e.name);
    if (!info) refuse(`The backup is incomplete: ${quoted(e.name)} is missing from it.`);
    if (info.method !== 0 && info.method !== 8) refuse(`The backup cannot be read: ${quoted(e.name)} is packed with a compression method (${info.method}) this app does not use.`);
    if (info.size !== e.size) refuse(`${DAMAGED}: ${e.name} does not match its checksum (its size differs from the manifest's).`);
  }

  const data = unzip(bytes, [...listed.keys()]);
  for (const e of listed.values()) {
    const entry = data.get(e.name);
    if (!entry || entry.length !== e.size || (await sha256Hex(entry)) !== e.sha256) refuse(`${DAMAGED}: ${e.name} does not match its checksum.`);
  }

  const contents = readRecords(manifest, data);
  upgrade(contents);
  return contents;
}

function looksLikeZip(bytes: Uint8Array): boolean {
  // A local file header, or the end record of an empty archive.
  return bytes.length >= 22 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d];

function whatItIs(bytes: Uint8Array): string {
  // As ingestion, which accepts up to 1 KB of junk before the header.
  const head = bytes.subarray(0, 1024);
  const pdf = head.some((_, i) => PDF_MAGIC.every((b, k) => head[i + k] === b));
  if (pdf) return 'it is a PDF document (to read a report, import it into the library instead)';
  if (bytes.length < 22 && bytes[0] === 0x50 && bytes[1] === 0x4b) return 'it is too short to be a zip archive (was it cut short while copying?)';
  return 'it is not a zip archive';
}

function listEntries(bytes: Uint8Array): Map<string, ZipEntryInfo> {
  let infos: ZipEntryInfo[];
  try {
    infos = listZipEntries(bytes, BACKUP_LIMITS.entries);
  } catch (e) {
    if (e instanceof TooManyEntriesError) refuse(`The backup is refused: its zip archive lists more than ${BACKUP_LIMITS.entries} entries.`);
    refuse(`${DAMAGED} or incomplete: its zip archive cannot be read (was it cut short while copying?).`);
  }
  const entries = new Map<string, ZipEntryInfo>();
  let packed = 0;
  for (const info of infos) {
    // Folders appear when someone re-zips an unpacked backup by hand; they hold nothing.
    if (info.name.endsWith('/') && info.size === 0) continue;
    if (entries.has(info.name)) refuse(`${DAMAGED}: its zip archive holds two entries named ${quoted(info.name)}.`);
    entries.set(info.name, info);
    packed += info.compressedSize;
  }
  if (packed > bytes.length) refuse(`${DAMAGED} or incomplete: its zip directory describes more data than the file holds.`);
  return entries;
}

function checkDeclaredSize(info: ZipEntryInfo, limit: number): void {
  if (info.size > limit) {
    refuse(`The backup is refused: ${quoted(info.name)} would unpack to ${formatBytes(info.size)}, more than the ${formatBytes(limit)} one entry may hold (the file is damaged or forged).`);
  }
}

function unzip(bytes: Uint8Array, names: string[]): Map<string, Uint8Array> {
  try {
    return unzipEntries(bytes, new Set(names));
  } catch {
    refuse(`${DAMAGED}: its zip archive cannot be unpacked.`);
  }
}

function parseJson(name: string, data: Uint8Array | undefined): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch {
    refuse(`${DAMAGED}: ${name} is not valid JSON.`);
  }
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isVersion = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);

function readManifest(data: Uint8Array | undefined): BackupManifest {
  const json = parseJson(MANIFEST_ENTRY, data);
  if (!isRecord(json) || json.format === undefined) refuse(`${NOT_A_BACKUP}: its ${MANIFEST_ENTRY} has no format.`);
  if (json.format !== BACKUP_FORMAT) {
    refuse(`${NOT_A_BACKUP}: its ${MANIFEST_ENTRY} describes another format${typeof json.format === 'string' ? ` (${quoted(json.format)})` : ''}.`);
  }
  // Versions are read before the rest: a newer manifest may have a shape this app does not know.
  const newer = 'This backup was made by a newer version of Report Workbench';
  if (isVersion(json.formatVersion) && json.formatVersion > BACKUP_FORMAT_VERSION) {
    refuse(`${newer} (backup format ${json.formatVersion}); this version reads up to backup format ${BACKUP_FORMAT_VERSION}. Update the app to restore it.`);
  }
  if (isVersion(json.schemaVersion) && json.schemaVersion > CURRENT_SCHEMA_VERSION) {
    refuse(`${newer} (schema ${json.schemaVersion}); this version reads up to schema ${CURRENT_SCHEMA_VERSION}. Update the app to restore it.`);
  }
  const parsed = v.safeParse(manifestSchema, json);
  if (!parsed.success) refuse(`${DAMAGED}: its manifest is not valid: ${describeIssue(parsed.issues[0])}.`);
  return json as unknown as BackupManifest;
}

/** Checks every item of a JSON list against its schema; returns the items as read. */
function readList<T>(name: string, noun: string, schema: v.GenericSchema, json: unknown): T[] {
  if (!Array.isArray(json)) refuse(`${DAMAGED}: ${name} is not a list of ${noun}s.`);
  json.forEach((item, i) => checkRecord(schema, item, `in ${name}, ${noun} ${i + 1} of ${json.length}`));
  return json as T[];
}

function checkRecord(schema: v.GenericSchema, item: unknown, what: string): void {
  const parsed = v.safeParse(schema, item);
  if (parsed.success) return;
  const id = isRecord(item) && typeof item.id === 'string' ? ` (${quoted(item.id)})` : '';
  refuse(`${DAMAGED}: ${what}${id} is not valid: ${describeIssue(parsed.issues[0])}.`);
}

function unique<T>(items: readonly T[], key: (item: T) => string, message: (item: T, first: T) => string): void {
  const seen = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) refuse(message(item, first));
    seen.set(k, item);
  }
}

function readRecords(manifest: BackupManifest, data: Map<string, Uint8Array>): BackupContents {
  const json = (name: string) => {
    if (!data.has(name)) refuse(`The backup is incomplete: it has no ${name}.`);
    return parseJson(name, data.get(name));
  };
  const documents = readList<DocumentRecord>(DOCUMENTS_ENTRY, 'document', documentSchema, json(DOCUMENTS_ENTRY));
  const findings = readList<Finding>(FINDINGS_ENTRY, 'finding', findingSchema, json(FINDINGS_ENTRY));
  const tags = readList<Tag>(TAGS_ENTRY, 'tag', tagSchema, json(TAGS_ENTRY));
  const settings = readList<Setting>(SETTINGS_ENTRY, 'setting', settingSchema, json(SETTINGS_ENTRY));

  unique(documents, (d) => d.id, (d) => `${DAMAGED}: two documents share the id ${quoted(d.id)}.`);
  unique(
    documents,
    (d) => d.sha256,
    (d, first) => `${DAMAGED}: ${quoted(first.title)} and ${quoted(d.title)} are the same file (same SHA-256); a workspace holds each file once.`,
  );
  unique(findings, (f) => f.id, (f) => `${DAMAGED}: two findings share the id ${quoted(f.id)}.`);
  unique(tags, (t) => t.id, (t) => `${DAMAGED}: two codes of the codebook share the id ${quoted(t.id)}.`);
  unique(settings, (s) => s.key, (s) => `${DAMAGED}: the setting ${quoted(s.key)} appears twice.`);

  const counts = { documents: documents.length, findings: findings.length, tags: tags.length };
  for (const key of ['documents', 'findings', 'tags'] as const) {
    if (manifest.counts[key] !== counts[key]) {
      refuse(`${DAMAGED}: its manifest counts ${manifest.counts[key]} ${key} but ${key}.json holds ${counts[key]}.`);
    }
  }

  const warnings: string[] = [];
  const expected = new Set([DOCUMENTS_ENTRY, FINDINGS_ENTRY, TAGS_ENTRY, SETTINGS_ENTRY]);
  const texts: DocumentText[] = [];
  const files: DocumentFile[] = [];
  const sha = new Map(manifest.entries.map((e) => [e.name, e.sha256]));
  for (const doc of documents) {
    const textName = textEntryName(doc.id);
    const fileName = fileEntryName(doc);
    expected.add(textName).add(fileName);
    if (!data.has(textName)) refuse(`The backup is incomplete: it has no text for ${quoted(doc.title)} (${textName}).`);
    if (!data.has(fileName)) refuse(`The backup is incomplete: it has no original file for ${quoted(doc.title)} (${fileName}).`);
    const text = parseJson(textName, data.get(textName)) as DocumentText;
    checkRecord(textSchema, text, `the text of ${quoted(doc.title)} (${textName})`);
    if (text.documentId !== doc.id) refuse(`${DAMAGED}: ${textName} holds the text of another document (${quoted(text.documentId)}).`);
    if (text.pageStarts.some((s) => s > text.text.length)) refuse(`${DAMAGED}: in ${textName}, a page starts after the end of the text.`);
    texts.push(text);
    const bytes = data.get(fileName)!;
    if (sha.get(fileName) !== doc.sha256 || bytes.length !== doc.byteLength) {
      warnings.push(`The original file of ${quoted(doc.title)} is not the one its record describes (its size or SHA-256 differs).`);
    }
    files.push({ documentId: doc.id, bytes });
  }
  for (const name of data.keys()) {
    if (!expected.has(name)) {
      refuse(
        name.startsWith('texts/') || name.startsWith('files/')
          ? `${DAMAGED}: it holds ${quoted(name)}, which belongs to no document of the backup.`
          : `${DAMAGED}: it holds ${quoted(name)}, which a backup of format ${manifest.formatVersion} does not have.`,
      );
    }
  }

  const docIds = new Set(documents.map((d) => d.id));
  for (const f of findings) {
    if (!docIds.has(f.documentId)) {
      refuse(`The backup is inconsistent: the finding ${quoted(f.id)} (${quoted(f.quote.exact)}) belongs to the document ${quoted(f.documentId)}, which is not in the backup.`);
    }
  }
  const tagIds = new Set(tags.map((t) => t.id));
  const unknownTags = new Set<string>();
  let tagless = 0;
  for (const f of findings) {
    const missing = f.tagIds.filter((id) => !tagIds.has(id));
    if (missing.length > 0) tagless++;
    for (const id of missing) unknownTags.add(id);
  }
  if (tagless > 0) {
    const ids = [...unknownTags].slice(0, 5).map(quoted).join(', ');
    warnings.push(`${tagless} ${tagless === 1 ? 'finding carries' : 'findings carry'} tags the codebook does not have (${ids}${unknownTags.size > 5 ? ', …' : ''}).`);
  }
  // A damaged codebook is still displayed (the app repairs its tree on reading), so it is reported, not refused.
  const problems = validateCodebook(tags.map((t) => ({ ...t, parentId: t.parentId ?? null }) as CodebookTag)).filter((p) => p.severity === 'error');
  for (const p of problems.slice(0, 5)) warnings.push(`Codebook: ${p.message}`);
  if (problems.length > 5) warnings.push(`Codebook: ${problems.length - 5} more problems.`);

  return { manifest, documents, texts, files, findings, tags, settings, warnings };
}

/** Per schema version, what turns records of the version before into its records (the backup-side twin of schema.ts's upgrades). */
const UPGRADES: Readonly<Record<number, (contents: BackupContents) => void>> = {
  2: (c) => {
    c.tags = upgradeToDefaultCodebook(c.tags);
  },
};

function upgrade(contents: BackupContents): void {
  for (let version = contents.manifest.schemaVersion + 1; version <= CURRENT_SCHEMA_VERSION; version++) UPGRADES[version]?.(contents);
}
