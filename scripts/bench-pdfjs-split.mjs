// pdf.js alone, as the app runs it but with nothing of ours: every page's getTextContent, the
// pages split between two worker threads (odd and even), each opening its own copy of the file
// with the app's document parameters and the page workers' memory limits. No layout, no assembly,
// no structure. Its wall time is what the app's ingestion could reach at best on two cores with
// pdf.js. Prints JSON.
import { enableCompileCache } from 'node:module';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const WORKERS = 2;
if (isMainThread) {
  // The app's parameters and limits, read from its sources (tsx only here, not in the workers).
  const { register } = await import('tsx/esm/api');
  register();
  const { PAGE_WORKER_YOUNG_MB } = await import('../src/node/worker-limits.ts');
  const { loadNodePdfjs } = await import('../src/node/pdfjs-node.ts');
  const { pdfDocumentParams } = await import('../src/shared/ingest/pdf-open.ts');
  const bytes = new Uint8Array(readFileSync(process.argv[2]));
  const params = pdfDocumentParams(bytes, await loadNodePdfjs());
  const t0 = performance.now();
  const cpu = await Promise.all(
    Array.from(
      { length: WORKERS },
      (_, i) =>
        new Promise((resolve, reject) => {
          const w = new Worker(new URL(import.meta.url), { workerData: { params, first: i + 1 }, resourceLimits: { maxYoungGenerationSizeMb: PAGE_WORKER_YOUNG_MB } });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
  console.log(JSON.stringify({ workers: WORKERS, wallMs: Math.round(performance.now() - t0), cpuMsPerWorker: cpu.map(Math.round) }));
} else {
  // As src/node/pdfjs-node.ts loads it: the legacy build, with Node's compile cache.
  enableCompileCache?.();
  const pdfjs = await import(pathToFileURL(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs')).href);
  const { params, first } = workerData;
  const task = pdfjs.getDocument(params);
  const doc = await task.promise;
  for (let n = first; n <= doc.numPages; n += WORKERS) {
    const page = await doc.getPage(n);
    await page.getTextContent();
    page.cleanup();
  }
  await task.destroy();
  const u = process.threadCpuUsage();
  parentPort.postMessage((u.user + u.system) / 1000);
}
