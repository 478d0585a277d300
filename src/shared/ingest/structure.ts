import { canonicalCountryName, countryForDemonym } from './countries';
import {
  pageOf,
  type CountryNarrative,
  type OutlineEntry,
  type Recommendation,
  type ReportStructure,
  type SectionKind,
  type Tier,
  type YearSource,
} from './report-types';

/** Options for {@link parseReportStructure}. */
export interface ParseStructureOptions {
  /** The file's name; a year in it ("tip-2015-excerpt.txt") is used when the text names none. */
  fileName?: string;
  /** Offset where each page begins, for `page` fields and for spotting running heads. */
  pageStarts?: readonly number[];
  /** Running heads the PDF layout removed from the text ("TRAFFICKING IN PERSONS REPORT 2015"): they still date the report. */
  runningHeads?: readonly string[];
  /**
   * The text comes from the PDF layout, which already removed running heads and page numbers by
   * their position: do not guess them again from repeated lines (a long report repeats its
   * paragraphs' openings at the tops of many pages).
   */
  headsRemoved?: boolean;
}

/** One line of the text: where its content (without surrounding blanks) sits. */
interface Line {
  /** Offset of the first non-blank character (the line start when blank). */
  cs: number;
  /** Offset just after the last non-blank character. */
  ce: number;
  text: string;
  page: number;
}

interface CountryHeading {
  role: 'country';
  name: string;
  tier: Tier;
}

interface SectionHeading {
  role: 'section';
  kind: SectionKind;
  title: string;
  /** Recommendations printed on the heading's own line after the colon start here. */
  inlineStart?: number;
  /** Lines the heading occupies (a long "RECOMMENDATIONS FOR …" can wrap onto a second line). */
  span: number;
}

type Role = CountryHeading | SectionHeading | { role: 'continuation' };

type HeadingStyle = 'upper' | 'title' | 'number';

interface GenericHeading {
  line: number;
  title: string;
  style: HeadingStyle;
  /** Depth given by the numbering ("1.2" → 2); undefined for unnumbered headings. */
  depth?: number;
}

/** Order of sections inside a narrative, for telling one narrative's run of headings from the next. */
const SECTION_ORDER: Record<SectionKind, number> = {
  profile: 0,
  compliance: 1,
  recommendations: 2,
  prosecution: 3,
  protection: 4,
  prevention: 5,
  'trafficking-profile': 6,
};

const SECTION_TITLES: Record<Exclude<SectionKind, 'profile' | 'compliance' | 'recommendations'>, string> = {
  prosecution: 'Prosecution',
  protection: 'Protection',
  prevention: 'Prevention',
  'trafficking-profile': 'Trafficking Profile',
};

const COUNTRY_HEADING_RE =
  /^(\p{L}[\p{L}\p{M}\d .,'’‘()&-]{0,79}?)\s*(?::|\(|[–—]|\s-)\s*(tier\s*[123](?:\s*[-–]?\s*watch\s*-?\s*list)?|special\s+cases?)\s*\)?\.?$/iu;
/** Cheap test that a line could end in a tier, so the full heading pattern runs on few lines. */
const TIER_TAIL_RE = /(?:[123]|list|cases?)\W{0,3}$/i;
const SIMPLE_SECTION_RE = /^(prosecution|protection|prevention|trafficking\s+profile)\s*:?$/i;
const RECOMMENDATIONS_RE = /^(prioritized\s+recommendations|recommendations\s+for\s+([^:]{1,80}?))\s*:\s*(.*)$/i;
const RECOMMENDATIONS_WRAPPED_RE = /^recommendations\s+for\s+[^:]{1,60}$/i;
const WRAPPED_TAIL_RE = /^([^:]{1,60}):\s*(.*)$/;
const COMPLIANCE_START_RE = /^the\s+government\s+of\b/i;
const COMPLIANCE_RE =
  /The\s+Government\s+of\s+(?:[^\n]|\n(?!\s*\n)){1,100}?\s(?:fully\s+(?:meets|meet|complies|comply)|does\s+not\s+(?:fully\s+)?(?:meets|meet|complies|comply))\b/iy;
const TITLE_PHRASE_RE = /trafficking\s+in\s+persons\s+report/gi;
const YEAR_IN_LINE_RE = /(?<!\d)(19\d\d|20\d\d|2100)(?!\d)/g;
const TEXT_YEAR_RE = /(?<![\d$£€,.])(199\d|20\d\d|2100)(?!\d|,\d)/g;
const TITLE_WORDS_RE = /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|edition)\b/gi;
// Roman page numbers only in lower case: "CIVIL" or "MIX" in capitals are words.
const PAGE_NUMBER_RE = /^(?:(?:page|Page|PAGE)\s+)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–—]?(?:\s*(?:of|\/)\s*\d{1,4})?$/;
const FIELD_LABEL_RE = /^(\p{L}[\p{L} /&'’-]{0,40}?)\s*:\s+\S/u;
const NUMBERED_RE = /^(?:(\d{1,2}(?:\.\d{1,2})+)\.?|(\d{1,2})\.|([IVXLC]{1,7})\.|([A-Z])[.)])\s+(\S.*)$/;
const HYPHEN_WRAP_RE = /-[^\S\n]*\n/;
const HYPHEN_WRAP_JOIN_RE = /(\p{L})-[^\S\n]*\n\s*(?=\p{L})/gu;
const BULLET_RE = /^[•▪◦●■‣∙*-]\s+/;
const ENDS_PARAGRAPH_RE = /[.!?:"”’)\]]$/;
const ENDS_SENTENCE_RE = /[.!?]["”’)]?$/;
const LETTERS_RE = /\p{L}.*\p{L}/u;
const LOWER_RE = /\p{Ll}/u;
const UPPER_START_RE = /^["“'‘(]?[\p{Lu}\d]/u;

/** Words a Title-Case heading may leave in lower case. */
const SMALL_WORDS = new Set([
  'a', 'an', 'and', 'as', 'at', 'but', 'by', 'de', 'del', 'des', 'du', 'for', 'from', 'in', 'into', 'la', 'le', 'nor', 'of',
  'on', 'or', 'over', 'per', 'the', 'to', 'under', 'upon', 'via', 'vs', 'with', 'against', 'among', 'between', 'y', 'et',
]);

/** Capitalised words before a place name that make it a region, not the country ("Latin American", "South America"). */
const REGION_QUALIFIERS = new Set([
  'latin', 'south', 'north', 'east', 'west', 'central', 'eastern', 'western', 'southern', 'northern', 'new', 'sub-saharan', 'pan',
]);

/** Unwrapped paragraphs are long; hard-wrapped PDF lines never are, so a long line ending a sentence ends its paragraph. */
const UNWRAPPED_LINE = 200;
/** How far into a document a title still counts as its title. */
const TITLE_ZONE = 2000;
/** How much of a document's leading part is read to guess its country. */
const INFERENCE_WINDOW = 20_000;
/** Consecutive heading-like lines beyond which they are read as a list. */
const MAX_HEADING_RUN = 4;
/** Longest phrase (in words) tried as a country name when inferring. */
const MAX_NAME_WORDS = 5;

/**
 * Reads a report's structure from its clean text: year, country narratives (tier, sections,
 * recommendations) and a generic heading outline. Figures are left empty. Linear in the text's length.
 */
export function parseReportStructure(text: string, options: ParseStructureOptions = {}): ReportStructure {
  const pageStarts = options.pageStarts && options.pageStarts.length > 0 ? options.pageStarts : [0];
  const lines = splitLines(text, pageStarts);
  const noise = options.headsRemoved ? new Set<number>() : findNoiseLines(lines, pageStarts.length);
  const roles = classifyLines(lines, noise);
  const generic = findGenericHeadings(lines, roles, noise);
  const countries = buildNarratives(text, lines, roles, noise, generic, pageStarts);
  const outline = buildOutline(lines, countries, roles, generic, pageStarts);
  const { year, yearSource } = detectYear(text, options.fileName, pageStarts, options.runningHeads ?? []);
  return { year, yearSource, countries, outline };
}

function splitLines(text: string, pageStarts: readonly number[]): Line[] {
  const lines: Line[] = [];
  let page = 1;
  let at = 0;
  while (at <= text.length) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    let cs = at;
    let ce = nl;
    while (cs < ce && isBlank(text.charCodeAt(cs))) cs++;
    while (ce > cs && isBlank(text.charCodeAt(ce - 1))) ce--;
    while (page < pageStarts.length && pageStarts[page]! <= cs) page++;
    lines.push({ cs, ce, text: text.slice(cs, ce), page });
    at = nl + 1;
  }
  return lines;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 0xa0 || c === 0x0c || c === 0x2007 || c === 0x202f;
}

/**
 * Running heads, running feet and page numbers: lines at a page's top or bottom that repeat on
 * several pages. They are never headings and are left out of recommendation text.
 */
function findNoiseLines(lines: readonly Line[], pageCount: number): Set<number> {
  const noise = new Set<number>();
  if (pageCount < 2) return noise;
  const edges: number[] = [];
  let i = 0;
  while (i < lines.length) {
    const page = lines[i]!.page;
    const content: number[] = [];
    while (i < lines.length && lines[i]!.page === page) {
      if (lines[i]!.text !== '') content.push(i);
      i++;
    }
    const picked = new Set([...content.slice(0, 2), ...content.slice(-2)]);
    edges.push(...picked);
  }
  const pagesPerKey = new Map<string, Set<number>>();
  for (const idx of edges) {
    const line = lines[idx]!;
    if (PAGE_NUMBER_RE.test(line.text)) {
      noise.add(idx);
      continue;
    }
    // Headings often open a page ("PROSECUTION", "COUNTRY: Tier 2" on many pages of a long
    // report); they are the structure, never a running head.
    if (countryHeading(line.text) || sectionHeading(lines, idx)) continue;
    const key = edgeKey(line.text);
    let pages = pagesPerKey.get(key);
    if (!pages) pagesPerKey.set(key, (pages = new Set()));
    pages.add(line.page);
  }
  const needed = Math.min(3, pageCount);
  for (const idx of edges) {
    if (noise.has(idx)) continue;
    const pages = pagesPerKey.get(edgeKey(lines[idx]!.text));
    if (pages && pages.size >= needed) noise.add(idx);
  }
  return noise;
}

function edgeKey(s: string): string {
  return s.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');
}

function classifyLines(lines: readonly Line[], noise: ReadonlySet<number>): Array<Role | undefined> {
  const roles: Array<Role | undefined> = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.text;
    if (t === '' || noise.has(i) || t.length > 160) continue;
    const country = countryHeading(t);
    if (country) {
      roles[i] = country;
      continue;
    }
    const section = sectionHeading(lines, i);
    if (section) {
      roles[i] = section;
      if (section.span > 1) roles[i + 1] = { role: 'continuation' };
      i += section.span - 1;
    }
  }
  return roles;
}

/** A `NAME: Tier …` line; the name must be printed in capitals or be a known country. */
function countryHeading(t: string): CountryHeading | undefined {
  if (!TIER_TAIL_RE.test(t)) return undefined;
  const m = COUNTRY_HEADING_RE.exec(t);
  if (!m) return undefined;
  const raw = m[1]!.trim().replace(/[\s,]+$/, '');
  const tier = normaliseTier(m[2]!);
  if (!tier || raw === '') return undefined;
  const known = canonicalCountryName(raw);
  if (!known && LOWER_RE.test(raw)) return undefined;
  return { role: 'country', name: known ?? displayName(raw), tier };
}

/** "TIER 2 WATCH LIST", "tier 2 watchlist", "Special Cases" → the {@link Tier} type. */
function normaliseTier(s: string): Tier | undefined {
  const lower = s.toLowerCase();
  if (lower.startsWith('special')) return 'Special Case';
  const digit = /[123]/.exec(lower)?.[0];
  if (/watch/.test(lower)) return digit === '2' ? 'Tier 2 Watch List' : undefined;
  return digit === '1' ? 'Tier 1' : digit === '2' ? 'Tier 2' : digit === '3' ? 'Tier 3' : undefined;
}

/** True when a heading's words are printed as a heading: all capitals, or each main word capitalised. */
function looksLikeHeadingCase(s: string): boolean {
  if (!LOWER_RE.test(s)) return true;
  return s.split(/\s+/).every((w) => w === '' || SMALL_WORDS.has(w.toLowerCase()) || !LOWER_RE.test(w[0]!));
}

function sectionHeading(lines: readonly Line[], i: number): SectionHeading | undefined {
  const t = lines[i]!.text;
  const simple = SIMPLE_SECTION_RE.exec(t);
  if (simple) {
    if (!looksLikeHeadingCase(t)) return undefined;
    const word = simple[1]!.toLowerCase();
    const kind: SectionKind = word.startsWith('trafficking') ? 'trafficking-profile' : (word as SectionKind);
    return { role: 'section', kind, title: SECTION_TITLES[kind as keyof typeof SECTION_TITLES], span: 1 };
  }
  const rec = RECOMMENDATIONS_RE.exec(t);
  if (rec) {
    if (!looksLikeHeadingCase(rec[1]!)) return undefined;
    const inline = rec[3]!;
    const inlineStart = inline === '' ? undefined : lines[i]!.cs + t.length - inline.length;
    return { role: 'section', kind: 'recommendations', title: recommendationsTitle(rec[2]), inlineStart, span: 1 };
  }
  // A long "RECOMMENDATIONS FOR CONGO, DEMOCRATIC REPUBLIC OF THE:" can wrap in a narrow column.
  if (RECOMMENDATIONS_WRAPPED_RE.test(t) && !LOWER_RE.test(t) && i + 1 < lines.length) {
    const next = lines[i + 1]!;
    const tail = WRAPPED_TAIL_RE.exec(next.text);
    if (tail && !LOWER_RE.test(tail[1]!)) {
      const inline = tail[2]!;
      const inlineStart = inline === '' ? undefined : next.cs + next.text.length - inline.length;
      const country = `${t.replace(/^recommendations\s+for\s+/i, '')} ${tail[1]!}`;
      return { role: 'section', kind: 'recommendations', title: recommendationsTitle(country), inlineStart, span: 2 };
    }
  }
  return undefined;
}

function recommendationsTitle(country: string | undefined): string {
  if (country === undefined) return 'Prioritized Recommendations';
  return `Recommendations for ${canonicalCountryName(country) ?? displayName(country)}`;
}

/** A name for display: the canonical country name when known, else the printed name title-cased. */
function displayName(raw: string): string {
  const clean = raw.replace(/\s+/g, ' ').trim();
  const known = canonicalCountryName(clean);
  if (known) return known;
  if (LOWER_RE.test(clean)) return clean;
  return clean
    .toLowerCase()
    .split(' ')
    .map((w, i) => {
      if (i > 0 && SMALL_WORDS.has(w)) return w;
      // "d'ivoire" → "d'Ivoire"; "guinea-bissau" → "Guinea-Bissau"; "(fyrom)" → "(Fyrom)".
      const elided = /^([dl])(['’])(\p{L})(.*)$/u.exec(w);
      if (elided) return `${elided[1]}${elided[2]}${elided[3]!.toUpperCase()}${elided[4]}`;
      return w.replace(/(^|[-(/])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
    })
    .join(' ');
}

/** Field lines ("Recipient: IOM") in a form or record list: labels that repeat or sit in a block. */
function fieldLines(lines: readonly Line[]): Set<number> {
  const labelOf: Array<string | undefined> = new Array(lines.length);
  const counts = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const colon = lines[i]!.text.indexOf(':');
    if (colon < 1 || colon > 42) continue;
    const m = FIELD_LABEL_RE.exec(lines[i]!.text);
    if (!m) continue;
    const label = m[1]!.toLowerCase();
    labelOf[i] = label;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const fields = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const label = labelOf[i];
    if (label === undefined) continue;
    if ((counts.get(label) ?? 0) >= 3 || labelOf[i - 1] !== undefined || labelOf[i + 1] !== undefined) fields.add(i);
  }
  return fields;
}

/**
 * Headings of any document: short capitalised lines, Title-Case lines standing alone, numbered
 * headings. Sentences, record fields, running heads and page numbers are never headings. TIP
 * section headings are included so that those outside any narrative still reach the outline.
 */
function findGenericHeadings(
  lines: readonly Line[],
  roles: ReadonlyArray<Role | undefined>,
  noise: ReadonlySet<number>,
): GenericHeading[] {
  const fields = fieldLines(lines);
  const style: Array<HeadingStyle | undefined> = new Array(lines.length);
  const depth: Array<number | undefined> = new Array(lines.length);
  const eligible = (i: number): boolean => {
    const t = lines[i]!.text;
    return (
      t.length >= 2 &&
      t.length <= 80 &&
      (roles[i] === undefined || roles[i]!.role === 'section') &&
      !noise.has(i) &&
      !fields.has(i) &&
      LETTERS_RE.test(t) &&
      !PAGE_NUMBER_RE.test(t)
    );
  };
  // Capitals and numbering are strong signals; Title Case needs its neighbours to agree, so it goes second.
  for (let i = 0; i < lines.length; i++) {
    if (!eligible(i)) continue;
    const t = lines[i]!.text;
    const numbered = NUMBERED_RE.exec(t);
    if (numbered) {
      const rest = numbered[5]!;
      if (UPPER_START_RE.test(rest) && !/[.,;:]$/.test(rest) && rest.split(/\s+/).length <= 12 && standsAlone(lines, roles, i, style)) {
        style[i] = 'number';
        depth[i] = numbered[1] ? numbered[1].split('.').length : numbered[4] ? 2 : 1;
      }
      continue;
    }
    if (!LOWER_RE.test(t) && (t.match(/\p{Lu}/gu)?.length ?? 0) >= 3 && !/[.,;]$/.test(t)) style[i] = 'upper';
  }
  for (let i = 0; i < lines.length; i++) {
    if (style[i] || !eligible(i)) continue;
    const t = lines[i]!.text;
    if (!UPPER_START_RE.test(t) || /[.,;:!?]$/.test(t)) continue;
    const words = t.split(/\s+/);
    if (words.length > 12) continue;
    const titleCase = words.every((w) => {
      const first = w.replace(/^["“'‘(]+/, '')[0];
      return first === undefined || !LOWER_RE.test(first) || SMALL_WORDS.has(w.toLowerCase());
    });
    if (titleCase && standsAlone(lines, roles, i, style)) style[i] = 'title';
  }
  const out: GenericHeading[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!style[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && style[j]) j++;
    // Four or more candidate lines in a row are a list or a table (tier placements, a contents page), not headings.
    if (j - i < MAX_HEADING_RUN) {
      for (let k = i; k < j; k++) {
        out.push({ line: k, title: lines[k]!.text.replace(/\s+/g, ' ').replace(/\s*:$/, ''), style: style[k]!, depth: depth[k] });
      }
    }
    i = j;
  }
  return out;
}

/** Preceded by a blank line, a heading or a paragraph's end; followed by a blank line, a heading or a paragraph. */
function standsAlone(
  lines: readonly Line[],
  roles: ReadonlyArray<Role | undefined>,
  i: number,
  style: ReadonlyArray<HeadingStyle | undefined>,
): boolean {
  const prev = lines[i - 1];
  const before = !prev || prev.text === '' || roles[i - 1] !== undefined || style[i - 1] !== undefined || ENDS_PARAGRAPH_RE.test(prev.text);
  if (!before) return false;
  const next = lines[i + 1];
  if (!next || next.text === '' || roles[i + 1] !== undefined || style[i + 1] !== undefined) return true;
  const t = lines[i]!.text;
  return UPPER_START_RE.test(next.text) && (next.text.length > t.length + 10 || ENDS_SENTENCE_RE.test(next.text));
}

function buildNarratives(
  text: string,
  lines: readonly Line[],
  roles: ReadonlyArray<Role | undefined>,
  noise: ReadonlySet<number>,
  generic: readonly GenericHeading[],
  pageStarts: readonly number[],
): CountryNarrative[] {
  const headings: number[] = [];
  for (let i = 0; i < lines.length; i++) if (roles[i]?.role === 'country') headings.push(i);
  const firstCountry = headings[0] ?? lines.length;
  const out: CountryNarrative[] = [];
  const leading = leadingNarrative(text, lines, roles, noise, generic, firstCountry, pageStarts);
  if (leading) out.push(leading);
  for (let k = 0; k < headings.length; k++) {
    const h = headings[k]!;
    const heading = roles[h] as CountryHeading;
    const isLast = k + 1 === headings.length;
    let endLine = isLast ? lines.length : headings[k + 1]!;
    if (isLast) endLine = appendixStart(lines, roles, generic, h, endLine);
    const start = lines[h]!.cs;
    const end = endLine < lines.length ? lines[endLine]!.cs : trimmedEnd(text);
    const narrative: CountryNarrative = {
      name: heading.name,
      tier: heading.tier,
      inferred: false,
      start,
      end,
      page: pageOf(pageStarts, start),
      sections: [],
      recommendations: [],
      figures: [],
    };
    fillSections(text, lines, roles, noise, narrative, h + 1, endLine, pageStarts);
    out.push(narrative);
  }
  return out;
}

function trimmedEnd(text: string): number {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/**
 * Where the last narrative stops when the report goes on with other matter (appendices): the
 * first capitalised or numbered heading after its last section heading that is not a country.
 */
function appendixStart(
  lines: readonly Line[],
  roles: ReadonlyArray<Role | undefined>,
  generic: readonly GenericHeading[],
  from: number,
  endLine: number,
): number {
  let lastSection = from;
  for (let i = from; i < endLine; i++) if (roles[i]?.role === 'section') lastSection = i;
  for (const g of generic) {
    if (g.line <= lastSection || g.line >= endLine || roles[g.line] !== undefined) continue;
    if (g.style === 'title' || canonicalCountryName(g.title)) continue;
    return g.line;
  }
  return endLine;
}

/**
 * A document that begins mid-narrative: the run of section headings (in narrative order) just
 * before the first country heading, attributed to the country the text talks about most.
 */
function leadingNarrative(
  text: string,
  lines: readonly Line[],
  roles: ReadonlyArray<Role | undefined>,
  noise: ReadonlySet<number>,
  generic: readonly GenericHeading[],
  firstCountry: number,
  pageStarts: readonly number[],
): CountryNarrative | undefined {
  let last = -1;
  for (let i = firstCountry - 1; i >= 0; i--) {
    if (roles[i]?.role === 'section') {
      last = i;
      break;
    }
  }
  if (last < 0) return undefined;
  let first = last;
  for (let i = last - 1; i >= 0; i--) {
    const r = roles[i];
    if (r?.role !== 'section') continue;
    if (SECTION_ORDER[r.kind] >= SECTION_ORDER[(roles[first] as SectionHeading).kind]) break;
    first = i;
  }
  let endLine = firstCountry;
  if (firstCountry === lines.length) endLine = appendixStart(lines, roles, generic, last, endLine);
  // Other headings between the run and the first country mean the run belongs to front matter.
  if (generic.some((g) => g.line > first && g.line < endLine && roles[g.line] === undefined)) return undefined;
  const start = lines[first]!.cs;
  const end = endLine < lines.length ? lines[endLine]!.cs : trimmedEnd(text);
  const name = inferCountry(text, lines, roles, first, endLine, start, end);
  if (!name) return undefined;
  const narrative: CountryNarrative = {
    name,
    tier: null,
    inferred: true,
    start,
    end,
    page: pageOf(pageStarts, start),
    sections: [],
    recommendations: [],
    figures: [],
  };
  fillSections(text, lines, roles, noise, narrative, first, endLine, pageStarts);
  return narrative;
}

/** The country a passage talks about most: country names and demonyms counted, ties to the first seen. */
function inferCountry(
  text: string,
  lines: readonly Line[],
  roles: ReadonlyArray<Role | undefined>,
  first: number,
  endLine: number,
  start: number,
  end: number,
): string | undefined {
  const counts = new Map<string, { n: number; at: number }>();
  const add = (name: string, weight: number, at: number): void => {
    const c = counts.get(name);
    if (c) c.n += weight;
    else counts.set(name, { n: weight, at });
  };
  // "RECOMMENDATIONS FOR LITHUANIA:" names the country outright.
  for (let i = first; i < endLine; i++) {
    const r = roles[i];
    if (r?.role === 'section' && r.kind === 'recommendations') {
      const m = /^Recommendations for (.+)$/.exec(r.title);
      const name = m ? canonicalCountryName(m[1]!) : undefined;
      if (name) add(name, 100, lines[i]!.cs);
    }
  }
  const passage = text.slice(start, Math.min(end, start + INFERENCE_WINDOW));
  const words: Array<{ w: string; at: number }> = [];
  for (const m of passage.matchAll(/[\p{L}\p{M}][\p{L}\p{M}'’-]*/gu)) words.push({ w: m[0], at: m.index });
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.w;
    if (LOWER_RE.test(w[0]!)) continue;
    const prev = words[i - 1]?.w;
    for (let n = Math.min(MAX_NAME_WORDS, words.length - i); n >= 1; n--) {
      const phrase = words
        .slice(i, i + n)
        .map((x) => x.w)
        .join(' ')
        .replace(/['’]s$/, '');
      const name = canonicalCountryName(phrase) ?? (n <= 3 ? countryForDemonym(phrase) : undefined);
      if (!name) continue;
      const qualified = prev !== undefined && !LOWER_RE.test(prev[0]!) && REGION_QUALIFIERS.has(prev.toLowerCase());
      if (!qualified) add(name, 1, words[i]!.at);
      i += n - 1;
      break;
    }
  }
  let best: string | undefined;
  let bestN = 0;
  let bestAt = Infinity;
  for (const [name, { n, at }] of counts) {
    if (n > bestN || (n === bestN && at < bestAt)) {
      best = name;
      bestN = n;
      bestAt = at;
    }
  }
  return best;
}

/** Sections of one narrative whose body runs over lines [from, endLine). */
function fillSections(
  text: string,
  lines: readonly Line[],
  roles: ReadonlyArray<Role | undefined>,
  noise: ReadonlySet<number>,
  narrative: CountryNarrative,
  from: number,
  endLine: number,
  pageStarts: readonly number[],
): void {
  const headingLines: number[] = [];
  const seen = new Set<SectionKind>();
  for (let i = from; i < endLine; i++) {
    const r = roles[i];
    // A repeated heading (a column artefact) would make two sections of one kind: the first one wins.
    if (r?.role === 'section' && !seen.has(r.kind)) {
      seen.add(r.kind);
      headingLines.push(i);
    }
  }
  const starts: Array<{ kind: SectionKind; start: number; line: number }> = [];
  const firstHeading = headingLines[0] ?? endLine;
  let body = from;
  while (body < firstHeading && (lines[body]!.text === '' || noise.has(body))) body++;
  if (body < firstHeading) {
    let compliance = -1;
    for (let i = body; i < firstHeading; i++) {
      if (lines[i]!.text === '' || !COMPLIANCE_START_RE.test(lines[i]!.text)) continue;
      if (i > body && !endsParagraphBefore(lines, noise, i)) continue;
      COMPLIANCE_RE.lastIndex = lines[i]!.cs;
      if (COMPLIANCE_RE.test(text)) {
        compliance = i;
        break;
      }
    }
    if (compliance !== body) starts.push({ kind: 'profile', start: lines[body]!.cs, line: body });
    if (compliance >= 0) starts.push({ kind: 'compliance', start: lines[compliance]!.cs, line: compliance });
  }
  for (const h of headingLines) starts.push({ kind: (roles[h] as SectionHeading).kind, start: lines[h]!.cs, line: h });
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k]!;
    const end = k + 1 < starts.length ? starts[k + 1]!.start : narrative.end;
    narrative.sections.push({ kind: s.kind, start: s.start, end, page: pageOf(pageStarts, s.start) });
    if (s.kind === 'recommendations') {
      const endSectionLine = k + 1 < starts.length ? starts[k + 1]!.line : endLine;
      narrative.recommendations = parseRecommendations(text, lines, roles, noise, s.line, endSectionLine, pageStarts);
    }
  }
}

/** True when the line before `i` (skipping running heads) closes a paragraph, so `i` starts one. */
function endsParagraphBefore(lines: readonly Line[], noise: ReadonlySet<number>, i: number): boolean {
  let p = i - 1;
  while (p >= 0 && noise.has(p)) p--;
  if (p < 0) return true;
  const t = lines[p]!.text;
  return t === '' || ENDS_PARAGRAPH_RE.test(t);
}

/**
 * Splits the recommendations paragraph at top-level semicolons (a bulleted list: one per bullet).
 * Item text has line wraps and running heads removed; start/end span the item in the text.
 */
function parseRecommendations(
  text: string,
  lines: readonly Line[],
  roles: ReadonlyArray<Role | undefined>,
  noise: ReadonlySet<number>,
  headingLine: number,
  endLine: number,
  pageStarts: readonly number[],
): Recommendation[] {
  const heading = roles[headingLine] as SectionHeading;
  let i = headingLine + heading.span;
  let paraStart: number;
  if (heading.inlineStart !== undefined) {
    paraStart = heading.inlineStart;
  } else {
    while (i < endLine && (lines[i]!.text === '' || noise.has(i))) i++;
    if (i >= endLine) return [];
    paraStart = lines[i]!.cs;
    if (BULLET_RE.test(lines[i]!.text)) return bulletItems(text, lines, noise, i, endLine, pageStarts);
  }
  let paraEnd = heading.inlineStart !== undefined ? lines[headingLine + heading.span - 1]!.ce : lines[i]!.ce;
  let lastText = heading.inlineStart !== undefined ? lines[headingLine + heading.span - 1]!.text : lines[i]!.text;
  const paraBreaks: Array<[number, number]> = [];
  for (let k = heading.inlineStart !== undefined ? i : i + 1; k < endLine; k++) {
    if (lastText.length > UNWRAPPED_LINE && ENDS_SENTENCE_RE.test(lastText)) break;
    const line = lines[k]!;
    if (noise.has(k)) {
      paraBreaks.push([line.cs, line.ce]);
      continue;
    }
    if (line.text === '') {
      // A page break inside the paragraph leaves a blank line; a finished sentence before it ends the paragraph.
      let n = k + 1;
      while (n < endLine && (lines[n]!.text === '' || noise.has(n))) n++;
      if (n >= endLine || lines[n]!.page === line.page || ENDS_SENTENCE_RE.test(lastText)) break;
      continue;
    }
    if (roles[k] !== undefined) break;
    paraEnd = line.ce;
    lastText = line.text;
  }
  return splitRecommendations(text, paraStart, paraEnd, paraBreaks, pageStarts);
}

function splitRecommendations(
  text: string,
  start: number,
  end: number,
  skip: ReadonlyArray<[number, number]>,
  pageStarts: readonly number[],
): Recommendation[] {
  const pieces: Array<[number, number]> = [];
  let depth = 0;
  let from = start;
  for (let p = start; p < end; p++) {
    const c = text[p];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === ';' && depth === 0) {
      pieces.push([from, p]);
      from = p + 1;
    }
  }
  pieces.push([from, end]);
  const out: Recommendation[] = [];
  for (let k = 0; k < pieces.length; k++) {
    let [a, b] = trimSpan(text, pieces[k]![0], pieces[k]![1], skip);
    if (k === pieces.length - 1) {
      const and = /^and\s+/i.exec(text.slice(a, Math.min(b, a + 10)));
      if (and) [a, b] = trimSpan(text, a + and[0].length, b, skip);
      while (b > a && text[b - 1] === '.') b--;
    }
    if (b <= a) continue;
    out.push({ text: cleanItem(text, a, b, skip), start: a, end: b, page: pageOf(pageStarts, a) });
  }
  return out;
}

/** Narrows [a, b) past blanks and running heads at either end, so an item's offsets start on its words. */
function trimSpan(text: string, a: number, b: number, skip: ReadonlyArray<[number, number]>): [number, number] {
  for (let moved = true; moved; ) {
    moved = false;
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    for (const [x, y] of skip) {
      if (x === a && y <= b) {
        a = y;
        moved = true;
      }
      if (y === b && x >= a) {
        b = x;
        moved = true;
      }
    }
  }
  return [a, b];
}

/** One item per bullet; continuation lines join their bullet. */
function bulletItems(
  text: string,
  lines: readonly Line[],
  noise: ReadonlySet<number>,
  first: number,
  endLine: number,
  pageStarts: readonly number[],
): Recommendation[] {
  const out: Recommendation[] = [];
  const skip: Array<[number, number]> = [];
  let cur: [number, number] | undefined;
  const flush = (): void => {
    if (!cur) return;
    let [a, b] = trimSpan(text, cur[0], cur[1], skip);
    while (b > a && /[.;]/.test(text[b - 1]!)) b--;
    const and = /^and\s+/i.exec(text.slice(a, Math.min(b, a + 10)));
    if (and) a += and[0].length;
    if (b > a) out.push({ text: cleanItem(text, a, b, skip), start: a, end: b, page: pageOf(pageStarts, a) });
    cur = undefined;
  };
  for (let k = first; k < endLine; k++) {
    const line = lines[k]!;
    if (noise.has(k)) {
      skip.push([line.cs, line.ce]);
      continue;
    }
    if (line.text === '') continue;
    const bullet = BULLET_RE.exec(line.text);
    if (bullet) {
      flush();
      cur = [line.cs + bullet[0].length, line.ce];
    } else if (cur) {
      cur[1] = line.ce;
    } else {
      break;
    }
  }
  flush();
  return out;
}

/** An item's text for display: running heads dropped, hard line wraps joined. */
function cleanItem(text: string, a: number, b: number, skip: ReadonlyArray<[number, number]>): string {
  let s = '';
  let at = a;
  for (const [x, y] of skip) {
    if (y <= a || x >= b) continue;
    s += text.slice(at, Math.max(at, x));
    at = Math.max(at, y);
  }
  s += text.slice(at, b);
  // A word broken at a line-end hyphen keeps its hyphen ("front-\nline" → "front-line").
  if (HYPHEN_WRAP_RE.test(s)) s = s.replace(HYPHEN_WRAP_JOIN_RE, '$1-');
  return s.replace(/\s+/g, ' ').trim();
}

function buildOutline(
  lines: readonly Line[],
  countries: readonly CountryNarrative[],
  roles: ReadonlyArray<Role | undefined>,
  generic: readonly GenericHeading[],
  pageStarts: readonly number[],
): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  const headingAt = new Map<number, SectionHeading>();
  for (let i = 0; i < lines.length; i++) {
    const r = roles[i];
    if (r?.role === 'section') headingAt.set(lines[i]!.cs, r);
  }
  for (const c of countries) {
    if (!c.inferred) out.push({ title: `${c.name}: ${c.tier}`, level: 1, start: c.start, page: c.page });
    for (const s of c.sections) {
      const heading = headingAt.get(s.start);
      if (heading) out.push({ title: heading.title, level: 2, start: s.start, page: s.page });
    }
  }
  // Outside the narratives (front matter, appendices, any other document) the generic headings apply.
  const spans = countries.map((c) => [c.start, c.end] as const).sort((a, b) => a[0] - b[0]);
  let k = 0;
  const outside = generic.filter((g) => {
    const at = lines[g.line]!.cs;
    while (k < spans.length && spans[k]![1] <= at) k++;
    return !(k < spans.length && spans[k]![0] <= at);
  });
  const styleLevel = new Map<HeadingStyle, number>();
  for (const g of outside) {
    if (g.style !== 'number' && !styleLevel.has(g.style)) styleLevel.set(g.style, styleLevel.size + 1);
  }
  for (const g of outside) {
    const start = lines[g.line]!.cs;
    const level = g.depth ?? styleLevel.get(g.style) ?? 1;
    out.push({ title: g.title, level, start, page: pageOf(pageStarts, start) });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The report year: printed title, running head, file name, or the years the text talks about. */
function detectYear(
  text: string,
  fileName: string | undefined,
  pageStarts: readonly number[],
  runningHeads: readonly string[],
): { year: number | null; yearSource: YearSource | null } {
  for (const head of runningHeads) {
    const fromHead = titleYears(head, [0])[0];
    if (fromHead) return { year: fromHead.year, yearSource: 'running-head' };
  }
  const titled = titleYears(text, pageStarts);
  const repeated = titled.find((t) => t.count >= 3 || (t.count >= 2 && t.pages > 1));
  if (repeated) return { year: repeated.year, yearSource: 'running-head' };
  const early = titled.find((t) => t.first < TITLE_ZONE);
  if (early) return { year: early.year, yearSource: 'title' };
  const fromName = fileNameYear(fileName);
  if (fromName !== undefined) return { year: fromName, yearSource: 'file-name' };
  const fromText = textYear(text);
  if (fromText !== undefined) return { year: fromText, yearSource: 'text-years' };
  return { year: null, yearSource: null };
}

interface TitleYear {
  year: number;
  count: number;
  pages: number;
  first: number;
}

/** Lines that are essentially "Trafficking in Persons Report [June] 2015", grouped by wording. */
function titleYears(text: string, pageStarts: readonly number[]): TitleYear[] {
  const byKey = new Map<string, TitleYear & { pageSet: Set<number>; lastLine: number }>();
  for (const m of text.matchAll(TITLE_PHRASE_RE)) {
    const ls = text.lastIndexOf('\n', m.index) + 1;
    let le = text.indexOf('\n', m.index);
    if (le < 0) le = text.length;
    let line = text.slice(ls, le).trim();
    if (line.length > 120) continue;
    let years = [...line.matchAll(YEAR_IN_LINE_RE)].map((y) => Number(y[1]));
    if (years.length === 0) {
      // A title page may set the date on the next line ("TRAFFICKING IN PERSONS REPORT" / "JUNE 2015").
      let ne = text.indexOf('\n', le + 1);
      if (ne < 0) ne = text.length;
      const next = text.slice(le + 1, ne).trim();
      if (next.length <= 20 && /^(?:[a-z]+\s+)?(19\d\d|20\d\d|2100)$/i.test(next)) {
        line = `${line} ${next}`;
        years = [Number(/(19\d\d|20\d\d|2100)/.exec(next)![1])];
      }
    }
    const year = years.find((y) => y >= 1990 && y <= 2100);
    if (year === undefined) continue;
    const residue = line
      .replace(TITLE_PHRASE_RE, ' ')
      .replace(YEAR_IN_LINE_RE, ' ')
      .replace(TITLE_WORDS_RE, ' ')
      .replace(/[^\p{L}]+/gu, '');
    // A running head may carry a country or chapter name; a sentence mentioning the report carries more.
    if (residue.length > 24) continue;
    const key = `${year}|${line.toLowerCase().replace(/[^a-z]+/g, ' ').trim()}`;
    const entry = byKey.get(key);
    const page = pageOf(pageStarts, ls);
    if (!entry) byKey.set(key, { year, count: 1, pages: 1, first: ls, pageSet: new Set([page]), lastLine: ls });
    else if (entry.lastLine !== ls) {
      entry.count++;
      entry.pageSet.add(page);
      entry.pages = entry.pageSet.size;
      entry.lastLine = ls;
    }
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || a.first - b.first);
}

/** A plausible report year in a file name ("tip-2015-excerpt.txt", "gtip-projects-fy2002.txt"). */
function fileNameYear(fileName: string | undefined): number | undefined {
  if (!fileName) return undefined;
  const base = fileName.split(/[\\/]/).pop() ?? '';
  for (const m of base.matchAll(YEAR_IN_LINE_RE)) {
    const y = Number(m[1]);
    if (y >= 1990 && y <= 2100) return y;
  }
  return undefined;
}

/**
 * A report covers the year before its publication: the latest year the text mentions often
 * (at least a quarter as often as the most mentioned one), plus one.
 */
function textYear(text: string): number | undefined {
  const counts = new Map<number, number>();
  for (const m of text.matchAll(TEXT_YEAR_RE)) {
    const y = Number(m[1]);
    counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  if (counts.size === 0) return undefined;
  const max = Math.max(...counts.values());
  let latest = -1;
  for (const [y, n] of counts) if (n * 4 >= max && y > latest) latest = y;
  const year = latest + 1;
  return year >= 1990 && year <= 2100 ? year : undefined;
}
