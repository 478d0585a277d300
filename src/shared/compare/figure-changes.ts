/**
 * The figures table of a comparison: each figure of either edition beside its counterpart of the
 * same kind, with the change.
 */
import type { Figure, FigureKind } from '../ingest/report-types';
import { wordSimilarity, passageWords } from './similarity';

/** One edition's value of a figure, with the sentence that states it. */
export interface FigureValue {
  value: number;
  unit?: string;
  currency?: string;
  usd?: number;
  quote: string;
  start: number;
  end: number;
  page: number;
}

/** How a figure moved: later − earlier, and that as a percentage of the earlier value (one decimal; null from 0). */
export interface FigureDelta {
  absolute: number;
  percent: number | null;
  /** Set when the editions report different currencies (litas, then euros) and the change is of the US dollar equivalents. */
  basis?: 'usd';
}

/** A row of the figures table; a side is null when that edition states no such figure. */
export interface FigureRow {
  kind: FigureKind;
  earlier: FigureValue | null;
  later: FigureValue | null;
  /** Null when a side is missing, or the currencies differ without dollar equivalents. */
  change: FigureDelta | null;
}

/** A figure as a table cell shows it: value, unit, currency and its sentence (whitespace collapsed). */
export function figureValue(f: Figure): FigureValue {
  return {
    value: f.value,
    ...(f.unit !== undefined && { unit: f.unit }),
    ...(f.currency !== undefined && { currency: f.currency }),
    ...(f.usd !== undefined && { usd: f.usd }),
    quote: f.quote.replace(/\s+/g, ' ').trim(),
    start: f.start,
    end: f.end,
    page: f.page,
  };
}

/** Change between two values; the percentage is rounded to one decimal (30 → 41: +11, +36.7 %). */
export function figureDelta(earlier: number, later: number): FigureDelta {
  const absolute = Math.round((later - earlier) * 1e6) / 1e6;
  return { absolute, percent: earlier === 0 ? null : Math.round(((later - earlier) / Math.abs(earlier)) * 1000) / 10 };
}

function delta(a: Figure, b: Figure): FigureDelta | null {
  if ((a.currency ?? '') === (b.currency ?? '')) return figureDelta(a.value, b.value);
  if (a.usd !== undefined && b.usd !== undefined) return { ...figureDelta(a.usd, b.usd), basis: 'usd' };
  return null;
}

/**
 * Pairs the figures of each kind across editions, one to one: a narrative can state several of a
 * kind (a prison-term range gives a minimum and a maximum), so pairs are chosen greedily by the
 * same unit, then the most similar sentence, then the same rank among that kind. Rows come in the
 * order kinds first appear, each kind's in the later edition's order.
 */
export function compareFigures(earlier: readonly Figure[], later: readonly Figure[]): FigureRow[] {
  const kinds: FigureKind[] = [];
  for (const f of [...earlier, ...later]) if (!kinds.includes(f.kind)) kinds.push(f.kind);
  const rows: FigureRow[] = [];
  for (const kind of kinds) {
    const a = earlier.filter((f) => f.kind === kind);
    const b = later.filter((f) => f.kind === kind);
    const aWords = a.map((f) => passageWords(f.quote));
    const bWords = b.map((f) => passageWords(f.quote));
    const candidates: Array<{ i: number; j: number; score: number }> = [];
    a.forEach((fa, i) =>
      b.forEach((fb, j) => {
        const score = (fa.unit === fb.unit ? 1 : 0) + wordSimilarity(aWords[i]!, bWords[j]!) - 0.001 * Math.abs(i - j);
        candidates.push({ i, j, score });
      }),
    );
    candidates.sort((x, y) => y.score - x.score || x.i - y.i);
    const pairOfA = new Map<number, number>();
    const takenB = new Set<number>();
    for (const c of candidates) {
      if (pairOfA.has(c.i) || takenB.has(c.j)) continue;
      pairOfA.set(c.i, c.j);
      takenB.add(c.j);
    }
    const kindRows: Array<FigureRow & { order: number }> = [];
    a.forEach((fa, i) => {
      const j = pairOfA.get(i);
      const fb = j === undefined ? undefined : b[j]!;
      kindRows.push({
        kind,
        earlier: figureValue(fa),
        later: fb ? figureValue(fb) : null,
        change: fb ? delta(fa, fb) : null,
        order: fb ? fb.start : Number.POSITIVE_INFINITY,
      });
    });
    b.forEach((fb, j) => {
      if (!takenB.has(j)) kindRows.push({ kind, earlier: null, later: figureValue(fb), change: null, order: fb.start });
    });
    // Stable: figures gone from the later edition keep their earlier order, after the rest.
    kindRows.sort((x, y) => x.order - y.order);
    for (const { order: _order, ...row } of kindRows) rows.push(row);
  }
  return rows;
}
