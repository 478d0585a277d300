import type { TextPosition, TextQuote } from '../model/types';
import { contextSimilarity, exactOccurrences, matchQuote, type QuoteMatch } from './match-quote';
import { normalizeWhitespace, type NormalizedText } from './normalize';

/**
 * How a stored passage was found again: where it was ('exact'), word for word elsewhere or with
 * other whitespace ('moved'), reworded ('fuzzy'), or not at all ('orphaned').
 */
export type AnchorStatus = 'exact' | 'moved' | 'fuzzy' | 'orphaned';

/** Where a passage lies in a text now; an orphaned one has no offsets and similarity 0. */
export interface AnchorResult {
  status: AnchorStatus;
  start?: number;
  end?: number;
  /** 1 for exact and moved; for fuzzy, 1 − edits / quote length (whitespace runs count as one space). */
  similarity: number;
}

/** The W3C selectors a finding keeps: the quote always, its old offsets when known. */
export interface AnchorSelectors {
  quote: TextQuote;
  position?: TextPosition;
}

/**
 * A fuzzy match must keep three quarters of the passage (1 − edits / length): a real rewording
 * keeps more (Belarus 2015→2016 "Tier 2 Watch List – Belarus does not fully comply…" → "Tier 3 –
 * Belarus…" keeps 0.89, a changed figure 0.99), while the closest unrelated sentence of the same
 * factbook entry keeps about 0.5. The price: a heavy rewording (a phrase moved and another
 * inserted, 0.62) is orphaned and left to the analyst, which is safer than a wrong placement.
 */
export const MIN_FUZZY_SIMILARITY = 0.75;

/**
 * Quotes shorter than this (the stored context length) are too unspecific to trust on their own
 * text: "30 trafficking victims" is one edit from "31 trafficking victims" anywhere in a report.
 */
export const SHORT_QUOTE_LENGTH = 32;

/** A short quote is only placed where its prefix or its suffix still matches at least this well. */
export const MIN_CONTEXT_SIMILARITY = 0.5;

/** Characters either side of the old position searched before the whole text (at least 4× the quote). */
export const NEARBY_WINDOW = 4096;

const ORPHANED: AnchorResult = { status: 'orphaned', similarity: 0 };

/**
 * Prepares a text for anchoring many quotes in it (its whitespace-normalised form is built once, on
 * first need) and returns the anchoring function.
 */
export function createAnchorer(text: string): (selectors: AnchorSelectors) => AnchorResult {
  let normalized: NormalizedText | undefined;
  const normalizedText = (): NormalizedText => (normalized ??= normalizeWhitespace(text));
  return (selectors) => {
    // Anchoring runs over stored findings in bulk: one odd record must come back orphaned for
    // review, never abort the re-import of all the others.
    try {
      return anchor(text, normalizedText, selectors);
    } catch {
      return ORPHANED;
    }
  };
}

/**
 * Finds a stored passage in a (possibly changed) text: at its old position; else word for word,
 * ignoring whitespace, where its context fits (context, then nearness, choosing among repeats);
 * else reworded, near its old position first; else a verbatim copy out of context (long quotes);
 * else orphaned. Never throws.
 */
export function anchorQuote(text: string, selectors: AnchorSelectors): AnchorResult {
  return createAnchorer(text)(selectors);
}

function anchor(text: string, normalizedText: () => NormalizedText, selectors: AnchorSelectors): AnchorResult {
  const quote = cleanQuote(selectors.quote);
  const position = selectors.position;
  const normQuote: TextQuote = {
    exact: normalizeWhitespace(quote.exact).text,
    prefix: normalizeWhitespace(quote.prefix).text,
    suffix: normalizeWhitespace(quote.suffix).text,
  };
  if (normQuote.exact.trim() === '') return ORPHANED;
  const isShort = normQuote.exact.length < SHORT_QUOTE_LENGTH;

  if (position && isValidPosition(position, text.length) && text.slice(position.start, position.end) === quote.exact) {
    const context = contextSimilarity(text, position.start, position.end, quote);
    if (!isShort || hasContext(context.prefix, context.suffix)) {
      return { status: 'exact', start: position.start, end: position.end, similarity: 1 };
    }
  }

  const norm = normalizedText();
  const hint = position && Number.isFinite(position.start) ? norm.toNormalized(position.start) : undefined;
  const span = (start: number, end: number) => ({ start: norm.toOriginal(start), end: norm.toOriginal(end) });

  const occurrences = exactOccurrences(norm.text, normQuote.exact);
  const { inContext, outOfContext } = rankOccurrences(norm.text, normQuote, occurrences, hint);
  if (inContext !== undefined) {
    return { status: 'moved', ...span(inContext, inContext + normQuote.exact.length), similarity: 1 };
  }

  // Reports are formulaic: the same sentence recurs word for word under other countries. When the
  // only verbatim copies sit in foreign context, a rewording still in the passage's old
  // surroundings is the likelier home; failing that, a long quote goes to its verbatim copy.
  const twin = isShort ? undefined : outOfContext;
  const fuzzy = fuzzyMatch(norm.text, normQuote, {
    hint,
    masked: occurrences,
    nearOnly: twin !== undefined,
    needsContext: isShort || twin !== undefined,
  });
  if (fuzzy !== null) return { status: 'fuzzy', ...span(fuzzy.start, fuzzy.end), similarity: fuzzy.similarity };
  if (twin !== undefined) return { status: 'moved', ...span(twin, twin + normQuote.exact.length), similarity: 1 };
  return ORPHANED;
}

function hasContext(prefix: number, suffix: number): boolean {
  return Math.max(prefix, suffix) >= MIN_CONTEXT_SIMILARITY;
}

// Context first: a repeated phrase ("trafficking victims") is told apart by what surrounds it;
// only between equally well-supported occurrences does nearness to the old place decide.
function rankOccurrences(
  text: string,
  quote: TextQuote,
  starts: readonly number[],
  hint: number | undefined,
): { inContext?: number; outOfContext?: number } {
  type Ranked = { start: number; context: number; distance: number };
  let inContext: Ranked | undefined;
  let outOfContext: Ranked | undefined;
  const better = (a: Ranked, b: Ranked | undefined) =>
    b === undefined || a.context > b.context || (a.context === b.context && a.distance < b.distance);
  for (const start of starts) {
    const c = contextSimilarity(text, start, start + quote.exact.length, quote);
    const ranked = { start, context: c.prefix + c.suffix, distance: hint === undefined ? 0 : Math.abs(start - hint) };
    if (hasContext(c.prefix, c.suffix)) {
      if (better(ranked, inContext)) inContext = ranked;
    } else if (better(ranked, outOfContext)) {
      outOfContext = ranked;
    }
  }
  return { inContext: inContext?.start, outOfContext: outOfContext?.start };
}

interface FuzzySearch {
  hint: number | undefined;
  /** Starts of verbatim occurrences already turned down: blanked out so Myers' search, which reports only the fewest-edit matches, looks past them. */
  masked: readonly number[];
  /** Search only around the old position (there is a fallback if nothing fits there). */
  nearOnly: boolean;
  needsContext: boolean;
}

// Near the old position first: it is cheap on a long report and, between look-alike passages,
// the one where the finding used to be is the likelier.
function fuzzyMatch(text: string, quote: TextQuote, search: FuzzySearch): QuoteMatch | null {
  const options = { maxErrorRate: 1 - MIN_FUZZY_SIMILARITY };
  const isGood = (m: QuoteMatch | null): m is QuoteMatch =>
    m !== null &&
    m.similarity >= MIN_FUZZY_SIMILARITY &&
    (!search.needsContext || hasContext(m.prefixSimilarity, m.suffixSimilarity));
  const within = (from: number, to: number, hint: number | undefined): QuoteMatch | null => {
    const slice = blankOut(text, from, to, search.masked, quote.exact.length);
    const m = matchQuote(slice, quote, hint === undefined ? options : { ...options, hint: hint - from });
    return isGood(m) ? { ...m, start: m.start + from, end: m.end + from } : null;
  };

  const { hint } = search;
  if (hint !== undefined) {
    const reach = Math.max(NEARBY_WINDOW, 4 * quote.exact.length);
    const from = Math.max(0, hint - reach);
    const to = Math.min(text.length, hint + quote.exact.length + reach);
    const near = within(from, to, hint);
    if (near !== null || search.nearOnly || (from === 0 && to === text.length)) return near;
  } else if (search.nearOnly) {
    return null;
  }
  return within(0, text.length, hint);
}

// U+0000 does not occur in report text, so a blanked character always costs an edit.
function blankOut(text: string, from: number, to: number, starts: readonly number[], length: number): string {
  const parts: string[] = [];
  let at = from;
  for (const s of starts) {
    const a = Math.max(s, at);
    const b = Math.min(s + length, to);
    if (b <= a) continue;
    parts.push(text.slice(at, a), '\u0000'.repeat(b - a));
    at = b;
  }
  parts.push(text.slice(at, to));
  return parts.join('');
}

function isValidPosition(p: TextPosition, length: number): boolean {
  return Number.isInteger(p.start) && Number.isInteger(p.end) && p.start >= 0 && p.start <= p.end && p.end <= length;
}

// Findings come from storage and older exports: a missing field must not stop anchoring.
function cleanQuote(q: Partial<TextQuote> | undefined): TextQuote {
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  return { exact: str(q?.exact), prefix: str(q?.prefix), suffix: str(q?.suffix) };
}
