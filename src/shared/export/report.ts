import type { Tag } from '../model/types';
import type { FindingRow } from './finding-rows';
import { normalizeNewlines } from './code-points';
import { tagTree } from './tag-tree';

/** Options of the readable reports. */
export interface ReportOptions {
  /** The report's title; "Findings" by default. */
  title?: string;
}

/** Heading of the findings that have no tag left (their tags were deleted). */
export const UNTAGGED = 'Untagged';

/** Heading of the findings outside any country narrative. */
export const NO_COUNTRY_HEADING = 'No country';

interface CountryGroup {
  country: string;
  rows: FindingRow[];
}

interface TagGroup {
  heading: string;
  color: string | null;
  countries: CountryGroup[];
}

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * Findings grouped for reading: by tag in codebook tree order (a finding appears under each of its
 * tags, a parent lists only what is tagged with it directly), then by country in alphabetical
 * order with findings outside any country last, each group's findings in document order.
 */
function groupRows(rows: readonly FindingRow[], tags: readonly Tag[]): TagGroup[] {
  const byCountry = (list: FindingRow[]): CountryGroup[] => {
    const map = new Map<string, FindingRow[]>();
    for (const r of list) {
      const same = map.get(r.country);
      if (same) same.push(r);
      else map.set(r.country, [r]);
    }
    return [...map.keys()]
      .sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'en')))
      .map((country) => ({ country, rows: map.get(country)! }));
  };
  const groups: TagGroup[] = [];
  for (const node of tagTree(tags)) {
    const tagged = rows.filter((r) => r.tagIds.includes(node.tag.id));
    if (tagged.length === 0) continue;
    groups.push({ heading: node.path, color: HEX_COLOUR.test(node.tag.color) ? node.tag.color : null, countries: byCountry(tagged) });
  }
  const untagged = rows.filter((r) => r.tagIds.length === 0);
  if (untagged.length > 0) groups.push({ heading: UNTAGGED, color: null, countries: byCountry(untagged) });
  return groups;
}

function summary(rows: readonly FindingRow[]): string {
  const docs = new Set(rows.map((r) => r.documentId)).size;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(rows.length, 'finding')} from ${plural(docs, 'document')}.`;
}

function documents(rows: readonly FindingRow[]): FindingRow[] {
  const seen = new Map<string, FindingRow>();
  for (const r of rows) if (!seen.has(r.documentId)) seen.set(r.documentId, r);
  return [...seen.values()];
}

const ANCHOR_WARNINGS: Partial<Record<FindingRow['anchor'], string>> = {
  fuzzy: 'The document changed since this passage was tagged; it was found again with slightly different wording.',
  orphaned: 'This passage is no longer in the current version of the document.',
};

// Control characters are parse errors in HTML, forbidden in XML, and carry nothing readable.
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Paragraphs of a quote. Ingested text has one paragraph per line (soft wraps are already joined),
 * so every line break, and the blank line between pages, starts a new one.
 */
function quoteParagraphs(text: string): string[] {
  return normalizeNewlines(text)
    .split(/\n+/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
}

/** Paragraphs of a note: blank lines separate them; the analyst's line breaks inside one are kept. */
function paragraphs(text: string): string[][] {
  return normalizeNewlines(text)
    .split(/\n[ \t]*\n/)
    .map((p) => p.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line !== ''))
    .filter((lines) => lines.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Markdown

// Characters that start emphasis, code, links, raw HTML, entities, tables, strikethrough or math
// wherever they stand, and '#' which also closes a heading.
const MD_INLINE = /[\\`*_[\]<>&|~$#]/g;

/** Text as Markdown that renders as exactly that text: nothing in it can become structure. */
export function escapeMarkdown(line: string): string {
  return (
    line
      .replace(CONTROL, '')
      .replace(MD_INLINE, '\\$&')
      // At the start of a line these make lists, setext headings or ordered lists.
      .replace(/^([-+=])/, '\\$1')
      .replace(/^(\d{1,9})([.)])/, '$1\\$2')
  );
}

function mdHeading(level: number, text: string): string {
  return `${'#'.repeat(level)} ${escapeMarkdown(text.replace(/\s+/g, ' ').trim()) || '(untitled)'}`;
}

function mdFinding(row: FindingRow): string {
  const out: string[] = [];
  out.push(quoteParagraphs(row.quote).map((p) => `> ${escapeMarkdown(p)}`).join('\n>\n'));
  const note = paragraphs(row.note);
  // A note's line breaks are the analyst's own, so they stay (a backslash before a newline is a hard break).
  note.forEach((lines, i) => out.push(`${i === 0 ? '**Note:** ' : ''}${lines.map(escapeMarkdown).join('\\\n')}`));
  if (row.tagPaths.length > 1) out.push(`*Tags:* ${escapeMarkdown(row.tags)}`);
  const warning = ANCHOR_WARNINGS[row.anchor];
  if (warning) out.push(`*${escapeMarkdown(warning)}*`);
  out.push(`— ${escapeMarkdown(row.citation)}`);
  return out.join('\n\n');
}

/** A readable Markdown report: findings by tag, then country, each quoted with its note and citation. */
export function findingsToMarkdown(rows: readonly FindingRow[], tags: readonly Tag[], options: ReportOptions = {}): string {
  const out: string[] = [mdHeading(1, options.title ?? 'Findings'), escapeMarkdown(summary(rows))];
  for (const group of groupRows(rows, tags)) {
    out.push(mdHeading(2, group.heading));
    for (const { country, rows: list } of group.countries) {
      out.push(mdHeading(3, country || NO_COUNTRY_HEADING));
      for (const row of list) out.push(mdFinding(row));
    }
  }
  const docs = documents(rows);
  if (docs.length > 0) {
    out.push(mdHeading(2, 'Documents'));
    out.push(docs.map((r) => `- ${escapeMarkdown(documentLine(r))}`).join('\n'));
  }
  return out.join('\n\n') + '\n';
}

function documentLine(r: FindingRow): string {
  return [r.documentTitle, r.year === null ? '' : String(r.year), r.fileName].filter((p) => p !== '').join(', ');
}

// ---------------------------------------------------------------------------------------------
// HTML

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value: it can only ever be read, never run or parsed as markup. */
export function escapeHtml(text: string): string {
  return text.replace(CONTROL, '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * What the exported page may do: nothing but show itself with its own inline style. No script,
 * image, font, frame or fetch can run, even from text that slipped past escaping.
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'";

const CSS = `
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1a1a1a; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: .25rem; }
h2 { font-size: 1.35rem; margin-top: 2.5rem; border-bottom: 1px solid #ddd; padding-bottom: .25rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; color: #444; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 50%; margin-right: .4em; vertical-align: baseline; }
article { margin: 1rem 0 1.5rem; break-inside: avoid; }
blockquote { margin: 0 0 .5rem; padding: .25rem 1rem; border-left: 4px solid #bbb; background: #f7f7f7; }
blockquote p { margin: .4rem 0; }
.note, .tags, .warning, .citation { margin: .3rem 0; }
.tags, .citation { font-size: .9rem; color: #555; }
.warning { font-size: .9rem; color: #a61e4d; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
`.trim();

function htmlLines(lines: string[]): string {
  return lines.map(escapeHtml).join('<br />\n');
}

function htmlFinding(row: FindingRow): string {
  const out = ['<article>'];
  const quote = quoteParagraphs(row.quote).map((p) => `<p>${escapeHtml(p)}</p>`);
  out.push(`<blockquote>\n${quote.join('\n')}\n</blockquote>`);
  paragraphs(row.note).forEach((lines, i) => out.push(`<p class="note">${i === 0 ? '<strong>Note:</strong> ' : ''}${htmlLines(lines)}</p>`));
  if (row.tagPaths.length > 1) out.push(`<p class="tags">Tags: ${escapeHtml(row.tags)}</p>`);
  const warning = ANCHOR_WARNINGS[row.anchor];
  if (warning) out.push(`<p class="warning">${escapeHtml(warning)}</p>`);
  out.push(`<p class="citation">— ${escapeHtml(row.citation)}</p>`);
  out.push('</article>');
  return out.join('\n');
}

/**
 * The opening of a standalone HTML page: strict CSP, no external resource, the given inline CSS.
 * `title` must already be escaped. Close it with {@link HTML_PAGE_END}.
 */
export function htmlPageStart(title: string, css: string): string[] {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8" />',
    // A constant with no double quote: written as is, so the policy reads exactly as specified.
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}" />`,
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    '<meta name="generator" content="Report Workbench" />',
    `<title>${title}</title>`,
    `<style>\n${css}\n</style>`,
    '</head>',
    '<body>',
  ];
}

/** The end of a page begun with {@link htmlPageStart}. */
export const HTML_PAGE_END = ['</body>', '</html>'];

/**
 * The same report as one standalone HTML page (no external resource, no script; a strict
 * Content-Security-Policy). Every text is escaped, and the markup is also well-formed XML
 * (polyglot), so it can be checked with any XML parser.
 */
export function findingsToHtml(rows: readonly FindingRow[], tags: readonly Tag[], options: ReportOptions = {}): string {
  const title = escapeHtml(options.title ?? 'Findings');
  const out = [
    ...htmlPageStart(title, CSS),
    `<h1>${title}</h1>`,
    `<p>${escapeHtml(summary(rows))}</p>`,
  ];
  for (const group of groupRows(rows, tags)) {
    out.push('<section>');
    const swatch = group.color ? `<span class="swatch" style="background: ${group.color}"></span>` : '';
    out.push(`<h2>${swatch}${escapeHtml(group.heading)}</h2>`);
    for (const { country, rows: list } of group.countries) {
      out.push(`<h3>${escapeHtml(country || NO_COUNTRY_HEADING)}</h3>`);
      for (const row of list) out.push(htmlFinding(row));
    }
    out.push('</section>');
  }
  const docs = documents(rows);
  if (docs.length > 0) {
    out.push('<section>', '<h2>Documents</h2>', '<ul>');
    for (const r of docs) out.push(`<li>${escapeHtml(documentLine(r))}</li>`);
    out.push('</ul>', '</section>');
  }
  out.push(...HTML_PAGE_END);
  return out.join('\n') + '\n';
}
