import { pageOf } from '../ingest/report-types';
import type { TextQuote } from './types';

/** What separates pages in a document's text; positions (TextPositionSelector) count it. */
export const PAGE_SEPARATOR = '\n\n';

/** Characters of context stored either side of a quote. */
export const QUOTE_CONTEXT = 32;

/** Joins per-page texts into one text and records where each page starts. */
export function joinPages(pages: readonly string[]): { text: string; pageStarts: number[] } {
  const pageStarts: number[] = [];
  let at = 0;
  for (const p of pages) {
    pageStarts.push(at);
    at += p.length + PAGE_SEPARATOR.length;
  }
  return { text: pages.join(PAGE_SEPARATOR), pageStarts };
}

/** One page's extent in the document text, without the blank lines that separate pages. */
export interface PageSlice {
  /** 1-based. */
  page: number;
  start: number;
  end: number;
}

/** Each page's extent in the document text. */
export function pageSlices(text: string, pageStarts: readonly number[]): PageSlice[] {
  return pageStarts.map((start, i) => {
    let end = i + 1 < pageStarts.length ? pageStarts[i + 1]! : text.length;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    return { page: i + 1, start, end };
  });
}

/** The text of each page (what `rwb ingest --json` prints as `text`). */
export function pageTexts(text: string, pageStarts: readonly number[]): string[] {
  return pageSlices(text, pageStarts).map((s) => text.slice(s.start, s.end));
}

/** The 1-based page holding a document-text offset. */
export function pageAtOffset(pageStarts: readonly number[], offset: number): number {
  return pageOf(pageStarts, offset);
}

/** The TextQuoteSelector for [start, end) of a text. */
export function quoteAt(text: string, start: number, end: number, context = QUOTE_CONTEXT): TextQuote {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - context), start),
    suffix: text.slice(end, end + context),
  };
}
