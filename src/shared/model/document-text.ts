import type { TextQuote } from './types';

/** What separates pages in a document's text; positions (TextPositionSelector) count it. */
export const PAGE_SEPARATOR = '\n\n';

/** Characters of context stored either side of a quote. */
export const QUOTE_CONTEXT = 32;

/** The whole text of a document, as positions are counted. */
export function documentTextOf(pages: readonly string[]): string {
  return pages.join(PAGE_SEPARATOR);
}

/** Offset in the document text where each page begins. */
export function pageStarts(pages: readonly string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const p of pages) {
    starts.push(at);
    at += p.length + PAGE_SEPARATOR.length;
  }
  return starts;
}

/** The 1-based page holding a document-text offset. */
export function pageAtOffset(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** The TextQuoteSelector for [start, end) of a text. */
export function quoteAt(text: string, start: number, end: number, context = QUOTE_CONTEXT): TextQuote {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - context), start),
    suffix: text.slice(end, end + context),
  };
}
