import { FINDING_COLUMNS, type FindingRow } from './finding-rows';

// Excel reads a BOM-less CSV in the machine's ANSI code page and garbles every non-ASCII letter.
const BOM = '\uFEFF';
const CRLF = '\r\n';

// OWASP "CSV Injection": a spreadsheet evaluates a cell starting with one of these as a formula
// (DDE, HYPERLINK exfiltration). A leading apostrophe makes it text, and Excel hides the apostrophe.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: neutralised if it could run as a formula, quoted per RFC 4180 when it must be. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The findings as CSV (RFC 4180: CRLF after every record, fields quoted when they hold a comma,
 * quote or line break), UTF-8 BOM first, one header row. Text is data only: cells that a
 * spreadsheet would run as a formula start with an apostrophe.
 */
export function findingsToCsv(rows: readonly FindingRow[]): string {
  const lines = [FINDING_COLUMNS.map((c) => csvField(c.header))];
  for (const row of rows) lines.push(FINDING_COLUMNS.map((c) => csvField(c.value(row))));
  return BOM + lines.map((cells) => cells.join(',') + CRLF).join('');
}
