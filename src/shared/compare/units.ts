/**
 * The units two editions are aligned by: sentences, or clauses where a text strings its statements
 * together with semicolons (a recommendations paragraph, a Factbook summary).
 */
import { normalizedWords, normalizePassage } from './similarity';

/** A sentence or clause of a document, with its offsets into the document text. */
export interface TextUnit {
  /** The unit's text, whitespace collapsed. */
  text: string;
  start: number;
  end: number;
  /** Comparable form ({@link normalizePassage}). */
  norm: string;
  words: string[];
}

/** Words that end in a full stop without ending a sentence ("Art. 382-1", "U.S. law", "Jan. 2014"). */
const ABBREVIATIONS = new Set([
  'art', 'arts', 'no', 'nos', 'nr', 'mr', 'mrs', 'ms', 'dr', 'st', 'mt', 'ft', 'vs', 'v', 'e.g', 'i.e', 'cf', 'approx', 'ca',
  'gov', 'govt', 'inc', 'ltd', 'co', 'corp', 'jr', 'sr', 'prof', 'gen', 'lt', 'col', 'sgt', 'capt', 'rep', 'sen', 'hon',
  'fig', 'p', 'pp', 'para', 'sec', 'ch', 'vol', 'op', 'dept', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep',
  'sept', 'oct', 'nov', 'dec', 'u.s', 'u.n', 'u.k', 'u.s.a', 'e.u',
]);

const SENTENCE_END_RE = /[.!?]/g;
const CLOSERS_RE = /^[”’"')\]]*/;

/**
 * Splits text[start, end) into units. A line break always ends one; so does a sentence end (`.`,
 * `!`, `?`) before a capital, a digit or an opening quote, unless it closes an abbreviation or an
 * initial; a full stop glued to the next sentence ("service.The", a PDF's lost space) ends one too.
 * With `clauses`, "; " ends a unit as well.
 */
export function splitUnits(text: string, start: number, end: number, clauses = false): TextUnit[] {
  const out: TextUnit[] = [];
  const push = (a: number, b: number): void => {
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    if (b <= a) return;
    const raw = text.slice(a, b);
    const norm = normalizePassage(raw);
    const words = normalizedWords(norm);
    if (words.length === 0) return;
    out.push({ text: raw.replace(/\s+/g, ' '), start: a, end: b, norm, words });
  };
  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    let unitStart = lineStart;
    for (const cut of cutsInLine(text.slice(lineStart, lineEnd), clauses)) {
      push(unitStart, lineStart + cut);
      unitStart = lineStart + cut;
    }
    push(unitStart, lineEnd);
    lineStart = lineEnd + 1;
  }
  return out;
}

/** Offsets inside one line where a unit ends (just after its closing punctuation). */
function cutsInLine(line: string, clauses: boolean): number[] {
  const cuts: number[] = [];
  SENTENCE_END_RE.lastIndex = 0;
  for (let m = SENTENCE_END_RE.exec(line); m; m = SENTENCE_END_RE.exec(line)) {
    const at = m.index;
    const after = at + 1 + (CLOSERS_RE.exec(line.slice(at + 1))?.[0].length ?? 0);
    const rest = line.slice(after);
    if (rest === '') continue;
    if (/^\s+["“‘'(]?[\p{Lu}\p{N}]/u.test(rest)) {
      if (line[at] === '.' && closesAbbreviation(line, at)) continue;
      cuts.push(after);
    } else if (line[at] === '.' && after === at + 1 && /^\p{Lu}\p{Ll}/u.test(rest) && /\p{Ll}{2}$/u.test(line.slice(0, at))) {
      cuts.push(after);
    }
  }
  if (clauses) {
    for (const m of line.matchAll(/;\s+/g)) cuts.push(m.index + 1);
    cuts.sort((a, b) => a - b);
  }
  return cuts;
}

function closesAbbreviation(line: string, dot: number): boolean {
  const word = /([\p{L}.]+)$/u.exec(line.slice(Math.max(0, dot - 12), dot))?.[1] ?? '';
  if (word === '') return false;
  // An initial ("John F. Kennedy") or an acronym written with full stops ("U.S.").
  if (/^\p{Lu}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}
