import { describe, expect, it } from 'vitest';
import { readPdfInline, type CleanText } from '../../src/shared/ingest/ingest';
import type { IngestProgress } from '../../src/shared/ingest/types';
import { sourcePdfReaderOptions } from '../../src/node/ingest-path';
import { createParallelPdfReader } from '../../src/node/parallel-pdf';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { fixtureBytes } from '../fixtures';

const FILE = 'tip/tip-2015-excerpt.pdf';

/** The parallel reader forced onto its workers even for this small (3-page) file. */
function parallelReader(onLeadingPages?: (ready: number, total: number, assemble: () => CleanText) => boolean) {
  return createParallelPdfReader({ ...sourcePdfReaderOptions(), workers: 2, minPages: 0, onLeadingPages });
}

describe('the parallel PDF reader (page workers fed one page at a time)', () => {
  it('reads the same clean text as the single-threaded reader, reports every page once and the leading pages in order', { timeout: 60_000 }, async () => {
    const bytes = fixtureBytes(FILE);
    const pdfjs = await loadNodePdfjs();
    const inline = await readPdfInline(bytes.slice(), { fileName: FILE, bytes, pdfjs });
    const progress: IngestProgress[] = [];
    const leading: [number, number, string][] = [];
    const read = await parallelReader((ready, total, assemble) => {
      leading.push([ready, total, assemble().text]);
      return true;
    })(bytes, { fileName: FILE, bytes: bytes.slice(), pdfjs, onProgress: (p) => progress.push(p) });

    expect(read.text).toBe(inline.text);
    expect(read.pageStarts).toEqual(inline.pageStarts);
    expect(read.spans).toEqual(inline.spans);
    expect(read.runningHeads).toEqual(inline.runningHeads);
    expect(progress).toEqual([1, 2, 3].map((done) => ({ done, total: 3 })));
    // The run of pages ready from page 1 only grows and ends with the whole document.
    expect(leading.length).toBeGreaterThan(0);
    expect(leading.at(-1)?.slice(0, 2)).toEqual([3, 3]);
    leading.forEach(([ready], i) => i > 0 && expect(ready).toBeGreaterThan(leading[i - 1]![0]));
    expect(leading.at(-1)?.[2]).toBe(inline.text);
  });

  it('stops its workers and says the import was cancelled when aborted part-way', { timeout: 60_000 }, async () => {
    const bytes = fixtureBytes(FILE);
    const pdfjs = await loadNodePdfjs();
    const abort = new AbortController();
    const read = parallelReader()(bytes, { fileName: FILE, bytes, pdfjs, signal: abort.signal, onProgress: () => abort.abort() });
    await expect(read).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('passes on a worker’s error as a clear ingest error', { timeout: 60_000 }, async () => {
    const bytes = fixtureBytes(FILE);
    const pdfjs = await loadNodePdfjs();
    const damaged = bytes.slice(0, 400);
    await expect(parallelReader()(damaged, { fileName: FILE, bytes: damaged, pdfjs })).rejects.toMatchObject({ code: 'invalid-pdf' });
  });
});
