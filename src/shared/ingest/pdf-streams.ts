/**
 * Finds decompression bombs in a PDF before pdf.js reads it. pdf.js inflates a page's content
 * stream whole and keeps it (a 1 MB file whose stream inflates to 1 GB costs over 2 GB of memory),
 * so a stream that would expand beyond {@link MAX_INFLATED_STREAM_BYTES} is refused up front.
 *
 * Deflate expands at most 1,032 times, so only streams whose compressed length could reach the
 * limit are inflated, and then only until they pass it, chunk by chunk, keeping nothing: an
 * ordinary report's streams are never inflated here. Checked: uncompressed streams' chains of
 * FlateDecode filters. Not checked: streams behind another filter first (ASCII85, LZW), encrypted
 * files' streams (their bytes are ciphertext) and filters given by reference. Image streams are
 * skipped: text extraction never decodes them.
 */

/** The most a single stream may inflate to: far beyond any real page's content (a few MB at most). */
export const MAX_INFLATED_STREAM_BYTES = 256 * 1024 * 1024;

/** Deflate's largest expansion ratio (a run of one byte: 258 bytes per 2 bits). */
const DEFLATE_MAX_RATIO = 1032;

/** A stream found to inflate beyond the limit. */
export interface InflationBomb {
  /** "4 0": the object holding the stream, when its header was found. */
  object?: string;
  /** Offset of the stream's data in the file. */
  offset: number;
}

const latin1 = new TextDecoder('latin1');
const STREAM = [0x73, 0x74, 0x72, 0x65, 0x61, 0x6d]; // "stream"
const ENDSTREAM = [0x65, 0x6e, 0x64, 0x73, 0x74, 0x72, 0x65, 0x61, 0x6d]; // "endstream"

/** The first stream of the file that inflates beyond `limit` bytes, if any. */
export async function findInflationBomb(bytes: Uint8Array, limit = MAX_INFLATED_STREAM_BYTES): Promise<InflationBomb | undefined> {
  for (let at = find(bytes, STREAM, 0); at >= 0; at = find(bytes, STREAM, at + STREAM.length)) {
    if (at >= 3 && isWord(bytes, at - 3, ENDSTREAM)) continue;
    // The dictionary ends just before the keyword ("… >>stream" or ">>\nstream").
    let k = at - 1;
    while (k >= 0 && isSpace(bytes[k]!)) k--;
    if (k < 1 || bytes[k] !== 0x3e || bytes[k - 1] !== 0x3e) continue;
    let start = at + STREAM.length;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] === 0x0a) start++;
    const end = find(bytes, ENDSTREAM, start);
    let stop = end < 0 ? bytes.length : end;
    // The end-of-line before "endstream" is not data (inflating it would end in an error).
    if (bytes[stop - 1] === 0x0a) stop--;
    if (bytes[stop - 1] === 0x0d) stop--;
    const head = header(bytes, k + 1);
    const flates = leadingFlateFilters(head.dict);
    if (flates > 0 && !/\/Subtype\s*\/Image\b/.test(head.dict) && (stop - start) * DEFLATE_MAX_RATIO ** flates > limit) {
      if (await inflatesBeyond(bytes.subarray(start, stop), flates, limit)) return { ...(head.object ? { object: head.object } : {}), offset: start };
    }
    if (end >= 0) at = end + ENDSTREAM.length - STREAM.length;
  }
  return undefined;
}

/** The object header ("4 0 obj") and dictionary text before a stream keyword at `end`. */
function header(bytes: Uint8Array, end: number): { dict: string; object?: string } {
  // Most dictionaries are short; a long one (padded to hide its filter) widens the window.
  for (let window = 512; ; window *= 4) {
    const from = Math.max(0, end - window);
    const text = latin1.decode(bytes.subarray(from, end));
    const obj = [...text.matchAll(/(\d+)\s+(\d+)\s+obj\b/g)].pop();
    if (obj) return { dict: text.slice(obj.index), object: `${obj[1]} ${obj[2]}` };
    if (from === 0 || window >= 1 << 20) return { dict: text };
  }
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

/** Inflates `data` through `stages` deflate decoders, keeping nothing, until more than `limit` bytes come out. */
async function inflatesBeyond(data: Uint8Array, stages: number, limit: number): Promise<boolean> {
  let readable: ReadableStream<Uint8Array> = new Blob([data as Uint8Array<ArrayBuffer>]).stream();
  for (let s = 0; s < stages; s++) readable = inflateStage(readable);
  const reader = readable.getReader();
  let total = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return false;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        return true;
      }
    }
  } catch {
    // Damaged or trailing data: what came out before it is all pdf.js can read either.
    return total > limit;
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
