/**
 * Finds decompression bombs in a PDF before pdf.js reads it. pdf.js inflates a page's content
 * stream whole and keeps it (a 1 MB file whose stream inflates to 1 GB costs over 2 GB of memory),
 * so a stream that would expand beyond {@link MAX_INFLATED_STREAM_BYTES} is refused up front.
 *
 * Deflate expands at most 1,032 times, so only streams whose compressed length could reach the
 * limit are inflated, and then only until they pass it, chunk by chunk, keeping nothing: an
 * ordinary report's streams are never inflated here. Each stream's dictionary is read with a
 * small lexer (strings, nested dictionaries, arrays, comments), so text inside it cannot pass for
 * its filter. Checked: streams whose filters begin with FlateDecode (one or several), or whose
 * filter is given by reference and whose data starts like zlib. Not checked: streams behind
 * another filter first (ASCII85, LZW, hex), encrypted files' streams (their bytes are ciphertext),
 * images and embedded files, which text extraction never decodes (a content stream that calls
 * itself an image goes unchecked too), and an object whose dictionary holds 16 stray `stream`
 * keywords. Many streams each just short of the length that could reach the limit are not added
 * up either (pdf.js joins the streams of a page's /Contents array).
 */

/** The most a single stream may inflate to: far beyond any real page's content (a few MB at most). */
export const MAX_INFLATED_STREAM_BYTES = 256 * 1024 * 1024;

/**
 * What streams that inflate more than {@link SUSPICIOUS_RATIO} times may come to together: a file
 * of many such streams just under the limit is as hostile (and would keep this check busy for
 * minutes). Real content compresses 3 to 10 times, so large legitimate files never count here.
 */
export const MAX_SUSPICIOUS_TOTAL_BYTES = 1024 * 1024 * 1024;
const SUSPICIOUS_RATIO = 100;

/** Deflate's largest expansion ratio (a run of one byte: 258 bytes per 2 bits). */
const DEFLATE_MAX_RATIO = 1032;

/** A stream found to inflate beyond the limit, or the one that took the file's suspicious streams beyond theirs. */
export interface InflationBomb {
  /** The number of the PDF object holding the stream. */
  object?: number;
  /** Offset of the stream's data in the file. */
  offset: number;
  /** `stream`: this stream alone passes {@link MAX_INFLATED_STREAM_BYTES}; `total`: with the suspicious ones before it, {@link MAX_SUSPICIOUS_TOTAL_BYTES}. */
  over: 'stream' | 'total';
}

const ENDSTREAM = [0x65, 0x6e, 0x64, 0x73, 0x74, 0x72, 0x65, 0x61, 0x6d]; // "endstream"
/** A string longer than this is passed over in pieces (a string left open must not hide the rest of the file). */
const MAX_STRING_BYTES = 64 * 1024;
const MAX_STRAY_KEYWORDS = 16;

/**
 * The first stream of the file that inflates beyond `limit` bytes, if any. The file is read once,
 * front to back, as PDF tokens (strings and comments skipped, so text in them is not taken for a
 * keyword): each `N G obj` starts an object, a `stream` keyword after its dictionary starts the
 * data, which runs to the next `endstream` (else its /Length, else the end of the file). Time is
 * in proportion to the file's size, whatever it holds.
 */
export async function findInflationBomb(
  bytes: Uint8Array,
  limit = MAX_INFLATED_STREAM_BYTES,
  suspiciousLimit = MAX_SUSPICIOUS_TOTAL_BYTES,
): Promise<InflationBomb | undefined> {
  const n = bytes.length;
  let suspicious = 0;
  /** Just after the current object's `obj` keyword (-1 outside an object), and its number. */
  let objAt = -1;
  let object: number | undefined;
  /** The last two integers read, for the `N G` before `obj`. */
  let previous: number | undefined;
  let last: number | undefined;
  let nextEnd = 0;
  let nextGreater = 0;
  /** `stream` keywords inside the current object's dictionary: each makes it be read again, so few are allowed. */
  let strays = 0;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (isSpace(b)) {
      i++;
      continue;
    }
    if (b === 0x25) {
      while (i < n && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
    } else if (b === 0x28) {
      i = skipString(bytes, i, Math.min(n, i + MAX_STRING_BYTES));
    } else if (b === 0x3c && bytes[i + 1] !== 0x3c) {
      if (nextGreater >= 0 && nextGreater < i) nextGreater = bytes.indexOf(0x3e, i);
      i = nextGreater < 0 || nextGreater - i > MAX_STRING_BYTES ? i + 1 : nextGreater + 1;
    } else if (b === 0x2f) {
      // A name.
      i++;
      while (i < n && !isSpace(bytes[i]!) && !isDelimiter(bytes[i]!)) i++;
    } else if (isDelimiter(b)) {
      // << >> [ ] { } and a stray ) or >.
      i += (b === 0x3c || b === 0x3e) && bytes[i + 1] === b ? 2 : 1;
    } else {
      let j = i + 1;
      while (j < n && !isSpace(bytes[j]!) && !isDelimiter(bytes[j]!)) j++;
      const length = j - i;
      let number: number | undefined = length <= 9 ? 0 : undefined;
      for (let d = i; d < j && number !== undefined; d++) {
        const digit = bytes[d]! - 0x30;
        number = digit >= 0 && digit <= 9 ? number * 10 + digit : undefined;
      }
      const word = length === 3 || length === 6 ? String.fromCharCode(...bytes.subarray(i, j)) : '';
      if (word === 'obj') {
        objAt = j;
        object = previous;
        strays = 0;
      } else if (word === 'endobj') objAt = -1;
      else if (word === 'stream' && objAt >= 0) {
        const found = await checkStream(objAt, i, j);
        if (found) return { ...(object !== undefined ? { object } : {}), ...found };
        continue;
      }
      previous = last;
      last = number;
      i = j;
      continue;
    }
    previous = last = undefined;
  }
  return undefined;

  /**
   * The stream of the object whose dictionary follows `dictFrom`, if the keyword at
   * `keyword`…`keywordEnd` comes right after that dictionary; moves `i` past its data.
   */
  async function checkStream(dictFrom: number, keyword: number, keywordEnd: number): Promise<Omit<InflationBomb, 'object'> | undefined> {
    i = keywordEnd;
    const dict = readDictionary(bytes, dictFrom, keyword);
    if (!dict) {
      if (++strays >= MAX_STRAY_KEYWORDS) objAt = -1;
      return undefined;
    }
    let gap = dict.end;
    while (gap < keyword && isSpace(bytes[gap]!)) gap++;
    // A stray keyword inside the dictionary (or none before it) does not start the data.
    if (gap !== keyword) {
      if (++strays >= MAX_STRAY_KEYWORDS) objAt = -1;
      return undefined;
    }
    objAt = -1;
    let start = keywordEnd;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] === 0x0a) start++;
    if (nextEnd >= 0 && nextEnd < start) nextEnd = find(bytes, ENDSTREAM, start);
    let stop: number;
    if (nextEnd >= 0) {
      stop = nextEnd;
      // The end-of-line before "endstream" is not data (inflating it would end in an error).
      if (bytes[stop - 1] === 0x0a) stop--;
      if (bytes[stop - 1] === 0x0d) stop--;
      i = nextEnd + ENDSTREAM.length;
    } else {
      // No "endstream" up to the end of the file: the stated length bounds the data.
      stop = dict.length !== undefined ? Math.min(n, start + dict.length) : n;
      i = stop;
    }
    if (dict.subtype === 'Image' || dict.type === 'EmbeddedFile' || dict.type === 'Metadata') return undefined;
    const stages = flateStages(dict.filters);
    if (stages === 0 || (stop - start) * DEFLATE_MAX_RATIO ** stages <= limit || !zlibHeader(bytes, start)) return undefined;
    const size = await inflatedSize(bytes.subarray(start, stop), stages, limit);
    if (size > SUSPICIOUS_RATIO * (stop - start)) suspicious += size;
    if (size > limit || suspicious > suspiciousLimit) return { offset: start, over: size > limit ? 'stream' : 'total' };
    return undefined;
  }
}

/**
 * How many FlateDecode filters begin the chain: 0 for another first filter or none; 1 for a
 * filter given by reference (the data's zlib header decides).
 */
function flateStages(filters: readonly string[] | 'reference' | undefined): number {
  if (filters === 'reference') return 1;
  if (!filters) return 0;
  let k = 0;
  while (k < filters.length && (filters[k] === 'FlateDecode' || filters[k] === 'Fl')) k++;
  return k;
}

/** The entries of a stream dictionary this check needs. */
interface StreamDictionary {
  /** Just after its closing `>>`. */
  end: number;
  filters?: string[] | 'reference';
  subtype?: string;
  type?: string;
  length?: number;
}

/**
 * Reads the top-level entries /Filter, /Subtype, /Type and /Length of the dictionary that starts
 * after `from`, reading no further than `to`, skipping strings, comments, nested dictionaries
 * and arrays. Undefined when no dictionary starts there or it does not close before `to`.
 */
function readDictionary(bytes: Uint8Array, from: number, to: number): StreamDictionary | undefined {
  const out: StreamDictionary = { end: to };
  let i = from;
  while (i < to && isSpace(bytes[i]!)) i++;
  if (bytes[i] !== 0x3c || bytes[i + 1] !== 0x3c) return undefined;
  i += 2;
  let key: string | undefined;
  /** Dictionaries and arrays open inside the top-level dictionary. */
  let depth = 0;
  /** The names of a top-level array value, while it is read. */
  let array: string[] | undefined;
  const value = (v: string | number | string[] | 'reference' | null): void => {
    if (depth > 0) return;
    if (key === 'Filter') out.filters = v === 'reference' ? 'reference' : Array.isArray(v) ? v : typeof v === 'string' ? [v] : undefined;
    else if (key === 'Subtype' && typeof v === 'string') out.subtype = v;
    else if (key === 'Type' && typeof v === 'string') out.type = v;
    else if (key === 'Length' && typeof v === 'number') out.length = v;
    key = undefined;
  };
  while (i < to) {
    const b = bytes[i]!;
    if (isSpace(b)) i++;
    else if (b === 0x25) {
      // A comment, to the end of the line.
      while (i < to && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
    } else if (b === 0x28) {
      i = skipString(bytes, i, to);
      value(null);
    } else if (b === 0x3c && bytes[i + 1] === 0x3c) {
      depth++;
      i += 2;
    } else if (b === 0x3e && bytes[i + 1] === 0x3e) {
      i += 2;
      if (depth === 0) {
        out.end = i;
        return out;
      }
      if (--depth === 0) value(null);
    } else if (b === 0x3c) {
      // A hex string.
      while (i < to && bytes[i] !== 0x3e) i++;
      i++;
      value(null);
    } else if (b === 0x5b) {
      if (depth === 0) array = [];
      depth++;
      i++;
    } else if (b === 0x5d) {
      i++;
      if (depth > 0 && --depth === 0) {
        const names = array ?? null;
        array = undefined;
        value(names);
      }
    } else {
      let j = i + 1;
      while (j < to && !isSpace(bytes[j]!) && !isDelimiter(bytes[j]!)) j++;
      if (b === 0x2f) {
        const name = decodeName(bytes, i + 1, j);
        if (depth === 1 && array) array.push(name);
        else if (depth === 0 && key === undefined) key = name;
        else value(name);
        i = j;
      } else {
        const reference = depth === 0 ? referenceEnd(bytes, j, to) : -1;
        if (reference >= 0) {
          value('reference');
          i = reference;
        } else {
          value(j - i <= 12 ? Number(String.fromCharCode(...bytes.subarray(i, j))) : null);
          i = j;
        }
      }
    }
  }
  // Not closed before the keyword.
  return undefined;
}

/** After an integer ending at `at`: the end of " G R" if that follows (a reference), else -1. */
function referenceEnd(bytes: Uint8Array, at: number, to: number): number {
  let i = at;
  const spaces = (): boolean => {
    const s = i;
    while (i < to && isSpace(bytes[i]!)) i++;
    return i > s;
  };
  if (!spaces()) return -1;
  const d = i;
  while (i < to && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) i++;
  if (i === d || !spaces() || bytes[i] !== 0x52) return -1;
  i++;
  return i >= to || isSpace(bytes[i]!) || isDelimiter(bytes[i]!) ? i : -1;
}

/** The end of the literal string that opens at `at` (balanced parentheses, backslash escapes). */
function skipString(bytes: Uint8Array, at: number, to: number): number {
  let open = 0;
  for (let i = at; i < to; i++) {
    const b = bytes[i];
    if (b === 0x5c) i++;
    else if (b === 0x28) open++;
    else if (b === 0x29 && --open === 0) return i + 1;
  }
  return to;
}

/** A name's characters, with #xx escapes decoded ("Flate#44ecode" is FlateDecode). */
function decodeName(bytes: Uint8Array, from: number, to: number): string {
  let name = '';
  for (let i = from; i < to && name.length < 64; i++) {
    const hex = bytes[i] === 0x23 && i + 2 < to ? Number.parseInt(String.fromCharCode(bytes[i + 1]!, bytes[i + 2]!), 16) : NaN;
    if (Number.isNaN(hex)) name += String.fromCharCode(bytes[i]!);
    else {
      name += String.fromCharCode(hex);
      i += 2;
    }
  }
  return name;
}

function isDelimiter(b: number): boolean {
  return b === 0x28 || b === 0x29 || b === 0x3c || b === 0x3e || b === 0x5b || b === 0x5d || b === 0x7b || b === 0x7d || b === 0x2f || b === 0x25;
}

/**
 * How many bytes `data` inflates to through `stages` deflate decoders, counted chunk by chunk and
 * kept nowhere; the count stops as soon as it passes `limit`.
 */
async function inflatedSize(data: Uint8Array, stages: number, limit: number): Promise<number> {
  let readable: ReadableStream<Uint8Array> = new Blob([data as Uint8Array<ArrayBuffer>]).stream();
  for (let s = 0; s < stages; s++) readable = inflateStage(readable);
  const reader = readable.getReader();
  let total = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return total;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        return total;
      }
    }
  } catch {
    // Damaged or trailing data: what came out before it is all pdf.js can read either.
    return total;
  }
}

/**
 * One deflate decoder reading `source`. Unlike `pipeThrough`, an error upstream (damaged data
 * after the part that inflates) ends this stage's input instead of discarding its output.
 */
function inflateStage(source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const stage = new DecompressionStream('deflate');
  const writer = stage.writable.getWriter();
  void (async () => {
    const reader = source.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        await writer.write(value as Uint8Array<ArrayBuffer>);
      }
    } catch {
      // Damaged input, or the reader downstream stopped: this stage has no more input.
    }
    await writer.close().catch(() => undefined);
    await reader.cancel().catch(() => undefined);
  })();
  return stage.readable;
}

/** Whether a zlib stream starts at `at` (deflate, a valid header check): else inflating fails at once. */
function zlibHeader(bytes: Uint8Array, at: number): boolean {
  const cmf = bytes[at];
  const flg = bytes[at + 1];
  return cmf !== undefined && flg !== undefined && (cmf & 0x0f) === 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 === 0;
}

function find(bytes: Uint8Array, word: readonly number[], from: number): number {
  for (let i = bytes.indexOf(word[0]!, from); i >= 0; i = bytes.indexOf(word[0]!, i + 1)) {
    if (isWord(bytes, i, word)) return i;
  }
  return -1;
}

function isWord(bytes: Uint8Array, at: number, word: readonly number[]): boolean {
  if (at + word.length > bytes.length) return false;
  for (let j = 1; j < word.length; j++) if (bytes[at + j] !== word[j]) return false;
  return bytes[at] === word[0];
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
}
