/**
 * What ingestion understands about a report: its year, every country narrative with tier,
 * sections, recommendations and figures, and a generic heading outline. All offsets are into
 * the document's clean text (`IngestedDocument.text`); `page` is 1-based.
 */

/** TIP tier placements, normalised ("TIER 2 WATCH LIST" → "Tier 2 Watch List"). */
export type Tier = 'Tier 1' | 'Tier 2' | 'Tier 2 Watch List' | 'Tier 3' | 'Special Case';

/** Kinds of section inside a country narrative (kebab-case, as the CLI prints them). */
export type SectionKind =
  | 'profile'
  | 'compliance'
  | 'recommendations'
  | 'prosecution'
  | 'protection'
  | 'prevention'
  | 'trafficking-profile';

/** A section of a country narrative. */
export interface ReportSection {
  kind: SectionKind;
  start: number;
  end: number;
  page: number;
}

/** One recommendation, split out of the recommendations paragraph. */
export interface Recommendation {
  text: string;
  start: number;
  end: number;
  page: number;
}

/** Kinds of quantitative statement extracted from the narratives. */
export type FigureKind =
  | 'victims-identified'
  | 'potential-victims'
  | 'investigations'
  | 'prosecutions'
  | 'convictions'
  | 'people-assisted'
  | 'funding'
  | 'penalty-years';

/** A quantitative statement with where it came from. */
export interface Figure {
  kind: FigureKind;
  value: number;
  /** What is counted or measured ("victims", "individuals", "years"). */
  unit?: string;
  /** ISO-like code or the report's word for it ("EUR", "litas"). */
  currency?: string;
  /** The US dollar equivalent the report gives in brackets. */
  usd?: number;
  /** The earlier figure the sentence compares with ("compared with 15 in 2013", "the same as in 2013"). */
  comparedValue?: number;
  comparedYear?: number;
  /** The sentence (or clause) that states the figure. */
  quote: string;
  start: number;
  end: number;
  page: number;
}

/** One country's narrative. */
export interface CountryNarrative {
  name: string;
  tier: Tier | null;
  /** True when the country was inferred from the text (a document that begins mid-narrative). */
  inferred: boolean;
  start: number;
  end: number;
  page: number;
  sections: ReportSection[];
  recommendations: Recommendation[];
  figures: Figure[];
}

/** A heading of a document's generic outline (any document, TIP report or not). */
export interface OutlineEntry {
  title: string;
  level: number;
  start: number;
  page: number;
}

/** Where the report year was read from. */
export type YearSource = 'title' | 'running-head' | 'file-name' | 'text-years';

/** Everything ingestion understands about one document's structure. */
export interface ReportStructure {
  year: number | null;
  yearSource: YearSource | null;
  countries: CountryNarrative[];
  outline: OutlineEntry[];
}

/** Where a run of clean text sits on its PDF page (PDF user space, origin bottom-left). */
export interface TextSpan {
  start: number;
  end: number;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The 1-based page holding an offset, given each page's start offset. */
export function pageOf(pageStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = pageStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pageStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
