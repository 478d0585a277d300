import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ingestFile, sizeProblem, type IngestOptions } from '../shared/ingest/ingest';
import { IngestError, type IngestedDocument } from '../shared/ingest/types';
import { createParallelPdfReader, type ParallelPdfOptions } from './parallel-pdf';
import { loadNodePdfjs } from './pdfjs-node';

/** Reads a file from disk with the size limit checked before reading. */
export async function readFileLimited(path: string): Promise<Uint8Array> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new IngestError('unsupported-type', `“${basename(path)}” is not a file.`);
    size = s.size;
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError('unsupported-type', `Cannot read “${path}”: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`);
  }
  const tooLarge = sizeProblem(basename(path), size);
  if (tooLarge) throw tooLarge;
  return new Uint8Array(await readFile(path));
}

/** The parallel PDF reader running its workers from source through tsx (CLI, tests, bench). */
export function sourcePdfReaderOptions(): ParallelPdfOptions {
  return {
    workerUrl: new URL('./pdf-pages-worker.ts', import.meta.url),
    execArgv: ['--import', import.meta.resolve('tsx/esm')],
  };
}

/** Options for {@link ingestPath}. */
export type IngestPathOptions = Partial<Pick<IngestOptions, 'password' | 'onProgress' | 'signal'>> & {
  /** How PDFs are read in parallel; defaults to workers run from source. */
  parallel?: ParallelPdfOptions;
};

/** Reads and ingests a file from disk with Node's pdf.js, laying out PDF pages in parallel. */
export async function ingestPath(path: string, options: IngestPathOptions = {}): Promise<{ document: IngestedDocument; bytes: Uint8Array }> {
  const bytes = await readFileLimited(path);
  const { parallel = sourcePdfReaderOptions(), ...rest } = options;
  const document = await ingestFile({
    fileName: basename(path),
    bytes,
    // Loaded only if the file is read in this thread: the page workers load their own.
    pdfjs: loadNodePdfjs,
    readPdf: createParallelPdfReader(parallel),
    ...rest,
  });
  return { document, bytes };
}
