/**
 * Aligns the units (sentences, clauses) of one section across two editions: word-for-word equal
 * units first, then reworded ones by similarity; what is left was removed or added.
 */
import { diffWordsWithSpace } from 'diff';
import { MIN_REWORDED_SIMILARITY, wordSimilarity } from './similarity';
import type { TextUnit } from './units';

/** How an earlier unit corresponds to a later one. */
export interface UnitPair {
  earlier: number;
  later: number;
  /** 'same': equal and in order; 'moved': equal, but its place among the others changed; 'changed': reworded. */
  type: 'same' | 'moved' | 'changed';
  similarity: number;
}

/** The alignment of two unit lists (indices into each). */
export interface UnitAlignment {
  pairs: UnitPair[];
  removed: number[];
  added: number[];
}

/**
 * Aligns two unit lists. Equal units (same comparable form) pair first, repeats in order; among
 * them, the longest run kept in the same relative order is unchanged and every other one moved
 * (so moving one sentence reports that sentence, not everything it jumped over). The rest pair
 * one to one, greedily by best word similarity (at least {@link MIN_REWORDED_SIMILARITY}; ties to
 * the closer relative position) as changed.
 */
export function alignUnits(earlier: readonly TextUnit[], later: readonly TextUnit[]): UnitAlignment {
  const pairs: UnitPair[] = [];
  const laterByNorm = new Map<string, number[]>();
  later.forEach((u, j) => {
    const list = laterByNorm.get(u.norm);
    if (list) list.push(j);
    else laterByNorm.set(u.norm, [j]);
  });
  const earlierTaken = new Array<boolean>(earlier.length).fill(false);
  const laterTaken = new Array<boolean>(later.length).fill(false);
  const equal: Array<{ earlier: number; later: number }> = [];
  earlier.forEach((u, i) => {
    const j = laterByNorm.get(u.norm)?.shift();
    if (j === undefined) return;
    equal.push({ earlier: i, later: j });
    earlierTaken[i] = true;
    laterTaken[j] = true;
  });
  const inOrder = longestIncreasing(equal.map((p) => p.later));
  equal.forEach((p, k) => pairs.push({ ...p, type: inOrder.has(k) ? 'same' : 'moved', similarity: 1 }));

  const restE = earlier.map((_, i) => i).filter((i) => !earlierTaken[i]);
  const restL = later.map((_, j) => j).filter((j) => !laterTaken[j]);
  const candidates: Array<{ earlier: number; later: number; similarity: number; distance: number }> = [];
  for (const i of restE) {
    for (const j of restL) {
      const similarity = wordSimilarity(earlier[i]!.words, later[j]!.words, MIN_REWORDED_SIMILARITY);
      if (similarity < MIN_REWORDED_SIMILARITY) continue;
      const distance = Math.abs(i / Math.max(1, earlier.length) - j / Math.max(1, later.length));
      candidates.push({ earlier: i, later: j, similarity, distance });
    }
  }
  candidates.sort((a, b) => b.similarity - a.similarity || a.distance - b.distance || a.earlier - b.earlier || a.later - b.later);
  for (const c of candidates) {
    if (earlierTaken[c.earlier] || laterTaken[c.later]) continue;
    earlierTaken[c.earlier] = true;
    laterTaken[c.later] = true;
    pairs.push({ earlier: c.earlier, later: c.later, type: 'changed', similarity: c.similarity });
  }
  return {
    pairs: pairs.sort((a, b) => a.later - b.later),
    removed: restE.filter((i) => !earlierTaken[i]),
    added: restL.filter((j) => !laterTaken[j]),
  };
}

/** Indices (into `values`) of one longest strictly increasing subsequence; O(n log n). */
export function longestIncreasing(values: readonly number[]): Set<number> {
  const tailIndex: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((v, k) => {
    let lo = 0;
    let hi = tailIndex.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tailIndex[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[k] = tailIndex[lo - 1]!;
    tailIndex[lo] = k;
  });
  const out = new Set<number>();
  for (let k = tailIndex[tailIndex.length - 1] ?? -1; k >= 0; k = previous[k]!) out.add(k);
  return out;
}

/** A run of words of a changed passage: kept, or only in the earlier or the later edition. */
export interface WordChange {
  type: 'same' | 'removed' | 'added';
  text: string;
}

/** Word-level changes from one wording to the next (jsdiff's diffWordsWithSpace). */
export function wordChanges(earlier: string, later: string): WordChange[] {
  return diffWordsWithSpace(earlier, later).map((c) => ({ type: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
}
