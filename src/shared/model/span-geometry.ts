import type { TextSpan } from '../ingest/report-types';

/** A rectangle in PDF user space (origin bottom-left), as spans store them. */
export interface PdfRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The spans of one page, in text order (spans are stored in text order already). */
export function spansOnPage(spans: readonly TextSpan[], page: number): TextSpan[] {
  return spans.filter((s) => s.page === page);
}

/**
 * Where [start, end) of the clean text sits on a page: one rectangle per span it touches, cut to
 * the characters inside the range (by proportion of the span's width; fonts are not monospaced,
 * so a cut inside a span is close, not exact).
 */
export function rectsForRange(spans: readonly TextSpan[], page: number, start: number, end: number): PdfRect[] {
  const rects: PdfRect[] = [];
  for (const s of spans) {
    if (s.page !== page || s.end <= start || s.start >= end) continue;
    const len = Math.max(1, s.end - s.start);
    const a = (Math.max(start, s.start) - s.start) / len;
    const b = (Math.min(end, s.end) - s.start) / len;
    rects.push({ x: s.x + a * s.width, y: s.y, width: (b - a) * s.width, height: s.height });
  }
  return rects;
}

/** The pages a range of the clean text touches. */
export function pagesOfRange(spans: readonly TextSpan[], start: number, end: number): number[] {
  const pages = new Set<number>();
  for (const s of spans) if (s.end > start && s.start < end) pages.add(s.page);
  return [...pages].sort((a, b) => a - b);
}

/**
 * The clean-text offsets under a selection drawn on a page (its rectangles in PDF user space):
 * from the first to the last character whose box the rectangles cover. Undefined when they cover
 * no text.
 */
export function rangeForRects(spans: readonly TextSpan[], page: number, rects: readonly PdfRect[]): { start: number; end: number } | undefined {
  let start = Infinity;
  let end = -Infinity;
  for (const s of spans) {
    if (s.page !== page || s.width <= 0) continue;
    for (const r of rects) {
      const overlapY = Math.min(s.y + s.height, r.y + r.height) - Math.max(s.y, r.y);
      if (overlapY < 0.4 * Math.min(s.height, Math.max(r.height, 1))) continue;
      const x0 = Math.max(s.x, r.x);
      const x1 = Math.min(s.x + s.width, r.x + r.width);
      if (x1 - x0 <= 0) continue;
      const len = s.end - s.start;
      // Characters whose middle lies inside the rectangle.
      const first = s.start + Math.max(0, Math.round(((x0 - s.x) / s.width) * len));
      const last = s.start + Math.min(len, Math.round(((x1 - s.x) / s.width) * len));
      if (last <= first) continue;
      start = Math.min(start, first);
      end = Math.max(end, last);
    }
  }
  return Number.isFinite(start) && end > start ? { start, end } : undefined;
}
