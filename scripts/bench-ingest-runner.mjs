// Runs the app's own ingestion worker (the electron-vite build of src/main/ingest-worker.ts, which
// lays pages out in parallel page workers) on one file and prints its timings and peak memory.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

// BENCH_CHUNKS points at another build's chunks (for A/B runs of two builds in one session).
const chunks = resolve(process.env.BENCH_CHUNKS ?? join(import.meta.dirname, '../out/main/chunks'));
const find = (prefix) => {
  const name = readdirSync(chunks).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`${prefix} not built: run electron-vite build`);
  return join(chunks, name);
};
const file = process.argv[2];
const bytes = new Uint8Array(readFileSync(file));
const t0 = performance.now();
let firstCountryMs = null;
// The same limits as the app's ingestion worker (src/node/worker-limits.ts; a unit test keeps them equal).
const resourceLimits = { maxOldGenerationSizeMb: 1536, maxYoungGenerationSizeMb: 16 };
const worker = new Worker(find('ingest-worker'), { workerData: { fileName: file, bytes, pagesWorkerPath: find('pdf-pages-worker') }, resourceLimits });
worker.on('message', (m) => {
  if (m.type === 'first-country') firstCountryMs = Math.round(performance.now() - t0);
  if (m.type === 'error') {
    console.error(m.message);
    process.exit(1);
  }
  if (m.type === 'done') {
    const totalMs = Math.round(performance.now() - t0);
    const c = m.document.structure.countries;
    // CPU time of the whole process (all threads): less sensitive to a shared machine than wall time.
    const usage = process.resourceUsage();
    const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
    console.log(JSON.stringify({ totalMs, firstCountryMs, cpuMs, peakMB: Math.round(usage.maxRSS / 1024), pages: m.document.pageStarts.length, countries: c.length }));
    void worker.terminate();
  }
});
