/** What kind of source a document came from. */
export type DocumentKind = 'pdf' | 'text';

/** The text of one file, page by page, as every host hands it to the renderer and the CLI. */
export interface IngestedDocument {
  /** The file's base name as the analyst sees it. */
  fileName: string;
  kind: DocumentKind;
  /** Text per page (a text file is one page unless it holds form feeds). */
  pages: string[];
  /** Total characters over all pages. */
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
