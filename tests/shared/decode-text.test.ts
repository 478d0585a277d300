import { describe, expect, it } from 'vitest';
import { decodeText, decodeWindows1252 } from '../../src/shared/ingest/decode-text';
import { IngestError } from '../../src/shared/ingest/types';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const SAMPLE = 'Government-funded men’s shelters – €149,400';

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

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeText(enc(SAMPLE))).toEqual({ text: SAMPLE, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...enc(SAMPLE)]))).toEqual({ text: SAMPLE, encoding: 'utf-8-bom' });
  });

  it('reads UTF-16 LE and BE with BOM', () => {
    expect(decodeText(utf16(SAMPLE, false))).toEqual({ text: SAMPLE, encoding: 'utf-16le' });
    expect(decodeText(utf16(SAMPLE, true))).toEqual({ text: SAMPLE, encoding: 'utf-16be' });
  });

  it('reads Windows-1252 including the 0x80–0x9F range', () => {
    // men’s (0x92) – (0x96) € (0x80) “ ” (0x93 0x94) … (0x85) Ž (0x8E)
    const bytes = new Uint8Array([0x6d, 0x65, 0x6e, 0x92, 0x73, 0x20, 0x96, 0x20, 0x80, 0x20, 0x93, 0x61, 0x94, 0x85, 0x8e, 0xe9]);
    expect(decodeText(bytes)).toEqual({ text: 'men’s – € “a”…Žé', encoding: 'windows-1252' });
    expect(decodeWindows1252(new Uint8Array([0x81, 0x8d, 0x9f]))).toBe('\u0081\u008dŸ');
  });

  it('refuses binary content', () => {
    expect(() => decodeText(new Uint8Array([0x25, 0x50, 0x00, 0x01, 0x02]))).toThrow(IngestError);
    expect(() => decodeText(new Uint8Array([0x25, 0x50, 0x00, 0x01, 0x02]))).toThrow(/not a text file/);
  });
});
