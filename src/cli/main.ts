import { parseArgs } from 'node:util';
import { ingestPath } from '../node/ingest-path';
import {
  compareAll,
  compareCountry,
  comparisonJson,
  comparisonToHtml,
  comparisonToMarkdown,
  countriesAcross,
  countryTimeline,
  CountryNotFoundError,
  recommendationMatrix,
  type CompareSide,
} from '../shared/compare';
import { ingestJson } from '../shared/ingest/ingest-json';
import { FIGURE_LABELS } from '../shared/model/section-labels';
import { errorMessage } from '../shared/result';
import { BACKUP_COMMANDS, BACKUP_USAGE, runBackupCommand } from './export-command';
import { runSearchCommand, SEARCH_USAGE } from './search-command';

const USAGE = `Report Workbench command line

Usage:
  rwb ingest <file> [--json] [--password <pw>]   Read a PDF or text file: its structure, figures and text
  rwb compare <earlier> <later> [--country <name>] [--json | --html] [--significant]
                                                 Compare a country (default: every country in both) across two editions
  rwb timeline <file>… --country <name> [--json]  One country over every edition given: tier, figures and
                                                 recommendations year by year

Options:
  --json        ingest: print { file, year, yearSource, pages, characters, warnings, countries, outline, text }
                compare: print { country, earlier, later, tierChange, figures, recommendations, sections }
                (an array of them without --country)
                timeline: print { country, editions, timeline, missing, recommendations }
  --html        compare: print the brief as a standalone HTML page (default: Markdown)
  --country     compare, timeline: the country, in any spelling or alias ("Myanmar", "Czechia")
  --significant compare: hide routine rewording (keep changed numbers, negations and claims)
  --password    User password of an encrypted PDF
  -h, --help    Show this help`;

/** Runs the CLI with the given arguments; resolves to the process exit code. */
export async function main(argv: string[], out = process.stdout, errOut = process.stderr): Promise<number> {
  if (argv[0] !== undefined && BACKUP_COMMANDS.includes(argv[0])) return runBackupCommand(argv, out, errOut);
  if (argv[0] === 'search') return runSearchCommand(argv.slice(1), out, errOut);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        password: { type: 'string' },
        country: { type: 'string' },
        html: { type: 'boolean', default: false },
        significant: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    errOut.write(`rwb: ${errorMessage(e)}\n`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help || !command) {
    out.write(`${USAGE}\n\n${SEARCH_USAGE}\n\n${BACKUP_USAGE}\n`);
    return command || parsed.values.help ? 0 : 2;
  }
  if (command === 'compare') return compare(rest, parsed.values, out, errOut);
  if (command === 'timeline') return timeline(rest, parsed.values, out, errOut);
  if (command !== 'ingest') {
    errOut.write(`rwb: unknown command “${command}” (try: rwb --help)\n`);
    return 2;
  }
  if (rest.length !== 1) {
    errOut.write('rwb: ingest takes exactly one file\n');
    return 2;
  }
  const file = rest[0]!;
  try {
    const { document } = await ingestPath(file, parsed.values.password !== undefined ? { password: parsed.values.password } : {});
    if (parsed.values.json) {
      out.write(JSON.stringify(ingestJson(file, document), null, 2) + '\n');
    } else {
      const { year, countries } = document.structure;
      out.write(`${file}: ${document.pageStarts.length} ${document.pageStarts.length === 1 ? "page" : "pages"}, ${document.characters} characters${year ? `, report year ${year}` : ''}\n`);
      for (const c of countries) out.write(`  ${c.name}${c.tier ? `: ${c.tier}` : ''}${c.inferred ? ' (inferred)' : ''} — ${c.sections.map((s) => s.kind).join(', ')}\n`);
      for (const w of document.warnings) out.write(`warning: ${w}\n`);
    }
    return 0;
  } catch (e) {
    errOut.write(`rwb: ${file}: ${errorMessage(e).replace(/\s+/g, ' ')}\n`);
    return 1;
  }
}

interface CompareFlags {
  json: boolean;
  html: boolean;
  significant: boolean;
  country?: string;
  password?: string;
}

/** Each file ingested in turn (a PDF reads its pages in parallel) as one side of a comparison; undefined after saying why one failed. */
async function ingestSides(files: string[], password: string | undefined, errOut: NodeJS.WritableStream): Promise<CompareSide[] | undefined> {
  const sides: CompareSide[] = [];
  for (const file of files) {
    try {
      const { document } = await ingestPath(file, password !== undefined ? { password } : {});
      sides.push({ text: document.text, structure: document.structure, pageStarts: document.pageStarts });
    } catch (e) {
      errOut.write(`rwb: ${file}: ${errorMessage(e).replace(/\s+/g, ' ')}\n`);
      return undefined;
    }
  }
  return sides;
}

/** `rwb compare`: both files ingested in turn (a PDF already reads its pages in parallel), then compared. */
async function compare(files: string[], flags: CompareFlags, out: NodeJS.WritableStream, errOut: NodeJS.WritableStream): Promise<number> {
  if (files.length !== 2) {
    errOut.write('rwb: compare takes exactly two files: the earlier edition, then the later one\n');
    return 2;
  }
  const sides = await ingestSides(files, flags.password, errOut);
  if (!sides) return 1;
  const [earlier, later] = sides as [CompareSide, CompareSide];
  const options = { significantOnly: flags.significant };
  let result;
  try {
    result = flags.country !== undefined ? compareCountry(earlier, later, flags.country, options) : compareAll(earlier, later, options);
  } catch (e) {
    errOut.write(`rwb: ${e instanceof CountryNotFoundError ? e.message : errorMessage(e).replace(/\s+/g, ' ')}\n`);
    return 1;
  }
  if (flags.json) {
    const json = Array.isArray(result) ? result.map(comparisonJson) : comparisonJson(result);
    out.write(JSON.stringify(json, null, 2) + '\n');
  } else {
    out.write(flags.html ? comparisonToHtml(result) : comparisonToMarkdown(result));
  }
  return 0;
}

/** `rwb timeline`: every file ingested in turn, then one country followed across them (oldest first). */
async function timeline(files: string[], flags: CompareFlags, out: NodeJS.WritableStream, errOut: NodeJS.WritableStream): Promise<number> {
  if (files.length === 0) {
    errOut.write('rwb: timeline takes one or more files, the editions to follow a country across\n');
    return 2;
  }
  const sides = await ingestSides(files, flags.password, errOut);
  if (!sides) return 1;
  const known = countriesAcross(sides).map((c) => c.country);
  if (flags.country === undefined) {
    errOut.write(`rwb: timeline needs --country; ${known.length ? `countries in these files: ${known.join(', ')}` : 'these files hold no country'}\n`);
    return 2;
  }
  const t = countryTimeline(sides, flags.country);
  if (t.entries.length === 0) {
    errOut.write(`rwb: “${flags.country}” is in none of these files; ${known.length ? `countries in them: ${known.join(', ')}` : 'they hold no country'}.\n`);
    return 1;
  }
  const m = recommendationMatrix(sides, flags.country);
  const fileOf = (i: number) => files[i]!;
  if (flags.json) {
    const json = {
      country: t.country,
      editions: t.entries.map((e) => ({ file: fileOf(e.edition), year: e.year })),
      timeline: t.entries.map(({ edition, ...e }) => ({ file: fileOf(edition), ...e })),
      missing: t.missing.map(fileOf),
      recommendations: { columns: m.columns.map((c) => ({ file: fileOf(c.edition), year: c.year })), rows: m.rows },
    };
    out.write(JSON.stringify(json, null, 2) + '\n');
    return 0;
  }
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
  const lines = [`# ${t.country} over ${t.entries.length} edition${t.entries.length === 1 ? '' : 's'}`, ''];
  lines.push(`| Year | File | Tier | Move |${t.figureKinds.map((k) => ` ${FIGURE_LABELS[k]} |`).join('')}`);
  lines.push(`|---|---|---|---|${t.figureKinds.map(() => '---|').join('')}`);
  for (const e of t.entries) {
    const figures = t.figureKinds.map((k) => ` ${e.figures[k] ? e.figures[k].value.toLocaleString('en-US') : '—'} |`).join('');
    lines.push(`| ${e.year ?? '—'} | ${cell(fileOf(e.edition))} | ${e.tier ?? '—'} | ${e.tierChange ?? '—'} |${figures}`);
  }
  if (t.missing.length) lines.push('', `Not in: ${t.missing.map(fileOf).join(', ')}`);
  lines.push('', '## Recommendations, year by year', '');
  if (m.rows.length === 0) lines.push('None found.');
  else {
    lines.push(`| Recommendation | Editions |${m.columns.map((c) => ` ${c.year ?? cell(fileOf(c.edition))} |`).join('')}`);
    lines.push(`|---|---|${m.columns.map(() => '---|').join('')}`);
    for (const r of m.rows) lines.push(`| ${cell(r.text)} | ${r.present} of ${m.columns.length} |${r.cells.map((c) => ` ${c.status === 'absent' ? '—' : c.status} |`).join('')}`);
  }
  out.write(lines.join('\n') + '\n');
  return 0;
}
