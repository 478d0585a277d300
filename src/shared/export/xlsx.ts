import writeXlsxFile, { type Cell, type Row, type Sheet } from 'write-excel-file/universal';
import type { Tag } from '../model/types';
import { FINDING_COLUMNS, type FindingRow } from './finding-rows';
import { tagMatrix } from '../findings/tag-matrix';

/** Name of the sheet listing every finding. */
export const FINDINGS_SHEET = 'Findings';

/** Name of the sheet counting findings per tag and country. */
export const TAG_COUNTRY_SHEET = 'Tag × country';

/** Column header of findings outside any country narrative (or orphaned). */
export const NO_COUNTRY = '(no country)';

// Excel refuses a cell longer than this and offers to "repair" the whole file.
const MAX_CELL_CHARACTERS = 32_767;

function fitCell(s: string): string {
  if (s.length <= MAX_CELL_CHARACTERS) return s;
  let cut = MAX_CELL_CHARACTERS - 1;
  // Never leave half of a surrogate pair before the ellipsis.
  if (/[\uD800-\uDBFF]/.test(s[cut - 1]!)) cut--;
  return `${s.slice(0, cut)}…`;
}

// Long texts wrap in their column, and every row reads from the top when rows grow tall.
const WRAPPED = new Set(['Quote', 'Note', 'Citation']);

function findingsSheet(rows: readonly FindingRow[]): Sheet<Blob> {
  const header: Row = FINDING_COLUMNS.map((c) => ({ value: c.header, type: String, fontWeight: 'bold' }));
  const body: Row[] = rows.map((row) =>
    FINDING_COLUMNS.map((c): Cell => {
      const v = c.value(row);
      if (v === null || v === '') return null;
      // Strings are written as text cells, never formulas: no apostrophe guard is needed here.
      if (typeof v === 'number') return { value: v, type: Number, alignVertical: 'top' };
      return { value: fitCell(v), type: String, alignVertical: 'top', wrap: WRAPPED.has(c.header) };
    }),
  );
  return {
    sheet: FINDINGS_SHEET,
    data: [header, ...body],
    columns: FINDING_COLUMNS.map((c) => ({ width: c.width })),
    stickyRowsCount: 1,
  };
}

/** The counts of the "Tag × country" sheet: distinct findings per tag (with its descendants) and country. */
export interface TagCountryTable {
  /** Countries in alphabetical order, then {@link NO_COUNTRY} if any finding has none. */
  countries: string[];
  rows: { tagId: string; path: string; depth: number; counts: number[]; total: number }[];
  /** Distinct findings per country, each counted once however many tags it has. */
  all: { counts: number[]; total: number };
}

/**
 * Counts findings per tag and country. A parent's row counts the findings tagged with it or any
 * code below it, each finding once, so a parent reads as "anything about Protection".
 */
export function tagCountryTable(rows: readonly FindingRow[], tags: readonly Tag[]): TagCountryTable {
  const named = [...new Set(rows.map((r) => r.country).filter((c) => c !== ''))].sort((a, b) => a.localeCompare(b, 'en'));
  const countries = rows.some((r) => r.country === '') ? [...named, NO_COUNTRY] : named;
  const { rows: counted, all } = tagMatrix(rows, tags, countries, (r) => (r.country === '' ? NO_COUNTRY : r.country));
  return { countries, rows: counted, all };
}

function tagCountrySheet(rows: readonly FindingRow[], tags: readonly Tag[]): Sheet<Blob> {
  const table = tagCountryTable(rows, tags);
  const bold = (value: string): Cell => ({ value: fitCell(value), type: String, fontWeight: 'bold' });
  const numbers = (counts: number[], total: number, fontWeight?: 'bold'): Cell[] =>
    [...counts, total].map((n) => ({ value: n, type: Number, fontWeight }));
  return {
    sheet: TAG_COUNTRY_SHEET,
    data: [
      [bold('Tag'), ...table.countries.map(bold), bold('Total')],
      ...table.rows.map((r): Row => [{ value: fitCell(r.path), type: String }, ...numbers(r.counts, r.total)]),
      [bold('All findings'), ...numbers(table.all.counts, table.all.total, 'bold')],
    ],
    columns: [{ width: 40 }, ...table.countries.map((c) => ({ width: Math.min(30, Math.max(10, c.length + 2)) })), { width: 8 }],
    stickyRowsCount: 1,
    stickyColumnsCount: 1,
  };
}

/**
 * The findings as an Excel workbook: a "Findings" sheet (bold header row, fixed widths, the
 * header kept in view) and a "Tag × country" sheet of counts. Runs in Node and browsers.
 */
export async function findingsToXlsx(rows: readonly FindingRow[], tags: readonly Tag[]): Promise<Uint8Array> {
  const blob = await writeXlsxFile([findingsSheet(rows), tagCountrySheet(rows, tags)]).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
