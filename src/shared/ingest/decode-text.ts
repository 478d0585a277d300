import { IngestError } from './types';

/** The encodings a text file is recognised in. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Decoded text and the encoding it was read as. */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F; decoders in some runtimes (Node 20) get
// these wrong, so they are mapped by hand. Undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) keep
// their C1 code point, as the WHATWG encoding standard does.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d,
  0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d,
  0x17e, 0x178,
];

/** Decodes Windows-1252 bytes exactly, independent of the runtime's decoder. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const end = Math.min(bytes.length, i + CHUNK);
    const codes = new Array<number>(end - i);
    for (let j = i; j < end; j++) {
      const b = bytes[j]!;
      codes[j - i] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** True when the bytes look like a binary file rather than text in a single-byte or UTF-8 encoding. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 65536);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    // Tab, LF, FF, CR and ESC are ordinary in text files; other C0 controls are not.
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27) control++;
  }
  return control / n > 0.01;
}

/** True when UTF-16 text decoded without a BOM is mostly printable (guards against binary with a lucky BOM). */
function mostlyPrintable(text: string): boolean {
  const n = Math.min(text.length, 65536);
  if (n === 0) return true;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad / n <= 0.01;
}

/**
 * Decodes a text file: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, else Windows-1252.
 * Refuses binary content with a clear message.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeUtf8Strict(bytes.subarray(3)) ?? decodeWindows1252(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = new TextDecoder(encoding).decode(bytes.subarray(2));
    if (!mostlyPrintable(text)) throw notText();
    return { text, encoding };
  }
  if (looksBinary(bytes)) throw notText();
  const utf8 = decodeUtf8Strict(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
}

function decodeUtf8Strict(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function notText(): IngestError {
  return new IngestError('not-text', 'This is not a text file: it contains binary data.');
}
