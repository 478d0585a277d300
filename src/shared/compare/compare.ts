/**
 * Compares one country across two editions of a report: tier move, figures, recommendations and,
 * section by section, which sentences changed, appeared, disappeared or moved.
 */
import type { Tier } from '../ingest/report-types';
import { alignUnits, wordChanges, type WordChange } from './align';
import { compareFigures, type FigureRow } from './figure-changes';
import { countryMatchKey, editionNarratives, pageAt, type ComparableNarrative, type CompareSide, type SectionUnits } from './narratives';
import { trackRecommendations, type RecommendationTracker } from './recommendation-tracker';
import { significantDifferences } from './significance';
import { roundSimilarity } from './similarity';
import { tierChange, type TierChange } from './tier';
import type { TextUnit } from './units';

export type { CompareSide } from './narratives';

/** Options of {@link compareCountry} and {@link compareAll}. */
export interface CompareOptions {
  /**
   * Hide routine rewording: a changed passage is kept only when a number, a negation or a claim
   * word differs (significance.ts), and a passage that only moved is hidden. Added and removed
   * passages are content, not wording, and always stay; so do figures and recommendations.
   */
  significantOnly?: boolean;
}

/** A sentence or clause of one edition. */
export interface PassageRef {
  text: string;
  start: number;
  end: number;
  page: number;
}

/** What happened to a passage between the editions (unchanged ones are not listed). */
export type ChangeType = 'changed' | 'added' | 'removed' | 'moved';

/** One difference inside a section. */
export interface SectionChange {
  type: ChangeType;
  /** The passage in the earlier edition (all but 'added'). */
  earlier?: PassageRef;
  /** The passage in the later edition (all but 'removed'). */
  later?: PassageRef;
  /** 'changed': word similarity of the two wordings (normalized word edit distance). */
  similarity?: number;
  /** 'changed': the word-level changes. */
  words?: WordChange[];
  /** 'changed': why it is substantive (numbers, negation, claim); empty for routine rewording. */
  significance?: Array<'numbers' | 'negation' | 'claim'>;
  /** 'moved' from another section: the section it was in. */
  fromSection?: string;
}

/** The differences of one section kind. */
export interface SectionComparison {
  kind: string;
  changes: SectionChange[];
}

/** One country compared across two editions. */
export interface CountryComparison {
  country: string;
  earlier: { year: number | null; tier: Tier | null };
  later: { year: number | null; tier: Tier | null };
  tierChange: TierChange;
  figures: FigureRow[];
  recommendations: RecommendationTracker;
  sections: SectionComparison[];
}

/** The country asked for is not in both editions; `available` lists those that are. */
export class CountryNotFoundError extends Error {
  override name = 'CountryNotFoundError';
  constructor(
    readonly country: string,
    readonly available: string[],
  ) {
    super(
      `“${country}” is not in both reports; ${available.length === 0 ? 'they have no country in common' : `countries in both: ${available.join(', ')}`}.`,
    );
  }
}

interface Edition {
  side: CompareSide;
  narratives: ComparableNarrative[];
  byKey: Map<string, ComparableNarrative>;
}

function edition(side: CompareSide): Edition {
  const narratives = editionNarratives(side);
  const byKey = new Map<string, ComparableNarrative>();
  for (const n of narratives) {
    if (n.name === null) continue;
    const key = countryMatchKey(n.name);
    const seen = byKey.get(key);
    // A country met twice (an excerpt's inferred tail and a real narrative): the real, longer one.
    if (!seen || (seen.inferred && !n.inferred) || (seen.inferred === n.inferred && n.end - n.start > seen.end - seen.start)) byKey.set(key, n);
  }
  return { side, narratives, byKey };
}

function commonNames(a: Edition, b: Edition): string[] {
  const out: string[] = [];
  for (const [key, n] of a.byKey) if (b.byKey.has(key)) out.push(b.byKey.get(key)!.name ?? n.name!);
  return out;
}

/** One country's narrative in one edition (any spelling or alias), or undefined when the edition has none. */
export function narrativeOf(side: CompareSide, country: string): ComparableNarrative | undefined {
  return edition(side).byKey.get(countryMatchKey(country));
}

/** Canonical names of the countries an edition holds, in its order. */
export function countriesIn(side: CompareSide): string[] {
  return [...edition(side).byKey.values()].map((n) => n.name!);
}

/** Canonical names of the countries present in both editions, in the earlier edition's order. */
export function countriesInBoth(earlier: CompareSide, later: CompareSide): string[] {
  return commonNames(edition(earlier), edition(later));
}

/**
 * Compares one country (any spelling or alias: "Myanmar" finds "Burma", "Czechia" finds "Czech
 * Republic") across two editions. Throws {@link CountryNotFoundError} when it is not in both.
 */
export function compareCountry(earlier: CompareSide, later: CompareSide, country: string, options: CompareOptions = {}): CountryComparison {
  const a = edition(earlier);
  const b = edition(later);
  const key = countryMatchKey(country);
  const na = a.byKey.get(key);
  const nb = b.byKey.get(key);
  if (!na || !nb) throw new CountryNotFoundError(country, commonNames(a, b));
  return compareNarratives(a, b, na, nb, nb.name ?? na.name!, options);
}

/** Every country present in both editions compared, in the earlier edition's order. */
export function compareAll(earlier: CompareSide, later: CompareSide, options: CompareOptions = {}): CountryComparison[] {
  const a = edition(earlier);
  const b = edition(later);
  const out: CountryComparison[] = [];
  for (const [key, na] of a.byKey) {
    const nb = b.byKey.get(key);
    if (nb) out.push(compareNarratives(a, b, na, nb, nb.name ?? na.name!, options));
  }
  return out;
}

function compareNarratives(
  a: Edition,
  b: Edition,
  na: ComparableNarrative,
  nb: ComparableNarrative,
  country: string,
  options: CompareOptions,
): CountryComparison {
  return {
    country,
    earlier: { year: a.side.year ?? a.side.structure.year ?? null, tier: na.tier },
    later: { year: b.side.year ?? b.side.structure.year ?? null, tier: nb.tier },
    tierChange: tierChange(na.tier, nb.tier),
    figures: compareFigures(na.figures, nb.figures),
    recommendations: trackRecommendations(na.recommendations, nb.recommendations),
    sections: compareSections(a.side, b.side, na.sections(), nb.sections(), options),
  };
}

interface Placed {
  change: SectionChange;
  /** Sort key: the later unit's index, or just after the later place of the earlier unit's predecessor. */
  key: number;
  tie: number;
}

/**
 * Section kinds in reading order: the later edition's, with kinds it dropped slotted in after the
 * kind that preceded them in the earlier one.
 */
export function kindOrder(earlier: readonly SectionUnits[], later: readonly SectionUnits[]): string[] {
  const order = later.map((s) => s.kind);
  earlier.forEach((s, i) => {
    if (order.includes(s.kind)) return;
    const before = i > 0 ? order.indexOf(earlier[i - 1]!.kind) : -1;
    order.splice(before + 1, 0, s.kind);
  });
  return order;
}

function compareSections(
  earlierSide: CompareSide,
  laterSide: CompareSide,
  earlier: readonly SectionUnits[],
  later: readonly SectionUnits[],
  options: CompareOptions,
): SectionComparison[] {
  const ref = (side: CompareSide, u: TextUnit): PassageRef => ({ text: u.text, start: u.start, end: u.end, page: pageAt(side.pageStarts, u.start) });
  const kinds = kindOrder(earlier, later);
  const placed = new Map<string, Placed[]>();
  const removedByNorm = new Map<string, Array<{ kind: string; unit: TextUnit; placed: Placed }>>();
  const added: Array<{ kind: string; unit: TextUnit; placed: Placed }> = [];

  for (const kind of kinds) {
    const e = earlier.find((s) => s.kind === kind)?.units ?? [];
    const l = later.find((s) => s.kind === kind)?.units ?? [];
    const { pairs, removed, added: addedHere } = alignUnits(e, l);
    const list: Placed[] = [];
    const laterOf = new Array<number | undefined>(e.length);
    for (const p of pairs) laterOf[p.earlier] = p.later;
    for (const p of pairs) {
      if (p.type === 'same') continue;
      const change: SectionChange = { type: p.type, earlier: ref(earlierSide, e[p.earlier]!), later: ref(laterSide, l[p.later]!) };
      if (p.type === 'changed') {
        change.similarity = roundSimilarity(p.similarity);
        change.words = wordChanges(e[p.earlier]!.text, l[p.later]!.text);
        change.significance = significantDifferences(e[p.earlier]!.text, l[p.later]!.text);
      }
      list.push({ change, key: p.later, tie: p.earlier });
    }
    for (const i of removed) {
      let before = -1;
      for (let k = i - 1; k >= 0; k--) {
        if (laterOf[k] !== undefined) {
          before = laterOf[k]!;
          break;
        }
      }
      const item = { change: { type: 'removed' as const, earlier: ref(earlierSide, e[i]!) }, key: before + 0.5, tie: i };
      list.push(item);
      const same = removedByNorm.get(e[i]!.norm);
      const entry = { kind, unit: e[i]!, placed: item };
      if (same) same.push(entry);
      else removedByNorm.set(e[i]!.norm, [entry]);
    }
    for (const j of addedHere) {
      const item = { change: { type: 'added' as const, later: ref(laterSide, l[j]!) }, key: j, tie: -1 };
      list.push(item);
      added.push({ kind, unit: l[j]!, placed: item });
    }
    placed.set(kind, list);
  }

  // A passage that left one section for another is a move, not a deletion and an insertion.
  const gone = new Set<Placed>();
  for (const a of added) {
    const candidates = removedByNorm.get(a.unit.norm);
    const from = candidates?.find((r) => r.kind !== a.kind && !gone.has(r.placed));
    if (!from) continue;
    gone.add(from.placed);
    a.placed.change = { type: 'moved', earlier: from.placed.change.earlier!, later: a.placed.change.later!, fromSection: from.kind };
  }

  return kinds.map((kind) => {
    const list = placed
      .get(kind)!
      .filter((p) => !gone.has(p))
      .sort((x, y) => x.key - y.key || x.tie - y.tie)
      .map((p) => p.change)
      .filter((c) => !options.significantOnly || keepWhenSignificant(c));
    return { kind, changes: list };
  });
}

function keepWhenSignificant(c: SectionChange): boolean {
  if (c.type === 'moved') return false;
  if (c.type === 'changed') return (c.significance?.length ?? 0) > 0;
  return true;
}
