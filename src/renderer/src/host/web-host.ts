import { sizeProblem } from '../../../shared/ingest/ingest';
import type { Command, HostEvents, IngestOutcome } from '../../../shared/ipc/contract';
import { isAllowedExternalUrl } from '../../../shared/links';
import { ok, type Result } from '../../../shared/result';
import type { Host } from './host';
import { listenForShortcuts } from './keyboard';
import type { WorkerJob, WorkerReply } from './ingest-protocol';

/** File types the picker offers. */
const ACCEPT = '.pdf,.txt,.md,.html,.htm,application/pdf,text/plain,text/markdown,text/html';

/** Resolves a path against the page's base URL (the app may be served from a sub-folder). */
function appUrl(path: string): string {
  return new URL(path, document.baseURI).href;
}

/** True for messages our ingestion worker sent (not pdf.js's own). */
function isWorkerReply(m: unknown): m is WorkerReply {
  const t = (m as { type?: unknown } | null)?.type;
  return t === 'progress' || t === 'done' || t === 'error';
}

/** Ingestions under way, each with the function that stops it. */
const running = new Set<() => void>();

/** Runs one ingestion in a fresh Web Worker; never rejects. Cancelling terminates the worker. */
function ingestInWorker(job: Omit<WorkerJob, 'assetsBase'>, onProgress: (done: number, total: number) => void): Promise<IngestOutcome> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module', name: 'ingest' });
    const cancel = (): void => finish({ ok: false, fileName: job.fileName, code: 'cancelled', message: 'Import cancelled.' });
    const finish = (outcome: IngestOutcome): void => {
      running.delete(cancel);
      worker.terminate();
      resolve(outcome);
    };
    running.add(cancel);
    worker.onmessage = (e: MessageEvent<WorkerReply>) => {
      const m = e.data;
      // pdf.js's own worker code shares this worker and announces itself on the same channel.
      if (!isWorkerReply(m)) return;
      if (m.type === 'progress') onProgress(m.done, m.total);
      else if (m.type === 'done') finish({ ok: true, file: { document: m.document, bytes: job.bytes } });
      else finish({ ok: false, fileName: job.fileName, code: m.code, message: m.message, ...(m.code.startsWith('password') ? { bytes: job.bytes } : {}) });
    };
    worker.onerror = (e) => finish({ ok: false, fileName: job.fileName, code: 'invalid-pdf', message: `The file could not be read: ${e.message || 'the import worker failed'}.` });
    const message: WorkerJob = { ...job, assetsBase: appUrl('pdfjs/') };
    worker.postMessage(message);
  });
}

/** Lets the analyst pick files with the browser's file chooser; resolves to [] when cancelled. */
function pickFiles(): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.accept = ACCEPT;
    input.style.display = 'none';
    const done = (files: File[]): void => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done(Array.from(input.files ?? [])));
    input.addEventListener('cancel', () => done([]));
    document.body.append(input);
    input.click();
  });
}

/** The host in an ordinary browser: same renderer, work done with web APIs. */
export function createWebHost(): Host {
  const commandListeners = new Set<(c: Command) => void>();
  const progressListeners = new Set<(p: HostEvents['ingestProgress']) => void>();
  const ingest = (fileName: string, bytes: Uint8Array, password?: string): Promise<IngestOutcome> =>
    ingestInWorker(password === undefined ? { fileName, bytes } : { fileName, bytes, password }, (done, total) =>
      progressListeners.forEach((l) => l({ fileName, done, total })),
    );

  // The browser has no application menu: the same shortcuts come from the keyboard, from the same table.
  listenForShortcuts({ menuHasAccelerators: false }, (command) => commandListeners.forEach((l) => l(command)));

  return {
    kind: 'web',
    async openDocuments(): Promise<Result<IngestOutcome[] | null>> {
      const files = await pickFiles();
      if (files.length === 0) return ok(null);
      const outcomes: IngestOutcome[] = [];
      for (const f of files) {
        // Refused from its size alone: a huge file is never read into the tab's memory.
        const tooLarge = sizeProblem(f.name, f.size);
        outcomes.push(tooLarge ? { ok: false, fileName: f.name, code: tooLarge.code, message: tooLarge.message } : await ingest(f.name, new Uint8Array(await f.arrayBuffer())));
      }
      return ok(outcomes);
    },
    async ingestBytes(fileName, bytes, password) {
      return ok(await ingest(fileName, bytes, password));
    },
    async loadSample() {
      const name = 'tip-2015-excerpt.pdf';
      const res = await fetch(appUrl(`samples/${name}`));
      if (!res.ok) return { ok: false, error: `The sample report could not be loaded (HTTP ${res.status}).` };
      return ok(await ingest(name, new Uint8Array(await res.arrayBuffer())));
    },
    async saveFile(suggestedName, bytes) {
      const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
      const a = document.createElement('a');
      a.href = url;
      a.download = suggestedName;
      a.rel = 'noopener';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return ok(suggestedName);
    },
    async cancelIngest() {
      const n = running.size;
      [...running].forEach((cancel) => cancel());
      return ok(n);
    },
    async openExternal(url) {
      if (!isAllowedExternalUrl(url)) return ok(false);
      if (!window.confirm(`Open this link in a new tab?\n\n${url}`)) return ok(false);
      window.open(url, '_blank', 'noopener,noreferrer');
      return ok(true);
    },
    onCommand(listener) {
      commandListeners.add(listener);
      return () => commandListeners.delete(listener);
    },
    onIngestProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    // A browser page is never handed files by the system: nothing to listen to.
    onFilesOpened: () => () => undefined,
  };
}
