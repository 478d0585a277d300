import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { DocumentRecord, Finding } from '../model/types';
import { documentSignature, noteSignature } from './search-signature';

/** One searchable unit: a paragraph of a document, or a finding's note. */
interface Entry {
  id: string;
  documentId: string;
  kind: 'paragraph' | 'note';
  text: string;
  start: number;
  end: number;
  country: string;
  findingId?: string;
}

/** A hit with the words in context. */
export interface SearchHit {
  documentId: string;
  documentTitle: string;
  country: string;
  kind: 'paragraph' | 'note';
  /** Offsets of the paragraph (or the noted passage) in the document text. */
  start: number;
  end: number;
  /** About 200 characters around the first matching word. */
  snippet: string;
  findingId?: string;
  score: number;
}

/** What the index needs of a document's text. */
export interface SearchText {
  text: string;
  /** The country narratives, by name and range. */
  structure: { countries: readonly { name: string; start: number; end: number }[] };
}

/** What the index needs of a finding: its note and where it sits. */
export type SearchNote = Pick<Finding, 'id' | 'documentId' | 'note'> & { position: Pick<Finding['position'], 'start' | 'end'> };

/** Bumped whenever entries or options change shape, so an index serialised by an older build is rebuilt. */
export const SEARCH_INDEX_VERSION = 1;

/** What is remembered of an indexed document, to update it without its text. */
interface IndexedDocument {
  signature: string;
  title: string;
  /** Country narratives (for placing notes), name and range only. */
  countries: { name: string; start: number; end: number }[];
  /** Ids of its paragraph entries. */
  entryIds: string[];
}

/** A {@link ReportSearch} as plain JSON (see {@link ReportSearch.toJSON}). */
export interface SerializedSearch {
  version: number;
  documents: Record<string, IndexedDocument>;
  /** Signature of each indexed note, by finding id. */
  notes: Record<string, string>;
  index: AsPlainObject;
}

/** Strips accents and case so "Cote d'Ivoire" finds "Côte d’Ivoire". */
export function fold(s: string): string {
  // Most report text is ASCII: lower-casing is all it needs, and far cheaper than normalising.
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(s)) return s.toLowerCase();
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[’‘]/g, "'").toLowerCase();
}

const OPTIONS: Options<Entry> = {
  fields: ['text'],
  storeFields: ['documentId', 'kind', 'start', 'end', 'country', 'findingId', 'text'],
  processTerm: (term) => fold(term),
};

/**
 * Full-text search over every document's paragraphs and every finding's note (MiniSearch: words,
 * prefixes, "phrases" checked after the index finds candidates, case- and accent-insensitive).
 * It can be updated in place as documents and notes change, and serialised to skip rebuilding.
 */
export class ReportSearch {
  private mini: MiniSearch<Entry>;
  private documents = new Map<string, IndexedDocument>();
  private notes = new Map<string, string>();

  /** Indexes documents (their paragraphs, with the country narrative each sits in) and findings' notes. */
  constructor(documents: readonly DocumentRecord[] = [], texts: ReadonlyMap<string, SearchText> = new Map(), findings: readonly SearchNote[] = []) {
    this.mini = new MiniSearch<Entry>(OPTIONS);
    if (documents.length) this.update(documents, texts, findings);
  }

  /** A search loaded from {@link toJSON}'s output; throws if it was made by another index version. */
  static fromJSON(json: SerializedSearch): ReportSearch {
    if (json.version !== SEARCH_INDEX_VERSION) throw new Error(`The search index was saved by another version (${json.version}, expected ${SEARCH_INDEX_VERSION}).`);
    const search = new ReportSearch();
    search.mini = MiniSearch.loadJS<Entry>(json.index, OPTIONS);
    search.documents = new Map(Object.entries(json.documents));
    search.notes = new Map(Object.entries(json.notes));
    return search;
  }

  /** The whole index as plain JSON, to store and load again with {@link fromJSON}. */
  toJSON(): SerializedSearch {
    return { version: SEARCH_INDEX_VERSION, documents: Object.fromEntries(this.documents), notes: Object.fromEntries(this.notes), index: this.mini.toJSON() };
  }

  /** Ids of the documents whose text must be (re)indexed: new ones, and those whose text changed since. */
  staleDocuments(documents: readonly DocumentRecord[]): string[] {
    return documents.filter((d) => this.documents.get(d.id)?.signature !== documentSignature(d)).map((d) => d.id);
  }

  /**
   * Brings the index in line with the workspace: drops documents no longer listed, (re)indexes those
   * whose text changed (their text must be in `texts`; one without stays unindexed and stale), takes
   * titles as they are now, and adds, changes or drops notes. Returns how many documents were indexed.
   */
  update(documents: readonly DocumentRecord[], texts: ReadonlyMap<string, SearchText>, findings: readonly SearchNote[]): number {
    const listed = new Map(documents.map((d) => [d.id, d]));
    for (const id of [...this.documents.keys()]) if (!listed.has(id)) this.dropDocument(id);
    let indexed = 0;
    for (const d of documents) {
      const known = this.documents.get(d.id);
      const signature = documentSignature(d);
      if (known?.signature === signature) {
        known.title = d.title;
        continue;
      }
      const text = texts.get(d.id);
      if (known) this.dropDocument(d.id);
      if (!text) continue;
      this.addDocument(d, signature, text);
      indexed++;
    }
    const wanted = new Map<string, SearchNote>();
    for (const f of findings) if (f.note.trim() && this.documents.has(f.documentId)) wanted.set(f.id, f);
    for (const [id, signature] of [...this.notes]) {
      const f = wanted.get(id);
      if (!f || noteSignature(f) !== signature) this.dropNote(id);
    }
    const added: Entry[] = [];
    for (const f of wanted.values()) {
      if (this.notes.has(f.id)) continue;
      const doc = this.documents.get(f.documentId)!;
      added.push({ id: `note:${f.id}`, documentId: f.documentId, kind: 'note', text: f.note, start: f.position.start, end: f.position.end, country: countryAt(doc.countries, f.position.start), findingId: f.id });
      this.notes.set(f.id, noteSignature(f));
    }
    this.mini.addAll(added);
    return indexed;
  }

  /** Hits for a query, best first: words match as prefixes; a "quoted phrase" must appear as written. */
  search(query: string, limit = 200): SearchHit[] {
    const phrases = [...query.matchAll(/"([^"]+)"/g)].map((m) => fold(m[1]!.replace(/\s+/g, ' ').trim())).filter(Boolean);
    const words = query.replace(/"/g, ' ').trim();
    if (!words) return [];
    const results = this.mini.search(words, { prefix: true, combineWith: 'AND' });
    const hits: SearchHit[] = [];
    for (const r of results) {
      const text = r.text as string;
      if (phrases.length) {
        const folded = fold(text).replace(/\s+/g, ' ');
        if (phrases.some((p) => !folded.includes(p))) continue;
      }
      hits.push({
        documentId: r.documentId as string,
        documentTitle: this.documents.get(r.documentId as string)?.title ?? '',
        country: r.country as string,
        kind: r.kind as SearchHit['kind'],
        start: r.start as number,
        end: r.end as number,
        snippet: snippet(text, r.terms),
        ...(r.findingId ? { findingId: r.findingId as string } : {}),
        score: r.score,
      });
      if (hits.length >= limit) break;
    }
    return hits;
  }

  private addDocument(d: DocumentRecord, signature: string, t: SearchText): void {
    const countries = t.structure.countries.map((c) => ({ name: c.name, start: c.start, end: c.end }));
    const entries: Entry[] = [];
    let at = 0;
    for (const para of t.text.split('\n')) {
      if (para.trim().length > 0) entries.push({ id: `${d.id}:${at}`, documentId: d.id, kind: 'paragraph', text: para, start: at, end: at + para.length, country: countryAt(countries, at) });
      at += para.length + 1;
    }
    this.mini.addAll(entries);
    this.documents.set(d.id, { signature, title: d.title, countries, entryIds: entries.map((e) => e.id) });
  }

  private dropDocument(id: string): void {
    const doc = this.documents.get(id);
    if (!doc) return;
    this.mini.discardAll(doc.entryIds);
    this.documents.delete(id);
    // Its notes were placed by its old text: they are added again if the document comes back.
    for (const [noteId] of this.notes) if (this.mini.getStoredFields(`note:${noteId}`)?.documentId === id) this.dropNote(noteId);
  }

  private dropNote(findingId: string): void {
    this.mini.discard(`note:${findingId}`);
    this.notes.delete(findingId);
  }
}

/** The country narrative holding an offset ('' outside any). */
function countryAt(countries: readonly { name: string; start: number; end: number }[], offset: number): string {
  return countries.find((c) => c.start <= offset && offset < c.end)?.name ?? '';
}

/** About 200 characters of `text` around its first matching term. */
function snippet(text: string, terms: readonly string[]): string {
  const folded = fold(text);
  const at = Math.max(0, Math.min(...terms.map((t) => folded.indexOf(t)).filter((i) => i >= 0), text.length));
  const from = Math.max(0, at - 80);
  const to = Math.min(text.length, at + 120);
  return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
}

/** Hits of one document and country narrative, in the order the first of them ranked. */
export interface SearchHitGroup {
  documentId: string;
  documentTitle: string;
  /** '' outside any country narrative. */
  country: string;
  hits: SearchHit[];
}

/** Groups hits by document and country (the way the search view and `rwb search` list them). */
export function groupSearchHits(hits: readonly SearchHit[]): SearchHitGroup[] {
  const groups = new Map<string, SearchHitGroup>();
  for (const h of hits) {
    const key = `${h.documentId}\u0000${h.country}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { documentId: h.documentId, documentTitle: h.documentTitle, country: h.country, hits: [] }));
    g.hits.push(h);
  }
  return [...groups.values()];
}
