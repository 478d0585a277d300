import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.mjs?url';
import 'pdfjs-dist/web/pdf_viewer.css';
import { pdfDocumentParams } from '../../../../shared/ingest/pdf-open';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

export { TextLayer } from 'pdfjs-dist';
export type { PDFDocumentProxy, PDFPageProxy, PageViewport } from 'pdfjs-dist';

let sharedWorker: pdfjs.PDFWorker | undefined;

/**
 * One pdf.js worker for every document shown: starting it (loading its 2 MB of code) is the
 * slow part of showing a first page, so it is started once, ahead of need, and kept.
 */
export function displayWorker(): pdfjs.PDFWorker {
  sharedWorker ??= new pdfjs.PDFWorker();
  return sharedWorker;
}

/** Opens PDF bytes for display: pdf.js in its own worker, no scripting, no XFA, data from the app's origin. */
export function openPdfForDisplay(bytes: Uint8Array): pdfjs.PDFDocumentLoadingTask {
  const base = new URL('pdfjs/', document.baseURI).href;
  return pdfjs.getDocument({
    ...pdfDocumentParams(bytes, {
      getDocument: pdfjs.getDocument,
      documentOptions: { standardFontDataUrl: `${base}standard_fonts/`, cMapUrl: `${base}cmaps/`, wasmUrl: `${base}wasm/` },
    }),
    // On screen, embedded fonts are drawn as real font faces (sharper than paths).
    disableFontFace: false,
    worker: displayWorker(),
  });
}
