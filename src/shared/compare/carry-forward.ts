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
export function carryForward(findings: readonly Finding[], earlierText: string, laterText: string): CarriedFinding[] {
  const anchor = createAnchorer(laterText);
  return findings.map((finding) => {
    const result = anchor({ quote: quoteOf(finding, earlierText) });
    if (result.status === 'orphaned' || result.start === undefined || result.end === undefined) {
      return { finding, status: 'gone', similarity: 0 };
    }
    const status = result.status === 'fuzzy' ? 'reworded' : 'same';
    return { finding, status, similarity: Math.round(result.similarity * 1000) / 1000, start: result.start, end: result.end };
  });
}
