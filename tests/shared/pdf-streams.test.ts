import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findInflationBomb } from '../../src/shared/ingest/pdf-streams';
import { ingestFile } from '../../src/shared/ingest/ingest';
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

describe('findInflationBomb', () => {
  // A limit of 1 MB stands for the real 256 MB, so the streams stay small.
  const limit = MB;

  it('finds a FlateDecode stream that inflates beyond the limit, and names its object', async () => {
    const bytes = pdfWithStream('/Filter /FlateDecode', deflateSync(content(2 * MB)));
    expect(await findInflationBomb(bytes, limit)).toEqual({ object: '4 0', offset: expect.any(Number) as number, over: 'stream' });
  });

  it('lets a stream under the limit through', async () => {
    expect(await findInflationBomb(pdfWithStream('/Filter /FlateDecode', deflateSync(content(MB / 2))), limit)).toBeUndefined();
  });

  it('follows a chain of FlateDecode filters, where a few hundred bytes can hold gigabytes', async () => {
    const twice = deflateSync(deflateSync(content(2 * MB)));
    expect(twice.length).toBeLessThan(MB / 1032);
    expect(await findInflationBomb(pdfWithStream('/Filter [/FlateDecode /FlateDecode]', twice), limit)).toMatchObject({ object: '4 0' });
    // Once inflated, the same bytes are under the limit.
    expect(await findInflationBomb(pdfWithStream('/Filter /FlateDecode', twice), limit)).toBeUndefined();
  });

  it('finds the filter of a dictionary padded to hide it', async () => {
    const padding = Array.from({ length: 400 }, (_, i) => `/Pad${i} (${'x'.repeat(20)})`).join(' ');
    const bytes = pdfWithStream(`/Filter /FlateDecode ${padding}`, deflateSync(content(2 * MB)));
    expect(await findInflationBomb(bytes, limit)).toMatchObject({ object: '4 0' });
  });

  it('skips image streams, which text extraction never decodes', async () => {
    const bytes = pdfWithStream('/Type /XObject /Subtype /Image /Width 2048 /Height 1024 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode', deflateSync(new Uint8Array(2 * MB)));
    expect(await findInflationBomb(bytes, limit)).toBeUndefined();
  });

  it('never inflates the streams of an ordinary report (each far too short to reach the limit)', async () => {
    // The default 256 MB limit: a 6 MB stream at most could reach it.
    expect(await findInflationBomb(fixtureBytes('pdf/real/tracemonkey.pdf'))).toBeUndefined();
    expect(await findInflationBomb(fixtureBytes('tip/tip-2015-excerpt.pdf'))).toBeUndefined();
  });

  it('reads on past damaged or truncated data', async () => {
    const good = deflateSync(content(2 * MB));
    const cut = good.subarray(0, good.length >> 1);
    // Half the stream still inflates beyond 1 MB before the data ends.
    expect(await findInflationBomb(pdfWithStream('/Filter /FlateDecode', cut), limit)).toMatchObject({ object: '4 0' });
    expect(await findInflationBomb(pdfWithStream('/Filter /FlateDecode', new Uint8Array(2 * MB).fill(0x41)), limit)).toBeUndefined();
  });
});

describe('ingesting a PDF with a stream beyond the limit', () => {
  it('is refused with a clear message before pdf.js reads it; the same file under the limit imports', async () => {
    const pdfjs = await loadNodePdfjs();
    // 300 MB of spaces deflate to about 300 KB: over the real limit.
    const bomb = pdfWithStream('/Filter /FlateDecode', deflateSync(content(300 * MB), { level: 1 }));
    expect(bomb.length).toBeLessThan(2 * MB);
    const error = await ingestFile({ fileName: 'bomb.pdf', bytes: bomb, pdfjs }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({ code: 'too-large', message: expect.stringMatching(/object 4 0\) expands to more than 256 MB/) as string });
    const fine = await ingestFile({ fileName: 'fine.pdf', bytes: pdfWithStream('/Filter /FlateDecode', deflateSync(content(1000))), pdfjs });
    expect(fine.text).toBe('after the padding');
  }, 60_000);
});

describe('findInflationBomb on hostile structure', () => {
  it('stops at a total for many streams each under the limit', async () => {
    // Three streams of 0.75 MB each against a 1 MB limit per stream and 2 MB in all: the third
    // passes the total. Noise, so that each is long enough compressed to be inflated at all.
    const data = deflateSync(noise((3 * MB) / 4));
    const extra = [6, 7]
      .map((n) => `${n} 0 obj\n<< /Filter /FlateDecode /Length ${data.length} >>\nstream\n${data.toString('latin1')}\nendstream\nendobj\n`)
      .join('');
    const bytes = pdfWithStream('/Filter /FlateDecode', data, extra);
    expect(await findInflationBomb(bytes, MB, 2 * MB)).toMatchObject({ object: '7 0', over: 'total' });
    expect(await findInflationBomb(bytes, MB, 3 * MB)).toBeUndefined();
  });

  it('reads a file of 400,000 streams with no object header and no "endstream" in one pass', async () => {
    // Searching each stream's end, or its dictionary as far back as an "obj", anew from each
    // keyword would read the whole file once per stream: hours for this file.
    const bytes = new Uint8Array(latin1('%PDF-1.7\n' + '<< /Filter /FlateDecode /Length 2 >>stream\nxx'.repeat(400_000)));
    const t0 = performance.now();
    expect(await findInflationBomb(bytes, MB)).toBeUndefined();
    console.log(`400,000 stream keywords (${Math.round(bytes.length / MB)} MB): ${Math.round(performance.now() - t0)} ms`);
  }, 60_000);
});
