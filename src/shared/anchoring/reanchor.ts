import type { TextSpan } from '../ingest/report-types';
import { pageAtOffset, quoteAt } from '../model/document-text';
import { rectsField, textOrdered } from '../model/span-geometry';
import type { Finding } from '../model/types';
import { createAnchorer, type AnchorResult } from './anchor';

/** A finding as it would stand in the new text, with how it was found. */
export interface ReanchoredFinding {
  /**
   * Updated quote, position (and page, when page starts are given) and page rectangles if found;
   * if orphaned, its old quote and position. Rectangles are recomputed from `spans` or dropped,
   * never kept from the old version: a stale rectangle must not be drawn.
   */
  finding: Finding;
  result: AnchorResult;
}

/** Options of reanchorFindings. */
export interface ReanchorOptions {
  /** Page starts of the new text (pageStarts in document-text.ts), so each finding's page follows it. */
  pageStarts?: readonly number[];
  /** Text spans of the new version (a PDF's), so each finding's page rectangles follow it. */
  spans?: readonly TextSpan[];
}

/**
 * Anchors findings in the new text of a re-imported document. Pure: nothing is stored and no
 * clock is read, so the caller decides what to save, and when. Every finding comes back, in order;
 * an orphaned one keeps its old selectors so the analyst can still see what it said.
 */
export function reanchorFindings(
  findings: readonly Finding[],
  newText: string,
  options: ReanchorOptions = {},
): ReanchoredFinding[] {
  const anchor = createAnchorer(newText);
  const ordered = options.spans ? textOrdered(options.spans) : [];
  return findings.map((finding) => {
    const result = anchor({ quote: finding.quote, position: finding.position });
    const { start, end } = result;
    const { rects: _stale, ...rest } = finding;
    // An orphan keeps its quote and position (and stays the same object when it had no rectangles).
    if (result.status === 'orphaned' || start === undefined || end === undefined) return { finding: _stale ? rest : finding, result };
    return {
      finding: {
        ...rest,
        // Even an 'exact' hit gets a fresh quote: the text around it may have changed.
        quote: quoteAt(newText, start, end),
        position: { start, end },
        page: options.pageStarts ? pageAtOffset(options.pageStarts, start) : finding.page,
        ...rectsField(ordered, start, end),
      },
      result,
    };
  });
}
