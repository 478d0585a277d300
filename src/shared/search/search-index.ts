import MiniSearch from 'minisearch';
import type { DocumentRecord, DocumentText, Finding } from '../model/types';

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

/** Strips accents and case so "Cote d'Ivoire" finds "Côte d’Ivoire". */
function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[’‘]/g, "'").toLowerCase();
}

/**
 * Full-text search over every document's paragraphs and every finding's note (MiniSearch: words,
 * prefixes, "phrases" checked after the index finds candidates, case- and accent-insensitive).
 */
export class ReportSearch {
  private readonly mini = new MiniSearch<Entry>({
    fields: ['text'],
    storeFields: ['documentId', 'kind', 'start', 'end', 'country', 'findingId', 'text'],
    processTerm: (term) => fold(term),
  });
  private readonly titles = new Map<string, string>();

  /** Indexes documents (their paragraphs, with the country narrative each sits in) and findings' notes. */
  constructor(documents: readonly DocumentRecord[], texts: ReadonlyMap<string, DocumentText>, findings: readonly Finding[] = []) {
    const entries: Entry[] = [];
    for (const d of documents) {
      this.titles.set(d.id, d.title);
      const t = texts.get(d.id);
      if (!t) continue;
      const countries = t.structure.countries;
      const countryAt = (offset: number): string => countries.find((c) => c.start <= offset && offset < c.end)?.name ?? '';
      let at = 0;
      for (const para of t.text.split('\n')) {
        if (para.trim().length > 0) entries.push({ id: `${d.id}:${at}`, documentId: d.id, kind: 'paragraph', text: para, start: at, end: at + para.length, country: countryAt(at) });
        at += para.length + 1;
      }
      for (const f of findings) {
        if (f.documentId !== d.id || !f.note.trim()) continue;
        entries.push({ id: `note:${f.id}`, documentId: d.id, kind: 'note', text: f.note, start: f.position.start, end: f.position.end, country: countryAt(f.position.start), findingId: f.id });
      }
    }
    this.mini.addAll(entries);
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
      const folded = fold(text).replace(/\s+/g, ' ');
      if (phrases.some((p) => !folded.includes(p))) continue;
      hits.push({
        documentId: r.documentId as string,
        documentTitle: this.titles.get(r.documentId as string) ?? '',
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
}

/** About 200 characters of `text` around its first matching term. */
function snippet(text: string, terms: readonly string[]): string {
  const folded = fold(text);
  const at = Math.max(0, Math.min(...terms.map((t) => folded.indexOf(t)).filter((i) => i >= 0), text.length));
  const from = Math.max(0, at - 80);
  const to = Math.min(text.length, at + 120);
  return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
}
