/**
 * One country over every loaded edition: its tier and key figures year by year.
 */
import type { FigureKind, Tier } from '../ingest/report-types';
import { countriesIn, narrativeOf, type CompareSide } from './compare';
import { figureValue, type FigureValue } from './figure-changes';
import { tierChange, tierRank, type TierChange } from './tier';

/** The country in one edition. */
export interface TimelineEntry {
  /** Index of the edition in the list given to {@link countryTimeline}. */
  edition: number;
  year: number | null;
  tier: Tier | null;
  /** 1 (Tier 1) to 4 (Tier 3); null for Special Case or no tier. */
  tierRank: number | null;
  /** The move from the previous entry; null for the first. */
  tierChange: TierChange | null;
  /** The first figure of each kind the narrative states (its headline number: "identified 33 victims"). */
  figures: Partial<Record<FigureKind, FigureValue>>;
}

/** A country's timeline. */
export interface CountryTimeline {
  country: string;
  /** Oldest first (editions without a year last, in the order given). */
  entries: TimelineEntry[];
  /** Kinds of figure stated in at least one edition, in the order first met. */
  figureKinds: FigureKind[];
  /** Indices of the editions that do not hold this country. */
  missing: number[];
}

const yearOf = (side: CompareSide): number | null => side.year ?? side.structure.year ?? null;

/** Oldest first; editions without a year last; otherwise as given. */
export function editionOrder(sides: readonly CompareSide[]): number[] {
  return sides
    .map((s, i) => ({ i, year: yearOf(s) }))
    .sort((a, b) => (a.year ?? Infinity) - (b.year ?? Infinity) || a.i - b.i)
    .map((x) => x.i);
}

/**
 * The countries of the editions, each with how many editions hold it: most editions first, then
 * by name. (The timeline and the recommendations matrix are for one of these.)
 */
export function countriesAcross(sides: readonly CompareSide[]): Array<{ country: string; editions: number }> {
  const counts = new Map<string, number>();
  for (const side of sides) for (const name of new Set(countriesIn(side))) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].map(([country, editions]) => ({ country, editions })).sort((a, b) => b.editions - a.editions || a.country.localeCompare(b.country));
}

/** One country (any spelling or alias) across the editions: tier and headline figures per year. */
export function countryTimeline(sides: readonly CompareSide[], country: string): CountryTimeline {
  const entries: TimelineEntry[] = [];
  const figureKinds: FigureKind[] = [];
  const missing: number[] = [];
  let name: string | null = null;
  for (const i of editionOrder(sides)) {
    const n = narrativeOf(sides[i]!, country);
    if (!n) {
      missing.push(i);
      continue;
    }
    name = n.name ?? name;
    const figures: Partial<Record<FigureKind, FigureValue>> = {};
    for (const f of [...n.figures].sort((a, b) => a.start - b.start)) {
      if (figures[f.kind]) continue;
      figures[f.kind] = figureValue(f);
      if (!figureKinds.includes(f.kind)) figureKinds.push(f.kind);
    }
    const previous = entries.at(-1);
    entries.push({
      edition: i,
      year: yearOf(sides[i]!),
      tier: n.tier,
      tierRank: tierRank(n.tier) ?? null,
      tierChange: previous ? tierChange(previous.tier, n.tier) : null,
      figures,
    });
  }
  return { country: name ?? country, entries, figureKinds, missing: missing.sort((a, b) => a - b) };
}
