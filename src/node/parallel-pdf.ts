import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { pdfDocumentParams, pdfIngestError, ingestCancelled } from '../shared/ingest/pdf-open';
import { assembleLayout, type PageLayout } from '../shared/ingest/pdf-layout';
import { readPdfInline, type CleanText, type PdfReader } from '../shared/ingest/ingest';
import { IngestError, type IngestErrorCode } from '../shared/ingest/types';

/** Orders "page N: …" messages by N. */
function byPage(a: string, b: string): number {
  return Number(/\d+/.exec(a)?.[0] ?? 0) - Number(/\d+/.exec(b)?.[0] ?? 0);
}

/** Work for one page worker: pages from..to (1-based, inclusive) of the document. */
export interface PagesJob {
  bytes: Uint8Array;
  password?: string;
  from: number;
  to: number;
}

/** What a page worker posts. */
export type PagesWorkerMessage =
  | { type: 'page'; layout: PageLayout; warning?: string }
  | { type: 'done' }
  | { type: 'error'; code: IngestErrorCode; message: string };

/** Options for {@link createParallelPdfReader}. */
export interface ParallelPdfOptions {
  /** The page worker's entry (pdf-pages-worker: the built .js in Electron, the .ts file under tsx). */
  workerUrl: URL | string;
  /** Extra Node flags for the workers (the TypeScript loader when running from source). */
  execArgv?: string[];
  /** Workers to use; defaults to the machine's parallelism. */
  workers?: number;
  /** Documents with fewer pages are read in this thread (workers would cost more than they save). */
  minPages?: number;
  /** Heap limit per worker: a hostile file stops its worker, not the app. */
  maxHeapMb?: number;
  /**
   * Called whenever the run of pages ready from page 1 grows; `assemble` lays out those pages
   * (costly: call it only when needed). Return false to stop being called.
   */
  onLeadingPages?: (pagesReady: number, total: number, assemble: () => CleanText) => boolean;
}

/**
 * A PDF reader that lays out pages in parallel worker threads (pdf.js is single-threaded) and
 * assembles the document in page order; small documents are read in this thread.
 */
export function createParallelPdfReader(options: ParallelPdfOptions): PdfReader {
  return async (bytes, ingest) => {
    const { pdfjs, password, signal, onProgress } = ingest;
    if (signal?.aborted) throw ingestCancelled();
    // Open once here: a wrong password or a broken file fails fast, before any worker starts.
    const task = pdfjs.getDocument(pdfDocumentParams(bytes, pdfjs, password));
    let total: number;
    try {
      total = (await task.promise).numPages;
    } catch (e) {
      throw pdfIngestError(e, password);
    } finally {
      await task.destroy();
    }
    const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), Math.ceil(total / 16)));
    if (total < (options.minPages ?? 24) || workers === 1) return readPdfInline(bytes, ingest);

    const layouts: (PageLayout | undefined)[] = new Array(total);
    const warnings: string[] = [];
    let done = 0;
    let leading = 0;
    let wantLeading = !!options.onLeadingPages;
    const running: Worker[] = [];
    const chunk = Math.ceil(total / workers);
    const stopAll = (): void => running.forEach((w) => void w.terminate());

    const runWorker = (from: number, to: number): Promise<void> =>
      new Promise((resolve, reject) => {
        const job: PagesJob = { bytes, password, from, to };
        const w = new Worker(options.workerUrl, {
          workerData: job,
          execArgv: options.execArgv,
          resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 1024 },
        });
        running.push(w);
        w.on('message', (m: PagesWorkerMessage) => {
          if (m.type === 'page') {
            layouts[m.layout.page - 1] = m.layout;
            if (m.warning) warnings.push(m.warning);
            onProgress?.({ done: ++done, total });
            if (wantLeading && m.layout.page === leading + 1) {
              while (leading < total && layouts[leading]) leading++;
              const ready = layouts.slice(0, leading) as PageLayout[];
              wantLeading = options.onLeadingPages!(leading, total, () => ({ kind: 'pdf', ...assembleLayout(ready) }));
            }
          } else if (m.type === 'done') resolve();
          else reject(new IngestError(m.code, m.message));
        });
        w.on('error', (e) =>
          reject(/memory/i.test(e.message) ? new IngestError('invalid-pdf', 'This PDF needs more memory than an import allows; it may be damaged or hostile.') : pdfIngestError(e, password)),
        );
        w.on('exit', (code) => {
          if (code !== 0) reject(signal?.aborted ? ingestCancelled() : new IngestError('invalid-pdf', `Reading the PDF stopped unexpectedly (exit ${code}).`));
        });
      });

    const onAbort = (): void => stopAll();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const jobs: Promise<void>[] = [];
      for (let from = 1; from <= total; from += chunk) jobs.push(runWorker(from, Math.min(total, from + chunk - 1)));
      await Promise.all(jobs);
    } catch (e) {
      stopAll();
      throw signal?.aborted ? ingestCancelled() : e;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    const result = assembleLayout(layouts as PageLayout[]);
    if (warnings.length) result.warnings = [...warnings.sort(byPage), ...result.warnings];
    return { kind: 'pdf', ...result };
  };
}
