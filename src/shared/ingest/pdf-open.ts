import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api';
import type { PdfjsRuntime } from './pdf-text';
import { IngestError } from './types';

/**
 * How every reader opens a PDF: no scripting, no XFA, no system fonts, nothing fetched from
 * outside the app. pdf.js transfers the buffer it is given, so the caller's bytes are copied.
 */
export function pdfDocumentParams(bytes: Uint8Array, runtime: PdfjsRuntime, password?: string): DocumentInitParameters {
  return {
    data: bytes.slice(),
    // The same password typed on another keyboard may arrive decomposed (NFD): PDF 2.0 asks for
    // normalised passwords (SASLprep), and composed form is what every tool writes.
    password: password?.normalize('NFC'),
    enableXfa: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    isOffscreenCanvasSupported: false,
    verbosity: 0,
    ...runtime.documentOptions,
  };
}

interface PdfjsException {
  name?: string;
  code?: number;
  message?: string;
}

/** Turns pdf.js's exceptions into messages an analyst can act on. */
export function pdfIngestError(e: unknown, password: string | undefined): IngestError {
  if (e instanceof IngestError) return e;
  const x = (e ?? {}) as PdfjsException;
  if (x.name === 'PasswordException') {
    // pdf.js: code 1 = a password is needed, 2 = the given password is wrong.
    return x.code === 2 || password !== undefined
      ? new IngestError('password-incorrect', 'The password is incorrect for this encrypted PDF.')
      : new IngestError('password-required', 'This PDF is encrypted: enter its password to open it.');
  }
  if (x.name === 'InvalidPDFException') {
    return /empty/i.test(x.message ?? '')
      ? new IngestError('empty', 'The file is empty (0 bytes).')
      : new IngestError('invalid-pdf', 'This file is not a readable PDF: its structure is invalid or damaged.');
  }
  return new IngestError('invalid-pdf', `This PDF could not be read: ${x.message ?? 'unknown error'}.`);
}

/** The error a cancelled ingestion ends with. */
export function ingestCancelled(): IngestError {
  return new IngestError('cancelled', 'Import cancelled.');
}
