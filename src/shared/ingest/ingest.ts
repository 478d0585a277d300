import { sha256Hex } from '../ids';
import { joinPages } from '../model/document-text';
import { splitRunInHeadings, unwrapPlainText } from './clean-text';
import { decodeText } from './decode-text';
import { htmlToText } from './html-text';
import { markdownToText } from './markdown-text';
import { findInflationBomb, MAX_INFLATED_STREAM_BYTES, MAX_SUSPICIOUS_TOTAL_BYTES } from './pdf-streams';
import { extractPdfPages, type PdfjsRuntime } from './pdf-text';
import type { TextSpan } from './report-types';
import { IngestError, type IngestedDocument, type IngestProgress } from './types';
import { understandReport } from './understand';

/** Largest file accepted; beyond it a clear message instead of exhausting memory. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

/**
 * Largest text file accepted. A report's text is a few MB (the TIP report's is about 5 MB); a
 * text file of hundreds of MB is a log or a dump, which takes many seconds and several times its
 * size in memory to read as one string: 200 MB on one line took 22 s and 2.2 GB in Node and crashed
 * the browser tab (and a V8 string cannot even hold the 512 MB any file may be).
 */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;

/**
 * Most lines a text file may have: each costs time and memory (5 million short lines took 4 s and
 * 1.3 GB in Node; 2 million, as tests/shared/encodings.test.ts reads, about half that).
 */
export const MAX_TEXT_LINES = 2_000_000;

/** File name extensions read as text, and the markup each is written in. */
const TEXT_FORMATS = new Map<string, TextFormat>([
  ['txt', 'plain'],
  ['text', 'plain'],
  ['md', 'markdown'],
  ['markdown', 'markdown'],
  ['html', 'html'],
  ['htm', 'html'],
]);

/** The markup a text file is written in. */
export type TextFormat = 'plain' | 'markdown' | 'html';

/** The clean text of a file before its structure is understood. */
export interface CleanText {
  kind: IngestedDocument['kind'];
  text: string;
  pageStarts: number[];
  spans: TextSpan[];
  warnings: string[];
  runningHeads: string[];
  encoding?: string;
}

/** Reads PDF bytes into clean text; a host may supply a faster (parallel) reader. */
export type PdfReader = (bytes: Uint8Array, options: IngestOptions) => Promise<CleanText>;

/** Options for {@link ingestFile}. */
export interface IngestOptions {
  /** The file's name, used for its extension and shown to the analyst. */
  fileName: string;
  bytes: Uint8Array;
  /**
   * pdf.js, or a function that loads it when a PDF is first read in this thread: a host whose
   * reader lays pages out in workers then loads it only for small files.
   */
  pdfjs: PdfjsRuntime | (() => Promise<PdfjsRuntime>);
  password?: string;
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
  /** Replaces the single-threaded PDF reader (Node hosts read pages in parallel workers). */
  readPdf?: PdfReader;
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

/** True when a file of this name is read as text (by its extension). */
export function isTextFileName(fileName: string): boolean {
  return TEXT_FORMATS.has(extensionOf(fileName));
}

const megabytes = (bytes: number): string => `${Math.max(1, Math.round(bytes / 1048576))} MB`;

/**
 * The refusal for a file too large to import, from its name and size alone, so a host can refuse
 * it before reading a byte; undefined when the size is acceptable. Text files have their own,
 * smaller limit ({@link MAX_TEXT_BYTES}); PDFs may be up to {@link MAX_FILE_BYTES}.
 */
export function sizeProblem(fileName: string, size: number): IngestError | undefined {
  if (isTextFileName(fileName)) return textSizeProblem(size);
  if (size > MAX_FILE_BYTES) {
    return new IngestError('too-large', `The file is too large to import (${megabytes(size)}; the limit is ${megabytes(MAX_FILE_BYTES)}).`);
  }
  return undefined;
}

/** The refusal for a text file of this many bytes, if it is too large. */
function textSizeProblem(size: number): IngestError | undefined {
  if (size <= MAX_TEXT_BYTES) return undefined;
  return new IngestError(
    'too-large',
    `This text file is too large to import (${megabytes(size)}); text reports are at most ${megabytes(MAX_TEXT_BYTES)} — split it or import the PDF.`,
  );
}

/**
 * Counts lines without decoding: line feeds, as bytes or (after a UTF-16 BOM) as 16-bit units,
 * plus a last line that does not end in one.
 */
export function countLines(bytes: Uint8Array): number {
  const n = bytes.length;
  if (n >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const [low, high] = bytes[0] === 0xff ? [0, 1] : [1, 0];
    let feeds = 0;
    for (let i = 2; i + 1 < n; i += 2) if (bytes[i + low] === 0x0a && bytes[i + high] === 0) feeds++;
    const endsWithFeed = n >= 4 && bytes[n - 2 + low] === 0x0a && bytes[n - 2 + high] === 0;
    return feeds + (n > 2 && !endsWithFeed ? 1 : 0);
  }
  let feeds = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) feeds++;
  return feeds + (n > 0 && bytes[n - 1] !== 0x0a ? 1 : 0);
}

/** Reads a PDF single-threaded with the given pdf.js. */
export const readPdfInline: PdfReader = async (bytes, options) => {
  const pdfjs = typeof options.pdfjs === 'function' ? await options.pdfjs() : options.pdfjs;
  return { kind: 'pdf', ...(await extractPdfPages(bytes, { ...options, pdfjs })) };
};

/**
 * Decodes a text file (HTML and Markdown converted to plain text first), unwraps its hard-wrapped
 * paragraphs and splits pages at form feeds.
 */
export function readTextFile(bytes: Uint8Array, format: TextFormat = 'plain'): CleanText {
  const tooLarge = textSizeProblem(bytes.length);
  if (tooLarge) throw tooLarge;
  // Checked before decoding: a file of millions of short lines is refused at once, not after minutes.
  const lines = countLines(bytes);
  if (lines > MAX_TEXT_LINES) {
    throw new IngestError(
      'too-large',
      `This text file has too many lines to import (${lines.toLocaleString('en-US')}); text reports have at most ${MAX_TEXT_LINES.toLocaleString('en-US')} — split it or import the PDF.`,
    );
  }
  const { text: decoded, encoding } = decodeText(bytes);
  // An HTML page is already one line per block; unwrapping would join its table rows.
  const raw = format === 'html' ? htmlToText(decoded) : format === 'markdown' ? markdownToText(decoded) : decoded;
  const pages = raw
    .replace(/\r\n?/g, '\n')
    .split('\f')
    .map((p) => (format === 'html' ? p : unwrapPlainText(p)).trim());
  if (pages.every((p) => p === '')) throw new IngestError('no-text', 'The file contains no text.');
  const { text, pageStarts } = joinPages(pages);
  return { kind: 'text', text, pageStarts, spans: [], warnings: [], runningHeads: [], encoding };
}

/** Checks size and type, then reads the file's clean text. */
export async function readCleanText(options: IngestOptions): Promise<CleanText> {
  const { fileName, bytes } = options;
  if (bytes.length === 0) throw new IngestError('empty', 'The file is empty (0 bytes).');
  const tooLarge = sizeProblem(fileName, bytes.length);
  if (tooLarge) throw tooLarge;
  const ext = extensionOf(fileName);
  if (ext === 'pdf' || looksLikePdf(bytes)) {
    const bomb = await findInflationBomb(bytes);
    if (bomb) {
      const part = bomb.object !== undefined ? ` (PDF object ${bomb.object})` : '';
      const what =
        bomb.over === 'stream'
          ? `one of its compressed parts${part} unpacks to more than ${megabytes(MAX_INFLATED_STREAM_BYTES)}, far more than a page ever holds`
          : `its compressed parts unpack to over ${Math.round(MAX_SUSPICIOUS_TOTAL_BYTES / 1024 ** 3)} GB together, each to over a hundred times its size${part ? ` (the last${part})` : ''}`;
      throw new IngestError(
        'too-large',
        `This PDF was not imported: ${what}. Files like this are damaged or made to exhaust memory (a decompression bomb). If you trust it, print it to a new PDF and import that.`,
      );
    }
    return (options.readPdf ?? readPdfInline)(bytes, options);
  }
  const format = TEXT_FORMATS.get(ext);
  if (format) {
    const clean = readTextFile(bytes, format);
    options.onProgress?.({ done: 1, total: 1 });
    return clean;
  }
  throw new IngestError('unsupported-type', `Cannot open “${fileName}”: only PDF, text and HTML files (.pdf, .txt, .md, .html) are supported.`);
}

/**
 * Reads a PDF or text file into clean text and understands its structure. The same code runs
 * in Electron's main process, in the web host's worker and in the command-line tool.
 * Throws {@link IngestError}.
 */
export async function ingestFile(options: IngestOptions): Promise<IngestedDocument> {
  const clean = await readCleanText(options);
  clean.text = splitRunInHeadings(clean.text);
  const structure = understandReport(clean.text, {
    fileName: options.fileName,
    pageStarts: clean.pageStarts,
    runningHeads: clean.runningHeads,
    headsRemoved: clean.kind === 'pdf',
  });
  return {
    fileName: options.fileName,
    kind: clean.kind,
    text: clean.text,
    pageStarts: clean.pageStarts,
    spans: clean.spans,
    structure,
    ...(clean.encoding ? { encoding: clean.encoding } : {}),
    characters: clean.text.length,
    warnings: clean.warnings,
    sha256: await sha256Hex(options.bytes),
    byteLength: options.bytes.length,
  };
}
