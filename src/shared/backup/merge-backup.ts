import { reanchorFindings } from '../anchoring/reanchor';
import { normalizeCodebook, validateCodebook } from '../codebook/codebook-ops';
import { FALLBACK_COLOURS, SHORTCUT_KEYS, isHexColour, type CodebookTag } from '../codebook/codebook-tag';
import { newId } from '../ids';
import type { DocumentFile, DocumentRecord, DocumentText, Finding, Tag } from '../model/types';
import type { WorkbenchStore } from '../store/workbench-store';
import type { BackupContents } from './backup-format';

/** A code's fields compared when both workspaces have it. */
export type TagField = 'name' | 'parent' | 'color' | 'description';
/** A finding's parts compared when both workspaces have it. */
export type FindingField = 'document' | 'passage' | 'tags' | 'note';
/** A document's fields compared when both workspaces hold the same file. */
export type DocumentField = 'title';

/** Which side's version of a conflicting record the merge keeps. */
export type MergeChoice = 'ours' | 'theirs';

interface ConflictBase {
  /** The id the record has here (for a document, our document's id). */
  id: string;
  /** What differs, without the outcome (“The finding “…” differs in the backup (note)”). */
  description: string;
  /** The description with the outcome, as one sentence. */
  message: string;
  /** The side this merge kept (or, in a preview, would keep). */
  kept: MergeChoice;
}

/**
 * A record both workspaces hold (the same finding or code by id, the same document by content) with
 * different content. Their version is already mapped to this workspace (its document and codes are
 * ours), so it is exactly what is stored if the analyst keeps theirs.
 */
export type MergeConflict =
  | (ConflictBase & {
      kind: 'finding';
      fields: FindingField[];
      ours: Finding;
      theirs: Finding;
      /** The side edited last by its own clock ('same' when both say the same time), a hint only: two machines' clocks may differ. */
      newer: MergeChoice | 'same';
    })
  | (ConflictBase & { kind: 'tag'; fields: TagField[]; ours: Tag; theirs: Tag })
  | (ConflictBase & { kind: 'document'; fields: DocumentField[]; ours: DocumentRecord; theirs: DocumentRecord });

/** The key of a conflict in {@link MergeOptions.choices}: its kind and its id here. */
export function conflictKey(c: Pick<MergeConflict, 'kind' | 'id'>): string {
  return `${c.kind}:${c.id}`;
}

/** How to merge. */
export interface MergeOptions {
  /**
   * Work everything out and write nothing (the transaction is read-only, so nothing can be): the
   * summary is what a merge with the same choices would do now.
   */
  dryRun?: boolean;
  /**
   * The side to keep per conflict, by {@link conflictKey}. A conflict not listed keeps ours: the
   * workspace being merged into is the one its analyst has read and relies on, and “edited later”
   * compares two machines' clocks, so theirs replaces ours only when the analyst says so.
   */
  choices?: Readonly<Record<string, MergeChoice>>;
}

/** What {@link mergeBackup} did (or, for a dry run, would do). */
export interface MergeSummary {
  /** False for a dry run: nothing was written. */
  applied: boolean;
  /** `matched`: the same file (by SHA-256) was already here, and its findings were attached to it. */
  documents: { added: number; matched: number; conflicts: number };
  /**
   * `unchanged`: same id, same content. `duplicates`: another id, but the same passage with the same
   * tags and note as one already here. `reanchored`/`orphaned`: findings of a document whose text
   * differs from ours (it was ingested by another version), placed again in our text.
   */
  findings: { added: number; unchanged: number; duplicates: number; conflicts: number; reanchored: number; orphaned: number };
  /** `matched`: another id, but the same code here (same REFI-QDA GUID, or same name under the same parent). */
  tags: { added: number; unchanged: number; matched: number; conflicts: number };
  /** The records added, as stored here (documents without their text and bytes). */
  added: { documents: DocumentRecord[]; findings: Finding[]; tags: Tag[] };
  /** Every conflict: findings first, then codes, then documents; each says which side was kept. */
  conflicts: MergeConflict[];
  /** The backup's own warnings and anything odd met while merging. */
  warnings: string[];
}

const quoted = (s: string) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return `“${flat.length > 60 ? `${flat.slice(0, 59)}…` : flat}”`;
};

/**
 * Imports another workspace's backup (read by readBackup) into this one, in one transaction:
 * documents are recognised by content (SHA-256), findings and codes by id, and nothing is stored
 * twice. Where both sides hold the same finding, code or document with different content, the
 * conflict is listed in the summary and ours is kept unless `options.choices` says theirs.
 * Preferences are not merged: they belong to this workspace.
 */
export async function mergeBackup(store: WorkbenchStore, contents: BackupContents, options: MergeOptions = {}): Promise<MergeSummary> {
  const db = store.db;
  const ctx: MergeContext = { dryRun: options.dryRun === true, choose: (c) => options.choices?.[conflictKey(c)] ?? 'ours' };
  const summary: MergeSummary = {
    applied: !ctx.dryRun,
    documents: { added: 0, matched: 0, conflicts: 0 },
    findings: { added: 0, unchanged: 0, duplicates: 0, conflicts: 0, reanchored: 0, orphaned: 0 },
    tags: { added: 0, unchanged: 0, matched: 0, conflicts: 0 },
    added: { documents: [], findings: [], tags: [] },
    conflicts: [],
    warnings: [...contents.warnings],
  };
  return db.transaction(ctx.dryRun ? 'r' : 'rw', [db.documents, db.texts, db.files, db.findings, db.tags], async () => {
    const docs = await mergeDocuments(store, contents, summary, ctx);
    const tags = await mergeTags(store, contents.tags, summary, ctx);
    await mergeFindings(store, contents.findings, docs, tags, summary, ctx);
    summary.conflicts.push(...docs.conflicts);
    return summary;
  });
}

/** What the merge of {@link mergeBackup} without writing: the preview shown before the analyst confirms. */
export function previewMerge(store: WorkbenchStore, contents: BackupContents, choices?: MergeOptions['choices']): Promise<MergeSummary> {
  return mergeBackup(store, contents, { dryRun: true, ...(choices ? { choices } : {}) });
}

interface MergeContext {
  dryRun: boolean;
  choose: (c: Pick<MergeConflict, 'kind' | 'id'>) => MergeChoice;
}

const outcome = (kept: MergeChoice) => (kept === 'ours' ? 'yours was kept' : 'theirs was taken');

interface DocumentMapping {
  /** Their document id → ours. */
  ids: Map<string, string>;
  /** Their document id → our text, where the same file's text differs from theirs. */
  retext: Map<string, DocumentText>;
  /** Documents held on both sides under another title (listed after findings and codes). */
  conflicts: MergeConflict[];
}

async function mergeDocuments(store: WorkbenchStore, contents: BackupContents, summary: MergeSummary, ctx: MergeContext): Promise<DocumentMapping> {
  const db = store.db;
  const ours = await db.documents.toArray();
  const bySha = new Map(ours.map((d) => [d.sha256, d]));
  const byId = new Map(ours.map((d) => [d.id, d]));
  const theirTexts = new Map(contents.texts.map((t) => [t.documentId, t]));
  const theirFiles = new Map(contents.files.map((f) => [f.documentId, f.bytes]));
  const mapping: DocumentMapping = { ids: new Map(), retext: new Map(), conflicts: [] };
  const documents: DocumentRecord[] = [];
  const texts: DocumentText[] = [];
  const files: DocumentFile[] = [];
  for (const doc of contents.documents) {
    const same = bySha.get(doc.sha256);
    if (same) {
      mapping.ids.set(doc.id, same.id);
      summary.documents.matched++;
      const ourText = await db.texts.get(same.id);
      const theirText = theirTexts.get(doc.id);
      if (ourText && theirText && ourText.text !== theirText.text) mapping.retext.set(doc.id, ourText);
      if (same.title.trim() !== doc.title.trim() && doc.title.trim()) {
        const kept = ctx.choose({ kind: 'document', id: same.id });
        const description = `The document ${quoted(same.title)} is called ${quoted(doc.title)} in the backup`;
        mapping.conflicts.push({ kind: 'document', id: same.id, fields: ['title'], description, message: `${description}; ${outcome(kept)}.`, kept, ours: same, theirs: { ...doc, id: same.id } });
        summary.documents.conflicts++;
        if (kept === 'theirs') {
          // Renamed to theirs: later documents of the backup with our old title do not clash with it.
          if (!ctx.dryRun) await db.documents.update(same.id, { title: doc.title.trim() });
        }
      }
      continue;
    }
    const text = theirTexts.get(doc.id);
    const bytes = theirFiles.get(doc.id);
    if (!text || !bytes) throw new Error(`The backup was not merged: the text or the file of ${quoted(doc.title)} is missing from it.`);
    // A re-imported document keeps its id but changes its file, so two workspaces that share a
    // history can hold one id for two different files: theirs then becomes a document of its own.
    const clash = byId.get(doc.id);
    const id = clash ? newId() : doc.id;
    if (clash) {
      summary.warnings.push(`${quoted(doc.title)} from the backup has the same id as ${quoted(clash.title)} here but is a different file; it was added as a separate document.`);
    }
    const record = { ...doc, id };
    mapping.ids.set(doc.id, id);
    bySha.set(doc.sha256, record);
    byId.set(id, record);
    documents.push(record);
    texts.push({ ...text, documentId: id });
    files.push({ documentId: id, bytes });
    summary.documents.added++;
  }
  summary.added.documents = documents;
  if (!ctx.dryRun) {
    await db.documents.bulkAdd(documents);
    await db.texts.bulkAdd(texts);
    await db.files.bulkAdd(files);
  }
  return mapping;
}

const nameKey = (parentId: string | null, name: string) => `${parentId ?? ''}\u0000${name.trim().toLocaleLowerCase()}`;

/** What merging the codebooks gives: their tag id → our tag id, and every code id of the merged codebook. */
interface TagMapping {
  ids: Map<string, string>;
  all: Set<string>;
}

/** Merges their codebook into ours. */
async function mergeTags(store: WorkbenchStore, theirTags: readonly Tag[], summary: MergeSummary, ctx: MergeContext): Promise<TagMapping> {
  const db = store.db;
  const stored = await db.tags.toArray();
  const storedById = new Map(stored.map((t) => [t.id, t]));
  const current: CodebookTag[] = stored.map((t) => ({ ...t, parentId: t.parentId ?? null }));
  const byId = new Map(current.map((t) => [t.id, t]));
  const byGuid = new Map(current.filter((t) => t.guid).map((t) => [t.guid!.toLowerCase(), t]));
  const byName = new Map(current.map((t) => [nameKey(t.parentId, t.name), t]));
  const usedKeys = new Set(current.map((t) => t.shortcut).filter((k) => k !== undefined));
  const usedColours = new Set(current.map((t) => t.color.toLowerCase()));
  const original = new Map(theirTags.map((t) => [t.id, t]));
  const tagMap = new Map<string, string>();
  const added: CodebookTag[] = [];
  /** Our codes replaced by their version. */
  const changed = new Set<string>();

  // Parents first, so each code's parent is already mapped to ours when the code is reached.
  for (const t of normalizeCodebook(theirTags.map((x) => ({ ...x, parentId: x.parentId ?? null })))) {
    const theirs = original.get(t.id)!;
    const parentId = t.parentId === null ? null : (tagMap.get(t.parentId) ?? null);
    const mine = byId.get(t.id);
    if (mine) {
      tagMap.set(t.id, mine.id);
      const fields = tagDifferences(mine, t, parentId);
      if (fields.length === 0) summary.tags.unchanged++;
      else {
        summary.tags.conflicts++;
        const kept = ctx.choose({ kind: 'tag', id: mine.id });
        const description = tagConflictDescription(mine, t, fields);
        const ours = storedById.get(mine.id)!;
        summary.conflicts.push({ kind: 'tag', id: mine.id, fields, description, message: `${description}; ${outcome(kept)}.`, kept, ours, theirs: { ...theirs, parentId } });
        if (kept === 'theirs') {
          // Their wording, place and colour; our order, key and GUID, which the rest of ours relies on.
          byName.delete(nameKey(mine.parentId, mine.name));
          mine.name = t.name;
          mine.parentId = parentId;
          mine.description = t.description;
          if (isHexColour(t.color)) mine.color = t.color;
          byName.set(nameKey(parentId, mine.name), mine);
          changed.add(mine.id);
        }
      }
      continue;
    }
    const twin = (t.guid ? byGuid.get(t.guid.toLowerCase()) : undefined) ?? byName.get(nameKey(parentId, t.name));
    if (twin) {
      tagMap.set(t.id, twin.id);
      summary.tags.matched++;
      continue;
    }
    const tag: CodebookTag = { ...theirs, parentId, order: current.length + added.length + 1 };
    // Their codebook may be damaged (readBackup only warns); a new code must not damage ours.
    if (!isHexColour(tag.color)) tag.color = FALLBACK_COLOURS.find((c) => !usedColours.has(c)) ?? FALLBACK_COLOURS[0]!;
    if (tag.shortcut !== undefined && (usedKeys.has(tag.shortcut) || !SHORTCUT_KEYS.includes(tag.shortcut))) delete tag.shortcut;
    if (tag.guid !== undefined && byGuid.has(tag.guid.toLowerCase())) delete tag.guid;
    if (tag.shortcut !== undefined) usedKeys.add(tag.shortcut);
    usedColours.add(tag.color.toLowerCase());
    if (tag.guid) byGuid.set(tag.guid.toLowerCase(), tag);
    byId.set(tag.id, tag);
    byName.set(nameKey(parentId, tag.name), tag);
    tagMap.set(t.id, tag.id);
    added.push(tag);
    summary.tags.added++;
  }

  summary.added.tags = added;
  if (added.length > 0 || changed.size > 0) {
    const all = normalizeCodebook([...current, ...added]);
    const touched = new Set([...added.map((t) => t.id), ...changed]);
    // Checked before normalising, which would quietly lift a code out of a loop their version made.
    const problems = validateCodebook([...current, ...added]).filter((p) => p.severity === 'error' && p.tagId !== null && touched.has(p.tagId));
    if (problems.length > 0) throw new Error(`The backup was not merged: its codebook cannot join yours. ${problems.slice(0, 3).map((p) => p.message).join(' ')}`);
    if (!ctx.dryRun) await db.tags.bulkPut(all.filter((t) => !sameRecord(storedById.get(t.id), t)));
  }
  return { ids: tagMap, all: new Set(byId.keys()) };
}

function tagDifferences(mine: CodebookTag, theirs: CodebookTag, theirParent: string | null): TagField[] {
  const fields: TagField[] = [];
  if (mine.name.trim() !== theirs.name.trim()) fields.push('name');
  if (mine.parentId !== theirParent) fields.push('parent');
  if (mine.color.toLowerCase() !== theirs.color.toLowerCase()) fields.push('color');
  if (mine.description.trim() !== theirs.description.trim()) fields.push('description');
  return fields;
}

function tagConflictDescription(mine: CodebookTag, theirs: CodebookTag, fields: TagField[]): string {
  const other = fields.filter((f) => f !== 'name').map((f) => (f === 'color' ? 'colour' : f));
  const parts = [
    ...(fields.includes('name') ? [`is called ${quoted(theirs.name)}`] : []),
    ...(other.length > 0 ? [`has a different ${other.join(' and ')}`] : []),
  ];
  return `The code ${quoted(mine.name)} ${parts.join(' and ')} in the backup`;
}

function sameRecord(a: object | undefined, b: object): boolean {
  if (!a) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const k of keys) if (x[k] !== y[k]) return false;
  return true;
}

/** What makes two findings the same finding: where, what, how tagged, what noted; not when. */
function contentKey(f: Finding): string {
  return JSON.stringify([f.documentId, f.position.start, f.position.end, f.quote.exact, [...new Set(f.tagIds)].sort(), f.note.trim()]);
}

function findingDifferences(mine: Finding, theirs: Finding): FindingField[] {
  const what: FindingField[] = [];
  if (mine.documentId !== theirs.documentId) what.push('document');
  if (mine.position.start !== theirs.position.start || mine.position.end !== theirs.position.end || mine.quote.exact !== theirs.quote.exact) what.push('passage');
  if (JSON.stringify([...new Set(mine.tagIds)].sort()) !== JSON.stringify([...new Set(theirs.tagIds)].sort())) what.push('tags');
  if (mine.note.trim() !== theirs.note.trim()) what.push('note');
  return what;
}

async function mergeFindings(
  store: WorkbenchStore,
  theirFindings: readonly Finding[],
  docs: DocumentMapping,
  tags: TagMapping,
  summary: MergeSummary,
  ctx: MergeContext,
): Promise<void> {
  const tagMap = tags.ids;
  const db = store.db;
  const now = new Date().toISOString();
  const mapped = theirFindings.map((f): Finding => {
    const documentId = docs.ids.get(f.documentId);
    if (documentId === undefined) throw new Error(`The backup was not merged: the finding ${quoted(f.quote.exact)} belongs to a document that is not in it.`);
    return { ...f, documentId, tagIds: [...new Set(f.tagIds.map((id) => tagMap.get(id) ?? id))] };
  });

  // Same file, other text (another version of ingestion): offsets may not hold, so each finding is found again.
  const byIndex = new Map<number, Finding>();
  for (const [theirDocId, ourText] of docs.retext) {
    const indexes = theirFindings.flatMap((f, i) => (f.documentId === theirDocId ? [i] : []));
    const results = reanchorFindings(indexes.map((i) => mapped[i]!), ourText.text, { pageStarts: ourText.pageStarts, spans: ourText.spans });
    results.forEach(({ finding, result }, k) => {
      if (result.status === 'orphaned') summary.findings.orphaned++;
      else summary.findings.reanchored++;
      byIndex.set(indexes[k]!, { ...finding, anchor: { status: result.status, similarity: result.similarity, checkedAt: now } });
    });
  }

  const ours = await db.findings.toArray();
  const ourById = new Map(ours.map((f) => [f.id, f]));
  const known = new Map(ours.map((f) => [contentKey(f), f.id]));
  /** Their id → ours, for a finding of theirs that is a duplicate of one here (its successors must point at ours). */
  const sameAs = new Map<string, string>();
  const tagIds = tags.all;
  const unknownTags = new Set<string>();
  const fresh: Finding[] = [];
  const conflicts: MergeConflict[] = [];
  const replaced: Finding[] = [];
  mapped.forEach((m, i) => {
    const f = byIndex.get(i) ?? m;
    const mine = ourById.get(f.id);
    if (mine) {
      if (contentKey(mine) === contentKey(f)) summary.findings.unchanged++;
      else {
        summary.findings.conflicts++;
        const kept = ctx.choose({ kind: 'finding', id: f.id });
        const fields = findingDifferences(mine, f);
        const description = `The finding ${quoted(mine.quote.exact)} differs in the backup (${fields.join(', ')})`;
        const newer = mine.updatedAt === f.updatedAt ? 'same' : mine.updatedAt > f.updatedAt ? 'ours' : 'theirs';
        conflicts.push({ kind: 'finding', id: f.id, fields, description, message: `${description}; ${outcome(kept)}.`, kept, newer, ours: mine, theirs: f });
        if (kept === 'theirs') {
          replaced.push(f);
          for (const id of f.tagIds) if (!tagIds.has(id)) unknownTags.add(id);
        }
      }
      return;
    }
    const key = contentKey(f);
    const twin = known.get(key);
    if (twin !== undefined) {
      summary.findings.duplicates++;
      sameAs.set(f.id, twin);
      return;
    }
    known.set(key, f.id);
    for (const id of f.tagIds) if (!tagIds.has(id)) unknownTags.add(id);
    fresh.push(f);
  });
  // A carried-forward finding keeps its history when its predecessor merged into one of ours.
  for (const f of fresh) {
    const ourPredecessor = f.predecessorId === undefined ? undefined : sameAs.get(f.predecessorId);
    if (ourPredecessor !== undefined) f.predecessorId = ourPredecessor;
  }
  if (!ctx.dryRun) {
    await db.findings.bulkAdd(fresh);
    await db.findings.bulkPut(replaced);
  }
  summary.findings.added = fresh.length;
  summary.added.findings = fresh;
  summary.conflicts.unshift(...conflicts);
  if (unknownTags.size > 0) {
    summary.warnings.push(`Some merged findings carry tags that neither codebook has (${[...unknownTags].slice(0, 5).map(quoted).join(', ')}${unknownTags.size > 5 ? ', …' : ''}).`);
  }
}
