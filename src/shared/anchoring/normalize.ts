/** A text with every run of whitespace collapsed to one space, and maps between its offsets and the original's. */
export interface NormalizedText {
  text: string;
  /** Original offset of a normalised offset; `text.length` maps to the original length. */
  toOriginal(i: number): number;
  /** Normalised offset of an original offset; an offset inside a collapsed run maps to its space. */
  toNormalized(i: number): number;
}

// A lone ' ' needs no rewrite and shifts nothing, so only these runs are visited: on hard-wrapped
// report text that keeps the offset map to the (rare) multi-character runs.
const REWRITTEN_WHITESPACE = /\s{2,}|[^\S ]/g;

/**
 * Collapses whitespace so that the same passage matches whether it comes back hard-wrapped or
 * unwrapped, keeping the way back to original offsets (as pdf.js's find controller does).
 */
export function normalizeWhitespace(text: string): NormalizedText {
  // Piecewise-constant shift: from normalised offset normAt[k] on, original = normalised + shift[k].
  const normAt: number[] = [0];
  const shift: number[] = [0];
  let removed = 0;
  const normalized = text.replace(REWRITTEN_WHITESPACE, (run: string, offset: number) => {
    if (run.length > 1) {
      const after = offset - removed + 1;
      removed += run.length - 1;
      normAt.push(after);
      shift.push(removed);
    }
    return ' ';
  });

  const lastAtOrBefore = (keys: (k: number) => number, value: number): number => {
    let lo = 0;
    let hi = normAt.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (keys(mid) <= value) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  return {
    text: normalized,
    toOriginal(i: number): number {
      const n = Math.max(0, Math.min(normalized.length, Math.floor(i)));
      return n + shift[lastAtOrBefore((k) => normAt[k]!, n)]!;
    },
    toNormalized(i: number): number {
      const o = Math.max(0, Math.min(text.length, Math.floor(i)));
      const k = lastAtOrBefore((j) => normAt[j]! + shift[j]!, o);
      const n = o - shift[k]!;
      const nextRunEnd = normAt[k + 1];
      return nextRunEnd !== undefined && n >= nextRunEnd ? nextRunEnd - 1 : n;
    },
  };
}
