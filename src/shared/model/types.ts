import type { ReportStructure, Tier, TextSpan, YearSource } from '../ingest/report-types';
import type { DocumentKind } from '../ingest/types';

/** An imported document as the library lists it (its text and bytes live in their own tables). */
export interface DocumentRecord {
  id: string;
  /** Shown to the analyst; starts as the file name without its extension. */
  title: string;
  fileName: string;
  kind: DocumentKind;
  /** Hex SHA-256 of the original file: the same file is recognised, never imported twice. */
  sha256: string;
  byteLength: number;
  pageCount: number;
  characters: number;
  warnings: string[];
  /** The report's year, when ingestion found one, and where it was read. */
  year: number | null;
  yearSource: YearSource | null;
  /** The country narratives it holds, in order (for the library list). */
  countries: { name: string; tier: Tier | null }[];
  /** ISO 8601. */
  addedAt: string;
}

/** The clean text of a document and what ingestion understood of it. */
export interface DocumentText {
  documentId: string;
  text: string;
  /** Offset where each page starts. */
  pageStarts: number[];
  spans: TextSpan[];
  structure: ReportStructure;
}

/** The original bytes of a document, kept so it can be shown as pages and re-read later. */
export interface DocumentFile {
  documentId: string;
  bytes: Uint8Array;
}

/** A W3C Web Annotation TextQuoteSelector: the passage and a little context either side. */
export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

/** A W3C Web Annotation TextPositionSelector over the document's text (see document-text.ts). */
export interface TextPosition {
  start: number;
  end: number;
}

/**
 * Where part of a passage sits on a page of a PDF: a rectangle in PDF user space (points, origin
 * bottom-left), as text spans store them.
 */
export interface PageRect {
  /** 1-based page. */
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A tagged passage: the analyst's unit of work. */
export interface Finding {
  id: string;
  documentId: string;
  quote: TextQuote;
  position: TextPosition;
  /** 1-based page where the passage starts. */
  page: number;
  /**
   * Page rectangles for drawing (PDF documents only): one per text span the passage touches, in
   * text order, derived from the document's spans (span-geometry.ts passageRects) whenever the
   * position is set. Not indexed; absent for plain-text documents and for findings saved before.
   */
  rects?: PageRect[];
  tagIds: string[];
  note: string;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
  /**
   * How the passage was found again after the document changed. `orphaned`: its text is gone; the
   * finding keeps its quote and waits for the analyst to re-attach or delete it.
   */
  anchor?: { status: 'exact' | 'moved' | 'fuzzy' | 'orphaned'; similarity: number; checkedAt: string };
  /**
   * The finding of an earlier edition this one was carried forward from (compare/carry-forward.ts):
   * following it back year by year gives the passage's history. Not indexed.
   */
  predecessorId?: string;
}

/** A code of the codebook. */
export interface Tag {
  id: string;
  name: string;
  /** CSS colour used for highlights. */
  color: string;
  description: string;
  /** Order in lists: the position in a parents-first listing of the whole codebook. */
  order: number;
  /** The parent code's id; null or absent at the top level. */
  parentId?: string | null;
  /** A digit key that applies this code while a passage is selected. */
  shortcut?: string;
  /** REFI-QDA GUID kept from an imported codebook. */
  guid?: string;
}

/** One stored preference. */
export interface Setting {
  key: string;
  value: unknown;
}
