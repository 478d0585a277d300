import search from 'approx-string-match';
import type { TextQuote } from '../model/types';

/** Share of the quote's characters that may differ in a fuzzy match unless the caller says otherwise. */
export const DEFAULT_MAX_ERROR_RATE = 0.25;

/** Hard cap on edits searched for: beyond it Myers' search gets slow and a match means little. */
export const MAX_ERRORS = 256;

/** A candidate place for a quote in a text. */
export interface QuoteMatch {
  start: number;
  end: number;
  /** Combined rank (0..1) of quote, context and position; only meaningful among matches of one search. */
  score: number;
  /** 1 − edits / quote length: how much of the passage itself is unchanged. */
  similarity: number;
  /** How well the stored prefix matches the text before the match (0..1). */
  prefixSimilarity: number;
  /** How well the stored suffix matches the text after the match (0..1). */
  suffixSimilarity: number;
}

/** Options of matchQuote. */
export interface MatchQuoteOptions {
  /** Where the quote was expected (its old start): breaks ties between equally good matches. */
  hint?: number;
  /** Share of the quote's length that may be edits (default DEFAULT_MAX_ERROR_RATE). */
  maxErrorRate?: number;
}

// Hypothesis's weights: the passage itself dominates, context decides between look-alikes and
// position only separates otherwise equal candidates.
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

// Room for characters inserted between the match and its stored context.
const CONTEXT_SLACK = 8;

interface Span {
  start: number;
  end: number;
  errors: number;
}

/**
 * Finds the best place for a quote in a text, allowing edits: exact occurrences if there are any,
 * otherwise the closest approximate ones; candidates are ranked by quote, prefix and suffix
 * similarity and nearness to the hint. Null when nothing is within the error budget.
 */
export function matchQuote(text: string, quote: TextQuote, options: MatchQuoteOptions = {}): QuoteMatch | null {
  const exact = quote.exact;
  if (exact.length === 0 || text.length === 0) return null;
  const rate = Math.max(0, Math.min(1, options.maxErrorRate ?? DEFAULT_MAX_ERROR_RATE));
  const maxErrors = Math.min(MAX_ERRORS, Math.floor(exact.length * rate));

  let spans: Span[] = exactOccurrences(text, exact).map((start) => ({ start, end: start + exact.length, errors: 0 }));
  if (spans.length === 0 && maxErrors > 0) spans = dedupe(search(text, exact, maxErrors));

  let best: QuoteMatch | null = null;
  for (const span of spans) {
    const similarity = 1 - span.errors / exact.length;
    const context = contextSimilarity(text, span.start, span.end, quote);
    const position = options.hint === undefined ? 1 : 1 - Math.abs(span.start - options.hint) / text.length;
    const score =
      (QUOTE_WEIGHT * similarity +
        PREFIX_WEIGHT * context.prefix +
        SUFFIX_WEIGHT * context.suffix +
        POSITION_WEIGHT * Math.max(0, position)) /
      TOTAL_WEIGHT;
    if (best === null || score > best.score) {
      best = {
        start: span.start,
        end: span.end,
        score,
        similarity,
        prefixSimilarity: context.prefix,
        suffixSimilarity: context.suffix,
      };
    }
  }
  return best;
}

/** Every start offset where `needle` occurs in `text`, overlapping ones included. */
export function exactOccurrences(text: string, needle: string): number[] {
  const starts: number[] = [];
  if (needle.length === 0) return starts;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) starts.push(at);
  return starts;
}

/**
 * How well a quote's stored prefix and suffix match the text either side of [start, end), each
 * 0..1. An empty stored side means the quote touched that end of its document, so it matches only
 * a candidate that does too.
 */
export function contextSimilarity(
  text: string,
  start: number,
  end: number,
  quote: Pick<TextQuote, 'prefix' | 'suffix'>,
): { prefix: number; suffix: number } {
  const { prefix, suffix } = quote;
  const prefixScore =
    prefix.length === 0
      ? Number(start === 0)
      : leadingSimilarity(reverse(prefix), reverse(text.slice(Math.max(0, start - prefix.length - CONTEXT_SLACK), start)));
  const suffixScore =
    suffix.length === 0
      ? Number(end === text.length)
      : leadingSimilarity(suffix, text.slice(end, end + suffix.length + CONTEXT_SLACK));
  return { prefix: prefixScore, suffix: suffixScore };
}

/**
 * 1 − (edit distance between `stored` and the best-fitting start of `actual`) / stored length.
 * Both strings are aligned at index 0 (next to the match) and `actual` may run on for free, so a
 * shift far from the match costs nothing.
 */
function leadingSimilarity(stored: string, actual: string): number {
  const m = stored.length;
  const n = actual.length;
  let prev = new Uint32Array(n + 1);
  let cur = new Uint32Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const c = stored.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const substitution = prev[j - 1]! + (c === actual.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(substitution, prev[j]! + 1, cur[j - 1]! + 1);
    }
    [prev, cur] = [cur, prev];
  }
  let distance = m;
  for (let j = 0; j <= n; j++) distance = Math.min(distance, prev[j]!);
  return 1 - distance / m;
}

function reverse(s: string): string {
  return s.split('').reverse().join('');
}

// Myers' search reports every end column at the lowest cost, so one place can come back several times.
function dedupe(spans: Span[]): Span[] {
  const seen = new Set<string>();
  return spans.filter((s) => {
    const key = `${s.start}:${s.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
