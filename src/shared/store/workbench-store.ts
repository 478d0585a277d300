import { Dexie, type ObservabilitySet } from 'dexie';
import type { IngestedDocument } from '../ingest/types';
import { reanchorFindings } from '../anchoring/reanchor';
import type { CodebookTag } from '../codebook/codebook-tag';
import type { ExportInput } from '../export/finding-rows';
import { normalizeCodebook, validateCodebook, type CodebookEdit } from '../codebook/codebook-ops';
import type { Result } from '../result';
import { newId } from '../ids';
import { pageAtOffset, quoteAt } from '../model/document-text';
import { rectsField, textOrdered } from '../model/span-geometry';
import type { DocumentRecord, DocumentText, Finding } from '../model/types';
import type { WorkbenchDb } from './workbench-db';

/** What {@link WorkbenchStore.importDocument} did. */
export interface ImportOutcome {
  document: DocumentRecord;
  /** False when the same file (by content hash) was already in the library. */
  created: boolean;
}

/** How the findings of a re-imported document were found again. */
export type ReimportSummary = Record<'exact' | 'moved' | 'fuzzy' | 'orphaned', number>;

/** What the analyst chose when tagging a passage. */
export interface NewFinding {
  documentId: string;
  /** Offsets into the document's clean text. */
  start: number;
  end: number;
  tagIds: string[];
  note?: string;
}

/** A finding of an earlier edition to carry into a later one, at the passage found there. */
export interface CarryItem {
  predecessorId: string;
  /** The later edition. */
  documentId: string;
  start: number;
  end: number;
}

/** What {@link WorkbenchStore.carryFindings} did: the findings made, and each one not made with why. */
export interface CarryOutcome {
  created: Finding[];
  skipped: Array<{ predecessorId: string; reason: string }>;
}

/** The title a document starts with: its file name without extension. */
export function titleFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/**
 * The workspace's documents, findings and tags over Dexie. Every write resolves only after its
 * transaction has committed, so a caller may tell the analyst "saved" when it returns.
 */
export class WorkbenchStore {
  /**
   * The document text read last (getText), kept until a write touches the texts table. A text
   * with its page geometry is megabytes (over 100,000 spans for a 260-page report) and took about
   * 250 ms to read back from IndexedDB; saving a finding needs it, and the reader has just read it.
   */
  private lastText?: DocumentText;
  private watchingTexts = false;

  constructor(readonly db: WorkbenchDb) {}

  /**
   * Forgets the kept text on any write to the texts table, here or in another window of the same
   * workspace: Dexie reports every committed write (clear() included) as "storagemutated", the
   * same signal its live queries re-run on. The listener holds the store weakly.
   */
  private watchTexts(): void {
    if (this.watchingTexts) return;
    this.watchingTexts = true;
    const self = new WeakRef(this);
    const prefix = `idb://${this.db.name}/texts/`;
    const listener = (parts: ObservabilitySet): void => {
      const store = self.deref();
      if (!store) return void Dexie.on.storagemutated.unsubscribe(listener);
      if (Object.keys(parts).some((k) => k.startsWith(prefix))) store.lastText = undefined;
    };
    Dexie.on('storagemutated', listener);
  }

  /** A document's text, from what was read last when no write has touched the texts since. */
  private async textFor(documentId: string): Promise<DocumentText | undefined> {
    const kept = this.lastText;
    return kept?.documentId === documentId ? kept : this.db.texts.get(documentId);
  }

  /** Adds an ingested document with its text and original bytes, or returns the one already there. */
  async importDocument(doc: IngestedDocument, bytes: Uint8Array): Promise<ImportOutcome> {
    return this.db.transaction('rw', this.db.documents, this.db.texts, this.db.files, async () => {
      const existing = await this.db.documents.where('sha256').equals(doc.sha256).first();
      if (existing) return { document: existing, created: false };
      const record: DocumentRecord = {
        id: newId(),
        title: titleFromFileName(doc.fileName),
        fileName: doc.fileName,
        kind: doc.kind,
        sha256: doc.sha256,
        byteLength: doc.byteLength,
        pageCount: doc.pageStarts.length,
        characters: doc.characters,
        warnings: doc.warnings,
        year: doc.structure.year,
        yearSource: doc.structure.yearSource,
        countries: doc.structure.countries.map((c) => ({ name: c.name, tier: c.tier })),
        addedAt: new Date().toISOString(),
      };
      await this.db.documents.add(record);
      await this.db.texts.add({ documentId: record.id, text: doc.text, pageStarts: doc.pageStarts, spans: doc.spans, structure: doc.structure });
      await this.db.files.add({ documentId: record.id, bytes });
      return { document: record, created: true };
    });
  }

  /** Every document, oldest first. */
  listDocuments(): Promise<DocumentRecord[]> {
    return this.db.documents.orderBy('addedAt').toArray();
  }

  /**
   * A document's clean text and structure, or undefined if it is not in the library. Always read
   * from the database (a live query must see the read to re-run on a change); kept for the writes
   * that need it next.
   */
  async getText(documentId: string): Promise<DocumentText | undefined> {
    this.watchTexts();
    const text = await this.db.texts.get(documentId);
    if (text) this.lastText = text;
    return text;
  }

  /** The original bytes of a document (for the page view), or undefined. */
  async getFileBytes(documentId: string): Promise<Uint8Array | undefined> {
    return (await this.db.files.get(documentId))?.bytes;
  }

  /** The codebook, parents before children, in display order. */
  async listTags(): Promise<CodebookTag[]> {
    return normalizeCodebook((await this.db.tags.orderBy('order').toArray()).map((t) => ({ ...t, parentId: t.parentId ?? null })));
  }

  /**
   * Runs a codebook edit (see codebook-ops.ts) on the stored codebook and findings and writes its
   * outcome in the same transaction, so codes and the findings that use them never disagree.
   * Throws the edit's readable refusal; resolves to the edit (its `message` says what it did).
   */
  async editCodebook<E extends CodebookEdit>(run: (tags: CodebookTag[], findings: Pick<Finding, 'id' | 'tagIds'>[]) => Result<E>): Promise<E> {
    return this.db.transaction('rw', this.db.tags, this.db.findings, async () => {
      const tags = await this.listTags();
      const findings = (await this.db.findings.toArray()).map((f) => ({ id: f.id, tagIds: f.tagIds }));
      const result = run(tags, findings);
      if (!result.ok) throw new Error(result.error);
      const edit = result.value;
      const problems = validateCodebook(edit.tags).filter((p) => p.severity === 'error');
      if (problems.length) throw new Error(problems.map((p) => p.message).join(' '));
      await this.db.tags.bulkDelete(edit.removedIds);
      await this.db.tags.bulkPut(edit.changed);
      const now = new Date().toISOString();
      for (const u of edit.findingUpdates) await this.db.findings.update(u.findingId, { tagIds: u.tagIds, updatedAt: now });
      return edit;
    });
  }

  /** Puts the codebook and the given findings back exactly as they were (undo of a codebook edit). */
  async restoreCodebook(tags: readonly CodebookTag[], findings: readonly Finding[]): Promise<void> {
    await this.db.transaction('rw', this.db.tags, this.db.findings, async () => {
      await this.db.tags.clear();
      await this.db.tags.bulkPut([...tags]);
      await this.db.findings.bulkPut([...findings]);
    });
  }

  /** Adds the codes of an imported codebook that the workspace does not have yet (by id or GUID); returns how many. */
  async importCodebook(imported: readonly CodebookTag[]): Promise<number> {
    return this.db.transaction('rw', this.db.tags, async () => {
      const current = await this.listTags();
      const ids = new Set(current.map((t) => t.id));
      const fresh = imported.filter((t) => !ids.has(t.id));
      const all = normalizeCodebook([...current, ...fresh.map((t, i) => ({ ...t, order: current.length + i + 1 }))]);
      const problems = validateCodebook(all).filter((p) => p.severity === 'error');
      if (problems.length) throw new Error(`The codebook was not imported: ${problems.map((p) => p.message).join(' ')}`);
      await this.db.tags.bulkPut(all);
      return fresh.length;
    });
  }

  /**
   * How many findings each document has, counted from the documentId index: no finding is read,
   * so a library that shows the counts stays cheap to refresh after every save.
   */
  async countFindingsByDocument(): Promise<Map<string, number>> {
    // One cursor step per document (uniqueKeys) and IndexedDB's own count per document: no cursor
    // walks the findings one by one.
    const ids = (await this.db.findings.orderBy('documentId').uniqueKeys()) as string[];
    const counts = await Promise.all(ids.map((id) => this.db.findings.where('documentId').equals(id).count()));
    return new Map(ids.map((id, i) => [id, counts[i]!]));
  }

  /** A document's findings in reading order. */
  async listFindings(documentId: string): Promise<Finding[]> {
    const rows = await this.db.findings.where('documentId').equals(documentId).toArray();
    return rows.sort((a, b) => a.position.start - b.position.start || a.position.end - b.position.end);
  }

  /**
   * Stores a new finding with its quote, position, page and (in a PDF) page rectangles; validates
   * against the document's text.
   */
  async createFinding(input: NewFinding): Promise<Finding> {
    const note = (input.note ?? '').trim();
    if (input.tagIds.length === 0) throw new Error('Choose at least one tag for the finding.');
    return this.db.transaction('rw', this.db.findings, this.db.texts, this.db.tags, async () => {
      const text = await this.textFor(input.documentId);
      if (!text) throw new Error('That document is no longer in the library.');
      const full = text.text;
      const { start, end } = input;
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > full.length) {
        throw new Error('The selected passage is outside the document.');
      }
      if (full.slice(start, end).trim() === '') throw new Error('The selected passage is empty.');
      const known = await this.db.tags.bulkGet(input.tagIds);
      if (known.some((t) => !t)) throw new Error('One of the chosen tags no longer exists.');
      const now = new Date().toISOString();
      const finding: Finding = {
        id: newId(),
        documentId: input.documentId,
        quote: quoteAt(full, start, end),
        position: { start, end },
        page: pageAtOffset(text.pageStarts, start),
        ...rectsField(textOrdered(text.spans), start, end),
        tagIds: [...new Set(input.tagIds)],
        note,
        createdAt: now,
        updatedAt: now,
      };
      await this.db.findings.add(finding);
      return finding;
    });
  }

  /**
   * Carries findings of an earlier edition into a later one (see compare/carry-forward.ts): each
   * becomes a new finding at the given passage with its predecessor's tags (those still in the
   * codebook) and note, linked by `predecessorId`. A predecessor that already has a successor in
   * that document is skipped ("already carried"), so accepting twice never duplicates; so is one
   * whose passage is invalid or whose tags are all gone. One transaction.
   */
  async carryFindings(items: readonly CarryItem[]): Promise<CarryOutcome> {
    return this.db.transaction('rw', this.db.findings, this.db.texts, this.db.tags, async () => {
      const outcome: CarryOutcome = { created: [], skipped: [] };
      const texts = new Map<string, DocumentText | undefined>();
      const carried = new Map<string, Set<string>>();
      const now = new Date().toISOString();
      for (const item of items) {
        const skip = (reason: string): void => void outcome.skipped.push({ predecessorId: item.predecessorId, reason });
        const predecessor = await this.db.findings.get(item.predecessorId);
        if (!predecessor) {
          skip('That finding no longer exists.');
          continue;
        }
        if (predecessor.documentId === item.documentId) {
          skip('A finding cannot be carried into its own document.');
          continue;
        }
        if (!texts.has(item.documentId)) texts.set(item.documentId, await this.textFor(item.documentId));
        const text = texts.get(item.documentId);
        if (!text) {
          skip('That document is no longer in the library.');
          continue;
        }
        let successors = carried.get(item.documentId);
        if (!successors) {
          const inDoc = await this.db.findings.where('documentId').equals(item.documentId).toArray();
          successors = new Set(inDoc.flatMap((f) => (f.predecessorId ? [f.predecessorId] : [])));
          carried.set(item.documentId, successors);
        }
        if (successors.has(predecessor.id)) {
          skip('Already carried into that document.');
          continue;
        }
        const { start, end } = item;
        if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > text.text.length || text.text.slice(start, end).trim() === '') {
          skip('The passage is outside the document.');
          continue;
        }
        const known = await this.db.tags.bulkGet(predecessor.tagIds);
        const tagIds = predecessor.tagIds.filter((_, i) => known[i]);
        if (tagIds.length === 0) {
          skip('None of its tags is in the codebook any more.');
          continue;
        }
        const finding: Finding = {
          id: newId(),
          documentId: item.documentId,
          quote: quoteAt(text.text, start, end),
          position: { start, end },
          page: pageAtOffset(text.pageStarts, start),
          // The later edition's own geometry: the predecessor's rectangles belong to its document.
          ...rectsField(textOrdered(text.spans), start, end),
          tagIds: [...new Set(tagIds)],
          note: predecessor.note,
          createdAt: now,
          updatedAt: now,
          predecessorId: predecessor.id,
        };
        await this.db.findings.add(finding);
        successors.add(predecessor.id);
        outcome.created.push(finding);
      }
      return outcome;
    });
  }

  /** Changes a finding's tags and note; resolves to the record before and after the change. */
  async updateFinding(id: string, patch: { tagIds?: string[]; note?: string }): Promise<{ before: Finding; after: Finding }> {
    return this.db.transaction('rw', this.db.findings, this.db.tags, async () => {
      const before = await this.db.findings.get(id);
      if (!before) throw new Error('That finding no longer exists.');
      const tagIds = patch.tagIds ? [...new Set(patch.tagIds)] : before.tagIds;
      if (tagIds.length === 0) throw new Error('A finding needs at least one tag.');
      if (patch.tagIds && (await this.db.tags.bulkGet(tagIds)).some((t) => !t)) throw new Error('One of the chosen tags no longer exists.');
      const after: Finding = { ...before, tagIds, note: patch.note !== undefined ? patch.note.trim() : before.note, updatedAt: new Date().toISOString() };
      await this.db.findings.put(after);
      return { before, after };
    });
  }

  /** Puts back a finding exactly as it was (undo of a delete or an edit). */
  async restoreFinding(finding: Finding): Promise<void> {
    await this.db.transaction('rw', this.db.findings, this.db.documents, async () => {
      if (!(await this.db.documents.get(finding.documentId))) throw new Error('Its document is no longer in the library.');
      await this.db.findings.put(finding);
    });
  }

  /** Removes a finding; resolves to the removed record (for undo) or undefined. */
  async deleteFinding(id: string): Promise<Finding | undefined> {
    return this.db.transaction('rw', this.db.findings, async () => {
      const f = await this.db.findings.get(id);
      if (f) await this.db.findings.delete(id);
      return f;
    });
  }

  /** Renames a document in the library (the file on disk is untouched). */
  async renameDocument(id: string, title: string): Promise<void> {
    const clean = title.trim();
    if (!clean) throw new Error('A document needs a title.');
    if (clean.length > 300) throw new Error('That title is too long (300 characters at most).');
    const n = await this.db.documents.update(id, { title: clean });
    if (n === 0) throw new Error('That document is no longer in the library.');
  }

  /** How many findings a document holds (said before it is deleted). */
  countFindings(documentId: string): Promise<number> {
    return this.db.findings.where('documentId').equals(documentId).count();
  }

  /** Deletes a document with its text, bytes and findings, in one transaction; returns how many findings went. */
  async deleteDocument(id: string): Promise<number> {
    return this.db.transaction('rw', [this.db.documents, this.db.texts, this.db.files, this.db.findings], async () => {
      const n = await this.db.findings.where('documentId').equals(id).delete();
      await this.db.texts.delete(id);
      await this.db.files.delete(id);
      await this.db.documents.delete(id);
      return n;
    });
  }

  /**
   * Replaces a document's content with a new version and finds every finding again in the new
   * text (position, exact quote, then fuzzy). A finding whose text is gone is kept, marked
   * orphaned. All in one transaction: either the new version and every finding's new anchor are
   * stored, or nothing changes.
   */
  async reimportDocument(id: string, doc: IngestedDocument, bytes: Uint8Array): Promise<ReimportSummary> {
    return this.db.transaction('rw', [this.db.documents, this.db.texts, this.db.files, this.db.findings], async () => {
      const record = await this.db.documents.get(id);
      if (!record) throw new Error('That document is no longer in the library.');
      const clash = await this.db.documents.where('sha256').equals(doc.sha256).first();
      if (clash && clash.id !== id) throw new Error(`This file is already in the library as “${clash.title}”.`);
      const findings = await this.db.findings.where('documentId').equals(id).toArray();
      const now = new Date().toISOString();
      const summary: ReimportSummary = { exact: 0, moved: 0, fuzzy: 0, orphaned: 0 };
      const updated = reanchorFindings(findings, doc.text, { pageStarts: doc.pageStarts, spans: doc.spans }).map(({ finding, result }) => {
        summary[result.status]++;
        return { ...finding, anchor: { status: result.status, similarity: result.similarity, checkedAt: now } };
      });
      await this.db.documents.put({
        ...record,
        fileName: doc.fileName,
        kind: doc.kind,
        sha256: doc.sha256,
        byteLength: doc.byteLength,
        pageCount: doc.pageStarts.length,
        characters: doc.characters,
        warnings: doc.warnings,
        year: doc.structure.year,
        yearSource: doc.structure.yearSource,
        countries: doc.structure.countries.map((c) => ({ name: c.name, tier: c.tier })),
      });
      await this.db.texts.put({ documentId: id, text: doc.text, pageStarts: doc.pageStarts, spans: doc.spans, structure: doc.structure });
      await this.db.files.put({ documentId: id, bytes });
      await this.db.findings.bulkPut(updated);
      return summary;
    });
  }

  /** Everything an export needs (documents, their texts, findings, codebook), read in one transaction. */
  async exportInput(): Promise<ExportInput> {
    return this.db.transaction('r', [this.db.documents, this.db.texts, this.db.findings, this.db.tags], async () => ({
      documents: await this.listDocuments(),
      texts: new Map((await this.db.texts.toArray()).map((t) => [t.documentId, t])),
      findings: await this.db.findings.toArray(),
      tags: await this.listTags(),
    }));
  }

  /** A stored preference. */
  async getSetting<T>(key: string): Promise<T | undefined> {
    return (await this.db.settings.get(key))?.value as T | undefined;
  }

  /** Stores a preference. */
  async setSetting(key: string, value: unknown): Promise<void> {
    await this.db.settings.put({ key, value });
  }
}
