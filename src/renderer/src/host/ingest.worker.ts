/// <reference lib="webworker" />
import * as pdfjs from 'pdfjs-dist';
import * as pdfjsWorker from 'pdfjs-dist/build/pdf.worker.mjs';
import { ingestFile } from '../../../shared/ingest/ingest';
import { IngestError } from '../../../shared/ingest/types';
import { errorMessage } from '../../../shared/result';
import type { WorkerJob, WorkerReply } from './ingest-protocol';

// pdf.js runs its parser in this worker's own thread (no nested worker): the global handler
// makes it use the in-thread "fake worker", still off the UI thread.
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfjsWorker;

const post = (m: WorkerReply): void => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

self.onmessage = async (event: MessageEvent<WorkerJob>) => {
  const job = event.data;
  try {
    const document = await ingestFile({
      fileName: job.fileName,
      bytes: job.bytes,
      password: job.password,
      pdfjs: {
        getDocument: pdfjs.getDocument,
        documentOptions: {
          // Absolute same-origin URLs: the in-thread pdf.js worker fetches them itself (there is no DOM here).
          useWorkerFetch: true,
          standardFontDataUrl: `${job.assetsBase}standard_fonts/`,
          cMapUrl: `${job.assetsBase}cmaps/`,
          wasmUrl: `${job.assetsBase}wasm/`,
        },
      },
      onProgress: (p) => post({ type: 'progress', ...p }),
    });
    post({ type: 'done', document });
  } catch (e) {
    post(e instanceof IngestError ? { type: 'error', code: e.code, message: e.message } : { type: 'error', code: 'invalid-pdf', message: errorMessage(e) });
  }
};
