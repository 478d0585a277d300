import { tagFilterIds } from '../codebook/codebook-ops';
import { toCodebookTags, type CodebookTag } from '../codebook/codebook-tag';
import { findingRows, type ExportInput, type FindingRow } from '../export/finding-rows';
import type { SectionKind } from '../ingest/report-types';

/** What the findings table is narrowed to; every field is optional and they combine with AND. */
export interface FindingFilter {
  /** A code: findings with it or any code below it. */
  tagId?: string;
  country?: string;
  year?: number;
  section?: SectionKind;
  documentId?: string;
  /** Words in the quote or the note, case-insensitive. */
  text?: string;
  /** Only findings whose passage is gone from the current text. */
  orphanedOnly?: boolean;
}

/** True when the filter narrows nothing (every field empty). */
export function isEmptyFilter(filter: FindingFilter): boolean {
  return !filter.tagId && filter.country === undefined && filter.year === undefined && filter.section === undefined && filter.documentId === undefined && !(filter.text ?? '').trim() && !filter.orphanedOnly;
}

/** The export input narrowed to the findings the table shows under a filter (documents, texts and codebook kept whole). */
export function filterExportInput(input: ExportInput, filter: FindingFilter): ExportInput {
  const keep = new Set(filterFindings(findingRows(input), toCodebookTags(input.tags), filter).map((r) => r.id));
  return { ...input, findings: input.findings.filter((f) => keep.has(f.id)) };
}

/** Columns the table sorts by. */
export type FindingSortKey = 'document' | 'year' | 'country' | 'section' | 'page' | 'tags' | 'created';

/** The rows that pass the filter, in their original order. */
export function filterFindings(rows: readonly FindingRow[], tags: readonly CodebookTag[], filter: FindingFilter): FindingRow[] {
  const tagIds = filter.tagId ? tagFilterIds(tags, filter.tagId) : undefined;
  const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    if (tagIds && !r.tagIds.some((id) => tagIds.has(id))) return false;
    if (filter.country !== undefined && r.country !== filter.country) return false;
    if (filter.year !== undefined && r.year !== filter.year) return false;
    if (filter.section !== undefined && r.section !== filter.section) return false;
    if (filter.documentId !== undefined && r.documentId !== filter.documentId) return false;
    if (filter.orphanedOnly && r.anchor !== 'orphaned') return false;
    if (words.length) {
      const hay = `${r.quote}\n${r.note}`.toLowerCase();
      if (!words.every((w) => hay.includes(w))) return false;
    }
    return true;
  });
}

/** Rows sorted by a column (stable; ties keep document order then position). */
export function sortFindings(rows: readonly FindingRow[], key: FindingSortKey, descending = false): FindingRow[] {
  const value = (r: FindingRow): string | number => {
    switch (key) {
      case 'document':
        return r.documentTitle.toLowerCase();
      case 'year':
        return r.year ?? -1;
      case 'country':
        return r.country.toLowerCase();
      case 'section':
        return r.section;
      case 'page':
        return r.page ?? -1;
      case 'tags':
        return r.tags.toLowerCase();
      case 'created':
        return r.created;
    }
  };
  const sign = descending ? -1 : 1;
  return rows
    .map((r, i) => ({ r, i, v: value(r) }))
    .sort((a, b) => (a.v < b.v ? -sign : a.v > b.v ? sign : a.i - b.i))
    .map((x) => x.r);
}

/** The values present in the rows, for the filter menus. */
export function findingFacets(rows: readonly FindingRow[]): { countries: string[]; years: number[]; sections: SectionKind[]; documents: { id: string; title: string }[] } {
  const countries = new Set<string>();
  const years = new Set<number>();
  const sections = new Set<SectionKind>();
  const documents = new Map<string, string>();
  for (const r of rows) {
    if (r.country) countries.add(r.country);
    if (r.year !== null) years.add(r.year);
    if (r.section) sections.add(r.section);
    documents.set(r.documentId, r.documentTitle);
  }
  return {
    countries: [...countries].sort((a, b) => a.localeCompare(b)),
    years: [...years].sort((a, b) => a - b),
    sections: [...sections],
    documents: [...documents].map(([id, title]) => ({ id, title })).sort((a, b) => a.title.localeCompare(b.title)),
  };
}

/** Counts of findings per group value (tag path or country), largest first. */
export function groupCounts(rows: readonly FindingRow[], by: 'tag' | 'country'): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const keys = by === 'tag' ? (r.tagPaths.length ? r.tagPaths : ['Untagged']) : [r.country || 'No country'];
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
