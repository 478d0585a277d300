import type { TextSpan } from '../ingest/report-types';
import type { Finding, PageRect } from './types';

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

/** Two decimals of a point: far below what a screen shows, and short to store. */
const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * The spans in text order (by start offset), for {@link passageRects}. Ingestion stores them in
 * that order already, so this usually returns the same array.
 */
export function textOrdered(spans: readonly TextSpan[]): readonly TextSpan[] {
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]!.start < spans[i - 1]!.start) return [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  }
  return spans;
}

/**
 * Where [start, end) of the clean text sits on the pages, across page breaks: one rectangle per
 * span it touches (cut as in {@link rectsForRange}), in text order, rounded to 0.01 pt. `ordered`
 * must be in text order ({@link textOrdered}); the lookup is a binary search, so a finding costs
 * only the spans it covers.
 */
export function passageRects(ordered: readonly TextSpan[], start: number, end: number): PageRect[] {
  if (!(end > start)) return [];
  // First span starting at or after `start`, then back over any that still reach into it.
  let lo = 0;
  let hi = ordered.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ordered[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  while (lo > 0 && ordered[lo - 1]!.end > start) lo--;
  const rects: PageRect[] = [];
  for (let i = lo; i < ordered.length; i++) {
    const s = ordered[i]!;
    if (s.start >= end) break;
    if (s.end <= start) continue;
    const len = Math.max(1, s.end - s.start);
    const a = (Math.max(start, s.start) - s.start) / len;
    const b = (Math.min(end, s.end) - s.start) / len;
    rects.push({ page: s.page, x: round2(s.x + a * s.width), y: round2(s.y), width: round2((b - a) * s.width), height: round2(s.height) });
  }
  return rects;
}

/** The `rects` field a finding at [start, end) should carry: present only when it has any. */
export function rectsField(ordered: readonly TextSpan[], start: number, end: number): { rects?: PageRect[] } {
  const rects = passageRects(ordered, start, end);
  return rects.length > 0 ? { rects } : {};
}

/** Whether two lists of page rectangles are the same, to a hundredth of a point. */
export function sameRects(a: readonly PageRect[], b: readonly PageRect[]): boolean {
  const near = (x: number, y: number): boolean => Math.abs(x - y) <= 0.011;
  return (
    a.length === b.length &&
    a.every((r, i) => {
      const o = b[i]!;
      return r.page === o.page && near(r.x, o.x) && near(r.y, o.y) && near(r.width, o.width) && near(r.height, o.height);
    })
  );
}

/**
 * The rectangles to draw for a finding: its stored ones when they agree with its position over
 * the document's current spans, else the ones derived from the spans. A stale rectangle (from an
 * older version of the document, or a position changed without them) is never returned.
 */
export function findingRects(ordered: readonly TextSpan[], finding: Pick<Finding, 'position' | 'rects'>): PageRect[] {
  const derived = passageRects(ordered, finding.position.start, finding.position.end);
  return finding.rects && sameRects(finding.rects, derived) ? finding.rects : derived;
}
