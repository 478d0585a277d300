/**
 * How alike two passages are. One measure serves sentences and recommendations alike: the
 * normalized edit distance on words, 1 − (word insertions + deletions + substitutions) / (words
 * of the longer passage). It respects word order (unlike a token-set Jaccard, which scores "did
 * not identify victims, only traffickers" the same as "identified traffickers, not victims") and
 * is readable: 0.9 means one word in ten differs.
 */

/**
 * Two passages this alike are one statement reworded, not two statements: a changed figure
 * (11 of 12 words kept: 0.92) or a clause added to a recommendation stays above it, while
 * different sentences of a narrative share their function words but rarely more than 0.4.
 */
export const MIN_REWORDED_SIMILARITY = 0.6;

const QUOTES: Record<string, string> = { '’': "'", '‘': "'", 'ʼ': "'", '`': "'", '“': '"', '”': '"', '–': '-', '—': '-', '‑': '-' };

/**
 * The comparable form of a passage: case, typographic quotes and dashes, whitespace, a PDF's
 * broken hyphenation ("anti- trafficking") and closing punctuation ignored. Two passages with the
 * same form say the same thing word for word.
 */
export function normalizePassage(text: string): string {
  // NFKC only matters beyond ASCII, and most report text is ASCII: skipping it halves the cost.
  return (/[^\x20-\x7e]/.test(text) ? text.normalize('NFKC') : text)
    .toLowerCase()
    .replace(/[’‘ʼ`“”–—‑]/g, (c) => QUOTES[c]!)
    .replace(/(\p{L})- +(?=\p{L})/gu, '$1-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:and|or)\s+/, '')
    .replace(/[\s.;,:]+$/, '');
}

// Numbers keep their inner separators ("149,400", "382-1", "3.5") so a changed figure is one changed word.
const WORD_RE = /[\p{L}\p{N}]+(?:['.,-][\p{L}\p{N}]+)*/gu;

/** The words of a passage in its comparable form. */
export function passageWords(text: string): string[] {
  return normalizedWords(normalizePassage(text));
}

/** The words of a passage already in comparable form ({@link normalizePassage}). */
export function normalizedWords(norm: string): string[] {
  return norm.match(WORD_RE) ?? [];
}

/**
 * 1 − word edit distance / length of the longer word list; 1 for two empty lists. Stops early
 * (returning 0) once the result cannot reach `floor`, which keeps matching a long section cheap.
 */
export function wordSimilarity(a: readonly string[], b: readonly string[], floor = 0): number {
  const n = a.length;
  const m = b.length;
  const longest = Math.max(n, m);
  if (longest === 0) return 1;
  // The length difference alone costs that many insertions.
  if (1 - Math.abs(n - m) / longest < floor) return 0;
  const budget = Math.floor((1 - floor) * longest);
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const w = a[i - 1];
    for (let j = 1; j <= m; j++) {
      const v = Math.min(prev[j - 1]! + (w === b[j - 1] ? 0 : 1), prev[j]! + 1, cur[j - 1]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > budget) return 0;
    [prev, cur] = [cur, prev];
  }
  return 1 - prev[m]! / longest;
}

/** {@link wordSimilarity} of two passages' texts. */
export function passageSimilarity(a: string, b: string): number {
  return wordSimilarity(passageWords(a), passageWords(b));
}

/** A similarity rounded for people and JSON (three decimals). */
export function roundSimilarity(s: number): number {
  return Math.round(s * 1000) / 1000;
}
