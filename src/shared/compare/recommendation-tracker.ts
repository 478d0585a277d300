/**
 * What became of each recommendation made to a country the year before: kept word for word,
 * reworded, or dropped; and which ones are new.
 */
import type { Recommendation } from '../ingest/report-types';
import { MIN_REWORDED_SIMILARITY, normalizePassage, passageWords, roundSimilarity, wordSimilarity } from './similarity';

/** A recommendation with where it stands in its edition's text. */
export interface RecommendationRef {
  text: string;
  start: number;
  end: number;
  page: number;
}

/** The recommendations tracker of a comparison. */
export interface RecommendationTracker {
  /** Repeated verbatim (ignoring case, whitespace and closing punctuation). */
  kept: Array<{ earlier: RecommendationRef; later: RecommendationRef }>;
  /** Repeated in other words: the best one-to-one match at word similarity ≥ {@link MIN_REWORDED_SIMILARITY}. */
  reworded: Array<{ earlier: RecommendationRef; later: RecommendationRef; similarity: number }>;
  dropped: RecommendationRef[];
  added: RecommendationRef[];
}

const ref = (r: Recommendation): RecommendationRef => ({ text: r.text, start: r.start, end: r.end, page: r.page });

/**
 * Tracks recommendations from one edition to the next. Verbatim repeats pair first (in order);
 * the rest pair one to one, greedily by the highest word similarity (normalized word edit
 * distance, see similarity.ts), so two similar recommendations cannot both claim one successor.
 */
export function trackRecommendations(earlier: readonly Recommendation[], later: readonly Recommendation[]): RecommendationTracker {
  const tracker: RecommendationTracker = { kept: [], reworded: [], dropped: [], added: [] };
  const laterByNorm = new Map<string, number[]>();
  later.forEach((r, j) => {
    const key = normalizePassage(r.text);
    const list = laterByNorm.get(key);
    if (list) list.push(j);
    else laterByNorm.set(key, [j]);
  });
  const pairOf = new Map<number, { later: number; similarity: number }>();
  const takenLater = new Set<number>();
  earlier.forEach((r, i) => {
    const j = laterByNorm.get(normalizePassage(r.text))?.shift();
    if (j === undefined) return;
    pairOf.set(i, { later: j, similarity: 1 });
    takenLater.add(j);
  });

  const laterWords = later.map((r) => passageWords(r.text));
  const candidates: Array<{ i: number; j: number; similarity: number }> = [];
  earlier.forEach((r, i) => {
    if (pairOf.has(i)) return;
    const words = passageWords(r.text);
    later.forEach((_, j) => {
      if (takenLater.has(j)) return;
      const similarity = wordSimilarity(words, laterWords[j]!, MIN_REWORDED_SIMILARITY);
      if (similarity >= MIN_REWORDED_SIMILARITY) candidates.push({ i, j, similarity });
    });
  });
  candidates.sort((a, b) => b.similarity - a.similarity || a.i - b.i || a.j - b.j);
  for (const c of candidates) {
    if (pairOf.has(c.i) || takenLater.has(c.j)) continue;
    pairOf.set(c.i, { later: c.j, similarity: c.similarity });
    takenLater.add(c.j);
  }

  earlier.forEach((r, i) => {
    const pair = pairOf.get(i);
    if (!pair) tracker.dropped.push(ref(r));
    else if (pair.similarity === 1 && normalizePassage(r.text) === normalizePassage(later[pair.later]!.text)) {
      tracker.kept.push({ earlier: ref(r), later: ref(later[pair.later]!) });
    } else {
      tracker.reworded.push({ earlier: ref(r), later: ref(later[pair.later]!), similarity: roundSimilarity(pair.similarity) });
    }
  });
  later.forEach((r, j) => {
    if (!takenLater.has(j)) tracker.added.push(ref(r));
  });
  return tracker;
}
