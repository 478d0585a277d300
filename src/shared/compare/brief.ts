/**
 * A readable brief of a comparison, as Markdown or as one standalone HTML page: tier move,
 * figures table, recommendations tracker and the changed passages of each section.
 */
import { escapeHtml, escapeMarkdown, HTML_PAGE_END, htmlPageStart } from '../export/report';
import type { WordChange } from './align';
import type { CountryComparison, SectionChange } from './compare';
import type { FigureRow, FigureValue } from './figure-changes';

type Comparisons = CountryComparison | readonly CountryComparison[];

const list = (c: Comparisons): readonly CountryComparison[] => (Array.isArray(c) ? c : [c as CountryComparison]);

const SECTION_TITLES: Record<string, string> = {
  profile: 'Country profile',
  compliance: 'Compliance statement',
  recommendations: 'Recommendations',
  prosecution: 'Prosecution',
  protection: 'Protection',
  prevention: 'Prevention',
  'trafficking-profile': 'Trafficking profile',
};

const CHANGE_LABELS: Record<SectionChange['type'], string> = { changed: 'Changed', added: 'Added', removed: 'Removed', moved: 'Moved' };

function sectionTitle(kind: string): string {
  const known = SECTION_TITLES[kind];
  if (known) return known;
  const words = kind.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function yearLabel(year: number | null, fallback: string): string {
  return year === null ? fallback : String(year);
}

function heading(c: CountryComparison): string {
  return `${c.country}: ${yearLabel(c.earlier.year, 'earlier')} → ${yearLabel(c.later.year, 'later')}`;
}

function tierLine(c: CountryComparison): string {
  const tier = (t: string | null) => t ?? 'unknown';
  const move = { up: 'up', down: 'down', same: 'no change', 'n/a': 'not comparable' }[c.tierChange];
  return `${tier(c.earlier.tier)} → ${tier(c.later.tier)} (${move})`;
}

function figureName(kind: string): string {
  const words = kind.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function formatValue(v: FigureValue | null): string {
  if (!v) return '—';
  const n = v.value.toLocaleString('en-US');
  return v.currency ? `${n} ${v.currency}` : v.unit && /\(/.test(v.unit) ? `${n} ${v.unit}` : n;
}

function formatChange(f: FigureRow): string {
  if (!f.change) return f.earlier && f.later ? 'not comparable' : f.earlier ? 'no longer stated' : 'newly stated';
  const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '±');
  const abs = `${sign(f.change.absolute)}${Math.abs(f.change.absolute).toLocaleString('en-US')}`;
  // Whole percent reads best in a table; the JSON keeps one decimal.
  const pct = f.change.percent === null ? '' : ` (${sign(f.change.percent)}${Math.abs(Math.round(f.change.percent))} %)`;
  return `${abs}${f.change.basis === 'usd' ? ' USD' : ''}${pct}`;
}

/** Whitespace at the edge of an emphasised run breaks Markdown emphasis, so it goes outside the markers. */
function mdRun(text: string, marker: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  return m[2] === '' ? text : `${m[1]}${marker}${escapeMarkdown(m[2]!)}${marker}${m[3]}`;
}

function mdWords(words: readonly WordChange[]): string {
  return words
    .map((w) => (w.type === 'same' ? escapeMarkdown(w.text) : mdRun(w.text, w.type === 'added' ? '**' : '~~')))
    .join('')
    .replace(/\s+/g, ' ');
}

function mdChange(c: SectionChange): string {
  const label = `**${CHANGE_LABELS[c.type]}${c.fromSection ? ` (from ${escapeMarkdown(sectionTitle(c.fromSection).toLowerCase())})` : ''}:**`;
  if (c.type === 'changed' && c.words) return `- ${label} ${mdWords(c.words)}`;
  return `- ${label} ${escapeMarkdown((c.later ?? c.earlier)!.text)}`;
}

function mdComparison(c: CountryComparison): string {
  const out: string[] = [`## ${escapeMarkdown(heading(c))}`, `**Tier:** ${escapeMarkdown(tierLine(c))}`];
  if (c.figures.length > 0) {
    out.push('### Figures');
    const rows = [
      `| Figure | ${yearLabel(c.earlier.year, 'Earlier')} | ${yearLabel(c.later.year, 'Later')} | Change |`,
      '|---|---:|---:|---|',
      ...c.figures.map((f) => `| ${[figureName(f.kind), formatValue(f.earlier), formatValue(f.later), formatChange(f)].map(escapeMarkdown).join(' | ')} |`),
    ];
    out.push(rows.join('\n'));
  }
  const r = c.recommendations;
  if (r.kept.length + r.reworded.length + r.dropped.length + r.added.length > 0) {
    out.push('### Recommendations', escapeMarkdown(`${r.kept.length} kept, ${r.reworded.length} reworded, ${r.dropped.length} dropped, ${r.added.length} added.`));
    if (r.reworded.length > 0) {
      out.push(
        '#### Reworded',
        r.reworded.map((x) => `- ${escapeMarkdown(x.earlier.text)}\\\n  → ${escapeMarkdown(x.later.text)} *(similarity ${x.similarity.toFixed(2)})*`).join('\n'),
      );
    }
    if (r.dropped.length > 0) out.push('#### Dropped', r.dropped.map((x) => `- ${escapeMarkdown(x.text)}`).join('\n'));
    if (r.added.length > 0) out.push('#### Added', r.added.map((x) => `- ${escapeMarkdown(x.text)}`).join('\n'));
  }
  // The tracker above already tells the recommendations' story, better than a passage diff.
  const sections = c.sections.filter((s) => s.kind !== 'recommendations' && s.changes.length > 0);
  if (sections.length > 0) {
    out.push('### Changes by section');
    for (const s of sections) out.push(`#### ${escapeMarkdown(sectionTitle(s.kind))}`, s.changes.map(mdChange).join('\n'));
  } else {
    out.push('*No passage changed.*');
  }
  return out.join('\n\n');
}

/** The comparison (or several) as a Markdown brief; every text from the reports is escaped. */
export function comparisonToMarkdown(c: Comparisons): string {
  const all = list(c);
  const title = all.length === 1 ? `Comparison: ${heading(all[0]!)}` : `Comparison of ${all.length} countries`;
  return [`# ${escapeMarkdown(title)}`, ...all.map(mdComparison)].join('\n\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// HTML

const CSS = `
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1a1a1a; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; }
h2 { font-size: 1.4rem; margin-top: 2.5rem; border-bottom: 1px solid #ddd; padding-bottom: .25rem; }
h3 { font-size: 1.15rem; margin-top: 1.5rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .4rem; color: #444; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ddd; padding: .25rem .6rem; text-align: left; }
td.num { text-align: right; }
li { margin: .3rem 0; }
del { background: #ffe3e3; color: #a61e4d; }
ins { background: #d3f9d8; color: #2b8a3e; text-decoration: none; }
.tag { font-size: .8rem; font-weight: 600; text-transform: uppercase; margin-right: .4em; color: #555; }
.tier-down { color: #a61e4d; } .tier-up { color: #2b8a3e; }
.muted { color: #666; }
@media print { body { margin: 0; max-width: none; } }
`.trim();

function htmlWords(words: readonly WordChange[]): string {
  return words
    .map((w) => (w.type === 'same' ? escapeHtml(w.text) : w.type === 'added' ? `<ins>${escapeHtml(w.text)}</ins>` : `<del>${escapeHtml(w.text)}</del>`))
    .join('');
}

function htmlChange(c: SectionChange): string {
  const label = `${CHANGE_LABELS[c.type]}${c.fromSection ? ` from ${sectionTitle(c.fromSection).toLowerCase()}` : ''}`;
  const body = c.type === 'changed' && c.words ? htmlWords(c.words) : escapeHtml((c.later ?? c.earlier)!.text);
  const wrapped = c.type === 'removed' ? `<del>${body}</del>` : c.type === 'added' ? `<ins>${body}</ins>` : body;
  return `<li><span class="tag">${escapeHtml(label)}</span>${wrapped}</li>`;
}

function htmlComparison(c: CountryComparison): string {
  const out: string[] = ['<section>', `<h2>${escapeHtml(heading(c))}</h2>`];
  out.push(`<p><strong>Tier:</strong> <span class="tier-${escapeHtml(c.tierChange === 'n/a' ? 'na' : c.tierChange)}">${escapeHtml(tierLine(c))}</span></p>`);
  if (c.figures.length > 0) {
    out.push('<h3>Figures</h3>', '<table>', '<thead>');
    out.push(`<tr><th>Figure</th><th>${escapeHtml(yearLabel(c.earlier.year, 'Earlier'))}</th><th>${escapeHtml(yearLabel(c.later.year, 'Later'))}</th><th>Change</th></tr>`);
    out.push('</thead>', '<tbody>');
    for (const f of c.figures) {
      const quote = (f.later ?? f.earlier)!.quote;
      out.push(
        `<tr title="${escapeHtml(quote)}"><td>${escapeHtml(figureName(f.kind))}</td><td class="num">${escapeHtml(formatValue(f.earlier))}</td>` +
          `<td class="num">${escapeHtml(formatValue(f.later))}</td><td>${escapeHtml(formatChange(f))}</td></tr>`,
      );
    }
    out.push('</tbody>', '</table>');
  }
  const r = c.recommendations;
  if (r.kept.length + r.reworded.length + r.dropped.length + r.added.length > 0) {
    out.push('<h3>Recommendations</h3>');
    out.push(`<p>${escapeHtml(`${r.kept.length} kept, ${r.reworded.length} reworded, ${r.dropped.length} dropped, ${r.added.length} added.`)}</p>`);
    if (r.reworded.length > 0) {
      out.push('<h4>Reworded</h4>', '<ul>');
      for (const x of r.reworded) {
        out.push(`<li><del>${escapeHtml(x.earlier.text)}</del><br />\n<ins>${escapeHtml(x.later.text)}</ins> <span class="muted">(similarity ${x.similarity.toFixed(2)})</span></li>`);
      }
      out.push('</ul>');
    }
    if (r.dropped.length > 0) out.push('<h4>Dropped</h4>', '<ul>', ...r.dropped.map((x) => `<li><del>${escapeHtml(x.text)}</del></li>`), '</ul>');
    if (r.added.length > 0) out.push('<h4>Added</h4>', '<ul>', ...r.added.map((x) => `<li><ins>${escapeHtml(x.text)}</ins></li>`), '</ul>');
  }
  const sections = c.sections.filter((s) => s.kind !== 'recommendations' && s.changes.length > 0);
  if (sections.length > 0) {
    out.push('<h3>Changes by section</h3>');
    for (const s of sections) out.push(`<h4>${escapeHtml(sectionTitle(s.kind))}</h4>`, '<ul>', ...s.changes.map(htmlChange), '</ul>');
  } else {
    out.push('<p class="muted">No passage changed.</p>');
  }
  out.push('</section>');
  return out.join('\n');
}

/**
 * The comparison (or several) as one standalone HTML page: every text escaped, no script or
 * external resource, and the export's strict Content-Security-Policy.
 */
export function comparisonToHtml(c: Comparisons): string {
  const all = list(c);
  const title = escapeHtml(all.length === 1 ? `Comparison: ${heading(all[0]!)}` : `Comparison of ${all.length} countries`);
  return (
    [...htmlPageStart(title, CSS), `<h1>${title}</h1>`, ...all.map(htmlComparison), ...HTML_PAGE_END].join('\n') + '\n'
  );
}
