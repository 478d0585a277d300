import type * as Pdfjs from 'pdfjs-dist';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { IngestError, type IngestProgress } from './types';

/** The pdf.js build a host supplies (legacy build under Node, the modern build in a browser worker). */
export interface PdfjsRuntime {
  getDocument: (typeof Pdfjs)['getDocument'];
  /** Where pdf.js finds its bundled data (URLs with a trailing slash, all local, never remote) and how it reads them. */
  documentOptions?: { standardFontDataUrl?: string; cMapUrl?: string; wasmUrl?: string; useWorkerFetch?: boolean };
}

/** Options for {@link extractPdfPages}. */
export interface ExtractPdfOptions {
  pdfjs: PdfjsRuntime;
  /** User password for an encrypted PDF. */
  password?: string;
  /** Called after each page. */
  onProgress?: (progress: IngestProgress) => void;
  /** Stops the work; the promise then rejects with code `cancelled`. */
  signal?: AbortSignal;
}

/** Text per page of a PDF plus warnings about pages without text. */
export interface PdfPages {
  pages: string[];
  warnings: string[];
}

interface PdfjsException {
  name?: string;
  code?: number;
  message?: string;
}

/** Turns pdf.js's exceptions into messages an analyst can act on. */
function toIngestError(e: unknown, password: string | undefined): IngestError {
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
  if (e instanceof IngestError) return e;
  return new IngestError('invalid-pdf', `This PDF could not be read: ${x.message ?? 'unknown error'}.`);
}

/** Joins pdf.js text items into the page's text, one line per visual line. */
export function pageTextFromItems(items: ReadonlyArray<TextItem | { type: string }>): string {
  let out = '';
  for (const item of items) {
    if (!('str' in item)) continue;
    out += item.str;
    if (item.hasEOL) out += '\n';
  }
  return out.replace(/[ \t]+\n/g, '\n').trimEnd();
}

/**
 * Extracts the text of every page of a PDF with pdf.js: no scripting, no XFA, no system fonts,
 * no network. Rejects with an {@link IngestError} for unreadable, encrypted or cancelled input.
 */
export async function extractPdfPages(bytes: Uint8Array, options: ExtractPdfOptions): Promise<PdfPages> {
  const { pdfjs, password, onProgress, signal } = options;
  if (bytes.length === 0) throw new IngestError('empty', 'The file is empty (0 bytes).');
  if (signal?.aborted) throw cancelled();
  // pdf.js transfers the buffer to its worker; keep the caller's bytes intact.
  const task = pdfjs.getDocument({
    data: bytes.slice(),
    password,
    enableXfa: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    isOffscreenCanvasSupported: false,
    verbosity: 0,
    ...options.pdfjs.documentOptions,
  });
  const onAbort = (): void => void task.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let doc: Pdfjs.PDFDocumentProxy;
    try {
      doc = await task.promise;
    } catch (e) {
      if (signal?.aborted) throw cancelled();
      throw toIngestError(e, password);
    }
    const pages: string[] = [];
    const warnings: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      if (signal?.aborted) throw cancelled();
      let text = '';
      try {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        text = pageTextFromItems(content.items);
        page.cleanup();
      } catch (e) {
        if (signal?.aborted) throw cancelled();
        warnings.push(`page ${n}: text could not be read (${toIngestError(e, password).message})`);
      }
      if (text.trim() === '') warnings.push(`page ${n}: scanned: no selectable text`);
      pages.push(text);
      onProgress?.({ done: n, total: doc.numPages });
    }
    return { pages, warnings };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await task.destroy();
  }
}

function cancelled(): IngestError {
  return new IngestError('cancelled', 'Import cancelled.');
}
