import { parentPort, workerData } from 'node:worker_threads';
import { pdfDocumentParams, pdfIngestError } from '../shared/ingest/pdf-open';
import { layoutPage, type LayoutPageInput } from '../shared/ingest/pdf-layout';
import { readPageInput } from '../shared/ingest/pdf-text';
import { loadNodePdfjs } from './pdfjs-node';
import type { PagesJob, PagesWorkerCommand, PagesWorkerMessage } from './parallel-pdf';

// Each page worker opens the document itself (nobody has to open the file first to count its
// pages), says how many pages it has, then lays out the pages the coordinator hands it, in the
// order given, posting each as soon as it is laid out.
const job = workerData as PagesJob;
const post = (m: PagesWorkerMessage): void => parentPort?.postMessage(m);

const queue: number[] = [];
let stopping = false;
let wake: (() => void) | undefined;
parentPort?.on('message', (m: PagesWorkerCommand) => {
  if (m.type === 'page') queue.push(m.page);
  else stopping = true;
  wake?.();
});

/** The next page to lay out, or undefined once the coordinator has no more. */
async function nextPage(): Promise<number | undefined> {
  while (!queue.length && !stopping) await new Promise<void>((r) => (wake = r));
  return queue.shift();
}

try {
  const pdfjs = await loadNodePdfjs();
  const task = pdfjs.getDocument(pdfDocumentParams(job.bytes, pdfjs, job.password));
  const doc = await task.promise;
  post({ type: 'total', total: doc.numPages });
  for (let n = await nextPage(); n !== undefined; n = await nextPage()) {
    let warning: string | undefined;
    let input: LayoutPageInput = { width: 0, height: 0, items: [] };
    try {
      const page = await doc.getPage(n);
      input = await readPageInput(page);
      page.cleanup();
    } catch (e) {
      warning = `page ${n}: text could not be read (${pdfIngestError(e, job.password).message})`;
    }
    post({ type: 'page', layout: layoutPage(input, n), warning });
  }
  await task.destroy();
  post({ type: 'done' });
} catch (e) {
  const err = pdfIngestError(e, job.password);
  post({ type: 'error', code: err.code, message: err.message });
}
// Nothing more will come: let the thread end.
parentPort?.close();
