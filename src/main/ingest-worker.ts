import { parentPort, workerData } from 'node:worker_threads';
import { ingestFile } from '../shared/ingest/ingest';
import { IngestError } from '../shared/ingest/types';
import { errorMessage } from '../shared/result';
import { loadNodePdfjs } from '../node/pdfjs-node';

/** Input of one ingestion worker. */
export interface IngestJob {
  fileName: string;
  bytes: Uint8Array;
  password?: string;
}

/** Messages the worker posts back. */
export type IngestWorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; document: import('../shared/ingest/types').IngestedDocument }
  | { type: 'error'; code: import('../shared/ingest/types').IngestErrorCode; message: string };

const job = workerData as IngestJob;
const post = (m: IngestWorkerMessage): void => parentPort?.postMessage(m);

try {
  const document = await ingestFile({
    fileName: job.fileName,
    bytes: job.bytes,
    password: job.password,
    pdfjs: await loadNodePdfjs(),
    onProgress: (p) => post({ type: 'progress', ...p }),
  });
  post({ type: 'done', document });
} catch (e) {
  post(e instanceof IngestError ? { type: 'error', code: e.code, message: e.message } : { type: 'error', code: 'invalid-pdf', message: errorMessage(e) });
}
