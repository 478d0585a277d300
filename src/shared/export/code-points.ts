// The workbench stores offsets as JavaScript string indices (UTF-16 code units). Exchange formats
// count Unicode code points instead (W3C Web Annotation §4.2.4, REFI-QDA plain-text selections),
// so an emoji or a rare CJK character before a passage shifts every later position by one.

/** The text with CRLF and lone CR turned into LF. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Options of {@link codePointOffsets}. */
export interface CodePointOptions {
  /** Count as in {@link normalizeNewlines}(text): a CRLF pair is one character. */
  normalizeNewlines?: boolean;
}

/**
 * Code-point offsets for UTF-16 offsets of a text, in one pass. An offset inside a surrogate pair
 * (or, when normalising, between CR and LF) moves forward past it; offsets past the end give the
 * text's length in code points.
 */
export function codePointOffsets(text: string, offsets: Iterable<number>, options: CodePointOptions = {}): Map<number, number> {
  const wanted = [...new Set(offsets)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  let k = 0;
  let points = 0;
  let i = 0;
  while (i < text.length && k < wanted.length) {
    while (k < wanted.length && wanted[k]! <= i) out.set(wanted[k++]!, points);
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      i += d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
    } else if (c === 0x0d && options.normalizeNewlines && text.charCodeAt(i + 1) === 0x0a) {
      i += 2;
    } else {
      i += 1;
    }
    points++;
  }
  // The text is used up: later offsets sit at (or past) its end.
  while (k < wanted.length) out.set(wanted[k++]!, points);
  return out;
}
