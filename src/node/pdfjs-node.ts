import { createRequire, enableCompileCache } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PdfjsRuntime } from '../shared/ingest/pdf-text';

let runtime: Promise<PdfjsRuntime> | undefined;

type MessageListener = (event: { data: unknown }) => void;

/**
 * The port between pdf.js's two halves when both run in this thread. pdf.js's own (its "fake
 * worker" under Node) structured-clones every message, every chunk of text content included:
 * about 7% of a page worker's CPU on the bench report. This one hands messages over as they are,
 * except that it copies the envelope and a stream chunk's top level: the worker half reuses a
 * chunk object once it has sent it (it gives it fresh `items`), and never changes what is inside.
 * The ingestion tests check the text and spans are byte for byte the same. Delivery stays
 * asynchronous and in order, as with a real port.
 */
class InThreadPort {
  readonly #listeners = new Set<MessageListener>();

  postMessage(message: unknown): void {
    const data = { ...(message as Record<string, unknown>) };
    if (data.chunk && typeof data.chunk === 'object') data.chunk = { ...data.chunk };
    const event = { data };
    queueMicrotask(() => this.#listeners.forEach((listener) => listener.call(this, event)));
  }

  addEventListener(_type: 'message', listener: MessageListener, options?: { signal?: AbortSignal }): void {
    if (options?.signal?.aborted) return;
    this.#listeners.add(listener);
    options?.signal?.addEventListener('abort', () => this.#listeners.delete(listener), { once: true });
  }

  removeEventListener(_type: 'message', listener: MessageListener): void {
    this.#listeners.delete(listener);
  }

  terminate(): void {
    this.#listeners.clear();
  }
}

/**
 * pdf.js for Node (main process, its workers, the CLI): the legacy build, with its bundled fonts,
 * CMaps and wasm read from the local package, never fetched.
 */
export function loadNodePdfjs(): Promise<PdfjsRuntime> {
  runtime ??= (async () => {
    // pdf.js is 3 MB of JavaScript that every page worker compiles afresh: Node's on-disk code
    // cache (in the OS temporary folder, checked against the source) spares them that.
    enableCompileCache?.();
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('pdfjs-dist/package.json'));
    const lib = (await import(pathToFileURL(join(root, 'legacy/build/pdf.mjs')).href)) as typeof import('pdfjs-dist');
    const { WorkerMessageHandler } = (await import(pathToFileURL(join(root, 'legacy/build/pdf.worker.mjs')).href)) as {
      WorkerMessageHandler: { initializeFromPort(port: InThreadPort): void };
    };
    // One in-thread pdf.js worker serves every document opened in this thread (a loading task
    // leaves a worker it was given running when it is destroyed).
    const port = new InThreadPort();
    type WorkerPort = NonNullable<Parameters<typeof lib.PDFWorker.create>[0]>['port'];
    // Quiet, as every document is opened (pdfDocumentParams): the worker half logs at its own level.
    const worker = lib.PDFWorker.create({ port: port as unknown as WorkerPort, verbosity: 0 });
    WorkerMessageHandler.initializeFromPort(port);
    return {
      getDocument: lib.getDocument,
      documentOptions: {
        standardFontDataUrl: join(root, 'standard_fonts') + '/',
        cMapUrl: join(root, 'cmaps') + '/',
        wasmUrl: join(root, 'wasm') + '/',
        worker,
      },
    };
  })();
  return runtime;
}
