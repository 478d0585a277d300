import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadNodePdfjs } from '../../src/node/pdfjs-node';
import { ingestFile, MAX_TEXT_LINES } from '../../src/shared/ingest/ingest';
import { IngestError, type IngestedDocument } from '../../src/shared/ingest/types';
import { fixture } from '../fixtures';

/**
 * The TIP excerpt (which has ’ and — but no curly double quotes) plus one paragraph that adds
 * “ ”, –, € and Latin-1 letters, so every Windows-1252 range is exercised.
 */
const SOURCE = `${readFileSync(fixture('tip/tip-2015-excerpt.txt'), 'utf8').trimEnd()}\n\nThe ministry called the plan “a priority” – a €50,000 café and société project.\n`;

/** Windows-1252 bytes 0x80–0x9F by character (the rest of the code page is Latin-1). */
const CP1252: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b,
  'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99,
  'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

function windows1252(s: string): Uint8Array {
  return Uint8Array.from(s, (ch) => {
    const c = ch.charCodeAt(0);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) return c;
    const b = CP1252[ch];
    if (b === undefined) throw new Error(`${ch} has no Windows-1252 byte`);
    return b;
  });
}

function utf16(s: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 + i * 2] = bigEndian ? c >> 8 : c & 0xff;
    out[3 + i * 2] = bigEndian ? c & 0xff : c >> 8;
  }
  return out;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

async function ingestText(bytes: Uint8Array, fileName = 'tip-2015.txt'): Promise<IngestedDocument> {
  return ingestFile({ fileName, bytes, pdfjs: await loadNodePdfjs() });
}

async function failure(bytes: Uint8Array, fileName = 'data.txt'): Promise<IngestError> {
  const e = await ingestText(bytes, fileName).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(IngestError);
  return e as IngestError;
}

describe('the TIP excerpt in every supported encoding', () => {
  const crlf = SOURCE.replace(/\n/g, '\r\n');

  it.each([
    ['UTF-8', utf8(SOURCE), 'utf-8'],
    ['UTF-8 with BOM', concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(SOURCE)), 'utf-8-bom'],
    ['UTF-16 LE with BOM', utf16(SOURCE, false), 'utf-16le'],
    ['UTF-16 BE with BOM', utf16(SOURCE, true), 'utf-16be'],
    ['Windows-1252', windows1252(SOURCE), 'windows-1252'],
    ['UTF-8, CRLF line ends', utf8(crlf), 'utf-8'],
    ['UTF-16 LE with BOM, CRLF line ends', utf16(crlf, false), 'utf-16le'],
    ['Windows-1252, CRLF line ends', windows1252(crlf), 'windows-1252'],
  ])('%s gives the same clean text', async (_name, bytes, encoding) => {
    const reference = await ingestText(utf8(SOURCE));
    expect(reference.text).toContain('men’s crisis centers');
    expect(reference.text).toContain('“a priority” – a €50,000 café and société project.');
    expect(reference.text).toContain('—');
    const doc = await ingestText(bytes);
    expect(doc.encoding).toBe(encoding);
    expect(doc.text).toBe(reference.text);
    expect(doc.pageStarts).toEqual(reference.pageStarts);
    expect(doc.warnings).toEqual([]);
  });
});

describe('text that is not valid UTF-8 or not text at all', () => {
  it('reads Latin-1 bytes as Windows-1252', async () => {
    const doc = await ingestText(new Uint8Array([...utf8('Caf'), 0xe9, ...utf8(' and na'), 0xef, ...utf8('ve: '), 0x93, ...utf8('quoted'), 0x94]));
    expect(doc.encoding).toBe('windows-1252');
    expect(doc.text).toBe('Café and naïve: “quoted”');
  });

  it('falls back to Windows-1252 for UTF-8 with a stray byte, without crashing', async () => {
    // One bad byte makes the whole file Windows-1252, so the UTF-8 ’ shows as â€™ (documented, not ideal).
    const bytes = concat(utf8('The men’s shelter '), new Uint8Array([0xff]), utf8(' opened.'));
    const doc = await ingestText(bytes);
    expect(doc.encoding).toBe('windows-1252');
    expect(doc.text).toBe('The menâ€™s shelter ÿ opened.');
  });

  it('falls back to Windows-1252 for UTF-8 cut off inside a character', async () => {
    const bytes = utf8('Ends with a quote ’').subarray(0, -1);
    const doc = await ingestText(bytes);
    expect(doc.encoding).toBe('windows-1252');
    expect(doc.text.startsWith('Ends with a quote ')).toBe(true);
  });

  it.each([
    ['PNG bytes named .txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])],
    ['ELF bytes named .txt', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0])],
    ['control characters without NULs', Uint8Array.from({ length: 4096 }, (_, i) => ((i * 7) % 31) + 1)],
    ['a UTF-16 BOM followed by binary', new Uint8Array([0xff, 0xfe, ...Array.from({ length: 512 }, (_, i) => (i * 31) % 7)])],
  ])('%s is refused as not text', async (_name, bytes) => {
    const e = await failure(bytes);
    expect(e.code).toBe('not-text');
    expect(e.message).toMatch(/not a text file/);
  });

  it('refuses binary named .md and .html too', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]);
    expect((await failure(png, 'notes.md')).code).toBe('not-text');
    expect((await failure(png, 'page.html')).code).toBe('not-text');
  });
});

describe('large text files', () => {
  it('reads a 20 MB single-line file', async () => {
    const unit = 'The government reported men’s shelters received “Government-funded” support — 149,400 litas ($50,900) in 2014. ';
    const line = unit.repeat(Math.ceil((20 * 1048576) / unit.length));
    const t0 = performance.now();
    const bytes = utf8(line);
    const built = performance.now();
    const doc = await ingestText(bytes);
    const ms = performance.now() - built;
    console.log(`20 MB single line (${(bytes.length / 1048576).toFixed(1)} MB, ${line.length} chars): encode ${Math.round(built - t0)} ms, ingest ${Math.round(ms)} ms`);
    expect(doc.encoding).toBe('utf-8');
    expect(doc.pageStarts).toEqual([0]);
    expect(doc.text).toBe(line.trimEnd());
  }, 300_000);

  it('reads a 2-million-line hard-wrapped file', async () => {
    // 400,000 paragraphs of four wrapped lines and a blank line.
    const paragraphs = 400_000;
    const source: string[] = [];
    const expected: string[] = [];
    for (let p = 0; p < paragraphs; p++) {
      const lines = [`Paragraph ${p}: the government reported`, `that it identified ${p} victims and`, `referred them to care in ${p % 50}`, 'shelters.'];
      source.push(...lines, '');
      expected.push(lines.join(' '));
    }
    expect(source).toHaveLength(2_000_000);
    // Exactly as many lines as a text file may have.
    expect(source).toHaveLength(MAX_TEXT_LINES);
    const t0 = performance.now();
    const bytes = utf8(source.join('\n'));
    const built = performance.now();
    const doc = await ingestText(bytes);
    const ms = performance.now() - built;
    console.log(`2,000,000 lines (${(bytes.length / 1048576).toFixed(1)} MB): encode ${Math.round(built - t0)} ms, ingest ${Math.round(ms)} ms, ${doc.characters} chars out`);
    expect(doc.pageStarts).toEqual([0]);
    expect(doc.text).toBe(expected.join('\n'));
  }, 300_000);
});
