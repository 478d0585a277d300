import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findInflationBomb } from '../../src/shared/ingest/pdf-streams';
import { ingestFile, readPdfInline, type PdfReader } from '../../src/shared/ingest/ingest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { IngestError } from '../../src/shared/ingest/types';
import { fixtureBytes } from '../fixtures';

const MB = 1024 * 1024;
const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

/** A one-page PDF (without a valid xref: pdf.js rebuilds it) whose object 4 is the given stream. */
function pdfWithStream(dict: string, data: Uint8Array, extra = ''): Uint8Array {
  return new Uint8Array(
    Buffer.concat([
      latin1(
        '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n' +
          '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>\nendobj\n' +
          `4 0 obj\n<< ${dict} /Length ${data.length} >>\nstream\n`,
      ),
      data,
      latin1(`\nendstream\nendobj\n5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n${extra}trailer\n<< /Root 1 0 R >>\n%%EOF\n`),
    ]),
  );
}

/** Objects holding the same FlateDecode stream, numbered as given, for {@link pdfWithStream}'s `extra`. */
function moreStreams(numbers: readonly number[], data: Buffer): string {
  return numbers.map((n) => `${n} 0 obj\n<< /Filter /FlateDecode /Length ${data.length} >>\nstream\n${data.toString('latin1')}\nendstream\nendobj\n`).join('');
}

/** Page content: `size` bytes of spaces (which compress about 1,000:1), then a line of text. */
function content(size: number): Uint8Array {
  const text = latin1('BT /F1 12 Tf 72 700 Td (after the padding) Tj ET\n');
  const out = new Uint8Array(size + text.length).fill(0x20);
  out.set(text, size);
  return out;
}

/** `size` bytes that hardly compress (a fixed pseudo-random sequence). */
function noise(size: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = 2463534242;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const bomb = (): Uint8Array => deflateSync(content(2 * MB));

describe('findInflationBomb', () => {
  // A limit of 1 MB stands for the real 256 MB, so the streams stay small.
  const limit = MB;

  it('finds a FlateDecode stream that inflates beyond the limit, and names its object', async () => {
    expect(await findInflationBomb(pdfWithStream('/Filter /FlateDecode', bomb()), limit)).toEqual({ object: 4, offset: expect.any(Number) as number, over: 'stream' });
  });

  it('lets a stream under the limit through', async () => {
    expect(await findInflationBomb(pdfWithStream('/Filter /FlateDecode', deflateSync(content(MB / 2))), limit)).toBeUndefined();
  });

  it('follows a chain of FlateDecode filters, where a few hundred bytes can hold gigabytes', async () => {
    const twice = deflateSync(bomb());
    expect(twice.length).toBeLessThan(MB / 1032);
    expect(await findInflationBomb(pdfWithStream('/Filter [/FlateDecode /FlateDecode]', twice), limit)).toMatchObject({ object: 4 });
    // Inflated once, the same bytes give back the 2 KB of the inner stream: under a 50 KB limit,
    // which both are checked against (100 bytes could reach 100 KB).
    expect(await findInflationBomb(pdfWithStream('/Filter /FlateDecode', twice), 50_000)).toBeUndefined();
    expect(await findInflationBomb(pdfWithStream('/Filter [/FlateDecode /FlateDecode]', twice), 50_000)).toMatchObject({ object: 4 });
  });

  it.each([
    ['padded after the filter', `/Filter /FlateDecode ${Array.from({ length: 400 }, (_, i) => `/Pad${i} (${'x'.repeat(20)})`).join(' ')}`],
    ['with "1 0 obj" in a string after the filter', '/Filter /FlateDecode /T (see 1 0 obj) /U (upstream)'],
    ['with an image subtype in a nested dictionary', '/DecodeParms << /Subtype /Image /Filter /LZWDecode >> /Filter /FlateDecode'],
    ['with the filter name escaped', '/Filter /Flate#44ecode'],
    ['with the filter given by reference', '/Filter 9 0 R'],
    ['with a comment', '% /Filter /LZWDecode\n/Filter [/Fl]'],
    ['with a stray stream keyword inside', '/Filter /FlateDecode /X stream /Y (a >>stream in a string)'],
  ])('reads the dictionary of a bomb %s', async (_, dict) => {
    expect(await findInflationBomb(pdfWithStream(dict, bomb()), limit)).toMatchObject({ object: 4, over: 'stream' });
  });

  it('is not misled by ">>stream" in a string of an object before the bomb', async () => {
    const bytes = pdfWithStream('/Filter /FlateDecode', bomb());
    const text = Buffer.from(bytes).toString('latin1').replace('4 0 obj', '6 0 obj\n(<<>>stream)\nendobj\n4 0 obj');
    expect(await findInflationBomb(new Uint8Array(latin1(text)), limit)).toMatchObject({ object: 4 });
  });

  it('skips image streams and embedded files, which text extraction never decodes', async () => {
    const image = '/Type /XObject /Subtype /Image /Width 2048 /Height 1024 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode';
    expect(await findInflationBomb(pdfWithStream(image, deflateSync(new Uint8Array(2 * MB))), limit)).toBeUndefined();
    expect(await findInflationBomb(pdfWithStream('/Type /EmbeddedFile /Filter /FlateDecode', bomb()), limit)).toBeUndefined();
  });

  it('finds nothing in ordinary reports (their streams are far too short to reach the limit)', async () => {
    expect(await findInflationBomb(fixtureBytes('pdf/real/tracemonkey.pdf'))).toBeUndefined();
    expect(await findInflationBomb(fixtureBytes('tip/tip-2015-excerpt.pdf'))).toBeUndefined();
  });

  it('reads on past damaged or truncated data', async () => {
    const good = bomb();
    // Half the stream still inflates beyond 1 MB before the data ends.
    expect(await findInflationBomb(pdfWithStream('/Filter /FlateDecode', good.subarray(0, good.length >> 1)), limit)).toMatchObject({ object: 4 });
    // A zlib header, then noise: inflating fails at once, and nothing is refused or left pending.
    const junk = new Uint8Array(2 * MB);
    junk.set([0x78, 0x9c]);
    junk.set(noise(2 * MB - 2), 2);
    expect(await findInflationBomb(pdfWithStream('/Filter /FlateDecode', junk), limit)).toBeUndefined();
  });

  it('stops at a total for many streams each under the limit that inflate a hundredfold or more', async () => {
    // Three streams of 0.9 MB (spaces with some noise: about 4 KB compressed, long enough to be
    // checked) against a 1 MB limit per stream and 2 MB in all: the third passes the total.
    const part = new Uint8Array(0.9 * MB);
    part.fill(0x20);
    part.set(noise(3000));
    const data = deflateSync(part);
    const bytes = pdfWithStream('/Filter /FlateDecode', data, moreStreams([6, 7], data));
    expect(await findInflationBomb(bytes, MB, 2 * MB)).toMatchObject({ object: 7, over: 'total' });
    expect(await findInflationBomb(bytes, MB, 3 * MB)).toBeUndefined();
    // The same volume that hardly compresses (a large real document) does not count.
    const plain = deflateSync(noise(0.9 * MB));
    expect(await findInflationBomb(pdfWithStream('/Filter /FlateDecode', plain, moreStreams([6, 7], plain)), MB, 2 * MB)).toBeUndefined();
  });
});

describe('ingesting a PDF with a stream beyond the limit', () => {
  it('is refused with a clear message and never reaches pdf.js; the same file under the limit imports', async () => {
    const pdfjs = await loadNodePdfjs();
    // 300 MB of spaces deflate to about 300 KB: over the real limit.
    const big = pdfWithStream('/Filter /FlateDecode', deflateSync(content(300 * MB), { level: 1 }));
    expect(big.length).toBeLessThan(2 * MB);
    const read: Uint8Array[] = [];
    const readPdf: PdfReader = (bytes, options) => {
      read.push(bytes);
      return readPdfInline(bytes, options);
    };
    const error = await ingestFile({ fileName: 'bomb.pdf', bytes: big, pdfjs, readPdf }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({ code: 'too-large', message: expect.stringMatching(/compressed parts \(PDF object 4\) unpacks to more than 256 MB.*print it to a new PDF/) as string });
    expect(read).toHaveLength(0);
    const fine = await ingestFile({ fileName: 'fine.pdf', bytes: pdfWithStream('/Filter /FlateDecode', deflateSync(content(1000))), pdfjs, readPdf });
    expect(fine.text).toBe('after the padding');
    expect(read).toHaveLength(1);
  }, 60_000);
});

describe('findInflationBomb on hostile structure, in time proportional to the file', () => {
  // Each of these once made the check read the file again per stream, or a pattern backtrack:
  // hours or minutes for these sizes. The times are printed; a regression runs into the timeout.
  it.each([
    ['400,000 streams with no object header and no "endstream"', '%PDF-1.7\n' + '<< /Filter /FlateDecode /Length 2 >>stream\nxx'.repeat(400_000)],
    ['400,000 objects whose stream has no "endstream"', '%PDF-1.7\n' + '1 0 obj << /Filter /FlateDecode /Length 2 >>stream\nxx'.repeat(400_000)],
    ['a dictionary of 4 MB of digits', `%PDF-1.7\n4 0 obj\n<< /Filter /FlateDecode /N ${'1 '.repeat(2 * MB)} >>\nstream\nxx\nendstream\n`],
    ['a dictionary of 1,000,000 unclosed arrays', `%PDF-1.7\n4 0 obj\n<< ${'/Filter['.repeat(MB)} >>\nstream\nxx\nendstream\n`],
    ['1,000,000 unclosed strings', `%PDF-1.7\n${'4 0 obj << ('.repeat(MB)}`],
    ['2,000,000 unclosed hex strings', `%PDF-1.7\n${'< '.repeat(2 * MB)}`],
    ['an object with 1,000,000 stray stream keywords in its dictionary', `%PDF-1.7\n4 0 obj\n<< /Filter /FlateDecode ${' stream'.repeat(MB)} >>\nstream\nxx\nendstream\n`],
  ])('%s', async (label, text) => {
    const bytes = new Uint8Array(latin1(text));
    const t0 = performance.now();
    expect(await findInflationBomb(bytes, MB)).toBeUndefined();
    console.log(`${label} (${Math.round(bytes.length / MB)} MB): ${Math.round(performance.now() - t0)} ms`);
  }, 60_000);
});
