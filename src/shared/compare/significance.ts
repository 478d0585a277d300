/**
 * Tells a substantive change of wording from a routine one. A rewording matters to an analyst when
 * a number changes, a statement is negated or no longer negated, or a claim turns into its
 * opposite ("increased" → "decreased", "adequate" → "inadequate"); everything else ("The
 * government" → "Authorities") is style.
 */
import { passageWords } from './similarity';

const NUMBER_WORDS = new Map<string, number>(
  [
    'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
    'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
  ].map((w, i) => [w, i]),
);
for (const [w, v] of [['thirty', 30], ['forty', 40], ['fifty', 50], ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90], ['hundred', 100], ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['dozen', 12], ['dozens', 12], ['hundreds', 100], ['thousands', 1e3]] as const) {
  NUMBER_WORDS.set(w, v);
}

const NEGATIONS = new Set(['not', 'no', 'never', 'none', 'nor', 'neither', 'without', 'cannot', 'nothing', 'nobody', 'lack', 'lacked', 'lacks', 'failed', 'fails', 'fail']);

/**
 * Words whose presence carries a claim that has an opposite. Grouped by claim so the analyst-facing
 * documentation lists the pairs; the test only asks whether either side uses one the other lacks.
 */
export const CLAIM_WORDS: readonly (readonly string[])[] = [
  ['increased', 'decreased', 'declined', 'dropped'],
  ['increase', 'decrease', 'decline', 'drop'],
  ['increasing', 'decreasing', 'declining'],
  ['increases', 'decreases', 'declines'],
  ['rose', 'fell'],
  ['more', 'fewer', 'less'],
  ['higher', 'lower'],
  ['most', 'fewest', 'least'],
  ['improved', 'worsened', 'deteriorated'],
  ['improve', 'worsen', 'deteriorate'],
  ['improvement', 'deterioration'],
  ['adequate', 'inadequate'],
  ['adequately', 'inadequately'],
  ['sufficient', 'insufficient'],
  ['sufficiently', 'insufficiently'],
  ['effective', 'ineffective'],
  ['effectively', 'ineffectively'],
  ['significant', 'insignificant'],
  ['strengthened', 'weakened'],
  ['expanded', 'reduced'],
  ['continued', 'discontinued', 'ceased', 'stopped'],
];
const CLAIMS = new Set(CLAIM_WORDS.flat());

/**
 * True when a word on its own can make a rewording substantive: a number (digits or a number word),
 * a negation or a claim word. Used to mark, inside a substantive rewording, only the words that
 * make it so ("30" → "41", "did not" → "did") and leave the routine ones plain.
 */
export function isSignificantWord(word: string): boolean {
  return /\d/.test(word) || word.split('-').some((p) => NUMBER_WORDS.has(p)) || NEGATIONS.has(word) || word.endsWith("n't") || CLAIMS.has(word);
}

function numbersOf(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    for (const m of w.matchAll(/\d+(?:[.,]\d+)*/g)) out.push(String(Number(m[0].replace(/,(?=\d{3}\b)/g, ''))));
    for (const part of w.split('-')) {
      const v = NUMBER_WORDS.get(part);
      if (v !== undefined) out.push(String(v));
    }
  }
  return out.sort();
}

function negationCount(words: readonly string[]): number {
  return words.filter((w) => NEGATIONS.has(w) || w.endsWith("n't")).length;
}

function claimsOf(words: readonly string[]): string[] {
  return [...new Set(words.filter((w) => CLAIMS.has(w)))].sort();
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Why a rewording is substantive, or an empty list when it is routine. */
export function significantDifferences(earlier: string, later: string): Array<'numbers' | 'negation' | 'claim'> {
  const a = passageWords(earlier);
  const b = passageWords(later);
  const out: Array<'numbers' | 'negation' | 'claim'> = [];
  if (!sameList(numbersOf(a), numbersOf(b))) out.push('numbers');
  if (negationCount(a) !== negationCount(b)) out.push('negation');
  if (!sameList(claimsOf(a), claimsOf(b))) out.push('claim');
  return out;
}

/** True when a rewording changes a number, a negation or a claim ({@link significantDifferences}). */
export function isSignificantChange(earlier: string, later: string): boolean {
  return significantDifferences(earlier, later).length > 0;
}
