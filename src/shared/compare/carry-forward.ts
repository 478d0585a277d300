/**
 * Carries an analyst's findings from one edition of a report to the next: is each tagged passage
 * still there word for word, reworded, or gone?
 */
import { createAnchorer } from '../anchoring/anchor';
import { quoteAt } from '../model/document-text';
import type { Finding, TextQuote } from '../model/types';

/** Where a finding of the earlier edition stands in the later one. */
export interface CarriedFinding {
  finding: Finding;
  /** 'same': found word for word (whitespace aside); 'reworded': found with edits; 'gone': not found. */
  status: 'same' | 'reworded' | 'gone';
  /** 1 for 'same'; 1 − character edits / quote length for 'reworded'; 0 for 'gone'. */
  similarity: number;
  start?: number;
  end?: number;
}

/** A stretch of a text: the narrative of one country. */
export interface TextRange {
  start: number;
  end: number;
}

/** Options of {@link carryForward}. */
export interface CarryForwardOptions {
  /** Look only here in the later text (the country's narrative), so a stock sentence is not found in another country's. */
  laterRange?: TextRange;
}

/**
 * The quote a finding is looked for by: its current context in the earlier text when its
 * position still holds its passage (stored context may predate a re-import), else as stored.
 */
function quoteOf(finding: Finding, earlierText: string): TextQuote {
  const { start, end } = finding.position;
  if (start >= 0 && end <= earlierText.length && start < end && earlierText.slice(start, end) === finding.quote.exact) {
    return quoteAt(earlierText, start, end);
  }
  return finding.quote;
}

/**
 * Looks for each finding of the earlier edition in the later one with the re-anchoring of
 * anchoring/anchor.ts: by its quote, prefix and suffix only. No position hint is given, as offsets
 * of one edition say nothing about another; the fuzzy threshold is anchoring's
 * MIN_FUZZY_SIMILARITY (0.75 of the characters kept), below which a passage counts as gone.
 */
export function carryForward(findings: readonly Finding[], earlierText: string, laterText: string, options: CarryForwardOptions = {}): CarriedFinding[] {
  const from = Math.max(0, Math.min(options.laterRange?.start ?? 0, laterText.length));
  const to = Math.max(from, Math.min(options.laterRange?.end ?? laterText.length, laterText.length));
  const anchor = createAnchorer(laterText.slice(from, to));
  return findings.map((finding) => {
    const result = anchor({ quote: quoteOf(finding, earlierText) });
    if (result.status === 'orphaned' || result.start === undefined || result.end === undefined) {
      return { finding, status: 'gone', similarity: 0 };
    }
    const status = result.status === 'fuzzy' ? 'reworded' : 'same';
    const span = status === 'reworded' ? wholeWords(laterText, result.start + from, result.end + from, finding.quote.exact, from, to) : { start: result.start + from, end: result.end + from };
    return { finding, status, similarity: Math.round(result.similarity * 1000) / 1000, ...span };
  });
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * A fuzzy match is the fewest-edit stretch, which can stop inside a word ("…with prison sen" for a
 * quote ending "prison time." where the later edition says "prison sentences."): the carried
 * passage is widened to whole words, and to the closing punctuation when the quote ended on it.
 */
function wholeWords(text: string, start: number, end: number, quote: string, from: number, to: number): TextRange {
  let s = start;
  let e = end;
  while (s > from && WORD_CHAR.test(text[s - 1]!) && WORD_CHAR.test(text[s]!)) s--;
  while (e < to && WORD_CHAR.test(text[e - 1]!) && WORD_CHAR.test(text[e]!)) e++;
  const closing = /[.;:,!?]$/.exec(quote.trimEnd())?.[0];
  if (closing && e < to && text[e] === closing) e++;
  return { start: s, end: e };
}

/** A row of the carry-forward list: where the finding stands, and its successor when already carried. */
export interface CarryPlanItem extends CarriedFinding {
  /** The finding of the later edition already carried from this one ("already carried"). */
  successor?: Finding;
}

/** Options of {@link planCarryForward}. */
export interface CarryPlanOptions extends CarryForwardOptions {
  /** Carry only the earlier findings that start here (the country's narrative in the earlier edition). */
  earlierRange?: TextRange;
}

/**
 * The carry-forward list for one country: each finding of the earlier edition within
 * `earlierRange` (orphaned ones left out: their text is gone from their own edition), in reading
 * order, with where it stands in the later edition and, when one of `laterFindings` names it as
 * predecessor, that successor.
 */
export function planCarryForward(
  earlierFindings: readonly Finding[],
  laterFindings: readonly Finding[],
  earlierText: string,
  laterText: string,
  options: CarryPlanOptions = {},
): CarryPlanItem[] {
  const { earlierRange } = options;
  const chosen = earlierFindings
    .filter((f) => f.anchor?.status !== 'orphaned')
    .filter((f) => !earlierRange || (f.position.start >= earlierRange.start && f.position.start < earlierRange.end))
    .sort((a, b) => a.position.start - b.position.start || a.position.end - b.position.end);
  const successorOf = new Map<string, Finding>();
  for (const f of laterFindings) if (f.predecessorId && !successorOf.has(f.predecessorId)) successorOf.set(f.predecessorId, f);
  return carryForward(chosen, earlierText, laterText, options).map((c) => {
    const successor = successorOf.get(c.finding.id);
    return successor ? { ...c, successor } : c;
  });
}
