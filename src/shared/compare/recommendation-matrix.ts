/**
 * Every recommendation made to one country across the loaded editions, and in which years it
 * appears: made anew, repeated word for word, reworded, dropped, or back after a gap. A
 * recommendation repeated year after year shows as one row across the years.
 */
import type { Recommendation } from '../ingest/report-types';
import { narrativeOf, type CompareSide } from './compare';
import { trackRecommendations } from './recommendation-tracker';
import { editionOrder } from './timeline';

/**
 * What a recommendation is in one edition. `new`: first made; `kept`: repeated word for word from
 * the edition before; `reworded`: repeated in other words; `returned`: made again after editions
 * without it; `dropped`: the first edition without it; `absent`: not there (before it was first
 * made, or after it was dropped).
 */
export type MatrixStatus = 'new' | 'kept' | 'reworded' | 'returned' | 'dropped' | 'absent';

/** One cell: the recommendation's wording in that edition, when it is there. */
export interface MatrixCell {
  status: MatrixStatus;
  text?: string;
  /** Word similarity to the wording it was matched with (reworded, returned). */
  similarity?: number;
  start?: number;
  end?: number;
  page?: number;
}

/** One recommendation across the editions. */
export interface MatrixRow {
  /** Its latest wording. */
  text: string;
  /** One per column. */
  cells: MatrixCell[];
  /** In how many editions it appears. */
  present: number;
}

/** The matrix of one country. */
export interface RecommendationMatrix {
  country: string;
  /** The editions holding the country, oldest first: index into the list given, and year. */
  columns: Array<{ edition: number; year: number | null }>;
  /** In order of first appearance, then reading order. */
  rows: MatrixRow[];
}

const PRESENT: ReadonlySet<MatrixStatus> = new Set(['new', 'kept', 'reworded', 'returned']);

/** Recommendations matched one to one between two lists (trackRecommendations), as index pairs. */
function match(earlier: readonly Recommendation[], later: readonly Recommendation[]): Map<number, { later: number; similarity: number; verbatim: boolean }> {
  const t = trackRecommendations(earlier, later);
  const earlierAt = new Map(earlier.map((r, i) => [r.start, i]));
  const laterAt = new Map(later.map((r, j) => [r.start, j]));
  const out = new Map<number, { later: number; similarity: number; verbatim: boolean }>();
  for (const k of t.kept) out.set(earlierAt.get(k.earlier.start)!, { later: laterAt.get(k.later.start)!, similarity: 1, verbatim: true });
  for (const w of t.reworded) out.set(earlierAt.get(w.earlier.start)!, { later: laterAt.get(w.later.start)!, similarity: w.similarity, verbatim: false });
  return out;
}

/** One country's recommendations across the editions (any order given; columns come oldest first). */
export function recommendationMatrix(sides: readonly CompareSide[], country: string): RecommendationMatrix {
  const columns: RecommendationMatrix['columns'] = [];
  const rows: Array<MatrixRow & { latest: Recommendation }> = [];
  let name: string | null = null;
  for (const i of editionOrder(sides)) {
    const side = sides[i]!;
    const n = narrativeOf(side, country);
    if (!n) continue;
    name = n.name ?? name;
    const c = columns.length;
    columns.push({ edition: i, year: side.year ?? side.structure.year ?? null });
    const recs = n.recommendations;
    const cellOf = new Map<number, MatrixCell>();
    const taken = new Set<number>();
    const place = (row: number, j: number, status: MatrixStatus, similarity?: number): void => {
      const r = recs[j]!;
      cellOf.set(row, { status, text: r.text, ...(similarity !== undefined && { similarity }), start: r.start, end: r.end, page: r.page });
      taken.add(j);
    };

    // Repeated from the edition before.
    const active = rows.flatMap((row, k) => (c > 0 && PRESENT.has(row.cells[c - 1]!.status) ? [k] : []));
    for (const [a, m] of match(active.map((k) => rows[k]!.latest), recs)) place(active[a]!, m.later, m.verbatim ? 'kept' : 'reworded', m.verbatim ? undefined : m.similarity);
    // Back after a gap.
    const dormant = rows.flatMap((_, k) => (active.includes(k) ? [] : [k]));
    const rest = recs.flatMap((_, j) => (taken.has(j) ? [] : [j]));
    for (const [d, m] of match(dormant.map((k) => rows[k]!.latest), rest.map((j) => recs[j]!))) place(dormant[d]!, rest[m.later]!, 'returned', m.similarity);

    rows.forEach((row, k) => {
      const cell = cellOf.get(k);
      if (cell) {
        row.cells.push(cell);
        row.latest = recs.find((r) => r.start === cell.start)!;
        row.text = cell.text!;
        row.present++;
      } else {
        row.cells.push({ status: active.includes(k) ? 'dropped' : 'absent' });
      }
    });
    recs.forEach((r, j) => {
      if (taken.has(j)) return;
      const cells: MatrixCell[] = Array.from({ length: c }, () => ({ status: 'absent' }));
      cells.push({ status: 'new', text: r.text, start: r.start, end: r.end, page: r.page });
      rows.push({ text: r.text, cells, present: 1, latest: r });
    });
  }
  return { country: name ?? country, columns, rows: rows.map(({ latest: _latest, ...row }) => row) };
}
