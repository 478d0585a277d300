import { parentPort, workerData } from 'node:worker_threads';
import { splitRunInHeadings } from '../shared/ingest/clean-text';
import { ingestFile } from '../shared/ingest/ingest';
import { IngestError, type IngestedDocument, type IngestErrorCode } from '../shared/ingest/types';
import { understandReport } from '../shared/ingest/understand';
import { errorMessage } from '../shared/result';
import { createParallelPdfReader } from '../node/parallel-pdf';
import { loadNodePdfjs } from '../node/pdfjs-node';

/** Input of one ingestion worker. */
export interface IngestJob {
  fileName: string;
  bytes: Uint8Array;
  password?: string;
  /** The built page worker (pdf-pages-worker) that lays out PDF pages in parallel. */
  pagesWorkerPath: string;
}

/** Messages the worker posts back. */
export type IngestWorkerMessage =
  | { type: 'progress'; done: number; total: number }
  /** The first country narrative is readable: sent once, before the whole file is done. */
  | { type: 'first-country'; name: string; text: string; elapsedMs: number }
  | { type: 'done'; document: IngestedDocument; elapsedMs: number }
  | { type: 'error'; code: IngestErrorCode; message: string };

const job = workerData as IngestJob;
const post = (m: IngestWorkerMessage): void => parentPort?.postMessage(m);
const started = performance.now();

try {
  const document = await ingestFile({
    fileName: job.fileName,
    bytes: job.bytes,
    password: job.password,
    // Loaded only if the file is read in this thread: the page workers load their own.
    pdfjs: loadNodePdfjs,
    readPdf: createParallelPdfReader({
      workerUrl: job.pagesWorkerPath,
      // A narrative is complete once the next one has begun: then its text can be shown.
      onLeadingPages: (ready, total, assemble) => {
        // Look every few pages: laying out the leading pages again costs time.
        if (ready % 4 !== 0 && ready < total) return true;
        const clean = assemble();
        const text = splitRunInHeadings(clean.text);
        const { countries } = understandReport(text, { pageStarts: clean.pageStarts, headsRemoved: true });
        const first = countries[0];
        if (!first || (countries.length < 2 && ready < total)) return true;
        post({ type: 'first-country', name: first.name, text: text.slice(first.start, first.end), elapsedMs: performance.now() - started });
        return false;
      },
    }),
    onProgress: (p) => post({ type: 'progress', ...p }),
  });
  post({ type: 'done', document, elapsedMs: performance.now() - started });
} catch (e) {
  post(e instanceof IngestError ? { type: 'error', code: e.code, message: e.message } : { type: 'error', code: 'invalid-pdf', message: errorMessage(e) });
}
