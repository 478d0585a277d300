/**
 * Finds decompression bombs in a PDF before pdf.js reads it. pdf.js inflates a page's content
 * stream whole and keeps it (a 1 MB file whose stream inflates to 1 GB costs over 2 GB of memory),
 * so a stream that would expand beyond {@link MAX_INFLATED_STREAM_BYTES} is refused up front.
 *
 * Deflate expands at most 1,032 times, so only streams whose compressed length could reach the
 * limit are inflated, and then only until they pass it, chunk by chunk, keeping nothing: an
 * ordinary report's streams are never inflated here. Checked: streams whose filters begin with
 * FlateDecode (one or several). Not checked: streams behind another filter first (ASCII85, LZW),
 * encrypted files' streams (their bytes are ciphertext), filters given by reference, and image
 * streams, which text extraction never decodes (so a content stream that calls itself an image
 * goes unchecked too).
 */

/** The most a single stream may inflate to: far beyond any real page's content (a few MB at most). */
export const MAX_INFLATED_STREAM_BYTES = 256 * 1024 * 1024;

/** Deflate's largest expansion ratio (a run of one byte: 258 bytes per 2 bits). */
const DEFLATE_MAX_RATIO = 1032;

/**
 * What all the streams inflated here may come to together: a file of many streams just under the
 * limit is as hostile (and would keep this check busy for minutes).
 */
export const MAX_INFLATED_TOTAL_BYTES = 4 * MAX_INFLATED_STREAM_BYTES;

/** A stream found to inflate beyond the limit, or the one that took the file's streams beyond theirs. */
export interface InflationBomb {
  /** "4 0": the object holding the stream, when its header was found. */
  object?: string;
  /** Offset of the stream's data in the file. */
  offset: number;
  /** `stream`: this stream alone passes {@link MAX_INFLATED_STREAM_BYTES}; `total`: with the streams before it, {@link MAX_INFLATED_TOTAL_BYTES}. */
  over: 'stream' | 'total';
}

const latin1 = new TextDecoder('latin1');
const STREAM = [0x73, 0x74, 0x72, 0x65, 0x61, 0x6d]; // "stream"
const ENDSTREAM = [0x65, 0x6e, 0x64, 0x73, 0x74, 0x72, 0x65, 0x61, 0x6d]; // "endstream"
const OBJ = [0x6f, 0x62, 0x6a]; // "obj"
/** A stream dictionary is read up to this far back from its stream keyword. */
const MAX_DICTIONARY_BYTES = 1 << 20;

/**
 * The first stream of the file that inflates beyond `limit` bytes, if any. One pass: every
 * keyword search moves forward only and each dictionary is read once, so a hostile file of
 * millions of stream keywords costs time in proportion to its size.
 */
export async function findInflationBomb(
  bytes: Uint8Array,
  limit = MAX_INFLATED_STREAM_BYTES,
  totalLimit = MAX_INFLATED_TOTAL_BYTES,
): Promise<InflationBomb | undefined> {
  let total = 0;
  /** End of what the previous stream keyword covered (its data and "endstream", or the keyword). */
  let covered = 0;
  let objAt = -1;
  let nextObj = find(bytes, OBJ, 0);
  let noEndstreamFrom = Infinity;
  for (let at = find(bytes, STREAM, 0); at >= 0; at = find(bytes, STREAM, Math.max(at + STREAM.length, covered))) {
    const floor = covered;
    covered = at + STREAM.length;
    if (at >= 3 && isWord(bytes, at - 3, ENDSTREAM)) continue;
    // The dictionary ends just before the keyword ("… >>stream" or ">>\nstream").
    let k = at - 1;
    while (k >= floor && isSpace(bytes[k]!)) k--;
    if (k < floor + 1 || bytes[k] !== 0x3e || bytes[k - 1] !== 0x3e) continue;
    let start = at + STREAM.length;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] === 0x0a) start++;
    // The dictionary: from the last "N G obj" before it, but never into the previous stream.
    while (nextObj >= 0 && nextObj < at) {
      objAt = nextObj;
      nextObj = find(bytes, OBJ, nextObj + OBJ.length);
    }
    const from = Math.max(floor, objAt - 24, k + 1 - MAX_DICTIONARY_BYTES, 0);
    const head = header(latin1.decode(bytes.subarray(from, k + 1)));
    // Once no "endstream" follows, none follows any later stream either: not searched again.
    const end = start >= noEndstreamFrom ? -1 : find(bytes, ENDSTREAM, start);
    if (end < 0) noEndstreamFrom = Math.min(noEndstreamFrom, start);
    let stop: number;
    if (end >= 0) {
      stop = end;
      // The end-of-line before "endstream" is not data (inflating it would end in an error).
      if (bytes[stop - 1] === 0x0a) stop--;
      if (bytes[stop - 1] === 0x0d) stop--;
      covered = end + ENDSTREAM.length;
    } else {
      // No "endstream" up to the end of the file: the stated length bounds the data, or
      // everything after is this stream's, and no later keyword starts another.
      const length = /\/Length\s+(\d+)\b(?!\s+\d+\s+R)/.exec(head.dict);
      stop = length ? Math.min(bytes.length, start + Number(length[1])) : bytes.length;
      covered = length ? stop : bytes.length;
    }
    const flates = leadingFlateFilters(head.dict);
    if (flates === 0 || /\/Subtype\s*\/Image\b/.test(head.dict) || (stop - start) * DEFLATE_MAX_RATIO ** flates <= limit || !zlibHeader(bytes, start)) continue;
    const size = await inflatedSize(bytes.subarray(start, stop), flates, limit);
    total += size;
    if (size > limit || total > totalLimit) return { ...(head.object ? { object: head.object } : {}), offset: start, over: size > limit ? 'stream' : 'total' };
  }
  return undefined;
}

/** The object number ("4 0") and the dictionary in the text before a stream keyword. */
function header(text: string): { dict: string; object?: string } {
  const obj = [...text.matchAll(/(\d+)\s+(\d+)\s+obj\b/g)].pop();
  return obj ? { dict: text.slice(obj.index), object: `${obj[1]} ${obj[2]}` } : { dict: text };
}

/** How many FlateDecode filters the stream's filter chain starts with (0 for any other first filter). */
function leadingFlateFilters(dict: string): number {
  const filter = /\/Filter\s*(\/[A-Za-z0-9]+|\[([^\]]*)\])/.exec(dict);
  if (!filter) return 0;
  const names = filter[2] !== undefined ? (filter[2].match(/\/[A-Za-z0-9]+/g) ?? []) : [filter[1]!];
  let n = 0;
  while (n < names.length && (names[n] === '/FlateDecode' || names[n] === '/Fl')) n++;
  return n;
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
