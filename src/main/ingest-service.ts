import { Worker } from 'node:worker_threads';
import { basename } from 'node:path';
import type { IngestOutcome } from '../shared/ipc/contract';
import type { IngestProgress } from '../shared/ingest/types';
import { IngestError } from '../shared/ingest/types';
import { readFileLimited } from '../node/ingest-path';
import { INGEST_WORKER_LIMITS } from '../node/worker-limits';
import type { IngestJob, IngestWorkerMessage } from './ingest-worker';
import workerPath from './ingest-worker?modulePath';
import pagesWorkerPath from '../node/pdf-pages-worker?modulePath';

/** Ingestions under way, each with the function that stops it. */
const running = new Set<() => void>();

/** Stops every ingestion under way; returns how many there were. */
export function cancelAllIngestions(): number {
  const n = running.size;
  [...running].forEach((cancel) => cancel());
  return n;
}

/** Ingests bytes in a worker thread so the main process never blocks; never throws. */
export function ingestInWorker(request: Omit<IngestJob, 'pagesWorkerPath'>, onProgress?: (p: IngestProgress) => void): Promise<IngestOutcome> {
  const job: IngestJob = { ...request, pagesWorkerPath };
  return new Promise((resolve) => {
    const worker = new Worker(workerPath, {
      workerData: job,
      resourceLimits: { ...INGEST_WORKER_LIMITS },
    });
    let settled = false;
    const cancel = (): void => finish({ ok: false, fileName: job.fileName, code: 'cancelled', message: 'Import cancelled.' });
    running.add(cancel);
    const finish = (outcome: IngestOutcome): void => {
      if (settled) return;
      settled = true;
      running.delete(cancel);
      void worker.terminate();
      resolve(outcome);
    };
    worker.on('message', (m: IngestWorkerMessage) => {
      if (m.type === 'progress') onProgress?.({ done: m.done, total: m.total });
      else if (m.type === 'first-country') return;
      else if (m.type === 'done') finish({ ok: true, file: { document: m.document, bytes: job.bytes } });
      else finish({ ok: false, fileName: job.fileName, code: m.code, message: m.message, ...(m.code.startsWith('password') ? { bytes: job.bytes } : {}) });
    });
    worker.on('error', (e) =>
      finish({
        ok: false,
        fileName: job.fileName,
        code: 'invalid-pdf',
        message: /memory/i.test(e.message)
          ? 'This file needs more memory than the import allows; it may be damaged or hostile.'
          : `The file could not be read: ${e.message}`,
      }),
    );
    worker.on('exit', (code) => {
      if (!settled) finish({ ok: false, fileName: job.fileName, code: 'invalid-pdf', message: `The import stopped unexpectedly (exit ${code}).` });
    });
  });
}

/** Reads a file from disk and ingests it in a worker. */
export async function ingestPathInWorker(path: string, onProgress?: (p: IngestProgress) => void): Promise<IngestOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = await readFileLimited(path);
  } catch (e) {
    const err = e instanceof IngestError ? e : new IngestError('unsupported-type', String(e));
    return { ok: false, fileName: basename(path), code: err.code, message: err.message };
  }
  return ingestInWorker({ fileName: basename(path), bytes }, onProgress);
}
