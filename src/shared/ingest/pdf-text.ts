import type * as Pdfjs from 'pdfjs-dist';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { assembleLayout, layoutPage, type LayoutItem, type LayoutPageInput, type LayoutResult, type PageLayout } from './pdf-layout';
import { ingestCancelled, pdfDocumentParams, pdfIngestError } from './pdf-open';
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

/** The clean text of a PDF with its page map, spans, warnings and removed running heads. */
export type PdfPages = LayoutResult;

/** Positioned items of one page, in PDF user space, as {@link layoutPage} takes them. */
export function layoutInputFromContent(
  view: readonly number[],
  content: { items: ReadonlyArray<TextItem | { type: string }>; styles: Record<string, { ascent?: number; descent?: number }> },
): LayoutPageInput {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = view;
  const items: LayoutItem[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str === '') continue;
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = item.transform as number[];
    const style = content.styles[item.fontName];
    items.push({
      str: item.str,
      x: e,
      y: f,
      width: item.width,
      height: item.height || Math.hypot(c, d),
      fontName: item.fontName,
      hasEOL: item.hasEOL,
      dir: item.dir,
      angle: b === 0 && a >= 0 ? 0 : (Math.atan2(b, a) * 180) / Math.PI,
      ascent: style?.ascent,
      descent: style?.descent,
    });
  }
  return { width: Math.abs(x1 - x0), height: Math.abs(y1 - y0), originX: Math.min(x0, x1), originY: Math.min(y0, y1), items };
}

/** Arabic letters and presentation forms. */
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFC]/;

/**
 * A page's text as the layout takes it. pdf.js normalises ligatures and compatibility characters
 * before it puts right-to-left runs in logical order, which reverses the letters of an Arabic
 * ligature (lam–khah read as khah–lam). A page with Arabic is read again without that
 * normalisation, and the layout normalises each run in logical order (`readableText`). Only such
 * pages: Hebrew presentation forms need pdf.js's normalisation first, or its ordering takes them
 * for left-to-right.
 */
export async function readPageInput(page: Pdfjs.PDFPageProxy): Promise<LayoutPageInput> {
  let content = await page.getTextContent();
  if (content.items.some((item) => 'str' in item && ARABIC.test(item.str))) content = await page.getTextContent({ disableNormalization: true });
  return layoutInputFromContent(page.view, content);
}

/**
 * Extracts the clean text of a PDF with pdf.js (reading order, paragraphs, no running heads; see
 * pdf-layout.ts): no scripting, no XFA, no system fonts, no network. Rejects with an
 * {@link IngestError} for unreadable, encrypted or cancelled input.
 */
export async function extractPdfPages(bytes: Uint8Array, options: ExtractPdfOptions): Promise<PdfPages> {
  const { pdfjs, password, onProgress, signal } = options;
  if (bytes.length === 0) throw new IngestError('empty', 'The file is empty (0 bytes).');
  if (signal?.aborted) throw ingestCancelled();
  const task = pdfjs.getDocument(pdfDocumentParams(bytes, pdfjs, password));
  const onAbort = (): void => void task.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let doc: Pdfjs.PDFDocumentProxy;
    try {
      doc = await task.promise;
    } catch (e) {
      if (signal?.aborted) throw ingestCancelled();
      throw pdfIngestError(e, password);
    }
    const pages: PageLayout[] = [];
    const readWarnings: string[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      if (signal?.aborted) throw ingestCancelled();
      let input: LayoutPageInput = { width: 0, height: 0, items: [] };
      try {
        const page = await doc.getPage(n);
        input = await readPageInput(page);
        page.cleanup();
      } catch (e) {
        if (signal?.aborted) throw ingestCancelled();
        (readWarnings[n - 1] ??= []).push(`page ${n}: text could not be read (${pdfIngestError(e, password).message})`);
      }
      // Laid out page by page so the items can be dropped at once; the layout is pure and could move to workers.
      pages.push(layoutPage(input, n));
      onProgress?.({ done: n, total: doc.numPages });
    }
    const result = assembleLayout(pages);
    if (readWarnings.length > 0) result.warnings = mergeWarnings(readWarnings, result.warnings);
    return result;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await task.destroy();
  }
}

/** Puts each page's read failure before the layout's notes about the same page. */
function mergeWarnings(readWarnings: string[][], layoutWarnings: string[]): string[] {
  const out: string[] = [];
  let page = 0;
  for (const w of layoutWarnings) {
    const n = Number(/^page (\d+):/.exec(w)?.[1] ?? 0);
    while (page < n) out.push(...(readWarnings[page++] ?? []));
    out.push(w);
  }
  while (page < readWarnings.length) out.push(...(readWarnings[page++] ?? []));
  return out;
}

