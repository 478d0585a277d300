/**
 * The full text of one country in two editions, laid out for reading side by side: each section
 * kind a block of rows, each row the earlier passage (left) level with its later counterpart
 * (right). Both columns keep their edition's reading order, so every passage of either edition
 * appears exactly once, in place; unchanged and reworded pairs share a row, and what only one
 * edition has is padded with a blank on the other side.
 */
import { alignUnits, longestIncreasing, wordChanges } from './align';
import { countriesInBoth, CountryNotFoundError, kindOrder, narrativeOf, type CompareOptions } from './compare';
import { pageAt, type CompareSide } from './narratives';
import { isSignificantWord, significantDifferences } from './significance';
import { passageWords } from './similarity';
import type { TextUnit } from './units';

/**
 * How a passage is shown. 'same': plain (unchanged, or routine rewording or a move when only
 * significant changes are marked); 'changed': reworded, its changed words marked; 'moved': the
 * same words at another place (within the section, or from or to another section); 'removed' /
 * 'added': only in this edition.
 */
export type CellMark = 'same' | 'changed' | 'moved' | 'removed' | 'added';

/** A run of a passage's words; `marked` runs differ from the other edition's wording. */
export interface CellRun {
  text: string;
  marked: boolean;
}

/** One passage (sentence or clause) in one column. */
export interface SideCell {
  text: string;
  start: number;
  end: number;
  page: number;
  mark: CellMark;
  /** A reworded passage (changed, or moved and reworded) split into kept and changed runs of this side's wording. */
  runs?: CellRun[];
  /** 'moved' across sections: the section kind the passage is in in the other edition. */
  otherSection?: string;
  /** 'moved': where the passage starts in the other edition, to go to it. */
  otherStart?: number;
  /** The passage begins a paragraph of its edition. */
  paragraphStart: boolean;
  /** 'changed': why it is substantive (numbers, negation, claim); empty for routine rewording. */
  significance?: Array<'numbers' | 'negation' | 'claim'>;
}

/** One row: the passages shown level, either side possibly empty. */
export interface SideBySideRow {
  earlier: SideCell | null;
  later: SideCell | null;
  /** True when either side is marked (what "next change" stops at). */
  changed: boolean;
}

/** The rows of one section kind. */
export interface SideBySideSection {
  kind: string;
  rows: SideBySideRow[];
}

type CellState = Omit<SideCell, 'text' | 'start' | 'end' | 'page' | 'paragraphStart'>;

interface SectionPlan {
  kind: string;
  e: readonly TextUnit[];
  l: readonly TextUnit[];
  /** Per earlier unit / later unit: how its cell is marked (before significance filtering). */
  eCell: CellState[];
  lCell: CellState[];
  /** Rows as index pairs, in both editions' reading order. */
  rows: Array<{ earlier: number | null; later: number | null }>;
}

/**
 * Lays out one country's narrative in both editions (any spelling or alias of the country; throws
 * {@link CountryNotFoundError} when it is not in both). With `significantOnly`, routine rewording
 * and moves are shown plainly, and inside a substantive rewording only the numbers, negations and
 * claim words are marked; added and removed passages stay marked.
 */
export function sideBySide(earlier: CompareSide, later: CompareSide, country: string, options: CompareOptions = {}): SideBySideSection[] {
  const na = narrativeOf(earlier, country);
  const nb = narrativeOf(later, country);
  if (!na || !nb) throw new CountryNotFoundError(country, countriesInBoth(earlier, later));
  const es = na.sections();
  const ls = nb.sections();
  const plans = kindOrder(es, ls).map((kind) => planSection(kind, es.find((s) => s.kind === kind)?.units ?? [], ls.find((s) => s.kind === kind)?.units ?? []));
  markCrossSectionMoves(plans);
  const significantOnly = options.significantOnly === true;
  return plans.map((p) => ({
    kind: p.kind,
    rows: p.rows.map((r) => {
      const left = r.earlier === null ? null : cell(earlier, p.e, r.earlier, p.eCell[r.earlier]!, significantOnly);
      const right = r.later === null ? null : cell(later, p.l, r.later, p.lCell[r.later]!, significantOnly);
      return { earlier: left, later: right, changed: (left?.mark ?? 'same') !== 'same' || (right?.mark ?? 'same') !== 'same' };
    }),
  }));
}

function planSection(kind: string, e: readonly TextUnit[], l: readonly TextUnit[]): SectionPlan {
  const { pairs, removed, added } = alignUnits(e, l);
  const eCell: SectionPlan['eCell'] = e.map(() => ({ mark: 'same' }));
  const lCell: SectionPlan['lCell'] = l.map(() => ({ mark: 'same' }));
  for (const i of removed) eCell[i] = { mark: 'removed' };
  for (const j of added) lCell[j] = { mark: 'added' };

  // Pairs that can share a row: equal or reworded ones that keep both editions' order. Equal
  // pairs already do (alignUnits keeps the longest in-order run as 'same'); a reworded pair that
  // crosses them is shown, like a move, at its own place on each side.
  const candidates = pairs.filter((p) => p.type !== 'moved').sort((a, b) => a.later - b.later);
  const inOrder = longestIncreasing(candidates.map((p) => p.earlier));
  const anchors = candidates.filter((_, k) => inOrder.has(k));
  const anchored = new Set(anchors);
  for (const p of pairs) {
    const words = p.type === 'changed' ? wordChanges(e[p.earlier]!.text, l[p.later]!.text) : undefined;
    const significance = p.type === 'changed' ? significantDifferences(e[p.earlier]!.text, l[p.later]!.text) : undefined;
    const mark: CellMark = p.type === 'same' ? 'same' : anchored.has(p) ? 'changed' : 'moved';
    const sides = [
      { cells: eCell, index: p.earlier, hide: 'added', other: l[p.later]! },
      { cells: lCell, index: p.later, hide: 'removed', other: e[p.earlier]! },
    ] as const;
    for (const s of sides) {
      s.cells[s.index] = {
        mark,
        ...(mark === 'moved' && { otherStart: s.other.start }),
        ...(words && { runs: words.filter((w) => w.type !== s.hide).map((w) => ({ text: w.text, marked: w.type !== 'same' })) }),
        ...(significance && { significance }),
      };
    }
  }

  // Rows: each anchor level on both sides; between two anchors, the passages only one side has
  // there (added, removed, moved), zipped so the shorter run is padded.
  const rows: SectionPlan['rows'] = [];
  let ei = 0;
  let lj = 0;
  const anchoredE = new Set(anchors.map((a) => a.earlier));
  const anchoredL = new Set(anchors.map((a) => a.later));
  const gap = (eTo: number, lTo: number): void => {
    const left: number[] = [];
    const right: number[] = [];
    for (; ei < eTo; ei++) if (!anchoredE.has(ei)) left.push(ei);
    for (; lj < lTo; lj++) if (!anchoredL.has(lj)) right.push(lj);
    for (let k = 0; k < Math.max(left.length, right.length); k++) rows.push({ earlier: left[k] ?? null, later: right[k] ?? null });
  };
  for (const a of anchors) {
    gap(a.earlier, a.later);
    rows.push({ earlier: a.earlier, later: a.later });
    ei = a.earlier + 1;
    lj = a.later + 1;
  }
  gap(e.length, l.length);
  return { kind, e, l, eCell, lCell, rows };
}

/** A passage removed from one section and added word for word to another moved there (as compare.ts reports it). */
function markCrossSectionMoves(plans: SectionPlan[]): void {
  const removedByNorm = new Map<string, Array<{ plan: SectionPlan; index: number }>>();
  for (const plan of plans) {
    plan.eCell.forEach((c, i) => {
      if (c.mark !== 'removed') return;
      const norm = plan.e[i]!.norm;
      const list = removedByNorm.get(norm);
      if (list) list.push({ plan, index: i });
      else removedByNorm.set(norm, [{ plan, index: i }]);
    });
  }
  for (const plan of plans) {
    plan.lCell.forEach((c, j) => {
      if (c.mark !== 'added') return;
      const list = removedByNorm.get(plan.l[j]!.norm);
      const at = list?.findIndex((r) => r.plan !== plan) ?? -1;
      if (at < 0) return;
      const from = list!.splice(at, 1)[0]!;
      from.plan.eCell[from.index] = { mark: 'moved', otherSection: plan.kind, otherStart: plan.l[j]!.start };
      plan.lCell[j] = { mark: 'moved', otherSection: from.plan.kind, otherStart: from.plan.e[from.index]!.start };
    });
  }
}

function cell(side: CompareSide, units: readonly TextUnit[], index: number, c: CellState, significantOnly: boolean): SideCell {
  const u = units[index]!;
  const paragraphStart = index === 0 || side.text.slice(units[index - 1]!.end, u.start).includes('\n');
  const base = { text: u.text, start: u.start, end: u.end, page: pageAt(side.pageStarts, u.start), paragraphStart };
  if (!significantOnly || c.mark === 'same' || c.mark === 'added' || c.mark === 'removed') return { ...base, ...c };
  // Only significant changes marked: a move is shown in place, plainly; a rewording keeps only its
  // numbers, negations and claim words marked, and is plain when it has none of those changed.
  const substantive = (c.significance?.length ?? 0) > 0;
  if (!substantive || !c.runs) return { ...base, mark: 'same' };
  const runs = c.runs.map((r) => ({ text: r.text, marked: r.marked && passageWords(r.text).some(isSignificantWord) }));
  return { ...base, ...c, mark: 'changed', runs };
}
