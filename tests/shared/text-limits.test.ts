import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { unwrapPlainText } from '../../src/shared/ingest/clean-text';
import { countLines, ingestFile, MAX_FILE_BYTES, MAX_TEXT_BYTES, MAX_TEXT_LINES, sizeProblem } from '../../src/shared/ingest/ingest';
import { IngestError } from '../../src/shared/ingest/types';

// The huge generated files themselves (200 MB on one line, 5 million lines) are tried in
// tests/reliability-doc.test.ts, which writes their outcome into docs/reliability.md.

const utf16 = (text: string, order: 'le' | 'be'): Uint8Array =>
  new Uint8Array([...(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), ...Array.from(text).flatMap((c) => (order === 'le' ? [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8] : [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]))]);

async function refusal(fileName: string, bytes: Uint8Array): Promise<IngestError> {
  try {
    await ingestFile({ fileName, bytes, pdfjs: await loadNodePdfjs() });
  } catch (e) {
    if (e instanceof IngestError) return e;
    throw e;
  }
  throw new Error(`${fileName} was imported`);
}

describe('text files have their own size limit, checked from the size alone', () => {
  it('refuses a text file over 64 MB with a specific message, and keeps PDFs at 512 MB', () => {
    expect(MAX_TEXT_BYTES).toBe(64 * 1048576);
    expect(sizeProblem('report.txt', MAX_TEXT_BYTES)).toBeUndefined();
    expect(sizeProblem('report.txt', 200 * 1048576)?.message).toBe(
      'This text file is too large to import (200 MB); text reports are at most 64 MB — split it or import the PDF.',
    );
    expect(sizeProblem('notes.md', MAX_TEXT_BYTES + 1)?.code).toBe('too-large');
    expect(sizeProblem('page.HTML', MAX_TEXT_BYTES + 1)?.code).toBe('too-large');
    expect(sizeProblem('report.pdf', 200 * 1048576)).toBeUndefined();
    expect(sizeProblem('report.pdf', MAX_FILE_BYTES + 1)?.message).toBe('The file is too large to import (512 MB; the limit is 512 MB).');
  });

  it('refuses the bytes before decoding them: 65 MB of zeros is “too large”, not “binary”', async () => {
    // Zeros are refused as binary once decoded: "too large" shows the size was checked first.
    const e = await refusal('dump.txt', new Uint8Array(65 * 1048576));
    expect(e.code).toBe('too-large');
    expect(e.message).toBe('This text file is too large to import (65 MB); text reports are at most 64 MB — split it or import the PDF.');
  });
});

describe('text files have at most two million lines, counted before decoding', () => {
  it('counts line feeds in single-byte, UTF-8 and UTF-16 text without decoding it', () => {
    const enc = new TextEncoder();
    expect(countLines(new Uint8Array())).toBe(0);
    expect(countLines(enc.encode('one'))).toBe(1);
    expect(countLines(enc.encode('one\ntwo'))).toBe(2);
    expect(countLines(enc.encode('one\r\ntwo\r\n'))).toBe(2);
    expect(countLines(enc.encode('\n\n\n'))).toBe(3);
    expect(countLines(utf16('one\ntwo\n', 'le'))).toBe(2);
    expect(countLines(utf16('one\ntwo', 'be'))).toBe(2);
    // U+0A0A and U+410A hold a 0x0A byte but are not line feeds.
    expect(countLines(utf16('\u0a0a\u410a', 'le'))).toBe(1);
    expect(countLines(utf16('\u0a0a\u0a41', 'be'))).toBe(1);
  });

  it('refuses a text file of one line too many with a specific message', async () => {
    const e = await refusal('log.txt', new TextEncoder().encode('x\n'.repeat(MAX_TEXT_LINES + 1)));
    expect(e.code).toBe('too-large');
    expect(e.message).toBe('This text file has too many lines to import (2,000,001); text reports have at most 2,000,000 — split it or import the PDF.');
  });

  // A file of exactly MAX_TEXT_LINES lines imports: tests/shared/encodings.test.ts reads one.
});

describe('unwrapping hard-wrapped text', () => {
  it('takes time in proportion to its lines: 200,000 lines of one paragraph', () => {
    // Joining by slicing the growing paragraph flattened it on every line: 20,000 lines took 11 s,
    // so 200,000 would take about 20 minutes and hit the test's timeout. The time is printed, not asserted.
    const lines = Array.from({ length: 200_000 }, (_, i) => (i % 2 ? 'ficking victims were identi-' : 'fied in 2014 and traf-'));
    const t0 = performance.now();
    const text = unwrapPlainText(lines.join('\n'));
    const ms = performance.now() - t0;
    expect(text.startsWith('fied in 2014 and trafficking victims were identified in 2014 and trafficking')).toBe(true);
    expect(text.endsWith('ficking victims were identi-')).toBe(true);
    expect(text).not.toContain('\n');
    console.log(`unwrap 200,000 lines of one paragraph: ${Math.round(ms)} ms`);
  });
});
