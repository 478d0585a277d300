/**
 * Repairs of text pulled out of PDFs, shared by the PDF layout and hard-wrapped text files:
 * words split at a line-end hyphen, the `Government- funded` artefact (a hyphen plus space left
 * where a line broke inside a compound) and spaces lost after a sentence end (`service.The`).
 *
 * Hyphen heuristic ({@link keepsHyphen}): a hyphen where a line broke is either a real hyphen of a
 * compound ("at-risk", "anti-trafficking") or a typesetter's break inside one word
 * ("traf-ficking"). In order:
 *  1. the document itself decides when it writes the hyphenated form mid-line (kept) or the joined
 *     word (dropped): its vocabulary;
 *  2. kept when the part after starts with a capital or a digit ("non-EU", "Art. 382-1"), the part
 *     before ends with a digit ("30-day"), is a single letter ("e-mail"), an acronym ("EU-funded")
 *     or already holds a hyphen ("whole-of-government"), or the compound goes on after the break
 *     ("interpreter-" + "to-trace");
 *  3. kept when the part before is a common compound head ("anti", "non", "self", "well",
 *     "government", ...) or the part after a common compound tail ("funded", "based", "led",
 *     "risk", "trafficking", ...).
 * Otherwise the parts are joined. Heads a hyphenation dictionary also splits ordinary words after
 * ("re-port", "pre-vent", "at-tempt", "ex-ample", "state-ment", "co-operate") are deliberately
 * not compound heads, so a line-end "re-" + "traumatization" becomes "retraumatization" unless the
 * document spells "re-traumatization" somewhere mid-line.
 */

/** Lower-cased words and mid-line hyphenated compounds seen in a document. */
export type Vocabulary = ReadonlySet<string>;

/** A replacement made by {@link repairArtefacts}, in offsets of the text it was given. */
export interface TextEdit {
  at: number;
  remove: number;
  insert: string;
}

/**
 * Heads that form compounds with a hyphen and that hyphenation does not split ordinary words
 * after ("at-tempt", "state-ment", "ex-ample", "high-er", "with-out" rule out many obvious ones).
 */
const COMPOUND_HEADS = new Set(['all', 'anti', 'community', 'government', 'half', 'non', 'quasi', 'self', 'three', 'two', 'well', 'whole']);

/** Tails that form compounds with a hyphen ("Government-funded", "community-based", "at-risk"). */
const COMPOUND_TAILS = new Set([
  'affiliated', 'appointed', 'based', 'being', 'border', 'born', 'building', 'called', 'centered', 'centred',
  'designated', 'driven', 'focused', 'free', 'friendly', 'funded', 'intensive', 'led', 'level', 'made', 'making',
  'month', 'off', 'operated', 'oriented', 'owned', 'related', 'risk', 'run', 'scale', 'specific', 'sponsored',
  'style', 'term', 'time', 'trafficking', 'type', 'up', 'wide', 'year',
]);

/** Words after "pre- " that mark a suspended hyphen ("pre- and post-trial"), not an artefact. */
const SUSPENDED_FOLLOWERS = new Set(['and', 'or', 'nor', 'to', 'through', 'versus', 'vs']);

/**
 * Whether a hyphen between `before` and `after` (split at a line end, or left as "X- y") is a real
 * hyphen to keep; false means the two parts are one word. See the module comment for the rules.
 */
export function keepsHyphen(before: string, after: string, vocabulary?: Vocabulary): boolean {
  if (before === '' || after === '') return true;
  const head = before.slice(before.lastIndexOf('-') + 1);
  const lowerHead = head.toLowerCase();
  const lowerAfter = after.toLowerCase();
  if (vocabulary && head !== '') {
    if (vocabulary.has(`${lowerHead}-${lowerAfter}`)) return true;
    if (vocabulary.has(lowerHead + lowerAfter)) return false;
  }
  if (/[\p{Lu}\p{N}]/u.test(after[0]!)) return true;
  if (before.includes('-')) return true;
  if (/\p{N}$/u.test(head) || head.length === 1) return true;
  if (head.length >= 2 && head === head.toUpperCase() && /\p{Lu}/u.test(head)) return true;
  return COMPOUND_HEADS.has(lowerHead) || COMPOUND_TAILS.has(lowerAfter);
}

const WORD = /^[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)?(?:-[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)?)*$/u;

/** Adds a line's words to a vocabulary; a trailing hyphenated fragment is left out (it may be a break). */
export function addToVocabulary(vocabulary: Set<string>, line: string): void {
  for (const raw of line.split(/\s+/)) {
    if (raw === '' || raw.endsWith('-')) continue;
    const token = raw.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    if (token !== '' && WORD.test(token)) vocabulary.add(token.toLowerCase());
  }
}

/** The vocabulary of a set of lines (see {@link keepsHyphen}). */
export function buildVocabulary(lines: Iterable<string>): Set<string> {
  const vocabulary = new Set<string>();
  for (const line of lines) addToVocabulary(vocabulary, line);
  return vocabulary;
}

/** Line-end hyphens: ASCII hyphen-minus, Unicode hyphen and the soft hyphen typesetters print. */
const LINE_END_HYPHEN = /(?<=[\p{L}\p{M}])[-\u2010\u00ad]$/u;

/**
 * How two lines of one paragraph join: `drop` characters to remove from the end of the first line
 * (a break hyphen) and the `separator` to put between them ("" inside a word, " " otherwise).
 */
export function lineJoin(first: string, second: string, vocabulary?: Vocabulary): { drop: number; separator: string } {
  const hyphen = LINE_END_HYPHEN.exec(first);
  if (!hyphen || !/^[\p{L}]/u.test(second)) return { drop: 0, separator: ' ' };
  if (hyphen[0] === '\u00ad') return { drop: 1, separator: '' };
  const before = /[\p{L}\p{M}\p{N}'’-]*$/u.exec(first.slice(0, -1))?.[0] ?? '';
  const after = /^[\p{L}\p{M}]+/u.exec(second)?.[0] ?? '';
  // "interpreter-" + "to-trace": a compound that goes on past the break keeps its hyphens.
  const continues = second[after.length] === '-';
  return continues || keepsHyphen(before, after, vocabulary) ? { drop: 0, separator: '' } : { drop: 1, separator: '' };
}

/** "X- y": a word, a hyphen and spaces, then the next word (groups: word before, spaces, word after). */
const HYPHEN_SPACE = /([\p{L}\p{M}][\p{L}\p{M}'’]*(?:-[\p{L}\p{M}'’]+)*)-([ \t]+)([\p{L}][\p{L}\p{M}]*)/uy;
/** Sentence punctuation glued to the next sentence's capitalised word. */
const GLUED_STOP = /[.!?](?=[“"‘']?\p{Lu}\p{Ll})/gu;

/**
 * Repairs `Government- funded` → `Government-funded` (or "traf- ficking" → "trafficking") and
 * `service.The` → `service. The` (not `U.S.`, `e.g.`, decimals, URLs or e-mail addresses), and
 * returns the edits so callers can move offsets that point into the text.
 */
export function repairArtefacts(text: string, vocabulary?: Vocabulary): { text: string; edits: TextEdit[] } {
  const edits: TextEdit[] = [];
  for (let at = text.indexOf('- '); at !== -1; at = text.indexOf('- ', at + 2)) {
    let start = at;
    while (start > 0 && /[\p{L}\p{M}'’-]/u.test(text[start - 1]!)) start--;
    if (start === at || (start > 0 && /[\p{N}]/u.test(text[start - 1]!))) continue;
    HYPHEN_SPACE.lastIndex = start;
    const m = HYPHEN_SPACE.exec(text);
    if (!m || start + m[1]!.length !== at) continue;
    const next = m[3]!;
    if (SUSPENDED_FOLLOWERS.has(next.toLowerCase())) continue;
    if (keepsHyphen(m[1]!, next, vocabulary)) edits.push({ at: at + 1, remove: m[2]!.length, insert: '' });
    else edits.push({ at, remove: 1 + m[2]!.length, insert: '' });
  }
  for (const m of text.matchAll(GLUED_STOP)) {
    const i = m.index;
    const a = text[i - 1] ?? '';
    const b = text[i - 2] ?? '';
    const ok = /[)\]”’"'%]/.test(a) || (/[\p{Ll}\p{N}]/u.test(a) && /[\p{Ll}\p{N}]/u.test(b));
    if (ok && !looksLikeAddress(text, i)) edits.push({ at: i + 1, remove: 0, insert: ' ' });
  }
  edits.sort((x, y) => x.at - y.at);
  return { text: applyEdits(text, edits), edits };
}

/** True when the punctuation at `dot` sits inside a URL, path, e-mail address or dotted name. */
function looksLikeAddress(text: string, dot: number): boolean {
  let start = dot;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  let end = dot + 1;
  while (end < text.length && !/\s/.test(text[end]!)) end++;
  const token = text.slice(start, end);
  return /[/@\\]|:\/\/|^www\.|\.[\p{L}\p{N}]+\.[\p{L}\p{N}]/iu.test(token);
}

/** Applies edits (sorted, non-overlapping, in offsets of `text`). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text;
  let out = '';
  let from = 0;
  for (const e of edits) {
    out += text.slice(from, e.at) + e.insert;
    from = e.at + e.remove;
  }
  return out + text.slice(from);
}

/**
 * Where an offset of the original text lands after the edits. A `start` moves past text inserted
 * at it; an `end` stays before it, so a span never grows to take in an inserted space.
 */
export function mapOffset(edits: readonly TextEdit[], offset: number, side: 'start' | 'end'): number {
  let delta = 0;
  for (const e of edits) {
    const end = e.at + e.remove;
    if (end < offset || (end === offset && (e.remove > 0 || side === 'start'))) {
      delta += e.insert.length - e.remove;
      continue;
    }
    if (e.at < offset) return e.at + delta + (side === 'start' ? e.insert.length : 0);
    break;
  }
  return offset + delta;
}

/** Repairs artefacts in a text and returns only the repaired text. */
export function cleanText(text: string, vocabulary?: Vocabulary): string {
  return repairArtefacts(text, vocabulary).text;
}

const COUNTRY_HEADING = /^[\p{Lu}][\p{Lu}\d .,'’()&/-]+: (?:Tier \d.*|TIER \d.*|Special Case|SPECIAL CASE)$/u;

/**
 * Whether a line reads as a heading of a report: all capitals ("PROTECTION", "RECOMMENDATIONS FOR
 * LUXEMBOURG:") or a country heading with its tier ("LUXEMBOURG: Tier 1").
 */
export function isHeadingLine(line: string): boolean {
  const s = line.trim();
  if (s.length === 0 || s.length > 100) return false;
  if (COUNTRY_HEADING.test(s)) return true;
  if (/[\p{Ll}]/u.test(s)) return false;
  const letters = s.match(/\p{Lu}/gu)?.length ?? 0;
  // A sentence in capitals ends in a comma or runs on; headings are short and end in a word or colon.
  return letters >= 3 && !/[,;]$/.test(s) && s.split(/\s+/).length <= 12;
}

/** Sentence end, possibly followed by a closing quote or bracket. */
const SENTENCE_END = /[.!?:][”’"')\]]*$/;

/** Bullets and list markers that start a new paragraph on their own. */
const LIST_MARKER = /^(?:[•▪◦●‣∙·*]|[-–—]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)/u;

/**
 * Unwraps a hard-wrapped plain text: lines of a paragraph joined with one space (a word split at a
 * line-end hyphen joined back), one paragraph per line, headings alone on their lines, then the
 * same repairs as PDFs get. A paragraph ends at a blank line, before and after a heading, and where
 * a line ends a sentence while falling clearly short of the wrap width (a line only ends early when
 * its paragraph does). Form feeds (page breaks) are kept.
 */
export function unwrapPlainText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\f')
    .map((page) => unwrapPage(page))
    .join('\f');
}

function unwrapPage(text: string): string {
  const lines = text.split('\n').map((l) => l.replace(/\s+$/u, ''));
  const vocabulary = buildVocabulary(lines);
  const wrap = wrapWidth(lines);
  const paragraphs: string[] = [];
  // A paragraph is built from pieces joined once at its end, and lines are joined by looking at its
  // last 80 characters only: slicing the growing string instead flattens it on every line, which
  // took minutes for a file of a few hundred thousand lines.
  let pieces: string[] = [];
  let tail = '';
  let previous = '';
  const flush = (): void => {
    if (pieces.length > 0) paragraphs.push(pieces.join(''));
    pieces = [];
    tail = '';
    previous = '';
  };
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') {
      flush();
      continue;
    }
    if (isHeadingLine(line)) {
      flush();
      paragraphs.push(line);
      continue;
    }
    if (pieces.length > 0 && startsParagraph(previous, raw, line, wrap)) flush();
    if (pieces.length === 0) {
      pieces.push(line);
      tail = line.slice(-80);
    } else {
      const { drop, separator } = lineJoin(tail, line, vocabulary);
      // The last piece is the previous (non-empty) line, so the dropped hyphen is its last character.
      if (drop > 0) pieces[pieces.length - 1] = pieces[pieces.length - 1]!.slice(0, -drop);
      pieces.push(separator, line);
      tail = (tail.slice(0, tail.length - drop) + separator + line).slice(-80);
    }
    previous = raw;
  }
  flush();
  return paragraphs.map((p) => repairArtefacts(p, vocabulary).text).join('\n');
}

/** The width lines were wrapped at: a high percentile of line lengths, so a few long lines do not count. */
function wrapWidth(lines: readonly string[]): number {
  const lengths = lines.filter((l) => l.trim() !== '').map((l) => l.length);
  if (lengths.length === 0) return 0;
  lengths.sort((a, b) => a - b);
  return lengths[Math.min(lengths.length - 1, Math.floor(lengths.length * 0.9))]!;
}

function startsParagraph(previous: string, raw: string, line: string, wrap: number): boolean {
  if (LIST_MARKER.test(line)) return true;
  if (!SENTENCE_END.test(previous)) return false;
  if (!/^[\p{Lu}\p{N}“"‘'(]/u.test(line)) return false;
  // An indented line after a sentence end is a first-line indent.
  if (/^\s/.test(raw) && !/^\s/.test(previous)) return true;
  return previous.trim().length < wrap * 0.8;
}

/** A country heading run in with the first words of its profile ("COUNTRY: Tier 2 Country is a …"). */
const RUN_IN_COUNTRY_HEADING =
  /^([\p{Lu}][\p{Lu}\d .,'’()&/-]+: (?:Tier 2 Watch List|TIER 2 WATCH LIST|Tier [123](?! Watch List)|TIER [123](?! WATCH LIST)|Special Case|SPECIAL CASE)) (?=\p{Lu}\p{Ll})([^\n]*)(\n(?=\p{Ll}))?/gmu;

/**
 * Puts a country heading set run-in with its first paragraph (as some layouts print it) on a line
 * of its own, and joins that paragraph's first line to the rest when the layout broke it there.
 * Each change swaps one character for another, so every offset into the text stays valid.
 */
export function splitRunInHeadings(text: string): string {
  return text.replace(RUN_IN_COUNTRY_HEADING, (_m, heading: string, rest: string, brokenLine?: string) => `${heading}\n${rest}${brokenLine ? ' ' : ''}`);
}
