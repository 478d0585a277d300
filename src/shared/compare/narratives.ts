/**
 * One edition's country narratives in the form the comparison needs: each with its tier,
 * sections (split into units), recommendations and figures. A TIP report gives them directly;
 * any other document (a World Factbook summary, a list of projects by country) is read through
 * its heading outline or labelled fields.
 */
import { canonicalCountryName, countryKey } from '../ingest/countries';
import { extractFigures } from '../ingest/figures';
import { pageOf, type CountryNarrative, type Figure, type OutlineEntry, type Recommendation, type ReportStructure, type Tier } from '../ingest/report-types';
import { tierFromText } from './tier';
import { splitUnits, type TextUnit } from './units';
import { normalizePassage, passageWords } from './similarity';

/** One edition of a report to compare: its clean text and what ingestion understood of it. */
export interface CompareSide {
  text: string;
  structure: ReportStructure;
  /** The edition's year when the caller knows it better than `structure.year`. */
  year?: number | null;
  /** Page starts of `text`, so every passage carries its page. */
  pageStarts?: number[];
}

/** A section of a narrative, ready to align. */
export interface SectionUnits {
  /** A TIP {@link SectionKind} ("prosecution"), or a heading or field label in kebab-case ("tier-rating"). */
  kind: string;
  units: TextUnit[];
}

/** A country narrative of one edition, ready to compare. */
export interface ComparableNarrative {
  /** Canonical name; null for a document whose country could not be told (it matches nothing). */
  name: string | null;
  tier: Tier | null;
  inferred: boolean;
  start: number;
  end: number;
  /** Split into units on first call only: comparing one country of a 400-page report splits just that one. */
  sections: () => SectionUnits[];
  recommendations: Recommendation[];
  figures: Figure[];
}

/** The matching key of a country name: its canonical name when known ("Myanmar" → "Burma"), else its spelling's key. */
export function countryMatchKey(name: string): string {
  return canonicalCountryName(name) ?? `~${countryKey(name)}`;
}

/** Every country narrative of an edition; a document without TIP structure gives one per country heading, or one for the whole text. */
export function editionNarratives(side: CompareSide): ComparableNarrative[] {
  const pageStarts = side.pageStarts && side.pageStarts.length > 0 ? side.pageStarts : [0];
  if (side.structure.countries.length > 0) return side.structure.countries.map((c) => tipNarrative(side.text, c));
  return outlineNarratives(side.text, side.structure.outline, pageStarts);
}

// ------------------------------------------------------------------------------------ TIP reports

function tipNarrative(text: string, c: CountryNarrative): ComparableNarrative {
  const sections = once(() => c.sections.map((s): SectionUnits => {
    if (s.kind === 'recommendations' && c.recommendations.length > 0) {
      return { kind: s.kind, units: c.recommendations.map((r) => recommendationUnit(r)) };
    }
    // Profile and compliance statement have no heading line of their own.
    const body = s.kind === 'profile' || s.kind === 'compliance' ? s.start : afterHeadingLine(text, s.start, s.end);
    return { kind: s.kind, units: splitUnits(text, body, s.end, s.kind === 'recommendations') };
  }));
  return {
    name: c.name,
    tier: c.tier,
    inferred: c.inferred,
    start: c.start,
    end: c.end,
    sections,
    recommendations: c.recommendations,
    figures: c.figures,
  };
}

function recommendationUnit(r: Recommendation): TextUnit {
  return { text: r.text, start: r.start, end: r.end, norm: normalizePassage(r.text), words: passageWords(r.text) };
}

/** Where a section's body starts: after its first line when that line is a heading ("PROSECUTION"), not prose. */
function afterHeadingLine(text: string, start: number, end: number): number {
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd < 0 || lineEnd > end) lineEnd = end;
  const line = text.slice(start, lineEnd).trim();
  return line.length <= 100 && !/[.!?;,]$/.test(line) ? Math.min(end, lineEnd + 1) : start;
}

// ------------------------------------------------------------------------ other documents

/**
 * Labelled fields of a World Factbook "Trafficking in persons" entry. Older editions run them
 * into one paragraph ("…facilitating trafficking tier rating: Tier 2 Watch List - …"), so they
 * are found anywhere in the text, not only at line starts.
 */
const FIELD_LABEL_RE = /\b(current situation|tier rating)\s*:\s*/gi;

function outlineNarratives(text: string, outline: readonly OutlineEntry[], pageStarts: readonly number[]): ComparableNarrative[] {
  const byCountry: ComparableNarrative[] = [];
  outline.forEach((entry, i) => {
    const name = canonicalCountryName(entry.title);
    if (!name) return;
    let next = i + 1;
    while (next < outline.length && outline[next]!.level > entry.level) next++;
    const end = next < outline.length ? outline[next]!.start : text.length;
    const inner = outline.slice(i + 1, next);
    byCountry.push(genericNarrative(text, name, entry.start, end, headingSections(text, afterHeadingLine(text, entry.start, end), end, inner), pageStarts));
  });
  if (byCountry.length > 0) return byCountry;

  const name = dominantCountry(text);
  const labels = [...text.matchAll(FIELD_LABEL_RE)];
  let sections: SectionUnits[];
  if (outline.length > 0) {
    sections = headingSections(text, 0, text.length, outline);
  } else if (labels.length > 0) {
    // What precedes the first field is provenance (edition, record id), which changes every year and says nothing.
    sections = labels.map((m, k) => ({
      kind: slug(m[1]!),
      units: splitUnits(text, m.index + m[0].length, labels[k + 1]?.index ?? text.length, true),
    }));
  } else {
    sections = [{ kind: 'text', units: splitUnits(text, 0, text.length, true) }];
  }
  return [genericNarrative(text, name, 0, text.length, sections, pageStarts)];
}

function genericNarrative(
  text: string,
  name: string | null,
  start: number,
  end: number,
  sections: SectionUnits[],
  pageStarts: readonly number[],
): ComparableNarrative {
  const unique = uniqueKinds(sections);
  return {
    name,
    tier: tierFromText(text.slice(start, end)),
    inferred: false,
    start,
    end,
    sections: () => unique,
    recommendations: [],
    // Unit by unit: a summary strings its statements together with semicolons, and a figure's
    // quote should be its statement, not the whole paragraph.
    figures: sections.flatMap((s) => s.units.flatMap((u) => extractFigures(text, { start: u.start, end: u.end, pageStarts }))),
  };
}

/** Sections of text[start, end) cut at the given headings; text before the first is the section "text". */
function headingSections(text: string, start: number, end: number, headings: readonly OutlineEntry[]): SectionUnits[] {
  const sections: SectionUnits[] = [];
  const inside = headings.filter((h) => h.start >= start && h.start < end);
  const firstAt = inside[0]?.start ?? end;
  if (firstAt > start) sections.push({ kind: 'text', units: splitUnits(text, start, firstAt, true) });
  inside.forEach((h, k) => {
    const to = inside[k + 1]?.start ?? end;
    sections.push({ kind: slug(h.title), units: splitUnits(text, afterHeadingLine(text, h.start, to), to, true) });
  });
  return sections.filter((s) => s.units.length > 0);
}

/** A repeated heading gets "-2", "-3"… so each section is aligned with its namesake of the same rank. */
function uniqueKinds(sections: SectionUnits[]): SectionUnits[] {
  const seen = new Map<string, number>();
  return sections.map((s) => {
    const n = (seen.get(s.kind) ?? 0) + 1;
    seen.set(s.kind, n);
    return n === 1 ? s : { ...s, kind: `${s.kind}-${n}` };
  });
}

function slug(title: string): string {
  return (
    title
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'section'
  );
}

/** How much of a long document is read to tell which country it is about. */
const COUNTRY_WINDOW = 20_000;
/** The title line: a summary's first line often says whose it is ("… 'Trafficking in persons' for Belarus (FIPS bo)"). */
const TITLE_WINDOW = 300;
const MAX_NAME_WORDS = 4;
/** How far the most named country must lead the next for a document to count as about it. */
const LEAD_RATIO = 1.5;

function countryMentions(text: string): Map<string, number> {
  const words = [...text.matchAll(/[\p{L}\p{M}][\p{L}\p{M}'’.-]*/gu)].map((m) => m[0].replace(/[.'’]+$/, ''));
  const counts = new Map<string, number>();
  for (let i = 0; i < words.length; i++) {
    if (!/^\p{Lu}/u.test(words[i]!)) continue;
    for (let n = Math.min(MAX_NAME_WORDS, words.length - i); n >= 1; n--) {
      const name = canonicalCountryName(words.slice(i, i + n).join(' '));
      if (!name) continue;
      counts.set(name, (counts.get(name) ?? 0) + 1);
      i += n - 1;
      break;
    }
  }
  return counts;
}

/**
 * The country a document is about: the only one its first line names, else the one it names
 * clearly most often ("Belarus" six times against "Russia" once). Null for a document about
 * several countries (a list of projects by region), which a comparison then cannot match.
 */
export function dominantCountry(text: string): string | null {
  const firstLine = text.slice(0, TITLE_WINDOW).split('\n')[0] ?? '';
  const titled = [...countryMentions(firstLine).keys()];
  if (titled.length === 1) return titled[0]!;
  const ranked = [...countryMentions(text.slice(0, COUNTRY_WINDOW))].sort((x, y) => y[1] - x[1]);
  const [top, next] = ranked;
  if (!top) return null;
  return !next || top[1] >= LEAD_RATIO * next[1] ? top[0] : null;
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** The 1-based page of an offset. */
export function pageAt(pageStarts: readonly number[] | undefined, offset: number): number {
  return pageStarts && pageStarts.length > 0 ? pageOf(pageStarts, offset) : 1;
}
