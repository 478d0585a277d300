import type { ReportStructure, TextSpan } from './report-types';

/** What kind of source a document came from. */
export type DocumentKind = 'pdf' | 'text';

/**
 * One file understood: its clean text, where each page starts in it, where each run of text sits
 * on its PDF page, and the report's structure. Every host hands this to the renderer and the CLI.
 */
export interface IngestedDocument {
  /** The file's base name as the analyst sees it. */
  fileName: string;
  kind: DocumentKind;
  /** Clean text in reading order; pages are separated by a blank line. */
  text: string;
  /** Offset in `text` where each page begins (one entry per page; a text file has one page unless it holds form feeds). */
  pageStarts: number[];
  /** PDFs: runs of `text` with their page and box, for drawing highlights on the page. Empty for text files. */
  spans: TextSpan[];
  structure: ReportStructure;
  /** The text encoding a text file was read in. */
  encoding?: string;
  /** Length of `text`. */
  characters: number;
  /** Things the analyst should know that did not stop the import ("page 3: no selectable text"). */
  warnings: string[];
  /** Hex SHA-256 of the original bytes: recognises the same file imported twice. */
  sha256: string;
  byteLength: number;
}

/** Why a file could not be read; `code` lets a host react (ask for a password) without parsing messages. */
export type IngestErrorCode =
  | 'empty'
  | 'too-large'
  | 'unsupported-type'
  | 'not-text'
  | 'invalid-pdf'
  | 'password-required'
  | 'password-incorrect'
  | 'no-text'
  | 'cancelled';

/** A file that cannot be imported, with a message meant for the analyst. */
export class IngestError extends Error {
  override name = 'IngestError';
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Progress of a long ingestion, in pages. */
export interface IngestProgress {
  done: number;
  total: number;
}
