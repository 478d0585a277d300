import type { SectionKind } from '../ingest/report-types';
import { SECTION_LABELS } from '../model/section-labels';
import type { DocumentRecord, DocumentText, Finding, Tag } from '../model/types';
import { tagTree, type TagNode } from './tag-tree';

/** Everything an export reads: the documents to export, their texts, findings and the codebook. */
export interface ExportInput {
  /** The documents to export, in the order the export lists them; findings of others are left out. */
  documents: readonly DocumentRecord[];
  /** Each document's text and structure, by document id. */
  texts: ReadonlyMap<string, DocumentText> | Readonly<Record<string, DocumentText>>;
  findings: readonly Finding[];
  tags: readonly Tag[];
}

/** How a finding is anchored in its document's current text. */
export type AnchorStatus = NonNullable<Finding['anchor']>['status'];

/** One finding flattened for tables and reports. */
export interface FindingRow {
  id: string;
  documentId: string;
  documentTitle: string;
  fileName: string;
  /** The report's year, when ingestion found one. */
  year: number | null;
  /** The country narrative holding the passage; '' outside any, or when the passage is orphaned. */
  country: string;
  /** Kind of the narrative section holding the passage; '' outside any, or when orphaned. */
  section: SectionKind | '';
  /** 1-based page where the passage starts; null when orphaned (its text is no longer in the document). */
  page: number | null;
  /** The passage, exactly as tagged. */
  quote: string;
  /** Offsets of the passage in the document text (UTF-16 code units, as stored). */
  start: number;
  end: number;
  /** Ids of the finding's tags that still exist, in codebook order. */
  tagIds: string[];
  /** Each of those tags as a path from its top-level ancestor ("Protection › Victim identification"). */
  tagPaths: string[];
  /** `tagPaths` joined with '; '. */
  tags: string;
  note: string;
  /** ISO 8601. */
  created: string;
  updated: string;
  /** 'exact' for a finding never re-anchored: it sits where it was made. */
  anchor: AnchorStatus;
  /** See {@link formatCitation}. */
  citation: string;
  /** The finding of an earlier edition this one was carried forward from; '' when none. */
  predecessorId: string;
}

/** Options of {@link findingRows}. */
export interface FindingRowOptions {
  /** Author of the reports, first in every citation; {@link DEFAULT_PUBLISHER} by default. */
  publisher?: string;
}

/** The publisher of the Trafficking in Persons Report, which the workbench is built around. */
export const DEFAULT_PUBLISHER = 'U.S. Department of State';


/** The parts of a citation; empty or null parts are left out. */
export interface CitationParts {
  publisher: string;
  title: string;
  year: number | null;
  country: string;
  section: SectionKind | '';
  page: number | null;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * A citation in one fixed order, parts separated by ", " and missing parts left out (never an
 * empty slot): `U.S. Department of State, Trafficking in Persons Report 2015, 2015, Lithuania,
 * Protection, p. 12`. The section is its reader label; the page is given only where pages are real.
 */
export function formatCitation(parts: CitationParts): string {
  return [
    oneLine(parts.publisher),
    oneLine(parts.title),
    parts.year === null ? '' : String(parts.year),
    oneLine(parts.country),
    parts.section === '' ? '' : SECTION_LABELS[parts.section],
    parts.page === null ? '' : `p. ${parts.page}`,
  ]
    .filter((p) => p !== '')
    .join(', ');
}

/** A document's text from either form of {@link ExportInput.texts}. */
export function textOf(texts: ExportInput['texts'], documentId: string): DocumentText | undefined {
  if (texts instanceof Map) return texts.get(documentId);
  const record = texts as Readonly<Record<string, DocumentText>>;
  return Object.hasOwn(record, documentId) ? record[documentId] : undefined;
}

/** The input's findings that belong to its documents, by document (as listed) then position. */
export function exportedFindings(input: Pick<ExportInput, 'documents' | 'findings'>): Finding[] {
  const rank = new Map(input.documents.map((d, i) => [d.id, i]));
  return input.findings
    .filter((f) => rank.has(f.documentId))
    .sort(
      (a, b) =>
        rank.get(a.documentId)! - rank.get(b.documentId)! ||
        a.position.start - b.position.start ||
        a.position.end - b.position.end ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/** A finding's known tags in codebook order (tags deleted since are left out). */
export function findingTagNodes(finding: Pick<Finding, 'tagIds'>, tree: readonly TagNode[]): TagNode[] {
  const own = new Set(finding.tagIds);
  return tree.filter((n) => own.has(n.tag.id));
}

/** One row per finding of the exported documents, by document then position. */
export function findingRows(input: ExportInput, options: FindingRowOptions = {}): FindingRow[] {
  const publisher = options.publisher ?? DEFAULT_PUBLISHER;
  const tree = tagTree(input.tags);
  const docs = new Map(input.documents.map((d) => [d.id, d]));
  return exportedFindings(input).map((f) => {
    const doc = docs.get(f.documentId)!;
    const structure = textOf(input.texts, doc.id)?.structure;
    const anchor: AnchorStatus = f.anchor?.status ?? 'exact';
    const orphaned = anchor === 'orphaned';
    // An orphaned finding keeps its old position, which points at unrelated text of the new version.
    const at = f.position.start;
    const narrative = orphaned ? undefined : structure?.countries.find((c) => c.start <= at && at < c.end);
    const section = narrative?.sections.find((s) => s.start <= at && at < s.end);
    const year = doc.year ?? structure?.year ?? null;
    const page = orphaned ? null : f.page;
    const nodes = findingTagNodes(f, tree);
    const tagPaths = nodes.map((n) => n.path);
    const title = oneLine(doc.title) || doc.fileName;
    return {
      id: f.id,
      documentId: doc.id,
      documentTitle: title,
      fileName: doc.fileName,
      year,
      country: narrative?.name ?? '',
      section: section?.kind ?? '',
      page,
      quote: f.quote.exact,
      start: f.position.start,
      end: f.position.end,
      tagIds: nodes.map((n) => n.tag.id),
      tagPaths,
      tags: tagPaths.join('; '),
      note: f.note,
      created: f.createdAt,
      updated: f.updatedAt,
      anchor,
      citation: formatCitation({
        publisher,
        title,
        year,
        country: narrative?.name ?? '',
        section: section?.kind ?? '',
        // A text file is one "page" unless it holds form feeds: citing "p. 1" of it would mislead.
        page: doc.kind === 'pdf' || doc.pageCount > 1 ? page : null,
      }),
      predecessorId: f.predecessorId ?? '',
    };
  });
}

/** A column of the findings table, shared by the CSV and spreadsheet exports so they match. */
export interface FindingColumn {
  header: string;
  /** Spreadsheet width, in characters. */
  width: number;
  value: (row: FindingRow) => string | number | null;
}

/** The columns of the findings table, in order. */
export const FINDING_COLUMNS: readonly FindingColumn[] = [
  { header: 'Document', width: 30, value: (r) => r.documentTitle },
  { header: 'File', width: 24, value: (r) => r.fileName },
  { header: 'Year', width: 6, value: (r) => r.year },
  { header: 'Country', width: 16, value: (r) => r.country },
  { header: 'Section', width: 14, value: (r) => r.section },
  { header: 'Page', width: 6, value: (r) => r.page },
  { header: 'Quote', width: 80, value: (r) => r.quote },
  { header: 'Tags', width: 30, value: (r) => r.tags },
  { header: 'Note', width: 40, value: (r) => r.note },
  { header: 'Citation', width: 50, value: (r) => r.citation },
  { header: 'Anchor', width: 9, value: (r) => r.anchor },
  { header: 'Created', width: 22, value: (r) => r.created },
  { header: 'Updated', width: 22, value: (r) => r.updated },
  { header: 'Finding ID', width: 38, value: (r) => r.id },
  { header: 'Predecessor ID', width: 38, value: (r) => r.predecessorId },
];
