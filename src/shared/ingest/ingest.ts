import { sha256Hex } from '../ids';
import { decodeText } from './decode-text';
import { extractPdfPages, type PdfjsRuntime } from './pdf-text';
import { IngestError, type IngestedDocument, type IngestProgress } from './types';

/** Largest file accepted; beyond it a clear message instead of exhausting memory. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** File name extensions read as plain text. */
const TEXT_EXTENSIONS = new Set(['txt', 'text', 'md', 'markdown']);

/** Options for {@link ingestFile}. */
export interface IngestOptions {
  /** The file's name, used for its extension and shown to the analyst. */
  fileName: string;
  bytes: Uint8Array;
  pdfjs: PdfjsRuntime;
  password?: string;
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
}

/** True when the bytes start like a PDF (the header may follow up to 1 KB of junk). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + 4 < head.length; i++) {
    if (head[i] === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) {
      return true;
    }
  }
  return false;
}

/** The lower-case extension of a file name, without the dot. */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/**
 * Reads a PDF or text file into text per page. The same code runs in Electron's main process,
 * in the web host's worker and in the command-line tool. Throws {@link IngestError}.
 */
export async function ingestFile(options: IngestOptions): Promise<IngestedDocument> {
  const { fileName, bytes } = options;
  if (bytes.length === 0) throw new IngestError('empty', 'The file is empty (0 bytes).');
  if (bytes.length > MAX_FILE_BYTES) {
    throw new IngestError(
      'too-large',
      `The file is too large to import (${Math.round(bytes.length / 1048576)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB).`,
    );
  }
  const ext = extensionOf(fileName);
  let pages: string[];
  let warnings: string[] = [];
  let kind: IngestedDocument['kind'];
  if (ext === 'pdf' || looksLikePdf(bytes)) {
    kind = 'pdf';
    ({ pages, warnings } = await extractPdfPages(bytes, options));
  } else if (TEXT_EXTENSIONS.has(ext)) {
    kind = 'text';
    const { text } = decodeText(bytes);
    // A form feed is the classic page break of plain-text reports.
    pages = text.replace(/\r\n?/g, '\n').split('\f');
    options.onProgress?.({ done: pages.length, total: pages.length });
  } else {
    throw new IngestError('unsupported-type', `Cannot open “${fileName}”: only PDF and text files (.pdf, .txt, .md) are supported.`);
  }
  const characters = pages.reduce((n, p) => n + p.length, 0);
  if (characters === 0 || pages.every((p) => p.trim() === '')) {
    if (kind === 'text') throw new IngestError('no-text', 'The file contains no text.');
  }
  return { fileName, kind, pages, characters, warnings, sha256: await sha256Hex(bytes), byteLength: bytes.length };
}
