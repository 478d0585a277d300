import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ingestFile, MAX_FILE_BYTES } from '../shared/ingest/ingest';
import { IngestError, type IngestedDocument, type IngestProgress } from '../shared/ingest/types';
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
  if (size > MAX_FILE_BYTES) {
    throw new IngestError('too-large', `The file is too large to import (${Math.round(size / 1048576)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB).`);
  }
  return new Uint8Array(await readFile(path));
}

/** Reads and ingests a file from disk with Node's pdf.js. */
export async function ingestPath(
  path: string,
  options: { password?: string; onProgress?: (p: IngestProgress) => void; signal?: AbortSignal } = {},
): Promise<{ document: IngestedDocument; bytes: Uint8Array }> {
  const bytes = await readFileLimited(path);
  const document = await ingestFile({ fileName: basename(path), bytes, pdfjs: await loadNodePdfjs(), ...options });
  return { document, bytes };
}
