/** A range of text with the ids of the highlights covering it. */
export interface Segment {
  start: number;
  end: number;
  ids: string[];
}

/** A highlight's extent in the same offsets as the text being split. */
export interface HighlightRange {
  id: string;
  start: number;
  end: number;
}

/**
 * Splits [from, to) into consecutive segments so that each lies wholly inside or outside every
 * highlight; overlapping highlights give segments carrying several ids.
 */
export function splitIntoSegments(from: number, to: number, highlights: readonly HighlightRange[]): Segment[] {
  const inside = highlights.filter((h) => h.end > from && h.start < to && h.end > h.start);
  const cuts = new Set<number>([from, to]);
  for (const h of inside) {
    cuts.add(Math.max(from, h.start));
    cuts.add(Math.min(to, h.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const ids = inside.filter((h) => h.start <= start && h.end >= end).map((h) => h.id);
    segments.push({ start, end, ids });
  }
  return segments;
}
