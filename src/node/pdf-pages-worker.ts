import { parentPort, workerData } from 'node:worker_threads';
import { pdfDocumentParams, pdfIngestError } from '../shared/ingest/pdf-open';
import { layoutPage } from '../shared/ingest/pdf-layout';
import { layoutInputFromContent } from '../shared/ingest/pdf-text';
import { loadNodePdfjs } from './pdfjs-node';
import type { PagesJob, PagesWorkerMessage } from './parallel-pdf';

// Worker `index` of `count` opens the document, takes its share of contiguous pages and posts each
// page as soon as it is laid out, so the coordinator can show the first pages before the last are
// read. Workers split the pages themselves: nobody has to open the file first to count them.
const job = workerData as PagesJob;
const post = (m: PagesWorkerMessage): void => parentPort?.postMessage(m);

try {
  const pdfjs = await loadNodePdfjs();
  const task = pdfjs.getDocument(pdfDocumentParams(job.bytes, pdfjs, job.password));
  const doc = await task.promise;
  const total = doc.numPages;
  const share = Math.ceil(total / job.count);
  const from = job.index * share + 1;
  const to = Math.min(total, from + share - 1);
  post({ type: 'total', total });
  for (let n = from; n <= to; n++) {
    let warning: string | undefined;
    let input = { width: 0, height: 0, items: [] } as ReturnType<typeof layoutInputFromContent>;
    try {
      const page = await doc.getPage(n);
      input = layoutInputFromContent(page.view, await page.getTextContent());
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
