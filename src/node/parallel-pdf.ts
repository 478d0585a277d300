import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { pdfIngestError, ingestCancelled } from '../shared/ingest/pdf-open';
import { assembleLayout, type PageLayout } from '../shared/ingest/pdf-layout';
import { readPdfInline, type CleanText, type PdfReader } from '../shared/ingest/ingest';
import { IngestError, type IngestErrorCode } from '../shared/ingest/types';
import { PAGE_WORKER_YOUNG_MB } from './worker-limits';

/** Orders "page N: …" messages by N. */
function byPage(a: string, b: string): number {
  return Number(/\d+/.exec(a)?.[0] ?? 0) - Number(/\d+/.exec(b)?.[0] ?? 0);
}

/** What a page worker is started with: the document (each worker opens its own copy). */
export interface PagesJob {
  bytes: Uint8Array;
  password?: string;
}

/**
 * What the coordinator sends a page worker: a page to lay out, or `stop` once it has no more
 * pages to hand out (the worker finishes its queue, then closes the document and says `done`).
 */
export type PagesWorkerCommand = { type: 'page'; page: number } | { type: 'stop' };

/** What a page worker posts. */
export type PagesWorkerMessage =
  | { type: 'total'; total: number }
  | { type: 'page'; layout: PageLayout; warning?: string }
  | { type: 'done' }
  | { type: 'error'; code: IngestErrorCode; message: string };

/**
 * Pages each worker holds at once: the one it is reading and the next, so it never waits for the
 * coordinator (which is busy now and then laying out the leading pages) between two pages.
 */
const PAGES_IN_FLIGHT = 2;

/** Options for {@link createParallelPdfReader}. */
export interface ParallelPdfOptions {
  /** The page worker's entry (pdf-pages-worker: the built .js in Electron, the .ts file under tsx). */
  workerUrl: URL | string;
  /** Extra Node flags for the workers (the TypeScript loader when running from source). */
  execArgv?: string[];
  /** Workers to use; defaults to the machine's parallelism. */
  workers?: number;
  /** Files estimated to have fewer pages are read in this thread (workers would cost more than they save). */
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
 * A rough page count from the raw bytes ("/Type /Page" objects outside object streams). Only
 * decides whether workers are worth starting; the workers count pages exactly.
 */
export function estimatePageCount(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0x2f); i >= 0 && i + 10 < bytes.length; i = bytes.indexOf(0x2f, i + 1)) {
    // "/Type" then optional spaces then "/Page" not followed by "s".
    if (bytes[i + 1] !== 0x54 || bytes[i + 2] !== 0x79 || bytes[i + 3] !== 0x70 || bytes[i + 4] !== 0x65) continue;
    let j = i + 5;
    while (bytes[j] === 0x20 || bytes[j] === 0x0a || bytes[j] === 0x0d) j++;
    if (bytes[j] === 0x2f && bytes[j + 1] === 0x50 && bytes[j + 2] === 0x61 && bytes[j + 3] === 0x67 && bytes[j + 4] === 0x65 && bytes[j + 5] !== 0x73) n++;
  }
  return n;
}

/**
 * A PDF reader that lays out pages in parallel worker threads (pdf.js is single-threaded) and
 * assembles the document in page order; small documents are read in this thread.
 */
export function createParallelPdfReader(options: ParallelPdfOptions): PdfReader {
  return async (bytes, ingest) => {
    const { password, signal, onProgress } = ingest;
    if (signal?.aborted) throw ingestCancelled();
    const workers = Math.max(1, options.workers ?? availableParallelism());
    const estimate = estimatePageCount(bytes);
    // Compressed object streams hide page objects from the estimate: big files still go parallel.
    if (workers === 1 || (estimate < (options.minPages ?? 24) && bytes.length < 4 * 1024 * 1024)) return readPdfInline(bytes, ingest);

    let layouts: (PageLayout | undefined)[] = [];
    let total = -1;
    const warnings: string[] = [];
    let done = 0;
    let leading = 0;
    let wantLeading = !!options.onLeadingPages;
    const running: Worker[] = [];
    const stopAll = (): void => running.forEach((w) => void w.terminate());

    // Pages are handed out one at a time in page order to whichever worker finishes one, so
    // the workers finish together (pages differ in cost) and the leading pages, which the
    // first-country event waits for, arrive at the pace of all the workers together.
    let next = 1;
    const feed = (w: Worker, inFlight: { n: number }): void => {
      while (inFlight.n < PAGES_IN_FLIGHT && next <= total) {
        inFlight.n++;
        w.postMessage({ type: 'page', page: next++ } satisfies PagesWorkerCommand);
      }
      if (inFlight.n === 0) w.postMessage({ type: 'stop' } satisfies PagesWorkerCommand);
    };

    const runWorker = (): Promise<void> =>
      new Promise((resolve, reject) => {
        const job: PagesJob = { bytes, password };
        const w = new Worker(options.workerUrl, {
          workerData: job,
          execArgv: options.execArgv,
          resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 1024, maxYoungGenerationSizeMb: PAGE_WORKER_YOUNG_MB },
        });
        running.push(w);
        const inFlight = { n: 0 };
        w.on('message', (m: PagesWorkerMessage) => {
          if (m.type === 'total') {
            if (total < 0) layouts = new Array((total = m.total));
            feed(w, inFlight);
          } else if (m.type === 'page') {
            inFlight.n--;
            layouts[m.layout.page - 1] = m.layout;
            if (m.warning) warnings.push(m.warning);
            feed(w, inFlight);
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
      for (let i = 0; i < workers; i++) jobs.push(runWorker());
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
