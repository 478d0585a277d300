import { tagTree } from '../export/tag-tree';
import type { FindingRow } from '../export/finding-rows';
import type { Tag } from '../model/types';

/** Findings counted per code (each code with its sub-codes) and per column (a country, a year…). */
export interface TagMatrix<C> {
  /** The column values, in the order the counts follow. */
  columns: C[];
  rows: { tagId: string; path: string; depth: number; counts: number[]; total: number }[];
  /** Distinct findings per column, each counted once however many codes it has. */
  all: { counts: number[]; total: number };
}

/**
 * Counts findings per code and column. A parent's row counts the findings tagged with it or any
 * code below it, each finding once, so a parent reads as "anything about Protection"; a finding
 * whose column is undefined is left out of the counts.
 */
export function tagMatrix<C>(rows: readonly FindingRow[], tags: readonly Tag[], columns: readonly C[], columnOf: (r: FindingRow) => C | undefined): TagMatrix<C> {
  const index = new Map(columns.map((c, i) => [c, i]));
  const count = (match: (r: FindingRow) => boolean) => {
    const counts = columns.map(() => 0);
    let total = 0;
    for (const r of rows) {
      const column = columnOf(r);
      const i = column === undefined ? undefined : index.get(column);
      if (i === undefined || !match(r)) continue;
      counts[i]!++;
      total++;
    }
    return { counts, total };
  };
  return {
    columns: [...columns],
    rows: tagTree(tags).map((n) => ({
      tagId: n.tag.id,
      path: n.path,
      depth: n.depth,
      ...count((r) => r.tagIds.some((id) => n.subtree.has(id))),
    })),
    all: count(() => true),
  };
}

/** Column of the findings whose document has no report year. */
export const NO_YEAR = 'no year';

/**
 * Findings per code and report year (the document's year): the years that have findings, in
 * ascending order, then {@link NO_YEAR} if any finding's document has none.
 */
export function tagYearTable(rows: readonly FindingRow[], tags: readonly Tag[]): TagMatrix<number | typeof NO_YEAR> {
  const years: (number | typeof NO_YEAR)[] = [...new Set(rows.map((r) => r.year).filter((y): y is number => y !== null))].sort((a, b) => a - b);
  if (rows.some((r) => r.year === null)) years.push(NO_YEAR);
  return tagMatrix(rows, tags, years, (r) => r.year ?? NO_YEAR);
}

/** One code's findings (with its sub-codes) per report year, for a chart; findings without a year are left out. */
export function tagYearSeries(rows: readonly FindingRow[], tags: readonly Tag[], tagId: string): { year: number; count: number }[] {
  const table = tagYearTable(rows, tags);
  const row = table.rows.find((r) => r.tagId === tagId);
  if (!row) return [];
  return table.columns.flatMap((c, i) => (c === NO_YEAR ? [] : [{ year: c, count: row.counts[i]! }]));
}
